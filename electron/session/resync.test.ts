import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../../shared/protocol';
import { currentDialect, extendedDialect, firstDialect, type Dialect } from './dialect';
import { PROBE_ORDER_ID } from './detect';
import { resync, type ResyncPort } from './resync';
import type { SessionError, SessionResult } from './types';

const order = (orderId: number): CanonicalOrder => ({
  symbol: 'EURUSD',
  type: 'LIMIT',
  orderId,
  clientOrderId: `c${orderId}`,
  transactTime: 1000,
  price: 1.1,
  origQty: 1000,
  executedQty: 0,
  status: 'NEW',
  timeInForce: 'GTC',
  side: 'BUY',
});
const fail = (error: SessionError) => Promise.resolve({ ok: false as const, error });
const refused: SessionError = {
  kind: 'exchange',
  code: 1001,
  meaning: 'unsupported',
  message: 'unknown event',
};
const timeout: SessionError = { kind: 'timeout', message: 'no reply' };

/** A port recording what the resync asked, answering from `answers`. */
function port(
  dialect: Dialect,
  answers: {
    symbols?: () => Promise<SessionResult<never[]>>;
    subscribe?: () => Promise<SessionResult<unknown>>;
    orders?: (payload: unknown) => Promise<SessionResult<CanonicalOrder[]>>;
    lookUp?: (orderId: number) => Promise<SessionResult<unknown>>;
  } = {},
  working: number[] = [],
) {
  const asked: string[] = [];
  const looked: number[] = [];
  const unknown: number[] = [];
  const notes: string[] = [];
  const p: ResyncPort = {
    dialect,
    evidence: 'test',
    symbols: () => {
      asked.push('symbols');
      return answers.symbols?.() ?? Promise.resolve({ ok: true, value: [] });
    },
    subscribe: (symbols) => {
      asked.push(`subscribe ${symbols.join(',')}`);
      return answers.subscribe?.() ?? Promise.resolve({ ok: true, value: {} });
    },
    orders: (payload, apply) => {
      asked.push(`orders ${JSON.stringify(payload) ?? ''}`);
      const reply = answers.orders?.(payload) ?? Promise.resolve({ ok: true, value: [] });
      return reply.then((r) => {
        if (r.ok) apply(r.value);
        return r;
      });
    },
    connected: true,
    lookUp: (ref) => {
      if (!('orderId' in ref)) throw new Error('the resync looks orders up by orderId');
      looked.push(ref.orderId);
      return answers.lookUp?.(ref.orderId) ?? Promise.resolve({ ok: true, value: {} });
    },
    isUnknownOrder: (error) => error.kind === 'exchange' && error.meaning === 'unknown_order',
    unknownOrder: (orderId) => unknown.push(orderId),
    settleLostReplies: () => Promise.resolve(),
    lastExecutionTime: () => 100_000,
    workingOrderIds: () => working,
    knownSymbols: () => ['EURUSD'],
    resyncMarginMs: 60_000,
    instruments: () => undefined,
    apply: () => undefined,
    note: (m) => notes.push(m),
  };
  return { p, asked, looked, unknown, notes };
}

