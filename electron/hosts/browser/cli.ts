/**
 * `npm run web -- --port <n> --data <dir> [--exchange-url <ws url>] [--no-open]`
 * (the exchange's token from $PAPER_DESK_EXCHANGE_TOKEN or
 * --exchange-token-file): runs the browser host until Ctrl-C and prints
 * `App: <address>`.
 */
import { EXCHANGE_TOKEN_ENV, USAGE, parseCliArgs } from './cli-args';
import path from 'node:path';
import {
  RendererNotBuiltError,
  SECRETS_KEY_FILE,
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from './host';

async function main(): Promise<void> {
  let options: BrowserHostOptions;
  try {
    const command = parseCliArgs(process.argv.slice(2), process.env);
    for (const warning of command.warnings) console.error(warning);
    options = command.options;
    // Read: keep the token out of the environment of every child (the paper exchange).
    delete process.env[EXCHANGE_TOKEN_ENV];
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  let host: BrowserHost;
  try {
    host = await startBrowserHost(options);
  } catch (error) {
    console.error(error instanceof RendererNotBuiltError ? error.message : error);
    process.exitCode = 1;
    return;
  }
  console.log(`App: ${host.url}`);
  console.log(
    `Saved tokens are encrypted with the key in ${path.join(options.dataDir, SECRETS_KEY_FILE)}: ` +
      'no OS keychain is reachable from the browser host, so anyone who can read your files can read them.',
  );
  let stopping = false;
  const stop = (): void => {
    // A second Ctrl-C does not wait for a clean close.
    if (stopping) process.exit(130);
    stopping = true;
    host
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit());
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
