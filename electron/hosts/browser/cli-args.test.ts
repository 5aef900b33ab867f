import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('browser host command line', () => {
  it('defaults to the paper exchange and opening the browser', () => {
    expect(parseCliArgs(['--port', '0', '--data', '/d'])).toMatchObject({
      port: 0,
      dataDir: '/d',
      exchange: 'paper',
      open: true,
    });
  });

  it('takes an exchange the caller runs, and --no-open', () => {
    expect(
      parseCliArgs([
        '--port',
        '8123',
        '--data',
        '/d',
        '--exchange-url',
        'ws://127.0.0.1:9/',
        '--exchange-token',
        't',
        '--no-open',
      ]),
    ).toMatchObject({
      port: 8123,
      exchange: { url: 'ws://127.0.0.1:9/', token: 't' },
      open: false,
    });
  });

  it('explains bad arguments', () => {
    expect(() => parseCliArgs(['--port', '0'])).toThrow(/--data/);
    expect(() => parseCliArgs(['--port', '70000', '--data', '/d'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--data', '/d', '--exchange-url', 'ws://x'])).toThrow(/together/);
    expect(() =>
      parseCliArgs(['--data', '/d', '--exchange-url', 'http://x', '--exchange-token', 't']),
    ).toThrow(/ws:\/\//);
    expect(() => parseCliArgs(['--data', '/d', '--bogus'])).toThrow();
  });
});
