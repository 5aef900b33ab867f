/**
 * `npm run web -- --port <n> --data <dir> [--exchange-url <ws url> --exchange-token <t>] [--no-open]`:
 * runs the browser host until Ctrl-C and prints `App: <address>`.
 */
import { USAGE, parseCliArgs } from './cli-args';
import {
  RendererNotBuiltError,
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from './host';

async function main(): Promise<void> {
  let options: BrowserHostOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
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
