import { afterEach, describe, expect, it } from 'vitest';
import type {
  BracketPlan,
  ConnectionStatus,
  OrderRow,
  PlaceOrderInput,
  PlacedOrder,
  PositionActionReport,
  PositionRow,
  PriceAlert,
  ToolsState,
  TrailingStop,
} from '../../shared/ipc';
import type { DepthSnapshot } from '../../shared/protocol';
import { HistoryDb } from '../db';
import { ToolStore } from '../tools';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import type { CoreHarness } from '../testing/coreTestkit';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function connectedCore(): Promise<CoreHarness> {
  const dir = tempDir('tools-core-');
  cleanups.push(dir.remove);
  const h = await startCoreWithExchange(dir.dir, { autoConnectProfileId: null });
  cleanups.push(h.close);
  const status = unwrap(await h.core.invoke('connect', { profileId: 'paper' })) as ConnectionStatus;
  expect(status.state).toBe('connected');
  return h;
}

const orders = async (h: CoreHarness): Promise<OrderRow[]> =>
  (unwrap(await h.core.invoke('getSnapshot', undefined)) as { orders: OrderRow[] }).orders;
const positions = async (h: CoreHarness): Promise<PositionRow[]> =>
  unwrap(await h.core.invoke('queryPositions', undefined)) as PositionRow[];
const tools = async (h: CoreHarness): Promise<ToolsState> =>
  unwrap(await h.core.invoke('getTools', undefined)) as ToolsState;
const buy = async (h: CoreHarness, quantity: number): Promise<PlacedOrder> =>
  unwrap(
    await h.core.invoke('placeOrder', { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity }),
  ) as PlacedOrder;
const net = async (h: CoreHarness): Promise<number> =>
  (await positions(h)).find((p) => p.symbol === 'EURUSD')?.netQty ?? 0;
/** Buys 1,000 EURUSD at market and waits for the position; answers its mark price. */
async function longAt(h: CoreHarness): Promise<number> {
  await buy(h, 1000);
  await waitFor(async () => (await net(h)) === 1000);
  return (await positions(h))[0]?.markPrice ?? 1.08;
}
/** Places an order and waits until main holds it. */
async function placedAndHeld(h: CoreHarness, input: PlaceOrderInput): Promise<PlacedOrder> {
  const placed = unwrap(await h.core.invoke('placeOrder', input)) as PlacedOrder;
  await waitFor(async () => (await orders(h)).find((o) => o.orderId === placed.orderId));
  return placed;
}
/** Moves the market and lets the exchange's clock run a little. */
function moveTo(h: CoreHarness, price: number): void {
  const result = h.exchange().controls.setReferencePrice('EURUSD', price);
  if (!result.ok) throw new Error(result.error.error);
  h.exchange().controls.advance(200);
}

describe('safety limits', () => {
  it('a fat-finger order is refused with LIMIT_EXCEEDED, then goes through with the override', async () => {
    const h = await connectedCore();
    unwrap(
      await h.core.invoke('saveToolSettings', {
        oneClick: false,
        limits: { EURUSD: { maxQty: 5000, defaultQty: 1000 } },
      }),
    );
    const refused = await h.core.invoke('placeOrder', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'MARKET',
      quantity: 50000,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED', field: 'quantity' },
    });
    expect(await orders(h)).toEqual([]);
    const placed = unwrap(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'MARKET',
        quantity: 50000,
        override: true,
      }),
    ) as PlacedOrder;
    expect(placed.orderId).toBeGreaterThan(0);
    expect((await tools(h)).settings.limits['EURUSD']?.defaultQty).toBe(1000);
  });

  it('refuses an OCO whose stop leg lies too far from the market', async () => {
    const h = await connectedCore();
    unwrap(
      await h.core.invoke('saveToolSettings', {
        oneClick: false,
        limits: { '*': { maxDistancePct: 1 } },
      }),
    );
    const last = await longAt(h);
    const refused = await h.core.invoke('placeOco', {
      symbol: 'EURUSD',
      side: 'SELL',
      quantity: 1000,
      limitPrice: Number((last * 1.005).toFixed(5)),
      stopType: 'STOP',
      stopPrice: Number((last * 0.9).toFixed(5)),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED', field: 'stopPrice' },
    });
  });
});

