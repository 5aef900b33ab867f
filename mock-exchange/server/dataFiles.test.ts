import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startExchange } from '../index';
import { TestClient } from '../test-client/client';
import { JOURNAL_FILE } from './journal';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-exchange-files-'));
  dirs.push(dir);
  return dir;
}

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

/** Every file and folder under `dir` with its permission bits. */
function modesUnder(dir: string): Array<[string, number]> {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name): [string, number] => [name, modeOf(path.join(dir, name))]);
}

/** Starts an exchange on `dataDir`, places an order and closes it (journal compacted). */
async function runOnce(dataDir: string): Promise<void> {
  const ex = await startExchange({ clock: 'manual', dataDir });
  const client = await TestClient.connect(ex.url);
  const reply = await client.request('newordersingle', {
    symbol: 'EURUSD',
    side: 'BUY',
    type: 'LIMIT',
    price: 1.07,
    quantity: 1000,
  });
  expect(reply.event).toBe('newordersingle');
  if (ex.chartUrl) await fetch(`${ex.chartUrl}/candles?symbol=EURUSD&count=1`);
  ex.controls.advance(120_000);
  await client.close();
  await ex.close();
}

describe('data files', () => {
  it('a data dir the exchange creates is 0700 and every file in it 0600', async () => {
    const dataDir = path.join(tempDir(), 'new', 'exchange');
    await runOnce(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, JOURNAL_FILE))).toBe(0o600);
    for (const [name, mode] of modesUnder(dataDir)) {
      const isDir = fs.statSync(path.join(dataDir, name)).isDirectory();
      expect([name, mode]).toEqual([name, isDir ? 0o700 : 0o600]);
    }
  });

  it('a data dir the user gave keeps its mode; the journal in it is tightened to 0600', async () => {
    const dataDir = tempDir();
    fs.chmodSync(dataDir, 0o755);
    const journal = path.join(dataDir, JOURNAL_FILE);
    fs.writeFileSync(journal, '', { mode: 0o644 });
    fs.chmodSync(journal, 0o644);
    await runOnce(dataDir);
    expect(modeOf(dataDir)).toBe(0o755);
    expect(modeOf(journal)).toBe(0o600);
  });
});
