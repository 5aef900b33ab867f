import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exchangeArgs,
  parseChartLine,
  exchangeEnv,
  parseListeningLine,
  parseListeningMessage,
} from './exchange-process';
import { startNodePaperExchange } from './node';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-exchange-'));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

// A stand-in exchange: records its arguments and account in its --data folder, then behaves as `body` says.
function fakeExchange(
  name: string,
  body: string,
  extension = 'mjs',
): { script: string; execArgv: string[] } {
  const script = path.join(tempDir, `${name}.${extension}`);
  fs.writeFileSync(
    script,
    `import fs from 'node:fs';
const args = process.argv.slice(2);
const data = args[args.indexOf('--data') + 1];
fs.mkdirSync(data, { recursive: true });
fs.writeFileSync(data + '/args.json', JSON.stringify(args));
fs.writeFileSync(data + '/account.txt', process.env.MOCK_EXCHANGE_ACCOUNT ?? '');
${body}
`,
  );
  return { script, execArgv: extension === 'ts' ? ['--import', 'tsx'] : [] };
}

const stayAlive = 'setInterval(() => {}, 1 << 30);';

describe('listening announcements', () => {
  it('reads the IPC message', () => {
    expect(
      parseListeningMessage({ type: 'listening', url: 'ws://127.0.0.1:4100', port: 4100 }),
    ).toEqual({
      url: 'ws://127.0.0.1:4100',
      port: 4100,
      chartUrl: null,
    });
    expect(
      parseListeningMessage({
        type: 'listening',
        url: 'ws://127.0.0.1:4100',
        chartUrl: 'http://127.0.0.1:4101',
      }),
    ).toMatchObject({ chartUrl: 'http://127.0.0.1:4101' });
    expect(parseChartLine('Chart API listening on http://127.0.0.1:4101')).toBe(
      'http://127.0.0.1:4101',
    );
    expect(parseListeningMessage({ type: 'ready', url: 'ws://127.0.0.1:4100' })).toBeNull();
    expect(parseListeningMessage('listening')).toBeNull();
  });

  it('finds the address in a stdout line', () => {
    expect(
      parseListeningLine('mock exchange listening on ws://127.0.0.1:39001/ws (seed 1)'),
    ).toEqual({
      url: 'ws://127.0.0.1:39001/ws',
      port: 39001,
    });
    expect(parseListeningLine('listening on ws://0.0.0.0:1')).toBeNull();
    expect(parseListeningLine('ws://127.0.0.1:0')).toBeNull();
  });

  it('passes a free port and its own data folder as arguments, the demo account in the environment', () => {
    expect(exchangeArgs('/data/paper-exchange')).toEqual([
      '--port',
      '0',
      '--data',
      '/data/paper-exchange',
    ]);
    expect(exchangeEnv('tok')).toEqual({ MOCK_EXCHANGE_ACCOUNT: 'demo:tok' });
  });
});

describe('the exchange as a Node child process', () => {
  it('starts from source through tsx and reports the IPC address', async () => {
    const entry = fakeExchange(
      'ipc',
      `const port: number = 40123;
process.send?.({ type: 'listening', url: 'ws://127.0.0.1:' + port, port });
${stayAlive}`,
      'ts',
    );
    const dataDir = path.join(tempDir, 'ipc-data');
    const exchange = await startNodePaperExchange(dataDir, { entry });
    expect(exchange.url).toBe('ws://127.0.0.1:40123');
    expect(exchange.login).toBe('demo');
    expect(exchange.token).toMatch(/^[0-9a-f]{48}$/);
    const args = JSON.parse(fs.readFileSync(path.join(dataDir, 'args.json'), 'utf8')) as string[];
    expect(args).toEqual(exchangeArgs(dataDir));
    expect(args.join(' ')).not.toContain(exchange.token);
    expect(fs.readFileSync(path.join(dataDir, 'account.txt'), 'utf8')).toBe(
      `demo:${exchange.token}`,
    );
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    await exchange.stop();
  });

  it('starts the real exchange CLI and stops it', async () => {
    const exchange = await startNodePaperExchange(path.join(tempDir, 'real-data'));
    expect(exchange.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    await exchange.stop();
  });

  it('falls back to the stdout line', async () => {
    const entry = fakeExchange(
      'stdout',
      `console.log('exchange listening on ws://127.0.0.1:40124');\n${stayAlive}`,
    );
    const exchange = await startNodePaperExchange(path.join(tempDir, 'stdout-data'), { entry });
    expect(exchange.url).toBe('ws://127.0.0.1:40124');
    await exchange.stop();
  });

  it('fails with the output when the exchange exits before listening', async () => {
    const entry = fakeExchange('exits', `console.error('bad --account'); process.exit(3);`);
    await expect(
      startNodePaperExchange(path.join(tempDir, 'exit-data'), { entry }),
    ).rejects.toThrow(/exited with code 3 before listening\n.*bad --account/);
  });

  it('kills an exchange that ignores SIGTERM', async () => {
    const entry = fakeExchange(
      'stubborn',
      `process.on('SIGTERM', () => {});
console.log('ws://127.0.0.1:40125');
${stayAlive}`,
    );
    const exchange = await startNodePaperExchange(path.join(tempDir, 'stubborn-data'), {
      entry,
      stopGraceMs: 200,
    });
    const started = Date.now();
    await exchange.stop(); // resolves only once the child has exited
    // SIGTERM was ignored: only the SIGKILL after the grace period ended it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
