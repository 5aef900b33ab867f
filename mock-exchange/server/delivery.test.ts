import { describe, expect, it } from 'vitest';
import type { ExecutionEvent, PersistedOrder } from '../engine/api';
import type { MatchingEngine } from '../engine/engine';
import { MARKET_MAKER_LOGIN } from '../market/constants';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';
import { ExecutionDrain, fanOutExecutions } from './delivery';
import type { OrderJournal } from './journal';
import type { RevisionCodec } from './revisions';
import type { Session } from './session';

/** A session holding `logins` that keeps the execution frames it is given, as text. */
function sessionOf(...logins: string[]): Session & { frames: string[] } {
  const frames: string[] = [];
  let seq = 0;
  const session = {
    frames,
    isClosed: false,
    holds: (login: string) => logins.includes(login),
    pushExecution: (payload: object | string) => {
      seq += 1;
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      frames.push(`${seq} ${body}`);
    },
    push: (message: object) => frames.push(JSON.stringify(message)),
  };
  return session as unknown as Session & { frames: string[] };
}

/** A journal that keeps what it is asked to record. */
function journalOf(): OrderJournal & { recorded: PersistedOrder[][] } {
  const recorded: PersistedOrder[][] = [];
  const journal = {
    recorded,
    record: (orders: readonly PersistedOrder[]) => {
      recorded.push([...orders]);
      return true;
    },
  };
  return journal as unknown as OrderJournal & { recorded: PersistedOrder[][] };
}

/** The same commands on an engine: a user crossing the market maker, and a user nobody holds. */
function trade(e: MatchingEngine): void {
  must(e.placeOrder(MARKET_MAKER_LOGIN, eur({ side: 'SELL', price: 1.085, quantity: 2000 }), T0));
  must(e.placeOrder('alice', eur({ side: 'BUY', price: 1.085, quantity: 1000 }), T0 + 1));
  must(e.placeOrder('bob', eur({ side: 'BUY', price: 1.085, quantity: 3000 }), T0 + 2));
}

