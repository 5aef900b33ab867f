import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ConnectionStatus,
  FillRow,
  IpcResult,
  Notification,
  OrderRow,
  PlacedOrder,
  PositionRow,
  Profile,
} from '../../shared/ipc';
import { startTestExchange } from '../../mock-exchange/testing';
import { HistoryDb } from '../db';
import { startFakeServer } from '../testing/fakeServer';
import { UNKNOWN_ORDER_STATUS } from '../session';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import type { CoreHarness } from '../testing/coreTestkit';
import type { CoreOptions } from './api';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function connectedCore(
  overrides: Partial<CoreOptions> = {},
  dir?: string,
): Promise<CoreHarness> {
  const h = await startCoreWithExchange(dir ?? tempDirFor(), {
    autoConnectProfileId: null,
    ...overrides,
  });
  cleanups.push(h.close);
  const status = unwrap(await h.core.invoke('connect', { profileId: 'paper' })) as ConnectionStatus;
  expect(status).toMatchObject({
    state: 'connected',
    paper: true,
    logins: ['demo'],
    features: { symbols: true, quotes: true, history: true },
  });
  return h;
}

const snapshot = async (h: CoreHarness) =>
  unwrap(await h.core.invoke('getSnapshot', undefined)) as {
    orders: OrderRow[];
    fills: FillRow[];
    positions: PositionRow[];
    notifications: Notification[];
    connection: ConnectionStatus;
    profiles: Profile[];
  };

const order = (h: CoreHarness, orderId: number, status?: string) =>
  waitFor(
    async () =>
      (await snapshot(h)).orders.find(
        (o) => o.orderId === orderId && (!status || o.status === status),
      ),
    `order ${orderId} ${status ?? ''}`,
  );

/** A market order's input. */
const marketOrder = (side: 'BUY' | 'SELL', quantity: number, symbol = 'EURUSD') => ({
  symbol,
  side,
  type: 'MARKET',
  quantity,
});

/** A limit order's input on EURUSD. */
const limitOrder = (side: 'BUY' | 'SELL', price: number, quantity: number) => ({
  symbol: 'EURUSD',
  side,
  type: 'LIMIT',
  price,
  quantity,
});

const place = async (h: CoreHarness, input: Record<string, unknown>): Promise<PlacedOrder> =>
  unwrap(await h.core.invoke('placeOrder', input)) as PlacedOrder;

