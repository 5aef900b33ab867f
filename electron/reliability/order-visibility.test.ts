/**
 * What the user sees of orders, at the core's API level against the real
 * mock exchange: a rejected order is an order row (kept over a restart),
 * announced once; changes the user did not cause just then (an expiry) are
 * announced once, the user's own cancel is not; the fills of one order are
 * one notification that updates; after a profile switch the snapshot and
 * every event carry only the new profile's rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBatch, Notification, OrderRow, Snapshot } from '../../shared/ipc';
import { startTestExchange } from '../../mock-exchange/testing';
import { TestClient } from '../../mock-exchange/test-client/client';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import type { CoreHarness } from '../testing/coreTestkit';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function started(dataDir?: string): Promise<CoreHarness> {
  let dir = dataDir;
  if (!dir) {
    const tmp = tempDir('pd-visible-');
    cleanups.push(tmp.remove);
    dir = tmp.dir;
  }
  const h = await startCoreWithExchange(dir, { autoConnectProfileId: null });
  cleanups.push(h.close);
  unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
  return h;
}

const snapshot = async (h: CoreHarness): Promise<Snapshot> =>
  unwrap(await h.core.invoke('getSnapshot', undefined)) as Snapshot;

/** Places a LIMIT order on EURUSD through the core, failing the test when refused. */
async function placeLimit(
  h: CoreHarness,
  side: 'BUY' | 'SELL',
  quantity: number,
  price: number,
  extra: Record<string, unknown> = {},
): Promise<{ orderId: number }> {
  return unwrap(
    await h.core.invoke('placeOrder', {
      symbol: 'EURUSD',
      side,
      type: 'LIMIT',
      quantity,
      price,
      ...extra,
    }),
  ) as { orderId: number };
}

/** Waits until the snapshot shows order `orderId` with `status`. */
const untilStatus = (h: CoreHarness, orderId: number, status: string): Promise<true> =>
  waitFor(async () =>
    (await snapshot(h)).orders.some((o) => o.orderId === orderId && o.status === status),
  );

/** Every notification the renderer was sent, in order (updates included). */
const notes = (batches: readonly EventBatch[]): Notification[] =>
  batches.flatMap((b) => b.notification ?? []);

describe('rejected orders', () => {
  it('a refused order is a REJECTED row with the reason, under a negative local id, announced once and kept over a restart', async () => {
    const tmp = tempDir('pd-visible-');
    cleanups.push(tmp.remove);
    const h = await started(tmp.dir);
    // Off the 1,000 lot step: the exchange answers an error reply and never an execution.
    const placed = await h.core.invoke('placeOrder', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 1500,
      price: 1.08,
    });
    expect(placed.ok).toBe(false);
    const reason = placed.ok ? '' : placed.error.message;
    const rejected = await waitFor(async () =>
      (await snapshot(h)).orders.find((o) => o.status === 'REJECTED'),
    );
    expect(rejected).toMatchObject({
      symbol: 'EURUSD',
      side: 'BUY',
      origQty: 1500,
      price: 1.08,
      lastReason: reason,
    });
    expect(rejected.orderId).toBeLessThan(0);
    expect(rejected.clientOrderId).toMatch(/^pd-/);
    await waitFor(() => notes(h.batches).some((n) => n.kind === 'reject'));
    // One more round trip through the core, so a second announcement would have arrived.
    await snapshot(h);
    expect(notes(h.batches).filter((n) => n.kind === 'reject')).toHaveLength(1);
    expect(h.batches.flatMap((b) => (b.orders ?? []).flat()).map((o) => o.orderId)).toContain(
      rejected.orderId,
    );

    // A second refusal gets its own local id.
    await h.core.invoke('placeOrder', {
      symbol: 'EURUSD',
      side: 'SELL',
      type: 'LIMIT',
      quantity: 2500,
      price: 1.2,
    });
    await h.close();
    const again = await startCoreWithExchange(tmp.dir, { autoConnectProfileId: null });
    cleanups.push(again.close);
    const history = unwrap(await again.core.invoke('queryOrders', {})) as OrderRow[];
    const ids = history.filter((o) => o.status === 'REJECTED').map((o) => o.orderId);
    expect(ids.sort()).toEqual([rejected.orderId - 1, rejected.orderId].sort());
  });
});

