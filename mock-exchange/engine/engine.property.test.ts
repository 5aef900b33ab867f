/**
 * Property tests: random streams of commands (all types and TIFs, cancels,
 * modifies, OCOs, time moves) checked against the engine's invariants after
 * every step. SOAK=1 raises the number of runs.
 */
import { scale } from '../testing/env';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Instrument, OrderType, TimeInForce } from '../../shared/domain';
import { DEFAULT_INSTRUMENTS, priceToTicks, qtyToLots, tickLotsToQuote } from '../../shared/domain';
import type { ExecutionEvent, PersistedOrder } from './api';
import { MatchingEngine } from './engine';
import { T0 } from '../testing/engineKit';

const EUR = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'EURUSD') as Instrument;
const LOGINS = ['a', 'b', 'c'] as const;
const BASE_TICKS = 108_500;

const priceOf = (offset: number) => (BASE_TICKS + offset) / 1e5;

const placeCmd = fc.record({
  kind: fc.constant('place' as const),
  login: fc.constantFrom(...LOGINS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  type: fc.constantFrom<OrderType>('LIMIT', 'LIMIT', 'LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT'),
  tif: fc.constantFrom<TimeInForce | undefined>(
    undefined,
    'GTC',
    'GTT',
    'IOC',
    'FOK',
    'AON',
    'DAY',
  ),
  priceOff: fc.integer({ min: -8, max: 8 }),
  stopOff: fc.integer({ min: -8, max: 8 }),
  lots: fc.integer({ min: 1, max: 5 }),
  ttl: fc.integer({ min: 1, max: 20_000 }),
  cid: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }),
});
const cancelCmd = fc.record({
  kind: fc.constant('cancel' as const),
  pick: fc.nat(1000),
  login: fc.constantFrom(...LOGINS),
});
const modifyCmd = fc.record({
  kind: fc.constant('modify' as const),
  pick: fc.nat(1000),
  priceOff: fc.option(fc.integer({ min: -8, max: 8 }), { nil: undefined }),
  stopOff: fc.option(fc.integer({ min: -8, max: 8 }), { nil: undefined }),
  lots: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});
