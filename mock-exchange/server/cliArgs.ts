/** Command-line arguments of `npm run exchange` (errors as values, never exits). */
import { parseArgs } from 'node:util';
import { Revision } from '../../shared/protocol/revisions';
import type { AccountConfig } from './accounts';
import { AllowedOrigin } from './admission';
import type { ExchangeOptions } from './options';

/** What the command line asks for. */
export type CliCommand =
  { kind: 'help' } | { kind: 'run'; options: ExchangeOptions; verbose: boolean };

/** Result of parsing the command line. */
export type CliParse = { ok: true; command: CliCommand } | { ok: false; error: string };

/** Environment variable with one more account, LOGIN:TOKEN (a token here stays out of the process list). */
export const ACCOUNT_ENV = 'MOCK_EXCHANGE_ACCOUNT';

/** Usage text listing every option. */
export const USAGE = `Usage: npm run exchange -- [options]

Starts the mock exchange (WebSocket, docs/protocol.md) on the loopback interface.

Options:
  --port <n>              TCP port; 0 picks a free one (default 0)
  --host <addr>           interface to bind (default 127.0.0.1)
  --seed <n>              seed of the simulated market (default 1)
  --account <L:T>         account LOGIN:TOKEN, repeatable; LOGIN1,LOGIN2:TOKEN gives
                          one token several logins (default: login demo with a
                          random token, printed at start)
  --allow-origin <o>      browser Origin allowed to open the socket, repeatable
                          (default none: upgrades with an Origin header get 403)
  --data <dir>            persist user orders and fills in <dir> (default: none)
  --tick-ms <n>           market step in ms (default 250)
  --heartbeat-ms <n>      ping interval in ms (default 5000)
  --cancel-on-disconnect  cancel a login's working orders when its last session closes
  --chart-port <n>        TCP port of the Chart API; 0 picks a free one (default 0)
  --no-chart-api          do not serve the Chart API
  --revision <r>          protocol revision of the order socket: extended, first or
                          current (default extended; current's default account is 100001:demo)
  --replay <file>         replay a CSV of 1-minute candles (Binance klines, HistData
                          ASCII M1, or time,open,high,low,close,volume) instead of
                          the simulated market; only its instrument trades
  --speed <n>             replay speed, 1-500 times real time (default 1)
  --replay-symbol <s>     the replayed instrument when the file name does not name it
  --verbose               log sessions and errors to stderr
  --help                  show this help

Environment:
  MOCK_EXCHANGE_ACCOUNT   one more account LOGIN:TOKEN, kept out of the process list
`;

function parseAccount(spec: string): AccountConfig | string {
  const colon = spec.indexOf(':');
  if (colon <= 0 || colon === spec.length - 1)
    return `--account expects LOGIN:TOKEN, got "${spec}"`;
  const logins = spec.slice(0, colon).split(',');
  if (logins.some((l) => l.length === 0)) return `--account has an empty login in "${spec}"`;
  return { login: logins, token: spec.slice(colon + 1) };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseInteger(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): Parsed<number | undefined> {
  if (text === undefined) return { ok: true, value: undefined };
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    return {
      ok: false,
      error: `--${name} expects an integer from ${min} to ${max}, got "${text}"`,
    };
  }
  return { ok: true, value };
}

/** Parses `argv` (without node and the script) and the account in `env[ACCOUNT_ENV]`, if any. */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliParse {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        account: { type: 'string', multiple: true },
        'allow-origin': { type: 'string', multiple: true },
        data: { type: 'string' },
        'tick-ms': { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'cancel-on-disconnect': { type: 'boolean' },
        'chart-port': { type: 'string' },
        'no-chart-api': { type: 'boolean' },
        revision: { type: 'string' },
        replay: { type: 'string' },
        speed: { type: 'string' },
        'replay-symbol': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: true, command: { kind: 'help' } };
  const port = parseInteger('port', values.port, 0, 65535);
  const seed = parseInteger('seed', values.seed, 0, 2 ** 32 - 1);
  const tickMs = parseInteger('tick-ms', values['tick-ms'], 1, 3_600_000);
  const heartbeatMs = parseInteger('heartbeat-ms', values['heartbeat-ms'], 1, 3_600_000);
  if (!port.ok) return port;
  const chartPort = parseInteger('chart-port', values['chart-port'], 0, 65535);
  if (!chartPort.ok) return chartPort;
  if (!seed.ok) return seed;
  if (!tickMs.ok) return tickMs;
  if (!heartbeatMs.ok) return heartbeatMs;
  const accounts: AccountConfig[] = [];
  const fromEnv = env[ACCOUNT_ENV];
  for (const spec of [...(values.account ?? []), ...(fromEnv ? [fromEnv] : [])]) {
    const account = parseAccount(spec);
    if (typeof account === 'string') return { ok: false, error: account };
    accounts.push(account);
  }
  if (values.host !== undefined && values.host.length === 0)
    return { ok: false, error: '--host must not be empty' };
  if (values.data !== undefined && values.data.length === 0)
    return { ok: false, error: '--data must not be empty' };
  const options: ExchangeOptions = {
    port: port.value,
    seed: seed.value,
    tickMs: tickMs.value,
    heartbeatMs: heartbeatMs.value,
    host: values.host,
    dataDir: values.data,
    cancelOnDisconnect: values['cancel-on-disconnect'] ?? false,
    chartPort: chartPort.value,
  };
  if (values['no-chart-api']) options.chartApi = false;
  const allowedOrigins: string[] = [];
  for (const text of values['allow-origin'] ?? []) {
    const origin = AllowedOrigin.safeParse(text);
    if (!origin.success)
      return {
        ok: false,
        error: `--allow-origin expects an origin such as http://localhost:5173, got "${text}"`,
      };
    allowedOrigins.push(origin.data);
  }
  if (allowedOrigins.length > 0) options.allowedOrigins = allowedOrigins;
  if (accounts.length > 0) options.accounts = accounts;
  const speed = parseInteger('speed', values.speed, 1, 500);
  if (!speed.ok) return speed;
  if (values.replay === undefined && (speed.value !== undefined || values['replay-symbol'])) {
    return { ok: false, error: '--speed and --replay-symbol need --replay <file>' };
  }
  if (values.replay !== undefined) {
    if (values.replay.length === 0) return { ok: false, error: '--replay must not be empty' };
    options.replay = { file: values.replay, speed: speed.value ?? 1 };
    if (values['replay-symbol']) options.replay.symbol = values['replay-symbol'];
  }
  if (values.revision !== undefined) {
    const revision = Revision.safeParse(values.revision);
    if (!revision.success)
      return {
        ok: false,
        error: `--revision expects extended, first or current, got "${values.revision}"`,
      };
    options.revision = revision.data;
  }
  return { ok: true, command: { kind: 'run', options, verbose: values.verbose ?? false } };
}
