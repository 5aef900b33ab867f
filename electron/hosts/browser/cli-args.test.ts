import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/coreTestkit';
import { EXCHANGE_TOKEN_ENV, parseCliArgs } from './cli-args';

const tmp = tempDir('pd-cli-');
afterAll(() => tmp.remove());

const withUrl = ['--data', '/d', '--exchange-url', 'ws://127.0.0.1:9/'];

function tokenFile(name: string, mode: number): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, 'tok-from-file\n', { mode });
  fs.chmodSync(file, mode);
  return file;
}

describe('browser host command line', () => {
  it('defaults to the paper exchange and opening the browser', () => {
    expect(parseCliArgs(['--port', '0', '--data', '/d'])).toMatchObject({
      options: { port: 0, dataDir: '/d', exchange: 'paper', open: true },
      warnings: [],
    });
  });

  it('takes the token of an exchange the caller runs from the environment, and --no-open', () => {
    expect(
      parseCliArgs(['--port', '8123', ...withUrl, '--no-open'], { [EXCHANGE_TOKEN_ENV]: 't' }),
    ).toEqual(
      expect.objectContaining({
        options: expect.objectContaining({
          port: 8123,
          exchange: {
            url: 'ws://127.0.0.1:9/',
            token: 't',
            login: undefined,
            revision: 'auto',
            chartUrl: null,
          },
          open: false,
        }),
        warnings: [],
      }),
    );
  });

  it('reads the token from a 0600 file and refuses a file other users can read', () => {
    expect(
      parseCliArgs([...withUrl, '--exchange-token-file', tokenFile('ok', 0o600)]).options.exchange,
    ).toMatchObject({ token: 'tok-from-file' });
    expect(() =>
      parseCliArgs([...withUrl, '--exchange-token-file', tokenFile('loose', 0o644)]),
    ).toThrow(/chmod 600/);
    expect(() =>
      parseCliArgs([...withUrl, '--exchange-token-file', path.join(tmp.dir, 'none')]),
    ).toThrow(/cannot read/);
  });

  it('still takes --exchange-token, warning that the process list shows it', () => {
    const command = parseCliArgs([...withUrl, '--exchange-token', 't']);
    expect(command.options.exchange).toMatchObject({ token: 't' });
    expect(command.warnings.join('\n')).toMatch(/process list/);
  });

  it('explains bad arguments', () => {
    expect(() => parseCliArgs(['--port', '0'])).toThrow(/--data/);
    expect(() => parseCliArgs(['--port', '70000', '--data', '/d'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--data', '/d', '--exchange-url', 'ws://x'])).toThrow(/together/);
    expect(() => parseCliArgs(['--data', '/d'], { [EXCHANGE_TOKEN_ENV]: 't' })).toThrow(/together/);
    expect(() =>
      parseCliArgs([...withUrl, '--exchange-token', 't'], { [EXCHANGE_TOKEN_ENV]: 'u' }),
    ).toThrow(/one way/);
    expect(() =>
      parseCliArgs(['--data', '/d', '--exchange-url', 'http://x'], { [EXCHANGE_TOKEN_ENV]: 't' }),
    ).toThrow(/ws:\/\//);
    expect(() => parseCliArgs(['--data', '/d', '--bogus'])).toThrow();
  });

  it('takes the exchange revision and Chart API, refusing bad values and orphans', () => {
    const env = { [EXCHANGE_TOKEN_ENV]: 't' };
    const base = ['--data', '/d', '--exchange-url', 'ws://127.0.0.1:9/'];
    const parsed = parseCliArgs(
      [...base, '--exchange-revision', 'current', '--chart-url', 'http://127.0.0.1:10'],
      env,
    );
    expect(parsed.options.exchange).toMatchObject({
      revision: 'current',
      chartUrl: 'http://127.0.0.1:10',
    });
    expect(() => parseCliArgs([...base, '--exchange-revision', 'newest'], env)).toThrow(
      /--exchange-revision must be one of auto, extended, first, current/,
    );
    expect(() => parseCliArgs([...base, '--chart-url', 'ftp://x'], env)).toThrow(/--chart-url/);
    expect(() => parseCliArgs(['--data', '/d', '--exchange-revision', 'first'])).toThrow(
      /go with --exchange-url/,
    );
  });
});