describe('core with the paper exchange', () => {
  it('a market order fills and becomes a position; selling part realizes P&L', async () => {
    const h = await connectedCore();
    const bought = await place(h, marketOrder('BUY', 10000));
    expect(bought.clientOrderId).toMatch(/^pd-/);
    const row = await order(h, bought.orderId, 'FILLED');
    expect(row).toMatchObject({ executedQty: 10000, leavesQty: 0, login: 'demo' });
    expect(row.avgPrice).not.toBeNull();
    const sold = await place(h, marketOrder('SELL', 4000));
    await order(h, sold.orderId, 'FILLED');
    const positions = unwrap(await h.core.invoke('queryPositions', undefined)) as PositionRow[];
    expect(positions).toEqual([
      expect.objectContaining({ login: 'demo', symbol: 'EURUSD', netQty: 6000 }),
    ]);
    expect(positions[0]?.realizedPnl).toBeLessThan(0); // bought at the ask, sold at the bid
    const fills = unwrap(await h.core.invoke('queryFills', {})) as FillRow[];
    expect(fills.reduce((s, f) => s + (f.side === 'BUY' ? f.qty : -f.qty), 0)).toBe(6000);
    const notes = (await snapshot(h)).notifications;
    expect(notes.some((n) => n.kind === 'fill' && n.orderId === bought.orderId)).toBe(true);
  });

  it('places, modifies and cancels a limit order', async () => {
    const h = await connectedCore();
    const placed = await place(h, limitOrder('BUY', 1.07, 2000));
    expect(placed.status).toBe('NEW');
    await order(h, placed.orderId, 'NEW');
    unwrap(
      await h.core.invoke('modifyOrder', { orderId: placed.orderId, price: 1.071, quantity: 3000 }),
    );
    await waitFor(async () =>
      (await snapshot(h)).orders.find(
        (o) => o.orderId === placed.orderId && o.price === 1.071 && o.origQty === 3000,
      ),
    );
    unwrap(await h.core.invoke('cancelOrder', { orderId: placed.orderId }));
    const canceled = await order(h, placed.orderId, 'CANCELED');
    expect(canceled.leavesQty).toBe(0);
    const again = await h.core.invoke('cancelOrder', { orderId: placed.orderId });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXCHANGE', exchangeCode: 2001 } });
    const detail = unwrap(await h.core.invoke('orderDetail', { orderId: placed.orderId })) as {
      order: OrderRow;
      fills: FillRow[];
    };
    expect(detail).toMatchObject({ order: { status: 'CANCELED' }, fills: [] });
  });

  it('an exchange reject comes back with its code and message', async () => {
    const h = await connectedCore();
    const result = await h.core.invoke('placeOrder', limitOrder('BUY', 1.070001, 1000));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE', exchangeCode: 2004, message: expect.stringMatching(/price/) },
    });
    await waitFor(async () => (await snapshot(h)).notifications.some((n) => n.kind === 'reject'));
  });

  it('places an OCO; cancelling one leg cancels the other; cancelAll reports', async () => {
    const h = await connectedCore();
    const legs = unwrap(
      await h.core.invoke('placeOco', {
        symbol: 'EURUSD',
        side: 'SELL',
        quantity: 1000,
        limitPrice: 1.1,
        stopType: 'STOP',
        stopPrice: 1.07,
      }),
    ) as PlacedOrder[];
    expect(legs).toHaveLength(2);
    const [limit, stop] = legs as [PlacedOrder, PlacedOrder];
    expect((await order(h, limit.orderId, 'NEW')).ocoOrderId).toBe(stop.orderId);
    unwrap(await h.core.invoke('cancelOrder', { orderId: stop.orderId }));
    await order(h, limit.orderId, 'CANCELED');
    await order(h, stop.orderId, 'CANCELED');

    await place(h, limitOrder('BUY', 1.06, 1000));
    unwrap(
      await h.core.invoke('placeOco', {
        symbol: 'EURUSD',
        side: 'SELL',
        quantity: 1000,
        limitPrice: 1.1,
        stopType: 'STOP_LIMIT',
        stopPrice: 1.07,
        stopLimitPrice: 1.069,
      }),
    );
    await waitFor(
      async () => (await snapshot(h)).orders.filter((o) => o.status === 'NEW').length === 3,
    );
    const all = unwrap(await h.core.invoke('cancelAll', undefined)) as {
      requested: number;
      failed: unknown[];
    };
    expect(all).toEqual({ requested: 2, cancelled: 2, alreadyFinal: 0, failed: [] });
    await waitFor(async () => (await snapshot(h)).orders.every((o) => o.status === 'CANCELED'));
  });

  it('rejects invalid input with the field named, and order commands while disconnected', async () => {
    const h = await connectedCore();
    expect(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'MARKET',
        quantity: -5,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'quantity',
        message: expect.stringMatching(/^quantity: /),
      },
    });
    expect(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'HOLD',
        type: 'MARKET',
        quantity: 5,
      }),
    ).toMatchObject({ ok: false, error: { field: 'side' } });
    expect(
      await h.core.invoke('placeOco', {
        symbol: 'EURUSD',
        side: 'SELL',
        quantity: 1000,
        limitPrice: 1.1,
        stopType: 'STOP_LIMIT',
        stopPrice: 1.07,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'stopLimitPrice' } });
    expect(await h.core.invoke('saveSettings', { theme: 'pink' })).toMatchObject({
      ok: false,
      error: { field: 'theme' },
    });
    expect(await h.core.invoke('nope' as never, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'command' },
    });
    expect(unwrap(await h.core.invoke('disconnect', undefined))).toMatchObject({
      state: 'disconnected',
    });
    expect(await h.core.invoke('placeOrder', marketOrder('BUY', 1000))).toEqual({
      ok: false,
      error: { code: 'NOT_CONNECTED', message: 'Not connected to the exchange' },
    });
  });

  it('a lost reply is reconciled by clientOrderId, never placed twice', async () => {
    const h = await connectedCore({
      session: { requestTimeoutMs: 300, heartbeatIntervalMs: 200, heartbeatTimeoutMs: 2000 },
    });
    h.exchange().controls.faults.delayReplies(500);
    const result = (await h.core.invoke(
      'placeOrder',
      limitOrder('BUY', 1.07, 1000),
    )) as IpcResult<PlacedOrder>;
    expect(result).toEqual({
      ok: false,
      error: { code: 'TIMEOUT', message: UNKNOWN_ORDER_STATUS },
    });
    const found = await waitFor(async () =>
      (await snapshot(h)).notifications.find((n) => /found at the exchange: NEW/.test(n.message)),
    );
    expect(found.kind).toBe('info');
    h.exchange().controls.faults.clear();
    const working = h.exchange().engine.workingOrders(['demo']);
    expect(working).toHaveLength(1);
    const row = await order(h, working[0]!.orderId, 'NEW');
    expect(row.clientOrderId).toBe(working[0]!.clientOrderId);
    const db = new HistoryDb(h.dataDir);
    cleanups.push(() => db.close());
    await h.core.invoke('getSnapshot', undefined); // flushes pending writes
    expect(
      db
        .audit('paper', 10_000)
        .filter((a) => a.direction === 'out' && a.event === 'newordersingle'),
    ).toHaveLength(1);
  });

  it("keeps the server's features through the session's own reconnects, and clears them when the user connects anew", async () => {
    const h = await connectedCore();
    const statusesFrom = (start: number) =>
      h.batches.slice(start).flatMap((b) => b.connection ?? []);
    const dropAt = h.batches.length;
    h.exchange().controls.faults.disconnectAll();
    await waitFor(
      async () =>
        (await snapshot(h)).connection.state === 'connected' &&
        statusesFrom(dropAt).some((s) => s.state !== 'connected'),
    );
    const whileDown = statusesFrom(dropAt).filter((s) => s.state !== 'connected');
    expect(whileDown.map((s) => s.state)).toContain('reconnecting');
    // The ticket keeps offering this server's terms while the link comes back.
    expect(whileDown.every((s) => s.features.revision === 'extended')).toBe(true);

    // Another profile, whose exchange is not there: none of the paper server's terms carry over.
    const down = unwrap(
      await h.core.invoke('saveProfile', {
        name: 'Down',
        url: 'ws://127.0.0.1:9/',
        login: 'x',
        token: 'not-used',
      }),
    ) as Profile;
    const pending = h.core.invoke('connect', { profileId: down.id });
    await waitFor(async () => {
      const c = (await snapshot(h)).connection;
      return c.profileId === down.id && c.state === 'reconnecting';
    });
    expect((await snapshot(h)).connection.features.revision).toBeNull();
    // It never connects: the event log says why, once, however many attempts follow.
    const attempts = () =>
      statusesFrom(dropAt).filter((s) => s.profileId === down.id && s.state === 'reconnecting');
    await waitFor(() => attempts().length >= 3);
    const told = (await snapshot(h)).notifications.filter((n) =>
      n.message.startsWith('Could not connect to Down: '),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.message).toMatch(/ECONNREFUSED.*Retrying until it answers\.$/);
    unwrap(await h.core.invoke('disconnect', undefined));
    await pending;
  });

  it('resyncs after the exchange restarts, picking up a fill that happened while disconnected', async () => {
    const h = await connectedCore();
    const resting = await place(h, limitOrder('BUY', 1.08, 2000));
    await order(h, resting.orderId, 'NEW');
    const ex = h.exchange();
    const port = ex.port;
    await ex.close();
    await waitFor(async () => (await snapshot(h)).connection.state === 'reconnecting');
    const restarted = await startTestExchange({
      port,
      seed: 7,
      accounts: [{ login: 'demo', token: 'demo-token' }],
      dataDir: join(h.dataDir, 'paper-exchange'),
    });
    cleanups.push(() => restarted.close());
    expect(restarted.controls.setReferencePrice('EURUSD', 1.07).ok).toBe(true);
    expect(
      restarted.engine.orderStatus(['demo'], { orderId: resting.orderId }).ok &&
        restarted.engine.workingOrders(['demo']),
    ).toEqual([]);
    const filled = await order(h, resting.orderId, 'FILLED');
    expect(filled.executedQty).toBe(2000);
    const s = await snapshot(h);
    expect(s.connection.state).toBe('connected');
    expect(s.positions).toEqual([expect.objectContaining({ symbol: 'EURUSD', netQty: 2000 })]);
    expect(
      s.fills.filter((f) => f.orderId === resting.orderId).reduce((t, f) => t + f.qty, 0),
    ).toBe(2000);
    expect(s.notifications.some((n) => n.kind === 'disconnect')).toBe(true);
  });

  it('an order the exchange no longer knows after it restarts (a reset) stops being working, and the user is told once', async () => {
    const h = await connectedCore();
    const resting = await place(h, limitOrder('BUY', 1.08, 2000));
    await order(h, resting.orderId, 'NEW');
    const ex = h.exchange();
    const port = ex.port;
    const restartEmpty = async () => {
      const fresh = await startTestExchange({
        port,
        seed: 7,
        accounts: [{ login: 'demo', token: 'demo-token' }],
        // No data folder: it starts empty, as a reset venue does.
        firstOrderId: 1_000_000,
      });
      cleanups.push(() => fresh.close());
      return fresh;
    };
    await ex.close();
    await waitFor(async () => (await snapshot(h)).connection.state === 'reconnecting');
    const fresh = await restartEmpty();

    const closed = await order(h, resting.orderId, 'CANCELED');
    expect(closed).toMatchObject({ lastReason: 'NOT_AT_EXCHANGE', leavesQty: 0, executedQty: 0 });
    const told = (s: Awaited<ReturnType<typeof snapshot>>) =>
      s.notifications.filter((n) =>
        n.message.includes('is no longer at the exchange (it answered "unknown order"'),
      );
    let s = await snapshot(h);
    expect(s.connection.state).toBe('connected');
    expect(told(s)).toHaveLength(1);
    expect(told(s)[0]?.message).toContain(`BUY 2,000 EURUSD (${resting.clientOrderId})`);
    // The history holds it closed: a restart of the app does not bring it back as working.
    const db = new HistoryDb(h.dataDir);
    cleanups.push(() => db.close());
    await waitFor(() => db.workingOrders('paper').length === 0, 'the history written');

    // A second reconnect neither asks for it again nor tells the user again.
    await fresh.close();
    await waitFor(async () => (await snapshot(h)).connection.state === 'reconnecting');
    await restartEmpty();
    await waitFor(async () => (await snapshot(h)).connection.state === 'connected');
    const again = await place(h, limitOrder('BUY', 1.07, 1000));
    expect(again.orderId).toBeGreaterThanOrEqual(1_000_000);
    await order(h, again.orderId, 'NEW');
    s = await snapshot(h);
    expect(told(s)).toHaveLength(1);
    const lookedUp = db
      .audit('paper', 10_000)
      .filter(
        (a) =>
          a.direction === 'out' &&
          a.event === 'orderstatus' &&
          a.frame.includes(`"orderId":${resting.orderId}`),
      );
    expect(lookedUp).toHaveLength(1);
  });

  it('on a first-revision venue (its own error numbers) an order it no longer knows is closed too', async () => {
    const venue = () =>
      startTestExchange({
        revision: 'first',
        seed: 7,
        accounts: [{ login: 'demo', token: 'tok-first' }],
      });
    const first = await venue();
    cleanups.push(() => first.close());
    const h = await startCoreWithExchange(tempDirFor(), { autoConnectProfileId: null });
    cleanups.push(h.close);
    const profile = unwrap(
      await h.core.invoke('saveProfile', {
        name: 'First',
        url: first.url,
        login: 'demo',
        token: 'tok-first',
        revision: 'auto',
      }),
    ) as Profile;
    unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    expect((await snapshot(h)).connection.features.revision).toBe('first');
    const resting = await place(h, limitOrder('BUY', 1.08, 2000));
    await order(h, resting.orderId, 'NEW');
    unwrap(await h.core.invoke('disconnect', undefined));
    await first.close();

    // The venue comes back empty (a reset) on the same address.
    const reset = await startTestExchange({
      revision: 'first',
      port: first.port,
      seed: 7,
      accounts: [{ login: 'demo', token: 'tok-first' }],
      firstOrderId: 1_000_000,
    });
    cleanups.push(() => reset.close());
    unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    const closed = await order(h, resting.orderId, 'CANCELED');
    expect(closed).toMatchObject({ lastReason: 'NOT_AT_EXCHANGE', leavesQty: 0 });
    expect(
      (await snapshot(h)).notifications.filter((n) =>
        n.message.includes('is no longer at the exchange'),
      ),
    ).toHaveLength(1);
  });

  it("an order of a login the token no longer holds is kept working (2000 also answers another account's order)", async () => {
    const exchangeDir = tempDirFor();
    const first = await startTestExchange({
      seed: 7,
      accounts: [{ login: ['acct-a', 'acct-b'], token: 'tok-ab' }],
      dataDir: exchangeDir,
    });
    const h = await startCoreWithExchange(tempDirFor(), { autoConnectProfileId: null });
    cleanups.push(h.close);
    const profile = unwrap(
      await h.core.invoke('saveProfile', {
        name: 'Desk',
        url: first.url,
        login: 'acct-a',
        token: 'tok-ab',
      }),
    ) as Profile;
    unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    const theirs = await place(h, { ...limitOrder('BUY', 1.08, 2000), login: 'acct-b' });
    await order(h, theirs.orderId, 'NEW');
    unwrap(await h.core.invoke('disconnect', undefined));
    await first.close();

    // The same exchange and journal, but the token now holds acct-a only.
    const second = await startTestExchange({
      port: first.port,
      seed: 7,
      accounts: [{ login: 'acct-a', token: 'tok-ab' }],
      dataDir: exchangeDir,
    });
    cleanups.push(() => second.close());
    expect(second.engine.workingOrders(['acct-b'])).toHaveLength(1);
    // connect returns once the resync (and its lookups) is done.
    unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    const s = await snapshot(h);
    const kept = s.orders.find((o) => o.orderId === theirs.orderId);
    expect(kept).toMatchObject({ status: 'NEW', login: 'acct-b' });
    expect(kept?.lastReason).not.toBe('NOT_AT_EXCHANGE');
    expect(s.notifications.some((n) => n.message.includes('no longer at the exchange'))).toBe(
      false,
    );
  });

  it('history survives a restart of the core; tokens never reach the database', async () => {
    const dir = tempDirFor();
    const first = await connectedCore({}, dir);
    const bought = await place(first, marketOrder('BUY', 0.01, 'BTCUSDT'));
    await order(first, bought.orderId, 'FILLED');
    const saved = unwrap(
      await first.core.invoke('saveProfile', {
        name: 'Remote',
        url: 'ws://127.0.0.1:1',
        token: 'super-secret-token',
      }),
    ) as Profile;
    expect(saved).toMatchObject({ kind: 'remote', hasToken: true });
    unwrap(await first.core.invoke('saveSettings', { theme: 'light' }));
    await first.close();

    const second = await startCoreWithExchange(dir, { autoConnectProfileId: null });
    cleanups.push(second.close);
    const s = await snapshot(second);
    expect(s.connection.state).toBe('disconnected');
    expect(s.orders.find((o) => o.orderId === bought.orderId)).toMatchObject({
      status: 'FILLED',
      executedQty: 0.01,
    });
    expect(s.positions).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', netQty: 0.01 })]);
    expect(s.profiles.map((p) => p.id)).toEqual(['paper', saved.id]);
    expect(s.profiles[1]?.hasToken).toBe(false); // the memory SecretStore did not survive
    expect(unwrap(await second.core.invoke('getSettings', undefined))).toMatchObject({
      theme: 'light',
    });
    const orders = unwrap(
      await second.core.invoke('queryOrders', { symbol: 'BTCUSDT' }),
    ) as OrderRow[];
    expect(orders.map((o) => o.orderId)).toEqual([bought.orderId]);
    expect(unwrap(await second.core.invoke('queryOrders', { symbol: 'EURUSD' }))).toEqual([]);
    await second.close();
    for (const file of ['history.db', 'history.db-wal']) {
      const path = join(dir, file);
      const text = existsSync(path) ? readFileSync(path, 'latin1') : '';
      expect(text.includes('super-secret-token')).toBe(false);
      expect(text.includes('demo-token')).toBe(false);
    }
  });

  it('connects to a server without extensions', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    const h = await startCoreWithExchange(tempDirFor(), { autoConnectProfileId: null });
    cleanups.push(h.close);
    const profile = unwrap(
      await h.core.invoke('saveProfile', {
        name: 'Plain',
        url: server.url,
        login: 'acct1',
        token: 'tok',
      }),
    ) as Profile;
    const status = unwrap(
      await h.core.invoke('connect', { profileId: profile.id }),
    ) as ConnectionStatus;
    expect(status).toMatchObject({
      state: 'connected',
      paper: false,
      profileName: 'Plain',
      logins: ['acct1'],
      features: { symbols: false, quotes: false, history: false },
    });
    expect(server.authHeaders).toEqual(['Bearer tok']);
  });
});

function tempDirFor(): string {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  return tmp.dir;
}
