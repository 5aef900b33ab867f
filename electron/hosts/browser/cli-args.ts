/** The browser host's command line. */
import { parseArgs } from 'node:util';
import type { BrowserHostOptions } from './host';

export const USAGE =
  'usage: npm run web -- --port <n> --data <dir> [--exchange-url <ws url> --exchange-token <t>] [--no-open] [--verbose]';

/** Parses the CLI arguments into host options; throws a usage message on bad input. */
export function parseCliArgs(argv: string[]): BrowserHostOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'exchange-url': { type: 'string' },
      'exchange-token': { type: 'string' },
      'exchange-login': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (!values.data) throw new Error('--data <dir> is required');
  const url = values['exchange-url'];
  const token = values['exchange-token'];
  if ((url === undefined) !== (token === undefined)) {
    throw new Error('--exchange-url and --exchange-token go together');
  }
  if (url !== undefined && !/^wss?:\/\/\S+$/.test(url))
    throw new Error('--exchange-url must start with ws:// or wss://');
  const log = values.verbose ? (line: string) => console.error(line) : undefined;
  return {
    port,
    dataDir: values.data,
    exchange:
      url !== undefined && token !== undefined
        ? { url, token, login: values['exchange-login'] }
        : 'paper',
    open: !values['no-open'],
    log,
  };
}