describe('announcements', () => {
  it('an expiry is announced once; the user’s own cancel is not announced', async () => {
    const h = await started();
    const ex = h.exchange();
    const expiry = new Date(ex.controls.now() + 60_000).toISOString();
    const gtt = await placeLimit(h, 'BUY', 1000, 1.0, {
      timeInForce: 'GTT',
      timeInForceDate: expiry,
    });
    const mine = await placeLimit(h, 'BUY', 1000, 1.0);
    unwrap(await h.core.invoke('cancelOrder', { orderId: mine.orderId }));
    ex.controls.advance(61_000);
    await untilStatus(h, gtt.orderId, 'EXPIRED');
    await untilStatus(h, mine.orderId, 'CANCELED');
    const announced = notes(h.batches).filter((n) => n.kind === 'order');
    expect(announced.map((n) => [n.orderId, n.message.includes('expired')])).toEqual([
      [gtt.orderId, true],
    ]);
    // A resync (reconnect) brings the same versions again: nothing is announced twice.
    unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
    await snapshot(h);
    expect(notes(h.batches).filter((n) => n.kind === 'order')).toHaveLength(1);
  });

  it('the fills of one order are one notification, updated by each fill', async () => {
    // A second account trades against the app's (self-trade prevention keeps one login apart).
    const ex = await startTestExchange({
      port: 0,
      seed: 7,
      accounts: [
        { login: 'demo', token: 'demo-token' },
        { login: 'other', token: 'other-token' },
      ],
    });
    cleanups.push(() => ex.close());
    const tmp = tempDir('pd-visible-');
    cleanups.push(tmp.remove);
    const h = await startCoreWithExchange(tmp.dir, {
      autoConnectProfileId: null,
      startPaperExchange: async () => ({
        url: ex.url,
        token: 'demo-token',
        login: 'demo',
        stop: async () => {},
      }),
    });
    cleanups.push(h.close);
    unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
    const trader = await TestClient.connect(ex.url, { token: 'other-token' });
    cleanups.push(() => trader.ws.terminate());
    // Three resting sells of 1,000 inside the maker's spread, then one buy of 3,000 takes them.
    const ref = ex.controls.referencePrice('EURUSD') ?? 1.085;
    const px = (ticks: number): number => Number((ref + ticks * 0.00001).toFixed(5));
    for (const price of [px(1), px(2), px(3)])
      await trader.request('newordersingle', {
        symbol: 'EURUSD',
        side: 'SELL',
        type: 'LIMIT',
        price,
        quantity: 1000,
      });
    const buy = await placeLimit(h, 'BUY', 3000, px(3));
    await untilStatus(h, buy.orderId, 'FILLED');
    const ofBuy = notes(h.batches).filter((n) => n.kind === 'fill' && n.orderId === buy.orderId);
    expect(new Set(ofBuy.map((n) => n.id)).size).toBe(1);
    expect(ofBuy.at(-1)?.message).toBe(`Bought 3,000 EURUSD @ ${px(2).toFixed(5)} avg (3 fills)`);
    const kept = (await snapshot(h)).notifications.filter((n) => n.orderId === buy.orderId);
    expect(kept).toHaveLength(1);
  });
});

describe('switching profiles', () => {
  it('the snapshot and every event after a switch carry only the new profile’s rows', async () => {
    const h = await started();
    const paperOrder = await placeLimit(h, 'BUY', 1000, 1.0);
    await waitFor(async () => (await snapshot(h)).orders.length === 1);

    const other = await startTestExchange({
      port: 0,
      seed: 9,
      accounts: [{ login: 'acct-b', token: 'token-b' }],
    });
    cleanups.push(() => other.close());
    const profile = unwrap(
      await h.core.invoke('saveProfile', {
        name: 'Account B',
        url: other.url,
        login: 'acct-b',
        token: 'token-b',
      }),
    ) as { id: string };
    const from = h.batches.length;
    unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    const bOrder = await placeLimit(h, 'SELL', 2000, 1.5);
    await waitFor(async () => (await snapshot(h)).orders.length === 1);

    const snap = await snapshot(h);
    expect(snap.orders.map((o) => o.login)).toEqual(['acct-b']);
    expect(snap.positions.every((p) => p.login === 'acct-b')).toBe(true);
    const after = h.batches.slice(from);
    const switched = after.findIndex((b) => b.profileChanged);
    expect(after[switched]?.profileChanged).toEqual([{ profileId: profile.id }]);
    const rows = after.slice(switched).flatMap((b) => (b.orders ?? []).flat());
    expect(rows.map((o) => o.login)).toEqual(rows.map(() => 'acct-b'));
    expect(rows.map((o) => o.orderId)).toContain(bOrder.orderId);
    const fills = after.slice(switched).flatMap((b) => (b.positions ?? []).flat());
    expect(fills.every((p) => p.login === 'acct-b')).toBe(true);

    // Cancel all counts the connected profile's orders only.
    const all = unwrap(await h.core.invoke('cancelAll', undefined)) as { requested: number };
    expect(all.requested).toBe(1);
    // The paper history stays in the database.
    unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
    expect((await snapshot(h)).orders.map((o) => o.orderId)).toContain(paperOrder.orderId);
  });
});