describe('position actions', () => {
  it('closes a position with one market order and reports it filled', async () => {
    const h = await connectedCore();
    await buy(h, 3000);
    await waitFor(async () => (await net(h)) === 3000);
    const report = unwrap(
      await h.core.invoke('closePosition', { symbol: 'EURUSD' }),
    ) as PositionActionReport;
    expect(report).toMatchObject({ sent: 1, failed: [] });
    await waitFor(async () => (await net(h)) === 0);
  });

  it('reverses a long into a short of the same size', async () => {
    const h = await connectedCore();
    await buy(h, 2000);
    await waitFor(async () => (await net(h)) === 2000);
    unwrap(await h.core.invoke('reversePosition', { symbol: 'EURUSD' }));
    await waitFor(async () => (await net(h)) === -2000);
  });

  it('flatten cancels the working orders, then closes', async () => {
    const h = await connectedCore();
    await buy(h, 1000);
    await waitFor(async () => (await net(h)) === 1000);
    unwrap(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1,
        quantity: 1000,
      }),
    );
    const report = unwrap(await h.core.invoke('flatten', undefined)) as PositionActionReport;
    expect(report).toMatchObject({ cancelled: 1, sent: 1, failed: [], cancelFailed: [] });
    await waitFor(async () => (await net(h)) === 0);
    await waitFor(async () => (await orders(h)).every((o) => o.status !== 'NEW'));
  });
});

describe('brackets', () => {
  it('the entry fills, its exits appear; one exit fills and the exchange cancels the other', async () => {
    const h = await connectedCore();
    const placed = unwrap(
      await h.core.invoke('placeBracket', {
        entry: { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 2000 },
        bracket: {
          takeProfit: { kind: 'ticks', ticks: 200 },
          stopLoss: { kind: 'ticks', ticks: 200 },
        },
      }),
    ) as { plan: BracketPlan; order: PlacedOrder };
    const id = placed.plan.id;
    const exits = await waitFor(async () => {
      const rows = (await orders(h)).filter(
        (o) => o.clientOrderId.startsWith(`${id}-`) && o.side === 'SELL',
      );
      return rows.length === 2 && rows.every((o) => o.status === 'NEW') ? rows : undefined;
    });
    expect(exits.map((o) => o.origQty)).toEqual([2000, 2000]);
    const tp = exits.find((o) => o.type === 'LIMIT');
    expect(tp?.price).not.toBeNull();
    moveTo(h, (tp?.price ?? 0) + 0.0005);
    await waitFor(async () => (await tools(h)).brackets.find((p) => p.id === id)?.state === 'done');
    const after = (await orders(h)).filter(
      (o) => o.clientOrderId.startsWith(`${id}-`) && o.side === 'SELL',
    );
    expect(after.map((o) => o.status).sort()).toEqual(['CANCELED', 'FILLED']);
    await waitFor(async () => (await net(h)) === 0);
  });

  it('closing the position cancels the exits of its plan', async () => {
    const h = await connectedCore();
    const placed = unwrap(
      await h.core.invoke('placeBracket', {
        entry: { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 },
        bracket: {
          takeProfit: { kind: 'ticks', ticks: 300 },
          stopLoss: { kind: 'ticks', ticks: 300 },
        },
      }),
    ) as { plan: BracketPlan };
    const mine = async () =>
      (await orders(h)).filter((o) => o.clientOrderId.startsWith(`${placed.plan.id}-`));
    await waitFor(async () => (await mine()).filter((o) => o.status === 'NEW').length === 2);
    const report = unwrap(
      await h.core.invoke('closePosition', { symbol: 'EURUSD' }),
    ) as PositionActionReport;
    expect(report).toMatchObject({ cancelled: 1, sent: 1 });
    await waitFor(async () => (await net(h)) === 0);
    await waitFor(async () => (await mine()).every((o) => o.status !== 'NEW'));
    expect((await tools(h)).brackets[0]?.state).toBe('done');
  });

  it('a stop-loss alone goes out as one STOP order, no OCO, and a close cancels it', async () => {
    const h = await connectedCore();
    const placed = unwrap(
      await h.core.invoke('placeBracket', {
        entry: { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 },
        bracket: { stopLoss: { kind: 'ticks', ticks: 300 } },
      }),
    ) as { plan: BracketPlan };
    const id = placed.plan.id;
    const exits = async () =>
      (await orders(h)).filter((o) => o.clientOrderId.startsWith(`${id}-`) && o.side === 'SELL');
    const [stop] = await waitFor(async () => {
      const rows = await exits();
      return rows.length === 1 && rows[0]?.status === 'NEW' ? rows : undefined;
    });
    expect(stop).toMatchObject({ type: 'STOP', clientOrderId: `${id}-sl`, origQty: 1000 });
    expect(stop?.ocoOrderId).toBeNull();
    const plan = (await tools(h)).brackets.find((p) => p.id === id);
    expect(plan?.exits).toMatchObject({ takeProfit: null, state: 'working' });

    const report = unwrap(
      await h.core.invoke('closePosition', { symbol: 'EURUSD' }),
    ) as PositionActionReport;
    expect(report).toMatchObject({ cancelled: 1, sent: 1 });
    await waitFor(async () => (await net(h)) === 0);
    await waitFor(async () => (await exits())[0]?.status === 'CANCELED');
    expect(await exits()).toHaveLength(1);
    expect((await tools(h)).brackets.find((p) => p.id === id)).toMatchObject({
      state: 'done',
      reason: 'Position closed',
    });
  });
});

