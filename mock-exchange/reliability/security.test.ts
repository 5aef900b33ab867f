/**
 * Security of the exchange: tokens (401), account isolation (2000, 3000,
 * executions only to the owner's sessions), frame size (1003), request rate
 * (3001) and the cancel-on-disconnect opt-in.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionEvent } from '../engine/api';
import { startExchange, type ExchangeHandle, type ExchangeOptions } from '../index';
import { until } from './util';
import { errorOf, payloadOf, upgradeStatus, WsClient, type WireOrder } from './wsClient';

const handles: ExchangeHandle[] = [];
const clients: WsClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.terminate();
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
});

async function exchange(options: ExchangeOptions = {}): Promise<ExchangeHandle> {
  const ex = await startExchange({
    clock: 'manual',
    accounts: [
      { login: 'alice', token: 'tok-alice' },
      { login: 'bob', token: 'tok-bob' },
      { login: ['carol', 'dave'], token: 'tok-cd' },
    ],
    ...options,
  });
  handles.push(ex);
  ex.controls.advance(1_000);
  return ex;
}

async function connect(ex: ExchangeHandle, token: string): Promise<WsClient> {
  const c = await WsClient.connect(ex.url, token);
  clients.push(c);
  return c;
}

const restingBuy = (extra: Record<string, unknown> = {}) => ({
  symbol: 'EURUSD',
  side: 'BUY',
  type: 'LIMIT',
  price: 1.08,
  quantity: 1000,
  ...extra,
});

describe('tokens', () => {
  it('a missing, wrong or malformed token is refused with HTTP 401 before the upgrade', async () => {
    const ex = await exchange();
    expect(await upgradeStatus(ex.url, {})).toBe(401);
    expect(await upgradeStatus(ex.url, { Authorization: 'Bearer tok-wrong' })).toBe(401);
    expect(await upgradeStatus(ex.url, { Authorization: 'Bearer' })).toBe(401);
    expect(await upgradeStatus(ex.url, { Authorization: 'tok-alice' })).toBe(401);
    expect(await upgradeStatus(ex.url, { Authorization: 'Bearer tok-alice2' })).toBe(401);
    expect(await upgradeStatus(`${ex.url}/?token=`, {})).toBe(401);
    expect(await upgradeStatus(`${ex.url}/?token=tok-alic`, {})).toBe(401);
    expect(await upgradeStatus(ex.url, { Authorization: 'Bearer tok-alice' })).toBe(101);
    expect(ex.controls.sessions()).toBeLessThanOrEqual(1);
  });
});

describe('account isolation', () => {
  it("another account's order is unknown (2000) to orderstatus, cancel, modify and orders", async () => {
    const ex = await exchange();
    const alice = await connect(ex, 'tok-alice');
    const bob = await connect(ex, 'tok-bob');
    const placed = payloadOf<{ orderId: number }>(
      await alice.request('newordersingle', restingBuy({ clientOrderId: 'ord-1' })),
    );
    const { orderId } = placed;
    for (const ref of [{ orderId }, { clientOrderId: 'ord-1' }]) {
      const st = await bob.request('orderstatus', ref);
      expect(errorOf(st).code).toBe(2000);
      // nothing of alice's order leaks: not her login, not its price
      expect(JSON.stringify(st)).not.toMatch(/alice|1\.08/);
      expect(errorOf(await bob.request('ordercancel', ref)).code).toBe(2000);
      expect(errorOf(await bob.request('modifyordersingle', { ...ref, quantity: 5000 })).code).toBe(
        2000,
      );
    }
    // naming alice's login is 3000, and the order is untouched
    expect(errorOf(await bob.request('orderstatus', { orderId, login: 'alice' })).code).toBe(3000);
    expect(errorOf(await bob.request('orders', { login: 'alice' })).code).toBe(3000);
    expect(errorOf(await bob.request('newordersingle', restingBuy({ login: 'alice' }))).code).toBe(
      3000,
    );
    expect(payloadOf<WireOrder[]>(await bob.request('orders'))).toEqual([]);
    expect(payloadOf<WireOrder[]>(await bob.request('orders', { fromTime: 0 }))).toEqual([]);
    const mine = payloadOf<WireOrder>(await alice.request('orderstatus', { orderId }));
    expect(mine).toMatchObject({ status: 'NEW', origQty: 1000 });
    // bob may reuse alice's clientOrderId: they are per login
    payloadOf(await bob.request('newordersingle', restingBuy({ clientOrderId: 'ord-1' })));
    // a token with two logins sees both, and only those
    const cd = await connect(ex, 'tok-cd');
    payloadOf(await cd.request('newordersingle', restingBuy({ login: 'dave' })));
    payloadOf(await cd.request('newordersingle', restingBuy({ login: 'carol' })));
    const both = payloadOf<WireOrder[]>(await cd.request('orders'));
    expect(both.map((o) => o.login).sort()).toEqual(['carol', 'dave']);
    expect(both.some((o) => o.orderId === orderId)).toBe(false);
  });

  it("executions reach only the owner's sessions, even when the two accounts trade together", async () => {
    const ex = await exchange();
    ex.controls.pauseMarket();
    const alice1 = await connect(ex, 'tok-alice');
    const alice2 = await connect(ex, 'tok-alice');
    const bob = await connect(ex, 'tok-bob');
    const cd = await connect(ex, 'tok-cd');
    // alice rests inside the spread; bob lifts it
    const book = ex.engine.book('EURUSD', 1);
    const bid = book.bids[0]?.[0] as number;
    const ask = book.asks[0]?.[0] as number;
    const inside = Number(((bid + ask) / 2).toFixed(5));
    expect(inside).toBeGreaterThan(bid);
    expect(inside).toBeLessThan(ask);
    const a = payloadOf<{ orderId: number }>(
      await alice1.request('newordersingle', {
        symbol: 'EURUSD',
        side: 'SELL',
        type: 'LIMIT',
        price: inside,
        quantity: 3000,
      }),
    );
    const b = payloadOf<{ orderId: number; status: string }>(
      await bob.request('newordersingle', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: inside,
        quantity: 2000,
      }),
    );
    expect(b.status).toBe('FILLED');
    await alice1.waitExecution(a.orderId, (o) => o.status === 'PARTIALLY_FILLED');
    await alice2.waitExecution(a.orderId, (o) => o.status === 'PARTIALLY_FILLED');
    await bob.waitExecution(b.orderId, (o) => o.status === 'FILLED');
    // a round trip on each session flushes anything else queued for it
    for (const c of [alice1, alice2, bob, cd]) await c.request('orders');
    expect(new Set(alice1.executions.map((e) => e.orderId))).toEqual(new Set([a.orderId]));
    expect(new Set(alice2.executions.map((e) => e.orderId))).toEqual(new Set([a.orderId]));
    expect(new Set(bob.executions.map((e) => e.orderId))).toEqual(new Set([b.orderId]));
    expect(cd.executions).toEqual([]);
    expect(bob.executions.every((e) => e.login === undefined || e.login === 'bob')).toBe(true);
  });
});

describe('limits', () => {
  it('a frame above maxFrameBytes answers 1003; one at the limit is served', async () => {
    const ex = await exchange({ maxFrameBytes: 1024 });
    const c = await connect(ex, 'tok-alice');
    const frame = (size: number): string => {
      const head = '{"event":"symbols","requestId":"f","pad":"';
      return head + 'x'.repeat(size - head.length - 2) + '"}';
    };
    expect(Buffer.byteLength(frame(1024))).toBe(1024);
    c.sendRaw(frame(1024));
    c.sendRaw(frame(1025));
    await c.waitUntil(() => c.replies.length >= 2, 10_000, 'two replies');
    expect(c.replies[0]).toMatchObject({ event: 'symbols', requestId: 'f' });
    expect(c.replies[1]).toMatchObject({
      event: 'error',
      requestId: null,
      payload: { code: 1003 },
    });
    // multi-byte characters count as bytes, not characters
    c.sendRaw(frame(1024).replace('xxx', '\u00e9\u00e9'));
    await c.waitUntil(() => c.replies.length >= 3, 10_000, 'third reply');
    expect(c.replies[2]).toMatchObject({ event: 'error', payload: { code: 1003 } });
    expect(c.open).toBe(true);
  });

  it('requests past the rate answer 3001 (with their requestId), the session stays, tokens refill', async () => {
    const ex = await exchange({ rateLimit: { perSecond: 10, burst: 20 } });
    const c = await connect(ex, 'tok-alice');
    for (let i = 0; i < 30; i++) c.sendRaw(JSON.stringify({ event: 'orders', requestId: `q${i}` }));
    await c.waitUntil(() => c.replies.length >= 30, 10_000, '30 replies');
    const limited = c.replies.filter((r) => r.event === 'error');
    expect(limited).toHaveLength(10);
    expect(limited.map((r) => errorOf(r).code)).toEqual(Array(10).fill(3001));
    expect(limited.map((r) => r.requestId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `q${20 + i}`),
    );
    // a rate-limited order is not placed
    const r = await c.request('newordersingle', restingBuy({ clientOrderId: 'limited' }));
    expect(errorOf(r).code).toBe(3001);
    // per session: another session of the same login is not limited
    const other = await connect(ex, 'tok-alice');
    expect(payloadOf<WireOrder[]>(await other.request('orders'))).toEqual([]);
    ex.controls.advance(1_000); // 10 tokens back
    expect(payloadOf<WireOrder[]>(await c.request('orders'))).toEqual([]);
    expect(errorOf(await c.request('orderstatus', { clientOrderId: 'limited' })).code).toBe(2000);
    expect(c.open).toBe(true);
  });
});

describe('cancel-on-disconnect', () => {
  /** Taps the engine's executions as the server drains them. */
  function tap(ex: ExchangeHandle): ExecutionEvent[] {
    const seen: ExecutionEvent[] = [];
    const original = ex.engine.drainEach.bind(ex.engine);
    vi.spyOn(ex.engine, 'drainEach').mockImplementation((visit) => {
      original((x) => {
        seen.push(x.toEvent());
        visit(x);
      });
    });
    return seen;
  }

  it('on: working orders are canceled (CANCEL_ON_DISCONNECT) when the last session of the login closes', async () => {
    const ex = await exchange({ cancelOnDisconnect: true });
    ex.controls.pauseMarket();
    const events = tap(ex);
    const s1 = await connect(ex, 'tok-alice');
    const s2 = await connect(ex, 'tok-alice');
    const bob = await connect(ex, 'tok-bob');
    const o1 = payloadOf<{ orderId: number }>(await s1.request('newordersingle', restingBuy()));
    const o2 = payloadOf<{ orderId: number }>(
      await s1.request('newordersingle', restingBuy({ price: 1.07 })),
    );
    const ob = payloadOf<{ orderId: number }>(await bob.request('newordersingle', restingBuy()));
    // a session of the login is still open: nothing happens
    await s1.close();
    await until(() => ex.controls.sessions() === 2, 5_000, 'one session gone');
    expect(payloadOf<WireOrder[]>(await s2.request('orders'))).toHaveLength(2);
    // the last one drops (no close frame): both are canceled; bob's is untouched
    s2.terminate();
    await until(() => ex.controls.sessions() === 1, 5_000, 'last session gone');
    await until(() => ex.engine.workingOrders(['alice']).length === 0, 5_000, 'orders canceled');
    const canceled = events.filter((e) => e.login === 'alice' && e.payload.status === 'CANCELED');
    expect(canceled.map((e) => e.payload.orderId).sort()).toEqual([o1.orderId, o2.orderId].sort());
    expect(canceled.every((e) => e.payload.reason === 'CANCEL_ON_DISCONNECT')).toBe(true);
    expect(ex.engine.workingOrders(['bob']).map((o) => o.orderId)).toEqual([ob.orderId]);
    const back = await connect(ex, 'tok-alice');
    const st = payloadOf<WireOrder>(await back.request('orderstatus', { orderId: o1.orderId }));
    expect(st.status).toBe('CANCELED');
  });

  it('off (the default): working orders survive the last session closing', async () => {
    const ex = await exchange();
    const s = await connect(ex, 'tok-alice');
    const o = payloadOf<{ orderId: number }>(await s.request('newordersingle', restingBuy()));
    s.terminate();
    await connect(ex, 'tok-bob');
    await until(() => ex.controls.sessions() === 1, 5_000, 'session gone');
    const back = await connect(ex, 'tok-alice');
    const st = payloadOf<WireOrder>(await back.request('orderstatus', { orderId: o.orderId }));
    expect(st.status).toBe('NEW');
    expect(ex.engine.workingOrders(['alice']).map((w) => w.orderId)).toEqual([o.orderId]);
  });
});
