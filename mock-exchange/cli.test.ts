import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asOrder, TestClient } from './test-client/client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-exchange/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function listeningUrl(run: ReturnType<typeof runCli>): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = /Exchange listening on (ws:\/\/127\.0\.0\.1:\d+) \(logins: ([^)]*)\)/.exec(
        run.output(),
      );
      if (match?.[1]) resolve(match[1]);
    };
    run.child.stdout?.on('data', check);
    run.exited.then(() => reject(new Error(`exited early: ${run.output()}`)));
  });
}

describe('cli', () => {
  it.concurrent('serves with --data, keeps orders across kill -9, stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-exchange-cli-'));
    dirs.push(dataDir);
    const args = [
      '--port',
      '0',
      '--data',
      dataDir,
      '--account',
      'alice,bob:s3cret',
      '--account',
      'carol:t2',
    ];
    const first = runCli(args);
    const url = await listeningUrl(first);
    expect(first.output()).toMatch(/\(logins: alice, bob, carol\)/);
    expect(first.output()).not.toMatch(/s3cret|t2/);
    const client = await TestClient.connect(url, { token: 's3cret' });
    const placed = await client.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      quantity: 1000,
      login: 'bob',
    });
    const orderId = (placed.payload as { orderId: number }).orderId;
    first.child.kill('SIGKILL');
    await first.exited;
    await client.closed;

    const second = runCli(args);
    const again = await TestClient.connect(await listeningUrl(second), { token: 's3cret' });
    expect(asOrder(await again.request('orderstatus', { orderId }))).toMatchObject({
      status: 'NEW',
      price: 1.07,
      login: 'bob',
    });
    second.child.kill('SIGTERM');
    expect(await again.closed).toBe(1001);
    expect(await second.exited).toBe(0);
  });

  it.concurrent(
    'without --data, a restarted exchange never hands out an orderId again',
    async () => {
      const placeOnce = async (): Promise<number> => {
        const run = runCli(['--port', '0', '--account', 'dave:tok-d']);
        const client = await TestClient.connect(await listeningUrl(run), { token: 'tok-d' });
        const placed = await client.request('newordersingle', {
          symbol: 'EURUSD',
          side: 'BUY',
          type: 'LIMIT',
          price: 1.07,
          quantity: 1000,
        });
        run.child.kill('SIGTERM');
        expect(await run.exited).toBe(0);
        return (placed.payload as { orderId: number }).orderId;
      };
      const before = Date.now();
      const first = await placeOnce();
      const second = await placeOnce();
      // Ids start at the start time in ms: above anything the run before gave out.
      expect(first).toBeGreaterThanOrEqual(before);
      expect(second).toBeGreaterThan(first);
    },
  );

  it.concurrent('lists every option on --help and exits 2 on a bad option', async () => {
    const help = runCli(['--help']);
    const bad = runCli(['--port', 'abc']);
    expect(await help.exited).toBe(0);
    const options = [
      '--port',
      '--host',
      '--seed',
      '--account',
      '--data',
      '--tick-ms',
      '--cancel-on-disconnect',
    ];
    for (const option of [...options, '--help']) expect(help.output()).toContain(option);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--port expects an integer/);
  });
});