describe('ExecutionDrain (the server drain without an object per execution)', () => {
  it('sends each held login exactly the frames the drained objects gave', () => {
    const before = makeEngine();
    const after = makeEngine();
    trade(before);
    trade(after);
    const old = sessionOf('alice', 'bob');
    const now = sessionOf('alice', 'bob');
    fanOutExecutions(before.drainExecutions(), [old]);
    const sessions = new Set<Session>([now]);
    fanOutExecutions(new ExecutionDrain(sessions).run(after, null).events, sessions);
    expect(now.frames).toEqual(old.frames);
    expect(now.frames).toHaveLength(4); // alice NEW, FILL; bob NEW, FILL; none of the maker's
    expect(JSON.parse((now.frames[1] as string).split(' ')[1] as string)).toMatchObject({
      login: 'alice',
      status: 'FILLED',
      lastQty: 1000,
      reason: 'FILL',
    });
  });

  it('keeps nothing for the internal logins nor for logins no open session holds', () => {
    const e = makeEngine();
    trade(e);
    const carol = sessionOf('carol');
    const closed = Object.assign(sessionOf('alice'), { isClosed: true });
    const committed = new ExecutionDrain(new Set<Session>([carol, closed])).run(e, null);
    expect(committed).toEqual({ events: [], journaled: true });
    expect(e.drainExecutions()).toEqual([]);
    // No session at all (the bench's case): nothing either.
    const alone = makeEngine();
    trade(alone);
    expect(new ExecutionDrain(new Set()).run(alone, null)).toEqual({ events: [], journaled: true });
  });

  it('journals the latest state of every user order touched, held or not, and never the maker', () => {
    const e = makeEngine();
    trade(e);
    const journal = journalOf();
    const committed = new ExecutionDrain(new Set<Session>([sessionOf('alice')])).run(e, journal);
    expect(committed.journaled).toBe(true);
    expect(journal.recorded).toHaveLength(1);
    expect(journal.recorded[0]?.map((o) => [o.login, o.orderId, o.status])).toEqual([
      ['alice', 2, 'FILLED'],
      ['bob', 3, 'PARTIALLY_FILLED'],
    ]);
    expect(committed.events.map((x) => x.login)).toEqual(['alice', 'alice']);
  });

  it('gives a revision codec every user execution as an object that outlives the drain', () => {
    const e = makeEngine();
    const twin = makeEngine();
    trade(e);
    trade(twin);
    const seen: ExecutionEvent[] = [];
    const codec = {
      executionMessage: (event: ExecutionEvent) => {
        seen.push(event);
        return { event: 'execution', payload: event.payload };
      },
    } as unknown as RevisionCodec;
    const committed = new ExecutionDrain(new Set<Session>(), codec).run(e, null);
    const expected = twin.drainExecutions().filter((x) => x.login !== MARKET_MAKER_LOGIN);
    must(e.placeOrder('alice', eur({ side: 'SELL', price: 1.09 }), T0 + 3));
    expect(committed.events.map((x) => x.payload)).toEqual(expected.map((x) => x.payload));
    fanOutExecutions(committed.events, [sessionOf('bob')], codec);
    expect(seen.map((x) => x.login)).toEqual(['alice', 'alice', 'bob', 'bob']);
  });

  it('with the engine told (watch), journals every user order and delivers to sessions opened since', () => {
    const e = makeEngine();
    const twin = makeEngine();
    const sessions = new Set<Session>();
    const drain = new ExecutionDrain(sessions);
    drain.watch(e);
    // Nobody holds alice or bob: the executions are bare, the journal still sees their orders.
    trade(e);
    trade(twin);
    const journal = journalOf();
    expect(drain.run(e, journal).events).toEqual([]);
    expect(journal.recorded[0]?.map((o) => [o.login, o.orderId, o.status])).toEqual([
      ['alice', 2, 'FILLED'],
      ['bob', 3, 'PARTIALLY_FILLED'],
    ]);
    twin.drainExecutions();
    // A session of bob opens (the server calls watch then): bob's next executions are whole.
    const bob = sessionOf('bob');
    sessions.add(bob);
    drain.watch(e);
    for (const x of [e, twin]) {
      must(
        x.placeOrder(
          MARKET_MAKER_LOGIN,
          eur({ side: 'SELL', price: 1.085, quantity: 1000 }),
          T0 + 3,
        ),
      );
      must(x.placeOrder('alice', eur({ side: 'SELL', price: 1.09, quantity: 1000 }), T0 + 4));
    }
    const committed = drain.run(e, journal);
    fanOutExecutions(committed.events, sessions);
    const expected = sessionOf('bob');
    fanOutExecutions(twin.drainExecutions(), [expected]);
    expect(bob.frames).toEqual(expected.frames);
    expect(bob.frames).toHaveLength(1); // bob's order 3 fills 1000 more; alice's NEW is journaled only
    expect(JSON.parse((bob.frames[0] as string).split(' ')[1] as string)).toMatchObject({
      orderId: 3,
      executedQty: 2000,
      lastQty: 1000,
      status: 'PARTIALLY_FILLED',
    });
    expect(journal.recorded[1]?.map((o) => [o.login, o.orderId, o.status])).toEqual([
      ['bob', 3, 'PARTIALLY_FILLED'],
      ['alice', 5, 'NEW'],
    ]);
  });

  it('with a revision codec, watch keeps every login whole', () => {
    const e = makeEngine();
    const codec = { executionMessage: () => ({}) } as unknown as RevisionCodec;
    new ExecutionDrain(new Set<Session>(), codec).watch(e);
    trade(e);
    expect(e.drainExecutions()).toHaveLength(7);
  });

  it('a login watched between its executions and the drain gets the whole ones', () => {
    const e = makeEngine();
    const sessions = new Set<Session>();
    const drain = new ExecutionDrain(sessions);
    drain.watch(e);
    must(e.placeOrder('alice', eur({ side: 'BUY', price: 1.08 }), T0));
    const alice = sessionOf('alice');
    sessions.add(alice);
    drain.watch(e);
    must(e.placeOrder('alice', eur({ side: 'BUY', price: 1.07 }), T0 + 1));
    const journal = journalOf();
    fanOutExecutions(drain.run(e, journal).events, sessions);
    expect(alice.frames.map((f) => JSON.parse(f.split(' ')[1] as string).orderId)).toEqual([2]);
    expect(journal.recorded[0]?.map((o) => o.orderId)).toEqual([1, 2]);
  });
});
