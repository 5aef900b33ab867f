/**
 * Disk full: the core's data directory sits on a small tmpfs (mounted here as
 * root; skipped with the reason when mounting is refused). The core runs in a
 * child process trading with the exchange; the disk is filled, trading goes
 * on, the child must say "History cannot be saved: <the real error>" and show
 * no fill it could not store; space is freed, the child must store and show
 * everything it held; then it is killed with SIGKILL and a core restarted on
 * the same directory holds every fill the child showed, and after its resync
 * the exchange's orders, fills and positions exactly.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { FillRow, OrderRow, PositionRow } from '../../shared/ipc';
import { type ExchangeHandle } from '../../mock-exchange';
import { startTestExchange } from '../../mock-exchange/testing';
import { fillDisk, mountTmpfs } from '../../mock-exchange/testing/tmpfs';
import { TestClient } from '../../mock-exchange/test-client/client';
import { restartCore, startCoreChild } from '../testing/coreChild';
import { unwrap, waitFor } from '../testing/coreTestkit';
import { coreView, exchangeView, LOGIN } from '../testing/faultHarness';

const TOKEN = 'disk-token';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** One step of trading: a resting limit of the login, the price moved through it, a market order. */
async function trade(ex: ExchangeHandle, client: TestClient, step: number): Promise<void> {
  const side = step % 2 === 0 ? 'BUY' : 'SELL';
  const away = side === 'BUY' ? 1.0848 : 1.0852;
  await Promise.all([
    client.request('newordersingle', {
      symbol: 'EURUSD',
      side,
      type: 'LIMIT',
      price: away,
      quantity: 1000 * (1 + (step % 3)),
    }),
    client.request('newordersingle', {
      symbol: 'EURUSD',
      side: side === 'BUY' ? 'SELL' : 'BUY',
      type: 'MARKET',
      quantity: 1000,
    }),
  ]);
  ex.controls.setReferencePrice('EURUSD', side === 'BUY' ? 1.0846 : 1.0854);
  ex.controls.advance(250);
  ex.controls.setReferencePrice('EURUSD', 1.085);
}

/** Net quantity per symbol from fills (what positions must equal). */
function netOf(
  fills: ReadonlyArray<{ side: string; qty: number; symbol: string }>,
): Record<string, number> {
  const net: Record<string, number> = {};
  for (const f of fills)
    net[f.symbol] =
      Math.round(((net[f.symbol] ?? 0) + (f.side === 'BUY' ? f.qty : -f.qty)) * 1e8) / 1e8;
  return net;
}

describe('disk full', () => {
  it('a full disk holds fills back and says why; freed, everything is stored, shown and survives kill -9', async (ctx) => {
    const disk = mountTmpfs('12m');
    if (!disk.ok) {
      console.log(`disk-full test skipped: ${disk.reason}; it needs root`);
      ctx.skip();
      return;
    }
    cleanups.push(disk.unmount);
    const dataDir = join(disk.dir, 'data');
    mkdirSync(dataDir);
    const ex = await startTestExchange({
      port: 0,
      seed: 11,
      rateLimit: false,
      accounts: [{ login: LOGIN, token: TOKEN }],
    });
    cleanups.push(() => ex.close());
    const trader = await TestClient.connect(ex.url, { token: TOKEN });
    cleanups.push(() => trader.ws.terminate());
    const child = startCoreChild(dataDir, ex.url, TOKEN, cleanups, 'disk-full');
    await waitFor(() => child.lines.includes('READY'), 'the child core connected', 20_000);

    // Some fills stored and shown while there is room.
    let step = 0;
    while (child.fills.length < 5) {
      await trade(ex, trader, step++);
      await new Promise((resolve) => setImmediate(resolve));
    }

    // Fill the disk, keep trading: the child must say so and show nothing it could not store.
    const filler = join(disk.dir, 'filler');
    fillDisk(filler);
    const failing = (): string | undefined =>
      child.lines.find((l) => l.startsWith('STORAGE failing'));
    for (let i = 0; i < 400 && !failing(); i += 1) {
      await trade(ex, trader, step++);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(failing(), 'the child reported the full disk').toMatch(
      /^STORAGE failing History cannot be saved: .*(full|disk)/i,
    );
    console.log(`disk full: ${failing()}`);
    const shownAtFailure = child.fills.length;
    for (let i = 0; i < 10; i += 1) await trade(ex, trader, step++);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.fills.length, 'no fill shown while it cannot be stored').toBe(shownAtFailure);
    const errorNotes = child.lines.filter((l) =>
      l.startsWith('NOTE error History cannot be saved'),
    );
    expect(errorNotes, 'one notification for the episode').toHaveLength(1);
    expect(child.lines.join('\n')).not.toMatch(/no transaction is active/);

    // Free the space: the retry stores and then shows everything held.
    rmSync(filler);
    await waitFor(
      () => child.lines.some((l) => l.startsWith('STORAGE ok')),
      'the child stored again',
      20_000,
    );
    await waitFor(() => child.fills.length > shownAtFailure, 'held fills shown', 10_000);
    expect(child.lines).toContain('NOTE info History is being saved again');

    // Kill -9; a restarted core holds every fill the child showed.
    child.proc.kill('SIGKILL');
    await child.exited;
    const shown = [...child.fills];
    const core = await restartCore(dataDir, ex.url, TOKEN);
    cleanups.push(() => core.close());
    const stored = unwrap(await core.invoke('queryFills', {})) as FillRow[];
    const storedIds = new Set(stored.map((f) => f.fillId));
    expect(
      shown.filter((id) => !storedIds.has(id)),
      'shown fills lost',
    ).toEqual([]);
    const offline = unwrap(await core.invoke('queryPositions', undefined)) as PositionRow[];
    expect(Object.fromEntries(offline.map((p) => [p.symbol, p.netQty]))).toEqual(netOf(stored));

    // After its resync it equals the exchange, positions included.
    unwrap(await core.invoke('connect', { profileId: 'paper' }));
    await waitFor(
      async () =>
        isDeepStrictEqual(
          coreView(
            unwrap(await core.invoke('queryOrders', {})) as OrderRow[],
            unwrap(await core.invoke('queryFills', {})) as FillRow[],
          ),
          exchangeView(ex),
        ),
      'the restarted core equals the exchange',
      20_000,
    );
    const all = unwrap(await core.invoke('queryFills', {})) as FillRow[];
    const positions = unwrap(await core.invoke('queryPositions', undefined)) as PositionRow[];
    expect(Object.fromEntries(positions.map((p) => [p.symbol, p.netQty]))).toEqual(netOf(all));
  }, 90_000);
});
