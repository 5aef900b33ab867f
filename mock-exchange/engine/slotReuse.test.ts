import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeInForce } from '../../shared/domain';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';
import type { MatchingEngine } from './engine';

/**
 * The engine stores orders in slots and hands the slot of an order it
 * forgets (a login whose final orders are not retained) to the next new
 * order. These tests pin down that nothing of the forgotten order reaches
 * the new one: not its expiry, not its fills.
 */

const iso = (ms: number): string => new Date(ms).toISOString();

describe('a reused order slot', () => {
  it('does not expire the new order at the forgotten order’s expiry', () => {
    const e = makeEngine({ retainFinal: () => false });
    const gtt = must(
      e.placeOrder(
        'mm',
        eur({ side: 'BUY', price: 1.08, timeInForce: 'GTT', timeInForceDate: iso(T0 + 60_000) }),
        T0,
      ),
    );
    must(e.cancelOrder(['mm'], { orderId: gtt.orderId }, T0 + 1));
    const gtc = must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.09 }), T0 + 2));
    e.drainExecutions();
    e.advanceTime(T0 + 120_000);
    expect(e.drainExecutions()).toEqual([]);
    expect(e.workingOrders(['mm']).map((o) => [o.orderId, o.status])).toEqual([
      [gtc.orderId, 'NEW'],
    ]);
    expect(e.book('EURUSD', 5).asks).toEqual([[1.09, 1000]]);
  });

  it('starts the new order with no fills of the forgotten one', () => {
    const e = makeEngine({ retainFinal: (login) => login !== 'mm' });
    const first = must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.09, quantity: 3000 }), T0));
    must(e.placeOrder('taker', eur({ side: 'BUY', price: 1.09 }), T0 + 1));
    must(e.cancelOrder(['mm'], { orderId: first.orderId }, T0 + 2));
    const next = must(
      e.placeOrder('mm', eur({ side: 'SELL', price: 1.1, quantity: 2000 }), T0 + 3),
    );
    expect(must(e.orderStatus(['mm'], { orderId: next.orderId })).fills).toEqual([]);
    must(e.placeOrder('taker', eur({ side: 'BUY', price: 1.1 }), T0 + 4));
    const status = must(e.orderStatus(['mm'], { orderId: next.orderId }));
    expect(status.fills.map((f) => [f.price, f.qty, f.time])).toEqual([[1.1, 1000, T0 + 4]]);
    expect(status).toMatchObject({ executedQty: 1000, cummulativeQuoteQty: 1100 });
  });
});

const LOGINS = ['a', 'b'];
const price = (ticks: number): number => Number((1.085 + ticks * 0.00001).toFixed(5));

const place = fc.record({
  kind: fc.constant('place' as const),
  login: fc.constantFrom(...LOGINS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  ticks: fc.integer({ min: -4, max: 4 }),
  lots: fc.integer({ min: 1, max: 3 }),
  tif: fc.constantFrom<TimeInForce>('GTC', 'GTT', 'GTT', 'IOC', 'DAY'),
  ttl: fc.integer({ min: 1, max: 5 }),
});
const cancel = fc.record({ kind: fc.constant('cancel' as const), back: fc.nat(6) });
const wait = fc.record({
  kind: fc.constant('wait' as const),
  seconds: fc.integer({ min: 1, max: 4 }),
});
const commands = fc.array(fc.oneof({ arbitrary: place, weight: 5 }, cancel, wait), {
  maxLength: 60,
});
type Command = typeof commands extends fc.Arbitrary<Array<infer C>> ? C : never;

/** Runs one command at `now`; ids of placed orders are collected in `ids`. */
function run(e: MatchingEngine, c: Command, now: number, ids: number[]): void {
  if (c.kind === 'wait') {
    e.advanceTime(now);
    return;
  }
  if (c.kind === 'place') {
    const r = e.placeOrder(
      c.login,
      eur({
        side: c.side,
        price: price(c.ticks),
        quantity: c.lots * 1000,
        timeInForce: c.tif,
        timeInForceDate: c.tif === 'GTT' ? iso(now + c.ttl * 1000) : undefined,
      }),
      now,
    );
    if (r.ok) ids.push(r.value.orderId);
    return;
  }
  const orderId = ids[ids.length - 1 - c.back];
  if (orderId !== undefined) e.cancelOrder(LOGINS, { orderId }, now);
}

describe('forgetting orders that expire', () => {
  it('changes no execution and no book, whatever the expiries', () => {
    fc.assert(
      fc.property(commands, (stream) => {
        const kept = makeEngine();
        const forgot = makeEngine({ retainFinal: () => false });
        const keptIds: number[] = [];
        const forgotIds: number[] = [];
        let now = T0;
        for (const c of stream) {
          now += c.kind === 'wait' ? c.seconds * 1000 : 500;
          run(kept, c, now, keptIds);
          run(forgot, c, now, forgotIds);
          const text = (e: MatchingEngine): string[] =>
            e.drainExecutions().map((x) => `${x.login} ${x.payloadJson ?? ''}`);
          expect(text(forgot)).toEqual(text(kept));
        }
        expect(forgot.book('EURUSD', 20)).toEqual(kept.book('EURUSD', 20));
      }),
      { numRuns: 300 },
    );
  });
});
