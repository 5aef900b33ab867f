import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderType, TimeInForce } from '../../shared/domain';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';
import type { ExecutionEvent } from './api';
import type { MatchingEngine } from './engine';

const LOGINS = ['a', 'b', 'c', 'q"\\é'];
const price = (ticks: number): number => Number((1.085 + ticks * 0.00001).toFixed(5));

const place = fc.record({
  kind: fc.constant('place' as const),
  login: fc.constantFrom(...LOGINS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  type: fc.constantFrom<OrderType>('LIMIT', 'LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT'),
  ticks: fc.integer({ min: -6, max: 6 }),
  stopTicks: fc.integer({ min: 1, max: 4 }),
  lots: fc.integer({ min: 1, max: 4 }),
  tif: fc.constantFrom<TimeInForce | undefined>(undefined, 'GTC', 'IOC', 'FOK', 'AON', 'GTT'),
  cid: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
});
const cancel = fc.record({ kind: fc.constant('cancel' as const), back: fc.nat(8) });
const modify = fc.record({
  kind: fc.constant('modify' as const),
  back: fc.nat(8),
  ticks: fc.integer({ min: -6, max: 6 }),
});
const oco = fc.record({
  kind: fc.constant('oco' as const),
  login: fc.constantFrom(...LOGINS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
});
const command = fc.oneof({ arbitrary: place, weight: 6 }, cancel, modify, oco);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
/** Commands, each followed (or not) by a drain: rows then outlive slot reuse by later commands. */
const stream = fc.array(fc.tuple(command, fc.boolean()), { maxLength: 80 });

/** Runs one command (times move by a second; GTT orders live 2.5 s); placed ids go to `ids`. */
function run(e: MatchingEngine, c: Command, now: number, ids: number[]): void {
  if (c.kind === 'place') {
    const stop = c.side === 'BUY' ? price(c.stopTicks) : price(-c.stopTicks);
    const r = e.placeOrder(
      c.login,
      eur({
        side: c.side,
        type: c.type,
        price: c.type === 'LIMIT' || c.type === 'STOP_LIMIT' ? price(c.ticks) : undefined,
        stopPrice: c.type === 'STOP' || c.type === 'STOP_LIMIT' ? stop : undefined,
        quantity: c.lots * 1000,
        timeInForce: c.tif,
        timeInForceDate: c.tif === 'GTT' ? new Date(now + 2_500).toISOString() : undefined,
        clientOrderId: c.cid,
      }),
      now,
    );
    if (r.ok) ids.push(r.value.orderId);
    return;
  }
  if (c.kind === 'oco') {
    const buy = c.side === 'BUY';
    const r = e.placeOco(
      c.login,
      {
        symbol: 'EURUSD',
        side: c.side,
        quantity: 1000,
        orders: [
          { type: 'LIMIT', price: price(buy ? -3 : 3) },
          { type: 'STOP', stopPrice: price(buy ? 3 : -3) },
        ],
      },
      now,
    );
    if (r.ok) for (const leg of r.value) ids.push(leg.orderId);
    return;
  }
  const orderId = ids[ids.length - 1 - c.back];
  if (orderId === undefined) return;
  if (c.kind === 'cancel') e.cancelOrder(LOGINS, { orderId }, now);
  else e.modifyOrder(LOGINS, { orderId, price: price(c.ticks) }, now);
}

/** What a consumer sees of one execution: its login, its orderId and its wire text. */
const seenOf = (login: string, orderId: number, text: string): string =>
  `${login} ${orderId} ${text}`;

describe('drainEach', () => {
  it('shows, through its view, the executions drainExecutions hands out, text for text', () => {
    fc.assert(
      fc.property(stream, (commands) => {
        // Forgetting final orders reuses their slots: the log must hold copies.
        const retainFinal = (login: string): boolean => login !== 'b' && login !== 'c';
        const byObjects = makeEngine({ retainFinal });
        const byView = makeEngine({ retainFinal });
        const ids: number[] = [];
        const viewIds: number[] = [];
        let now = T0;
        for (const [c, drainNow] of commands) {
          now += 1000;
          run(byObjects, c, now, ids);
          run(byView, c, now, viewIds);
          if (!drainNow) continue;
          const expected = byObjects
            .drainExecutions()
            .map((x) => seenOf(x.login, x.orderId, JSON.stringify(x.payload)));
          const seen: string[] = [];
          const mismatches: string[] = [];
          byView.drainEach((x) => {
            const text = x.payloadJson;
            seen.push(seenOf(x.login, x.orderId, text));
            // The hand-written text is what JSON.stringify gives for the view's payload.
            if (text !== JSON.stringify(x.payload)) mismatches.push(text);
            // And the copy it makes outlives the view with the same content.
            const copy = x.toEvent();
            if (copy.payloadJson !== text) mismatches.push(`copy of ${text}`);
          });
          expect(mismatches).toEqual([]);
          expect(seen).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hands out one reused view, and copies that stay true after later commands', () => {
    const e = makeEngine({ retainFinal: () => false });
    must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.085, quantity: 1000 }), T0));
    must(e.placeOrder('mm2', eur({ side: 'BUY', price: 1.085, quantity: 3000 }), T0 + 1));
    const views = new Set<object>();
    const copies: ExecutionEvent[] = [];
    e.drainEach((x) => {
      views.add(x);
      copies.push(x.toEvent());
    });
    expect(views.size).toBe(1);
    // The filled SELL is forgotten: the next order takes over its slot.
    must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.09, quantity: 5000 }), T0 + 2));
    expect(copies.map((x) => x.payload)).toMatchObject([
      { orderId: 1, side: 'SELL', status: 'NEW', price: 1.085, origQty: 1000, reason: 'NEW' },
      { orderId: 2, side: 'BUY', status: 'NEW', origQty: 3000 },
      { orderId: 1, side: 'SELL', status: 'FILLED', lastQty: 1000, tradeId: 1, reason: 'FILL' },
      { orderId: 2, status: 'PARTIALLY_FILLED', executedQty: 1000, lastPrice: 1.085 },
    ]);
  });

  it('empties the queue: a later drain shows only newer executions', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    let count = 0;
    e.drainEach(() => {
      count += 1;
    });
    expect(count).toBe(1);
    e.drainEach(() => {
      count += 1;
    });
    expect(count).toBe(1);
    expect(e.drainExecutions()).toEqual([]);
    must(e.cancelOrder(['a'], { orderId: 1 }, T0 + 1));
    expect(e.drainExecutions().map((x) => x.payload.status)).toEqual(['CANCELED']);
  });

  it('refuses a visitor that changes the engine, and drops the batch', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(() =>
      e.drainEach(() => {
        e.cancelOrder(['a'], { orderId: 1 }, T0 + 1);
      }),
    ).toThrow(/engine command/);
    expect(e.drainExecutions()).toEqual([]);
  });
});

