import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalExecution, ExecutionPayload, OrderWithFills } from '../../shared/protocol';
import { OrderStore } from './orderStore';
import { PositionBook } from './positionBook';
import type { Precision } from './precision';

const EURUSD: Precision = { price: 5, qty: 0 };
const newStore = (): OrderStore =>
  new OrderStore({ precision: () => EURUSD, defaultLogin: () => 'demo', now: () => 0 });

function exec(overrides: Partial<ExecutionPayload> = {}): ExecutionPayload {
  return {
    symbol: 'EURUSD',
    type: 'LIMIT',
    orderId: 7,
    clientOrderId: 'pd-1',
    transactTime: 1000,
    price: 1.1,
    origQty: 3000,
    executedQty: 0,
    cummulativeQuoteQty: 0,
    status: 'NEW',
    timeInForce: 'GTC',
    side: 'BUY',
    login: 'demo',
    ...overrides,
  };
}

/** An execution of order 7 reporting `executedQty` (for `cummulativeQuoteQty`) at `transactTime`. */
function progress(
  transactTime: number,
  executedQty: number,
  cummulativeQuoteQty: number,
  status: ExecutionPayload['status'],
  overrides: Partial<ExecutionPayload> = {},
): ExecutionPayload {
  return exec({ transactTime, executedQty, cummulativeQuoteQty, status, ...overrides });
}

/** The fill an execution reports (lastPrice/lastQty/tradeId). */
const last = (lastPrice: number, lastQty: number, tradeId: number): Partial<ExecutionPayload> => ({
  lastPrice,
  lastQty,
  tradeId,
});

/** A store holding order 7 as NEW. */
function storeWithNewOrder(): OrderStore {
  const store = newStore();
  store.apply(exec());
  return store;
}