describe('brackets across a restart', () => {
  it('exits sent just before a crash are found by clientOrderId, not placed twice', async () => {
    const dir = tempDir('tools-restart-');
    cleanups.push(dir.remove);
    const first = await startCoreWithExchange(dir.dir, { autoConnectProfileId: null });
    unwrap(await first.core.invoke('connect', { profileId: 'paper' }));
    const placed = unwrap(
      await first.core.invoke('placeBracket', {
        entry: { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 },
        bracket: {
          takeProfit: { kind: 'ticks', ticks: 300 },
          stopLoss: { kind: 'ticks', ticks: 300 },
        },
      }),
    ) as { plan: BracketPlan };
    const id = placed.plan.id;
    const exitsAt = (h: CoreHarness) =>
      h
        .exchange()
        .engine.workingOrders(['demo'])
        .filter((o) => o.clientOrderId.startsWith(`${id}-`));
    await waitFor(() => exitsAt(first).length === 2);
    await waitFor(async () => (await tools(first)).brackets[0]?.exits?.state === 'working');
    await first.close();
    // As if the app died after sending the exits and before hearing of them.
    const db = new HistoryDb(dir.dir);
    const store = new ToolStore(db);
    const [plan] = store.load('paper', 'bracket', () => undefined);
    if (!plan?.exits) throw new Error('no stored plan');
    const placing: BracketPlan = {
      ...plan,
      exits: {
        ...plan.exits,
        state: 'placing',
        takeProfit: plan.exits.takeProfit && { ...plan.exits.takeProfit, orderId: null },
        stopLoss: plan.exits.stopLoss && { ...plan.exits.stopLoss, orderId: null },
      },
    };
    store.save('paper', 'bracket', id, placing, 0);
    db.close();

    const second = await startCoreWithExchange(dir.dir, { autoConnectProfileId: null });
    cleanups.push(second.close);
    unwrap(await second.core.invoke('connect', { profileId: 'paper' }));
    await waitFor(async () => (await tools(second)).brackets[0]?.exits?.state === 'working');
    expect(exitsAt(second)).toHaveLength(2);
    const all = second.exchange().engine.ordersChangedSince(['demo'], 0);
    expect(all.filter((o) => o.clientOrderId === `${id}-tp`)).toHaveLength(1);
  });
});

