/**
 * `npm run exchange -- [options]`: runs the mock exchange as a process.
 * Without an account (flag or environment) its default login gets a random
 * token, printed first as `Account demo token: <token>`. Once listening it
 * prints `Chart API listening on http://HOST:PORT` (unless --no-chart-api)
 * and then `Exchange listening on ws://HOST:PORT (logins: a, b)`, sends
 * `{type:'listening', url, port, chartUrl}` to an IPC parent, and stops
 * cleanly on SIGINT/SIGTERM (exit 0). A bad option exits 2. With
 * `--replay FILE --speed N` it replays the file (a bad file exits 1 naming
 * file and line) and its IPC parent steers the replay with
 * `{type:'replay', action, ...}` messages, each answered `{type:'replay', status}`
 * or `{type:'replay', error}`.
 */
import { ReplayControlMessage } from './market/replay/controlMessage';
import { startExchange, type ExchangeHandle } from './index';
import { ACCOUNT_ENV, USAGE, parseCliArgs } from './server/cliArgs';
import { defaultAccountsWithToken, randomToken } from './server/standaloneAccount';

/** An Electron utility process talks to its parent through `process.parentPort`, a forked Node child through `process.send`. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort;

function toParent(message: unknown): void {
  if (process.send) process.send(message);
  else parentPort?.postMessage(message);
}

function onParentMessage(listener: (message: unknown) => void): void {
  process.on('message', listener);
  parentPort?.on('message', (event) => listener(event.data));
}

/** Runs the CLI: exits early on --help or a bad option, else serves until a signal. */
async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseCliArgs(argv, process.env);
  // The token is read: keep it from anything this process might start.
  delete process.env[ACCOUNT_ENV];
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\nRun with --help for the list of options.\n`);
    process.exit(2);
  }
  if (parsed.command.kind === 'help') {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const { options, verbose } = parsed.command;
  // A given account keeps its token; otherwise nobody but the reader of our stdout knows it.
  const generated = options.accounts === undefined ? randomToken() : null;
  const accounts =
    generated === null
      ? options.accounts
      : defaultAccountsWithToken(options.revision ?? 'extended', generated);
  let handle: ExchangeHandle;
  try {
    handle = await startExchange({
      ...options,
      // Without a journal, ids start at the start time (ms): a restart never reuses one.
      ...(options.dataDir === undefined ? { firstOrderId: Date.now() } : {}),
      accounts,
      log: verbose ? (message) => process.stderr.write(`[exchange] ${message}\n`) : undefined,
    });
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    handle.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A parent that launched us over IPC and went away takes us with it.
  process.on('disconnect', stop);
  // The token and Chart API lines come first: whoever waits for the exchange line has them all.
  if (generated !== null) {
    process.stdout.write(`Account ${handle.logins.join(', ')} token: ${generated}\n`);
  }
  const replay = handle.controls.replay;
  if (replay) {
    const s = replay.status();
    process.stdout.write(`Replay ${s.symbol} from ${s.first} to ${s.end} at ${s.speed}x\n`);
    // Only the parent that launched us can steer the replay: no new wire event, no unauthenticated HTTP.
    onParentMessage((message) => {
      const parsed = ReplayControlMessage.safeParse(message);
      if (!parsed.success) return;
      const { type: _type, ...action } = parsed.data;
      const result = replay.control(action);
      toParent(
        result.ok
          ? { type: 'replay', status: result.value }
          : { type: 'replay', error: result.error.error },
      );
    });
  }
  if (handle.chartUrl !== null) process.stdout.write(`Chart API listening on ${handle.chartUrl}\n`);
  process.stdout.write(
    `Exchange listening on ${handle.url} (logins: ${handle.logins.join(', ')}) revision ${options.revision ?? 'extended'}\n`,
  );
  process.send?.({
    type: 'listening',
    url: handle.url,
    port: handle.port,
    chartUrl: handle.chartUrl,
  });
}

void main(process.argv.slice(2));