describe('OrderStore', () => {
  describe('a row the app closed as no longer at the exchange', () => {
    /** Order 7 (pd-1) with 1,000 filled, then closed here (NOT_AT_EXCHANGE). */
    function closedHere(): OrderStore {
      const store = storeWithNewOrder();
      store.apply(progress(1001, 1000, 1100, 'PARTIALLY_FILLED', last(1.1, 1000, 1)));
      store.apply(progress(1001, 1000, 1100, 'CANCELED', { reason: 'NOT_AT_EXCHANGE' }));
      expect(store.get(7)).toMatchObject({ status: 'CANCELED', lastReason: 'NOT_AT_EXCHANGE' });
      return store;
    }

    it('reopens when the exchange shows the order after all, unless less executed', () => {
      const store = closedHere();
      // Less executed than held is still stale.
      store.apply(progress(900, 0, 0, 'NEW'));
      expect(store.get(7)).toMatchObject({ status: 'CANCELED', executedQty: 1000 });
      const change = store.apply(progress(1001, 1000, 1100, 'PARTIALLY_FILLED'));
      expect(change.orders).toHaveLength(1);
      expect(store.get(7)).toMatchObject({
        status: 'PARTIALLY_FILLED',
        leavesQty: 2000,
        lastReason: null,
      });
    });

    it('an order under the id a reset exchange handed out again shows, with its own fills', () => {
      const store = closedHere();
      // The exchange restarted empty and gave id 7 to another order, on its own (older) clock.
      const placed = store.apply(exec({ clientOrderId: 'pd-2', transactTime: 500, origQty: 1000 }));
      expect(placed.orders).toHaveLength(1);
      expect(store.get(7)).toMatchObject({
        clientOrderId: 'pd-2',
        status: 'NEW',
        origQty: 1000,
        executedQty: 0,
        createdAt: 500,
        lastReason: null,
      });
      // Its fill is its own: not taken as covered by the old order's 1,000.
      const filled = store.apply(
        exec({
          clientOrderId: 'pd-2',
          transactTime: 600,
          origQty: 1000,
          executedQty: 500,
          cummulativeQuoteQty: 600,
          status: 'PARTIALLY_FILLED',
          ...last(1.2, 500, 9),
        }),
      );
      expect(filled.fills.map((f) => [f.clientOrderId, f.qty, f.price])).toEqual([
        ['pd-2', 500, 1.2],
      ]);
      expect(store.fillsOf(7).map((f) => f.clientOrderId)).toEqual(['pd-2']);
      // Its own older versions are stale again.
      expect(store.apply(exec({ clientOrderId: 'pd-2', transactTime: 550 })).orders).toEqual([]);
    });
  });

  it('a working order whose clientOrderId changes (the current revision renames) stays one order', () => {
    const store = storeWithNewOrder();
    store.apply(progress(2000, 1000, 1100, 'PARTIALLY_FILLED', { clientOrderId: 'renamed' }));
    expect(store.get(7)).toMatchObject({ clientOrderId: 'renamed', createdAt: 1000 });
    // An older version under the old name is stale.
    expect(store.apply(exec({ transactTime: 1500 })).orders).toEqual([]);
    expect(store.get(7)?.executedQty).toBe(1000);
  });

  it('reads the fills of executions that carry a fills list (current revision), each once', () => {
    const store = storeWithNewOrder();
    // The current revision: no price, no cummulativeQuoteQty, every fill so far in `fills`.
    const current = (
      executedQty: number,
      fills: Array<{ price: number; qty: number }>,
      status: ExecutionPayload['status'],
      transactTime: number | undefined,
    ): CanonicalExecution => {
      const { cummulativeQuoteQty: _cq, ...rest } = exec({ executedQty, status });
      return { ...rest, price: 0, transactTime, fills };
    };
    store.applyExecution(current(1000, [{ price: 1.1, qty: 1000 }], 'PARTIALLY_FILLED', 1001));
    // The same state again (a duplicate), then one more fill; the last one without a time.
    store.applyExecution(current(1000, [{ price: 1.1, qty: 1000 }], 'PARTIALLY_FILLED', 1001));
    const fills = [
      { price: 1.1, qty: 1000 },
      { price: 1.09998, qty: 2000 },
    ];
    store.applyExecution(current(3000, fills, 'FILLED', undefined));
    expect(store.fillsOf(7).map((f) => [f.price, f.qty])).toEqual([
      [1.1, 1000],
      [1.09998, 2000],
    ]);
    const book = new PositionBook(() => EURUSD);
    for (const fill of store.allFills()) book.upsert(fill);
    expect(book.rows(new Map())[0]).toMatchObject({ netQty: 3000 });
    expect(store.get(7)).toMatchObject({
      status: 'FILLED',
      executedQty: 3000,
      avgPrice: 1.0999867,
    });
    // A time missing from a later version keeps the row's last known time.
    expect(store.get(7)?.updatedAt).toBe(1001);
  });

  it('keeps one row per order with avgPrice, leavesQty and cumQuote', () => {
    const store = storeWithNewOrder();
    const change = store.apply(
      progress(1001, 2000, 2199.98, 'PARTIALLY_FILLED', last(1.09999, 2000, 1)),
    );
    expect(change.orders).toHaveLength(1);
    expect(store.get(7)).toMatchObject({
      executedQty: 2000,
      leavesQty: 1000,
      cumQuote: 2199.98,
      avgPrice: 1.09999,
      createdAt: 1000,
      updatedAt: 1001,
    });
    expect(store.rows()).toHaveLength(1);
  });

  it('ignores stale versions: older transactTime or smaller executedQty', () => {
    const store = newStore();
    store.apply(progress(2000, 1000, 1100, 'PARTIALLY_FILLED'));
    expect(store.apply(exec({ transactTime: 1000 })).orders).toEqual([
      expect.objectContaining({ status: 'PARTIALLY_FILLED', createdAt: 1000, updatedAt: 2000 }),
    ]);
    expect(store.apply(exec({ transactTime: 2001, executedQty: 0 })).orders).toEqual([]);
    expect(store.get(7)?.status).toBe('PARTIALLY_FILLED');
    store.apply(progress(2000, 1000, 1100, 'CANCELED'));
    expect(store.apply(progress(2000, 1000, 1100, 'PARTIALLY_FILLED')).orders).toEqual([]);
    expect(store.get(7)).toMatchObject({ status: 'CANCELED', leavesQty: 0 });
  });

  it('takes fills from lastPrice/lastQty and never counts one twice', () => {
    const store = newStore();
    const fill = progress(1001, 1000, 1100, 'PARTIALLY_FILLED', last(1.1, 1000, 42));
    expect(store.apply(fill).fills).toEqual([
      expect.objectContaining({ fillId: '7:42', qty: 1000, price: 1.1, derived: false }),
    ]);
    expect(store.apply(fill).fills).toEqual([]);
    expect(store.allFills()).toHaveLength(1);
  });

  it('derives fills from executedQty/cummulativeQuoteQty deltas, and exact fills replace them', () => {
    const store = storeWithNewOrder();
    const derived = store.apply(progress(1002, 3000, 3300.03, 'FILLED'));
    expect(derived.fills).toEqual([
      expect.objectContaining({ fillId: '7:c3000', qty: 3000, price: 1.10001, derived: true }),
    ]);
    const status: OrderWithFills = {
      ...progress(1002, 3000, 3300.03, 'FILLED'),
      fills: [
        { price: 1.1, qty: 2000, tradeId: 1, time: 1001 },
        { price: 1.10003, qty: 1000, tradeId: 2, time: 1002 },
      ],
    };
    const change = store.applyOrderStatus(status);
    expect(change.removedFillIds).toEqual(['7:c3000']);
    expect(store.fillsOf(7)).toEqual([
      expect.objectContaining({ fillId: '7:1', qty: 2000, price: 1.1, derived: false }),
      expect.objectContaining({
        fillId: '7:2',
        qty: 1000,
        price: 1.10003,
        tradeId: 2,
        derived: false,
      }),
    ]);
    // A late execution repeating an exact fill changes nothing.
    expect(
      store.apply(progress(1002, 3000, 3300.03, 'FILLED', last(1.10003, 1000, 2))).fills,
    ).toEqual([]);
  });

  it('covers a gap before a reported fill with a derived fill priced from cumQuote', () => {
    const store = storeWithNewOrder();
    const change = store.apply(progress(1003, 3000, 3300.02, 'FILLED', last(1.10002, 1000, 3)));
    expect(change.fills.map((f) => [f.qty, f.price, f.derived])).toEqual([
      [2000, 1.1, true],
      [1000, 1.10002, false],
    ]);
  });
});