describe('a one-leg bracket across a restart', () => {
  it('a single exit sent just before a crash is found by its clientOrderId, not placed twice', async () => {
    const dir = tempDir('tools-restart-one-');
    cleanups.push(dir.remove);
    const first = await startCoreWithExchange(dir.dir, { autoConnectProfileId: null });
    unwrap(await first.core.invoke('connect', { profileId: 'paper' }));
    const placed = unwrap(
      await first.core.invoke('placeBracket', {
        entry: { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 },
        bracket: { takeProfit: { kind: 'ticks', ticks: 300 } },
      }),
    ) as { plan: BracketPlan };
    const id = placed.plan.id;
    const exitsAt = (h: CoreHarness) =>
      h
        .exchange()
        .engine.workingOrders(['demo'])
        .filter((o) => o.clientOrderId.startsWith(`${id}-`));
    await waitFor(() => exitsAt(first).length === 1);
    await waitFor(async () => (await tools(first)).brackets[0]?.exits?.state === 'working');
    await first.close();
    // As if the app died after sending the exit and before hearing of it.
    const db = new HistoryDb(dir.dir);
    const store = new ToolStore(db);
    const [plan] = store.load('paper', 'bracket', () => undefined);
    if (!plan?.exits?.takeProfit) throw new Error('no stored plan with its take-profit');
    store.save(
      'paper',
      'bracket',
      id,
      {
        ...plan,
        exits: {
          ...plan.exits,
          state: 'placing',
          takeProfit: { ...plan.exits.takeProfit, orderId: null },
        },
      },
      0,
    );
    db.close();

    const second = await startCoreWithExchange(dir.dir, { autoConnectProfileId: null });
    cleanups.push(second.close);
    unwrap(await second.core.invoke('connect', { profileId: 'paper' }));
    await waitFor(async () => (await tools(second)).brackets[0]?.exits?.state === 'working');
    expect(exitsAt(second)).toEqual([
      expect.objectContaining({ clientOrderId: `${id}-tp`, type: 'LIMIT' }),
    ]);
    const all = second.exchange().engine.ordersChangedSince(['demo'], 0);
    expect(
      all.filter((o) => o.clientOrderId.startsWith(`${id}-`) && o.side === 'SELL'),
    ).toHaveLength(1);
  });
});