describe('resync', () => {
  it('ours: symbols, subscribe, orders since the last execution minus the margin', async () => {
    const t = port(extendedDialect);
    const outcome = await resync(t.p);
    expect(t.asked).toEqual(['symbols', 'orders {"fromTime":40000}']);
    expect(outcome).toMatchObject({
      ok: true,
      features: { revision: 'extended', symbols: true, history: true },
    });
  });

  it('first revision: no extension, the working list only', async () => {
    const t = port(firstDialect);
    await resync(t.p);
    expect(t.asked).toEqual(['orders ']);
  });

  it('current revision: history since an ISO time, no extension', async () => {
    const t = port(currentDialect);
    await resync(t.p);
    expect(t.asked).toEqual(['orders {"fromTime":"1970-01-01T00:00:40.000Z"}']);
  });

  it('falls back to the working list when history is refused, and says so', async () => {
    const t = port(extendedDialect, {
      orders: (payload) =>
        payload === undefined ? Promise.resolve({ ok: true, value: [] }) : fail(refused),
    });
    const outcome = await resync(t.p);
    expect(t.asked.at(-1)).toBe('orders ');
    expect(outcome).toMatchObject({ ok: true, features: { history: false } });
    expect(t.notes).toEqual(['The exchange answered "orders since a time" with: unknown event']);
  });

  it('an error reply to an extension is noted and the resync carries on', async () => {
    const t = port(extendedDialect, { symbols: () => fail(refused) });
    const outcome = await resync(t.p);
    expect(outcome.ok).toBe(true);
    expect(t.asked).toContain('subscribe EURUSD');
  });

  it('a request with no reply on a live link fails the resync (the session reconnects)', async () => {
    const t = port(extendedDialect, { orders: () => fail(timeout) });
    expect(await resync(t.p)).toEqual({
      ok: false,
      reason: 'Resync: orders failed (no reply); reconnecting',
    });
  });

  it('looks up every order held as working that the exchange no longer lists', async () => {
    const t = port(
      extendedDialect,
      { orders: () => Promise.resolve({ ok: true, value: [order(1)] }) },
      [1, 2, 3],
    );
    await resync(t.p);
    expect(t.looked).toEqual([2, 3]);
    expect(t.unknown).toEqual([]);
  });

  it('reports an order held as working that the exchange answers it does not know, and only that', async () => {
    const unknownOrder: SessionError = {
      kind: 'exchange',
      code: 2000,
      meaning: 'unknown_order',
      message: 'unknown order',
    };
    const t = port(
      extendedDialect,
      {
        lookUp: (orderId) =>
          orderId === 2
            ? fail(unknownOrder)
            : orderId === 3
              ? fail(timeout)
              : orderId === 4
                ? fail(refused)
                : Promise.resolve({ ok: true, value: order(orderId) }),
      },
      [2, 3, 4, 5],
    );
    const outcome = await resync(t.p);
    expect(t.looked).toEqual([2, 3, 4, 5]);
    // A timeout or another error proves nothing: the order stays working and is asked again.
    expect(t.unknown).toEqual([2]);
    expect(outcome.ok).toBe(true);
  });

  it('on a server with its own error numbers, learns "unknown order" from an order that cannot exist', async () => {
    // The first revision's numbers are the server's: 200404 here means nothing by itself.
    const venue = (code: number, message: string): SessionError => ({
      kind: 'exchange',
      code,
      meaning: 'other',
      message,
    });
    const t = port(
      firstDialect,
      {
        lookUp: (orderId) =>
          orderId === PROBE_ORDER_ID || orderId === 2
            ? fail(venue(200404, `orderId ${orderId} is not a known order`))
            : orderId === 3
              ? fail(venue(500500, 'internal error'))
              : orderId === 4
                ? fail(timeout)
                : Promise.resolve({ ok: true, value: order(orderId) }),
      },
      [2, 3, 4, 5],
    );
    const outcome = await resync(t.p);
    // One probe, first, then each missing order.
    expect(t.looked).toEqual([PROBE_ORDER_ID, 2, 3, 4, 5]);
    // Only the answer with the probe's number closes: another error or a timeout proves nothing.
    expect(t.unknown).toEqual([2]);
    expect(outcome.ok).toBe(true);
  });

  it('probes nothing when no order is missing, or when the dialect names its errors', async () => {
    const none = port(
      firstDialect,
      { orders: () => Promise.resolve({ ok: true, value: [order(1)] }) },
      [1],
    );
    await resync(none.p);
    expect(none.looked).toEqual([]);
    const named = port(extendedDialect, { lookUp: () => fail(refused) }, [2]);
    await resync(named.p);
    expect(named.looked).toEqual([2]);
    expect(named.unknown).toEqual([]);
  });

  it('an "unknown order" answered after the link dropped closes nothing', async () => {
    const t = port(
      extendedDialect,
      {
        lookUp: () =>
          fail({
            kind: 'exchange',
            code: 2000,
            meaning: 'unknown_order',
            message: 'unknown order',
          }),
      },
      [7],
    );
    Object.defineProperty(t.p, 'connected', { get: () => false });
    const outcome = await resync(t.p);
    expect(t.unknown).toEqual([]);
    expect(outcome.ok).toBe(false);
  });
});
