import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderType, TimeInForce } from '../../shared/domain';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';
import type { MatchingEngine } from './engine';

/** The wire text of every execution drained from `e`. */
const drainedText = (e: MatchingEngine): string[] =>
  e.drainExecutions().map((x) => `${x.login} ${JSON.stringify(x.payload)}`);

const place = fc.record({
  kind: fc.constant('place' as const),
  login: fc.constantFrom('a', 'b', 'c', 'q"\\é'),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  type: fc.constantFrom<OrderType>('LIMIT', 'LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT'),
  ticks: fc.integer({ min: -6, max: 6 }),
  stopTicks: fc.integer({ min: 1, max: 4 }),
  lots: fc.integer({ min: 1, max: 4 }),
  tif: fc.constantFrom<TimeInForce | undefined>(undefined, 'GTC', 'IOC', 'FOK', 'AON', 'DAY'),
  cid: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
});
const cancel = fc.record({ kind: fc.constant('cancel' as const), back: fc.nat(8) });
const modify = fc.record({
  kind: fc.constant('modify' as const),
  back: fc.nat(8),
  ticks: fc.integer({ min: -6, max: 6 }),
});
const commands = fc.array(fc.oneof({ arbitrary: place, weight: 6 }, cancel, modify), {
  maxLength: 80,
});
type Command = typeof commands extends fc.Arbitrary<Array<infer C>> ? C : never;

const LOGINS = ['a', 'b', 'c', 'q"\\é'];
const price = (ticks: number): number => Number((1.085 + ticks * 0.00001).toFixed(5));

/** Runs one command; ids of placed orders are collected in `ids`. */
function run(e: MatchingEngine, c: Command, now: number, ids: number[]): void {
  if (c.kind === 'place') {
    const stop = c.side === 'BUY' ? price(c.stopTicks) : price(-c.stopTicks);
    const needsPrice = c.type === 'LIMIT' || c.type === 'STOP_LIMIT';
    const needsStop = c.type === 'STOP' || c.type === 'STOP_LIMIT';
    const r = e.placeOrder(
      c.login,
      eur({
        side: c.side,
        type: c.type,
        price: needsPrice ? price(c.ticks) : undefined,
        stopPrice: needsStop ? stop : undefined,
        quantity: c.lots * 1000,
        timeInForce: c.tif,
        clientOrderId: c.cid,
      }),
      now,
    );
    if (r.ok) ids.push(r.value.orderId);
    return;
  }
  const orderId = ids[ids.length - 1 - c.back];
  if (orderId === undefined) return;
  if (c.kind === 'cancel') e.cancelOrder(LOGINS, { orderId }, now);
  else e.modifyOrder(LOGINS, { orderId, price: price(c.ticks) }, now);
}

/** Every drained execution whose engine-written text differs from stringifying its payload. */
function textMismatches(e: MatchingEngine): string[] {
  const out: string[] = [];
  for (const x of e.drainExecutions()) {
    const expected = JSON.stringify(x.payload);
    if (x.payloadJson !== expected) out.push(`${x.payloadJson ?? '(none)'} != ${expected}`);
  }
  return out;
}

describe('the JSON text of queued executions', () => {
  it('is what stringifying the payload gives, for random streams', () => {
    fc.assert(
      fc.property(commands, (stream) => {
        const e = makeEngine({ retainFinal: (login) => login !== 'b' });
        const ids: number[] = [];
        let now = T0;
        for (const c of stream) {
          now += 1000;
          run(e, c, now, ids);
          expect(textMismatches(e)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is what stringifying the payload gives on the view path (drainEach), for random streams', () => {
    fc.assert(
      fc.property(commands, (stream) => {
        const e = makeEngine({ retainFinal: (login) => login !== 'b' });
        const ids: number[] = [];
        let now = T0;
        for (const c of stream) {
          now += 1000;
          run(e, c, now, ids);
          const out: string[] = [];
          e.drainEach((x) => {
            const expected = JSON.stringify(x.payload);
            if (x.payloadJson !== expected) out.push(`${x.payloadJson} != ${expected}`);
          });
          expect(out).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is what stringifying the payload gives for OCO legs, expiries and other reasons', () => {
    const e = makeEngine();
    must(
      e.placeOco(
        'a',
        {
          symbol: 'EURUSD',
          side: 'SELL',
          quantity: 1000,
          timeInForce: 'GTT',
          lifeTime: new Date(T0 + 60_000).toISOString(),
          orders: [
            { type: 'LIMIT', price: 1.09, clientOrderId: 'leg-1' },
            { type: 'STOP_LIMIT', price: 1.079, stopPrice: 1.08 },
          ],
        },
        T0,
      ),
    );
    e.advanceTime(T0 + 60_000);
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0 + 60_001));
    must(e.cancelOrder(['a'], { orderId: 3 }, T0 + 60_002, 'CANCEL_ON_DISCONNECT'));
    expect(textMismatches(e)).toEqual([]);
  });
});

describe('reused order records', () => {
  it('an execution drained before its record is reused still reports its own order', () => {
    const e = makeEngine({ retainFinal: () => false });
    const first = must(e.placeOrder('mm', eur({ side: 'BUY', price: 1.08 }), T0));
    must(e.cancelOrder(['mm'], { orderId: first.orderId }, T0 + 1));
    const kept = e.drainExecutions();
    // The canceled order is forgotten; the next order takes over its record.
    must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.09, quantity: 3000 }), T0 + 2));
    expect(kept.map((x) => x.payload)).toMatchObject([
      { orderId: first.orderId, side: 'BUY', price: 1.08, origQty: 1000, status: 'NEW' },
      { orderId: first.orderId, side: 'BUY', price: 1.08, status: 'CANCELED', reason: 'USER' },
    ]);
  });

  it('forgetting final orders changes no execution and no book', () => {
    fc.assert(
      fc.property(commands, (stream) => {
        const kept = makeEngine();
        const forgot = makeEngine({ retainFinal: () => false });
        const keptIds: number[] = [];
        const forgotIds: number[] = [];
        let now = T0;
        for (const c of stream) {
          now += 1000;
          run(kept, c, now, keptIds);
          run(forgot, c, now, forgotIds);
          expect(drainedText(forgot)).toEqual(drainedText(kept));
        }
        expect(forgot.book('EURUSD', 50)).toEqual(kept.book('EURUSD', 50));
      }),
      { numRuns: 300 },
    );
  });
});