// ---------------------------------------------------------------- properties

interface Step {
  qty: number;
  priceTicks: number;
}

/** The executions of one order filling in `steps`, each with lastPrice/lastQty (and cumQuote). */
function executions(
  orderId: number,
  side: 'BUY' | 'SELL',
  steps: Step[],
  withLast: boolean,
): ExecutionPayload[] {
  const origQty = steps.reduce((s, x) => s + x.qty, 0) * 1000 + 1000;
  const list: ExecutionPayload[] = [exec({ orderId, side, origQty, transactTime: orderId * 1000 })];
  let executed = 0;
  let quote = 0n;
  steps.forEach((step, i) => {
    executed += step.qty * 1000;
    quote += BigInt(step.priceTicks) * BigInt(step.qty * 1000);
    list.push(
      exec({
        orderId,
        side,
        origQty,
        transactTime: orderId * 1000 + i + 1,
        executedQty: executed,
        cummulativeQuoteQty: Number(quote) / 1e5,
        status: 'PARTIALLY_FILLED',
        ...(withLast && {
          lastPrice: step.priceTicks / 1e5,
          lastQty: step.qty * 1000,
          tradeId: orderId * 100 + i,
        }),
      }),
    );
  });
  return list;
}

const stepArb = fc.record({
  qty: fc.integer({ min: 1, max: 5 }),
  priceTicks: fc.integer({ min: 100_000, max: 120_000 }),
});
const orderArb = fc.record({
  side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 5 }),
});

function replay(list: ExecutionPayload[]): { rows: string; fills: string; positions: string } {
  const store = newStore();
  const book = new PositionBook(() => EURUSD);
  for (const e of list) {
    const change = store.apply(e);
    for (const id of change.removedFillIds) book.remove(id);
    for (const f of change.fills) book.upsert(f);
  }
  const rows = JSON.stringify(store.rows().sort((a, b) => a.orderId - b.orderId));
  const fills = JSON.stringify(store.allFills().sort((a, b) => (a.fillId < b.fillId ? -1 : 1)));
  return { rows, fills, positions: JSON.stringify(book.rows(new Map())) };
}

describe('OrderStore properties', () => {
  it('replays of executions in any order, duplicated, give the same state', () => {
    fc.assert(
      fc.property(
        fc.array(orderArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (orders, dupes, randoms) => {
          const list = orders.flatMap((o, i) => executions(i + 1, o.side, o.steps, true));
          const inOrder = replay(list);
          const noisy = [...list, ...dupes.map((d) => list[d % list.length]!)];
          const shuffled = noisy
            .map((e) => ({ e, k: randoms.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          expect(replay(shuffled)).toEqual(inOrder);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('derived fills (no lastQty) always add up to executedQty and cumQuote, whatever the order', () => {
    fc.assert(
      fc.property(orderArb, fc.array(fc.nat()), (o, perm) => {
        const list = executions(1, o.side, o.steps, false);
        const shuffled = [...list];
        perm.forEach((p, i) => {
          const j = p % shuffled.length;
          const k = i % shuffled.length;
          [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
        });
        const store = newStore();
        for (const e of [...shuffled, ...shuffled]) store.apply(e);
        const last = list[list.length - 1]!;
        const fills = store.allFills();
        const qty = fills.reduce((s, f) => s + f.qty, 0);
        const quote = fills.reduce((s, f) => s + f.price * f.qty, 0);
        expect(qty).toBe(last.executedQty);
        // Derived prices carry 7 decimals: the notional is exact to half a unit of that per lot.
        expect(Math.abs(quote - (last.cummulativeQuoteQty ?? 0))).toBeLessThanOrEqual(qty * 1e-7);
        expect(store.get(1)?.executedQty).toBe(last.executedQty);
      }),
      { numRuns: 200 },
    );
  });
});