describe('trailing stops and alerts', () => {
  it('a trailing stop moves up as the market rises and never back', async () => {
    const h = await connectedCore();
    const mark = await longAt(h);
    const stop = await placedAndHeld(h, {
      symbol: 'EURUSD',
      side: 'SELL',
      type: 'STOP',
      stopPrice: Number((mark - 0.01).toFixed(5)),
      quantity: 1000,
    });
    const trail = unwrap(
      await h.core.invoke('startTrailingStop', {
        orderId: stop.orderId,
        distance: { kind: 'ticks', ticks: 500 },
      }),
    ) as TrailingStop;
    moveTo(h, Number((mark + 0.002).toFixed(5)));
    const moved = await waitFor(async () => {
      const row = (await orders(h)).find((o) => o.orderId === stop.orderId);
      return row && (row.stopPrice ?? 0) > mark - 0.006 ? row : undefined;
    });
    const high = moved.stopPrice ?? 0;
    moveTo(h, Number((mark - 0.001).toFixed(5)));
    h.exchange().controls.advance(500);
    const state = (await tools(h)).trailingStops.find((t) => t.id === trail.id);
    expect(state?.stopPrice).toBeGreaterThanOrEqual(high);
    expect(
      (await orders(h)).find((o) => o.orderId === stop.orderId)?.stopPrice,
    ).toBeGreaterThanOrEqual(high);
  });

  it('a trailing stop limit moves its limit with its stop on the exchange', async () => {
    const h = await connectedCore();
    const mark = await longAt(h);
    const stopPrice = Number((mark - 0.01).toFixed(5));
    const placed = await placedAndHeld(h, {
      symbol: 'EURUSD',
      side: 'SELL',
      type: 'STOP_LIMIT',
      stopPrice,
      price: Number((stopPrice - 0.0005).toFixed(5)),
      quantity: 1000,
    });
    unwrap(
      await h.core.invoke('startTrailingStop', {
        orderId: placed.orderId,
        distance: { kind: 'ticks', ticks: 500 },
      }),
    );
    moveTo(h, Number((mark + 0.002).toFixed(5)));
    const onExchange = () =>
      h
        .exchange()
        .engine.ordersChangedSince(['demo'], 0)
        .find((o) => o.orderId === placed.orderId);
    const moved = await waitFor(() => {
      const row = onExchange();
      return row && (row.stopPrice ?? 0) > stopPrice ? row : undefined;
    });
    // Both prices moved the same number of ticks: the limit is still 50 ticks under the stop.
    expect(Math.round(((moved.stopPrice ?? 0) - (moved.price ?? 0)) / 0.00001)).toBe(50);
    expect(moved.type).toBe('STOP_LIMIT');
  });

  it('refuses to trail a limit order', async () => {
    const h = await connectedCore();
    const placed = await placedAndHeld(h, {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.06,
      quantity: 1000,
    });
    const result = await h.core.invoke('startTrailingStop', {
      orderId: placed.orderId,
      distance: { kind: 'ticks', ticks: 50 },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'orderId' },
    });
  });

  it('an alert fires once and stays quiet until re-armed', async () => {
    const h = await connectedCore();
    const mark = await longAt(h);
    const alert = unwrap(
      await h.core.invoke('saveAlert', {
        symbol: 'EURUSD',
        condition: 'above',
        price: Number((mark + 0.001).toFixed(5)),
      }),
    ) as PriceAlert;
    const fired = () =>
      h.batches
        .flatMap((b) => (b as { alertFired?: PriceAlert[] }).alertFired ?? [])
        .filter((a) => a.id === alert.id);
    moveTo(h, Number((mark + 0.003).toFixed(5)));
    await waitFor(() => fired().length === 1);
    moveTo(h, Number((mark + 0.004).toFixed(5)));
    moveTo(h, Number((mark + 0.005).toFixed(5)));
    await waitFor(async () => ((await positions(h))[0]?.markPrice ?? 0) >= mark + 0.0045);
    expect(fired()).toHaveLength(1);
    expect((await tools(h)).alerts[0]?.armed).toBe(false);
    unwrap(await h.core.invoke('rearmAlert', { id: alert.id }));
    moveTo(h, Number((mark + 0.006).toFixed(5)));
    await waitFor(() => fired().length === 2);
  });

  it('an alert off the instrument’s tick is refused by main, whatever the renderer let through', async () => {
    const h = await connectedCore();
    const refused = await h.core.invoke('saveAlert', {
      symbol: 'EURUSD',
      condition: 'above',
      price: 1.0812345,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'price',
        message: 'price: 1.0812345 is off the EURUSD tick size 0.00001',
      },
    });
    expect((await tools(h)).alerts).toEqual([]);
  });
});

describe('depth', () => {
  it('watching a symbol streams its book to the renderer; unwatching stops it', async () => {
    const h = await connectedCore();
    expect(unwrap(await h.core.invoke('watchDepth', { symbol: 'EURUSD', levels: 10 }))).toEqual({
      supported: true,
    });
    const books = () => h.batches.flatMap((b) => (b as { depth?: DepthSnapshot[] }).depth ?? []);
    const first = await waitFor(() => books()[0], 'the first depth snapshot', 10_000);
    expect(first.symbol).toBe('EURUSD');
    expect(first.bids.length).toBeGreaterThan(0);
    // A reconnect (the exchange dropped every session) asks for the stream again.
    h.exchange().controls.faults.disconnectAll();
    const before = books().length;
    // Reconnect, detection and resync come first: a loaded machine may take seconds.
    await waitFor(() => books().length > before, 'depth after the reconnect', 15_000);
    unwrap(await h.core.invoke('unwatchDepth', { symbol: 'EURUSD' }));
    const seen = books().length;
    moveTo(h, 1.2);
    h.exchange().controls.advance(1000);
    await h.core.invoke('getTools', undefined);
    expect(books()).toHaveLength(seen);
  });
});
