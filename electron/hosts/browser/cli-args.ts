/** The browser host's command line. */
import { ChartUrl, ProfileRevision } from '../../../shared/ipc';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { BrowserHostOptions } from './host';

/** Environment variable holding the token of `--exchange-url` (kept out of the process list). */
export const EXCHANGE_TOKEN_ENV = 'PAPER_DESK_EXCHANGE_TOKEN';

export const USAGE =
  'usage: npm run web -- --port <n> --data <dir> [--exchange-url <ws url> [--exchange-token-file <0600 file>]\n' +
  '         [--exchange-login <login>] [--exchange-revision auto|extended|first|current] [--chart-url <http url>]]\n' +
  '         [--no-open] [--verbose]\n' +
  `  the token of --exchange-url comes from $${EXCHANGE_TOKEN_ENV}, or --exchange-token-file,\n` +
  '  or --exchange-token <t> (visible to every local user in the process list: avoid)';

/** Parsed command line: the host's options and warnings to print. */
export interface CliCommand {
  options: BrowserHostOptions;
  warnings: string[];
}

/** Reads a token file, refusing one that other users can read (as ssh does with keys). */
function readTokenFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new Error(`--exchange-token-file: cannot read ${file}`);
  }
  if ((stat.mode & 0o077) !== 0)
    throw new Error(
      `--exchange-token-file: ${file} is readable by other users; run chmod 600 ${file}`,
    );
  const token = fs.readFileSync(file, 'utf8').trim();
  if (!token) throw new Error(`--exchange-token-file: ${file} is empty`);
  return token;
}

/** Parses the CLI arguments (and the token variable of `env`) into host options; throws a usage message on bad input. */
export function parseCliArgs(
  argv: string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'exchange-url': { type: 'string' },
      'exchange-token': { type: 'string' },
      'exchange-token-file': { type: 'string' },
      'exchange-login': { type: 'string' },
      'exchange-revision': { type: 'string' },
      'chart-url': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!values.data) throw new Error('--data <dir> is required');
  const warnings: string[] = [];
  const url = values['exchange-url'];
  const sources = [
    values['exchange-token'],
    values['exchange-token-file'],
    env[EXCHANGE_TOKEN_ENV] || undefined,
  ].filter((source) => source !== undefined);
  if (sources.length > 1)
    throw new Error(
      `give the exchange token one way: --exchange-token-file, $${EXCHANGE_TOKEN_ENV} or --exchange-token`,
    );
  if ((url === undefined) !== (sources.length === 0)) {
    throw new Error(
      `--exchange-url and its token (--exchange-token-file, $${EXCHANGE_TOKEN_ENV} or --exchange-token) go together`,
    );
  }
  if (url !== undefined && !/^wss?:\/\/\S+$/.test(url))
    throw new Error('--exchange-url must start with ws:// or wss://');
  let token: string | undefined;
  if (values['exchange-token'] !== undefined) {
    token = values['exchange-token'];
    warnings.push(
      `warning: --exchange-token is visible to every local user in the process list; use $${EXCHANGE_TOKEN_ENV} or --exchange-token-file`,
    );
  } else if (values['exchange-token-file'] !== undefined) {
    token = readTokenFile(values['exchange-token-file']);
  } else {
    token = env[EXCHANGE_TOKEN_ENV] || undefined;
  }
  const revision = ProfileRevision.safeParse(values['exchange-revision'] ?? 'auto');
  if (!revision.success)
    throw new Error(
      `--exchange-revision must be one of ${ProfileRevision.options.join(', ')}, got ${values['exchange-revision']}`,
    );
  const chartUrl = values['chart-url'] ?? null;
  if (chartUrl !== null && !ChartUrl.safeParse(chartUrl).success)
    throw new Error('--chart-url must start with http:// or https://');
  if (url === undefined && (values['exchange-revision'] !== undefined || chartUrl !== null))
    throw new Error('--exchange-revision and --chart-url go with --exchange-url');
  const log = values.verbose ? (line: string) => console.error(line) : undefined;
  return {
    options: {
      port,
      dataDir: values.data,
      exchange:
        url !== undefined && token !== undefined
          ? { url, token, login: values['exchange-login'], revision: revision.data, chartUrl }
          : 'paper',
      open: !values['no-open'],
      log,
    },
    warnings,
  };
}