const ocoCmd = fc.record({
  kind: fc.constant('oco' as const),
  login: fc.constantFrom(...LOGINS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  limitOff: fc.integer({ min: 1, max: 6 }),
  stopOff: fc.integer({ min: 1, max: 6 }),
  stopLimit: fc.boolean(),
  tif: fc.constantFrom<TimeInForce | undefined>(undefined, 'GTC', 'AON', 'DAY'),
  lots: fc.integer({ min: 1, max: 4 }),
  ttl: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
  limitFirst: fc.boolean(),
});
const timeCmd = fc.record({
  kind: fc.constant('time' as const),
  dt: fc.integer({ min: 0, max: 30_000 }),
});
const command = fc.oneof(
  { arbitrary: placeCmd, weight: 10 },
  { arbitrary: cancelCmd, weight: 2 },
  { arbitrary: modifyCmd, weight: 3 },
  { arbitrary: ocoCmd, weight: 2 },
  { arbitrary: timeCmd, weight: 1 },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const ALL = () => true;

/** The fields of an order that must never change once it is final. */
function coreFields(o: PersistedOrder | ExecutionEvent['payload']): string {
  const { status, executedQty, origQty, price, stopPrice, transactTime, cummulativeQuoteQty } = o;
  return JSON.stringify({
    status,
    executedQty,
    origQty,
    price,
    stopPrice,
    transactTime,
    cummulativeQuoteQty,
  });
}

/** Runs one command; returns whether it succeeded. */
function run(e: MatchingEngine, c: Command, now: number, ids: number[]): boolean {
  const last = Math.round((e.lastPrice('EURUSD') ?? 1.085) * 1e5);
  switch (c.kind) {
    case 'place': {
      const r = e.placeOrder(
        c.login,
        {
          symbol: 'EURUSD',
          side: c.side,
          type: c.type,
          quantity: c.lots * 1000,
          price: c.type === 'LIMIT' || c.type === 'STOP_LIMIT' ? priceOf(c.priceOff) : undefined,
          stopPrice: c.type === 'STOP' || c.type === 'STOP_LIMIT' ? priceOf(c.stopOff) : undefined,
          timeInForce: c.tif,
          timeInForceDate: c.tif === 'GTT' ? new Date(now + c.ttl).toISOString() : undefined,
          clientOrderId: c.cid,
        },
        now,
      );
      if (r.ok) ids.push(r.value.orderId);
      return r.ok;
    }
    case 'cancel': {
      const id = ids[c.pick % Math.max(ids.length, 1)];
      return id !== undefined && e.cancelOrder([c.login], { orderId: id }, now).ok;
    }
    case 'modify': {
      const id = ids[c.pick % Math.max(ids.length, 1)];
      if (id === undefined) return false;
      if (c.priceOff === undefined && c.stopOff === undefined && c.lots === undefined) return false;
      return e.modifyOrder(
        LOGINS,
        {
          orderId: id,
          price: c.priceOff === undefined ? undefined : priceOf(c.priceOff),
          stopPrice: c.stopOff === undefined ? undefined : priceOf(c.stopOff),
          quantity: c.lots === undefined ? undefined : c.lots * 1000,
        },
        now,
      ).ok;
    }
    case 'oco': {
      const sign = c.side === 'SELL' ? 1 : -1;
      const limit = { type: 'LIMIT' as const, price: (last + sign * c.limitOff) / 1e5 };
      const stopTicks = last - sign * c.stopOff;
      const stop = c.stopLimit
        ? {
            type: 'STOP_LIMIT' as const,
            stopPrice: stopTicks / 1e5,
            price: (stopTicks - sign) / 1e5,
          }
        : { type: 'STOP' as const, stopPrice: stopTicks / 1e5 };
      const r = e.placeOco(
        c.login,
        {
          symbol: 'EURUSD',
          side: c.side,
          quantity: c.lots * 1000,
          timeInForce: c.tif,
          lifeTime: c.ttl === undefined ? undefined : new Date(now + c.ttl).toISOString(),
          orders: c.limitFirst ? [limit, stop] : [stop, limit],
        },
        now,
      );
      if (r.ok) for (const leg of r.value) ids.push(leg.orderId);
      return r.ok;
    }
    case 'time':
      e.advanceTime(now);
      return true;
  }
}

/** Tracks what was reported so far and checks each step's invariants. */
class Checker {
  private readonly finals = new Map<number, string>();
  private readonly fills = new Map<
    number,
    Array<{ orderId: number; isBuy: boolean; qty: number; price: number }>
  >();

  step(e: MatchingEngine, okCommand: boolean, events: ExecutionEvent[]): void {
    if (!okCommand && events.length > 0) throw new Error('a rejected command queued executions');
    for (const { payload: p } of events) {
      if (this.finals.has(p.orderId)) throw new Error(`final order ${p.orderId} changed again`);
      if (p.timeInForce === 'AON') {
        if (p.status === 'PARTIALLY_FILLED')
          throw new Error(`AON ${p.orderId} shows PARTIALLY_FILLED`);
        if (p.executedQty !== 0 && p.executedQty !== p.origQty)
          throw new Error(`AON ${p.orderId} partly filled`);
      }
      if (['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'].includes(p.status)) {
        this.finals.set(p.orderId, coreFields(p));
      }
    }
    for (const t of e.drainTrades()) {
      this.fills.set(t.tradeId, []);
      if (!(t.qty > 0)) throw new Error(`trade ${t.tradeId} has no quantity`);
    }
    const book = e.book('EURUSD', 1000);
    const bid = book.bids[0]?.[0];
    const ask = book.asks[0]?.[0];
    if (bid !== undefined && ask !== undefined && bid >= ask)
      throw new Error(`crossed book ${bid} >= ${ask}`);

    const orders = e.exportOrders(ALL);
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    const perTrade = new Map<number, PersistedOrder['fills'][number][]>();
    const sides = new Map<number, string[]>();
    for (const o of orders) {
      let lots = 0;
      let tickLots = 0;
      for (const f of o.fills) {
        const l = qtyToLots(f.qty, EUR) as number;
        lots += l;
        tickLots += (priceToTicks(f.price, EUR) as number) * l;
        perTrade.set(f.tradeId, [...(perTrade.get(f.tradeId) ?? []), f]);
        sides.set(f.tradeId, [...(sides.get(f.tradeId) ?? []), o.side]);
      }
      if (qtyToLots(o.executedQty, EUR) !== lots)
        throw new Error(`executedQty of ${o.orderId} is not the sum of fills`);
      if (o.cummulativeQuoteQty !== tickLotsToQuote(tickLots, EUR)) {
        throw new Error(`cummulativeQuoteQty of ${o.orderId} is not the sum of price x qty`);
      }
      const fin = this.finals.get(o.orderId);
      if (fin !== undefined && fin !== coreFields(o))
        throw new Error(`final order ${o.orderId} changed`);
      if (o.ocoOrderId !== undefined) {
        const sib = byId.get(o.ocoOrderId);
        if (sib !== undefined && o.executedQty > 0 && sib.executedQty > 0) {
          throw new Error(`both OCO legs ${o.orderId} and ${sib.orderId} filled`);
        }
      }
      if (
        (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') &&
        (o.type === 'MARKET' || (o.type === 'STOP' && o.triggered))
      ) {
        throw new Error(`market order ${o.orderId} rests`);
      }
    }
    for (const [tradeId, fs] of perTrade) {
      const s = sides.get(tradeId) ?? [];
      const [x, y] = fs;
      if (
        fs.length !== 2 ||
        x === undefined ||
        y === undefined ||
        x.qty !== y.qty ||
        x.price !== y.price ||
        !s.includes('BUY') ||
        !s.includes('SELL')
      ) {
        throw new Error(`trade ${tradeId} does not have equal buy and sell sides`);
      }
    }
    // Persistence round trip rebuilds an equal book.
    const copy = new MatchingEngine({ instruments: DEFAULT_INSTRUMENTS });
    copy.seedLastPrice('EURUSD', e.lastPrice('EURUSD') ?? 0);
    copy.importOrders(orders);
    const again = copy.exportOrders(ALL);
    if (JSON.stringify(again) !== JSON.stringify(orders))
      throw new Error('export -> import -> export differs');
    if (JSON.stringify(copy.book('EURUSD', 1000)) !== JSON.stringify(book))
      throw new Error('imported book differs');
    if (copy.nextOrderId !== e.nextOrderId) throw new Error('imported nextOrderId differs');
  }
}

const numRuns = scale(300, 20_000);

describe('engine properties over random order streams', () => {
  it(
    'keeps every invariant after every step',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(command, fc.integer({ min: 0, max: 3000 })), {
            minLength: 1,
            maxLength: 60,
          }),
          (steps) => {
            const e = new MatchingEngine({ instruments: DEFAULT_INSTRUMENTS });
            e.seedLastPrice('EURUSD', 1.085);
            const checker = new Checker();
            const ids: number[] = [];
            let now = T0;
            for (const [c, dt] of steps) {
              now += c.kind === 'time' ? c.dt : dt;
              e.advanceTime(now); // expiries first, so a rejected command must queue nothing
              checker.step(e, true, e.drainExecutions());
              const ok = run(e, c, now, ids);
              checker.step(e, ok, e.drainExecutions());
            }
          },
        ),
        { numRuns },
      );
    },
    scale(20_000, 600_000),
  );
});