/** Commands with drains, and after a drain (or not) a new watch set: logins nobody watches come and go between drains, as sessions do. */
const watchedStream = fc.array(
  fc.tuple(command, fc.boolean(), fc.option(fc.subarray(LOGINS), { nil: undefined })),
  { maxLength: 80 },
);

describe('watchLogins (no copy for logins nobody watches)', () => {
  it('changes nothing for watched logins and keeps orderId and login of every execution', () => {
    fc.assert(
      fc.property(fc.subarray(LOGINS), watchedStream, (first, commands) => {
        const retainFinal = (login: string): boolean => login !== 'b' && login !== 'c';
        const all = makeEngine({ retainFinal });
        const some = makeEngine({ retainFinal });
        let watched = new Set(first);
        some.watchLogins((login) => watched.has(login));
        const ids: number[] = [];
        const someIds: number[] = [];
        let now = T0;
        for (const [c, drainNow, next] of commands) {
          now += 1000;
          run(all, c, now, ids);
          run(some, c, now, someIds);
          if (!drainNow) continue;
          // What a journal and a watcher read of the unfiltered engine: every
          // execution's login and orderId, and the text of the watched ones.
          const expected: string[] = [];
          all.drainEach((x) => {
            const text = watched.has(x.login) ? x.payloadJson : 'bare';
            expected.push(seenOf(x.login, x.orderId, text));
          });
          const seen: string[] = [];
          some.drainEach((x) => {
            seen.push(seenOf(x.login, x.orderId, x.bare ? 'bare' : x.payloadJson));
          });
          expect(seen).toEqual(expected);
          if (next !== undefined) {
            watched = new Set(next);
            some.watchLogins((login) => watched.has(login));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drainExecutions hands out the executions of watched logins only, in full', () => {
    const all = makeEngine();
    const some = makeEngine();
    some.watchLogins((login) => login === 'a');
    for (const e of [all, some]) {
      must(e.placeOrder('b', eur({ side: 'SELL', price: 1.085, quantity: 2000 }), T0));
      must(e.placeOrder('a', eur({ side: 'BUY', price: 1.085, quantity: 1000 }), T0 + 1));
    }
    const expected = all.drainExecutions().filter((x) => x.login === 'a');
    expect(expected.map((x) => x.payload.status)).toEqual(['NEW', 'FILLED']);
    expect(some.drainExecutions().map((x) => x.payloadJson)).toEqual(
      expected.map((x) => x.payloadJson),
    );
  });

  it('a bare execution has no payload to read, and a login seen later is asked too', () => {
    const e = makeEngine();
    const asked: string[] = [];
    e.watchLogins((login) => {
      asked.push(login);
      return false;
    });
    must(e.placeOrder('later', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(asked).toEqual(['later']);
    let views = 0;
    e.drainEach((x) => {
      views += 1;
      expect(x).toMatchObject({ bare: true, login: 'later', orderId: 1 });
      expect(() => x.payloadJson).toThrow(/bare/);
      expect(() => x.payload).toThrow(/bare/);
      expect(() => x.toEvent()).toThrow(/bare/);
    });
    expect(views).toBe(1);
    // A consumer with no use for bare executions (no journal) is not even called.
    e.watchLogins((login) => login === 'seen');
    must(e.placeOrder('later', eur({ side: 'SELL', price: 1.09 }), T0 + 1));
    must(e.placeOrder('seen', eur({ side: 'SELL', price: 1.09 }), T0 + 1));
    const shown: string[] = [];
    e.drainEach((x) => shown.push(`${x.login} ${x.bare}`), true);
    expect(shown).toEqual(['seen false']);
    // Watching every login again: the next execution is whole.
    e.watchLogins(null);
    must(e.cancelOrder(['later'], { orderId: 1 }, T0 + 1));
    expect(e.drainExecutions().map((x) => x.payload)).toMatchObject([
      { orderId: 1, status: 'CANCELED', reason: 'USER', origQty: 1000 },
    ]);
    expect(asked).toEqual(['later']);
  });
});
