/**
 * Crash safety: the core runs as a child process with its data directory,
 * connected to an exchange in this process; fills stream in (another session
 * of the same login trades market orders and moves the price through resting
 * limits); the child is killed with SIGKILL mid-stream. A core restarted on
 * the same directory holds every fill the child had printed (printed after
 * its database commit), none twice; after reconnect and resync it holds
 * exactly the exchange's fills. CI: 2 rounds; SOAK=1: 20.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { FillRow, OrderRow } from '../../shared/ipc';
import { type ExchangeHandle } from '../../mock-exchange';
import { startTestExchange } from '../../mock-exchange/testing';
import { TestClient } from '../../mock-exchange/test-client/client';
import type { Core } from '../core/api';
import { restartCore, startCoreChild } from '../testing/coreChild';
import { tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import { coreView, exchangeView, LOGIN, prng, scale, SOAK } from '../testing/faultHarness';

const ROUNDS = scale(2, 20);
const TOKEN = 'crash-token';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** One streaming step: market orders both ways and a price move through resting limits. */
async function trade(ex: ExchangeHandle, client: TestClient, rnd: () => number): Promise<void> {
  const ref = ex.controls.referencePrice('EURUSD') ?? 1.085;
  const tick = 0.00001;
  const px = (x: number): number => Number((Math.round(x / tick) * tick).toFixed(5));
  const side = rnd() < 0.5 ? 'BUY' : 'SELL';
  // A resting limit a little away, then the price moves through it.
  const away = px(side === 'BUY' ? ref - 0.0002 : ref + 0.0002);
  const requests = [
    client.request('newordersingle', {
      symbol: 'EURUSD',
      side,
      type: 'LIMIT',
      price: away,
      quantity: 1000 * (1 + Math.floor(rnd() * 3)),
    }),
    client.request('newordersingle', {
      symbol: 'EURUSD',
      side: side === 'BUY' ? 'SELL' : 'BUY',
      type: 'MARKET',
      quantity: 1000 * (1 + Math.floor(rnd() * 3)),
    }),
  ];
  await Promise.all(requests);
  ex.controls.setReferencePrice('EURUSD', px(side === 'BUY' ? ref - 0.0004 : ref + 0.0004));
  ex.controls.advance(250);
  ex.controls.setReferencePrice('EURUSD', 1.085);
}

async function round(seed: number): Promise<{ printed: number; total: number }> {
  const rnd = prng(seed);
  const tmp = tempDir('pd-crash-');
  cleanups.push(tmp.remove);
  const ex = await startTestExchange({
    port: 0,
    seed,
    rateLimit: false,
    accounts: [{ login: LOGIN, token: TOKEN }],
  });
  cleanups.push(() => ex.close());
  const trader = await TestClient.connect(ex.url, { token: TOKEN });
  cleanups.push(() => trader.ws.terminate());

  const child = startCoreChild(tmp.dir, ex.url, TOKEN, cleanups, 'crash');
  await waitFor(() => child.lines.includes('READY'), 'the child core connected', 20_000);

  // Stream fills; kill the child once it has shown some, mid-stream, and keep trading.
  const killAfter = 10 + Math.floor(rnd() * 30);
  let killed = false;
  let printedAtKill: string[] = [];
  for (let step = 0; step < 400 && !killed; step += 1) {
    await trade(ex, trader, rnd);
    if (!killed && child.fills.length >= killAfter) {
      child.proc.kill('SIGKILL');
      killed = true;
      await child.exited;
      printedAtKill = [...child.fills];
      // A few more steps while it is dead.
      for (let more = 0; more < 10; more += 1) await trade(ex, trader, rnd);
      break;
    }
    // Let the child read (a macrotask, not a fixed sleep).
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(killed, 'the child printed fills before the kill').toBe(true);
  expect(child.proc.signalCode).toBe('SIGKILL');
  expect(printedAtKill.length).toBeGreaterThanOrEqual(killAfter);

  // Restart on the same data directory, offline first: the history is what the child committed.
  let core: Core | null = await restartCore(tmp.dir, ex.url, TOKEN);
  cleanups.push(() => core?.close());
  const c = core;
  const stored = unwrap(await c.invoke('queryFills', {})) as FillRow[];
  const storedIds = new Set(stored.map((f) => f.fillId));
  expect(
    printedAtKill.filter((id) => !storedIds.has(id)),
    'printed fills lost',
  ).toEqual([]);
  expect(stored.length, 'a fill stored twice').toBe(storedIds.size);
  expectNoDoubleCount(stored, unwrap(await c.invoke('queryOrders', {})) as OrderRow[]);

  // Reconnect: the resync brings everything the exchange has.
  unwrap(await c.invoke('connect', { profileId: 'paper' }));
  let last: unknown;
  await waitFor(
    async () => {
      const mine = coreView(
        unwrap(await c.invoke('queryOrders', {})) as OrderRow[],
        unwrap(await c.invoke('queryFills', {})) as FillRow[],
      );
      const theirs = exchangeView(ex);
      last = { mine, theirs };
      return isDeepStrictEqual(mine, theirs);
    },
    'the restarted core holds every fill of the exchange',
    20_000,
  ).catch((error: unknown) => {
    const { mine, theirs } = last as { mine: unknown; theirs: unknown };
    expect(mine).toEqual(theirs);
    throw error;
  });
  const all = unwrap(await c.invoke('queryFills', {})) as FillRow[];
  expectNoDoubleCount(all, unwrap(await c.invoke('queryOrders', {})) as OrderRow[]);
  const total = exchangeView(ex).fills.length;
  expect(total).toBeGreaterThan(printedAtKill.length);
  await c.close();
  core = null;
  return { printed: printedAtKill.length, total };
}

/** No trade counted twice: tradeIds unique per order, and an order's fills sum to its executedQty. */
function expectNoDoubleCount(fills: readonly FillRow[], orders: readonly OrderRow[]): void {
  const trades = fills.filter((f) => f.tradeId !== null).map((f) => `${f.orderId}:${f.tradeId}`);
  expect(new Set(trades).size, 'a trade stored twice').toBe(trades.length);
  const sums = new Map<number, number>();
  for (const f of fills) sums.set(f.orderId, (sums.get(f.orderId) ?? 0) + f.qty);
  for (const o of orders) {
    const sum = Math.round((sums.get(o.orderId) ?? 0) * 1e8) / 1e8;
    expect(sum, `fills of order ${o.orderId} vs its executedQty`).toBe(o.executedQty);
  }
}

describe('crash safety', () => {
  it(
    `kill -9 of the core mid-stream loses no shown fill (${ROUNDS} rounds)`,
    async () => {
      for (let i = 0; i < ROUNDS; i += 1) {
        const { printed, total } = await round(100 + i);
        console.log(`crash round ${i}: ${printed} fills shown before the kill, ${total} in all`);
        for (const fn of cleanups.splice(0).reverse()) await fn();
      }
    },
    SOAK ? 1_800_000 : 60_000,
  );
});
