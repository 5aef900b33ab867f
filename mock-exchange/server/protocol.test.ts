import { afterEach, describe, expect, it } from 'vitest';
import { TestClient, errorCode, errorText, upgradeStatus } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const limitBuy = (price: number, extra: Record<string, unknown> = {}) => ({
  symbol: 'EURUSD',
  side: 'BUY',
  type: 'LIMIT',
  price,
  quantity: 1000,
  ...extra,
});

describe('authentication at the upgrade', () => {
  it('refuses a missing or wrong token with HTTP 401 and accepts a valid one', async () => {
    h = await openExchange();
    expect(await upgradeStatus(h.ex.url)).toBe(401);
    expect(await upgradeStatus(h.ex.url, { Authorization: 'Bearer nope' })).toBe(401);
    expect(await upgradeStatus(`${h.ex.url}/?token=nope`)).toBe(401);
    expect(await upgradeStatus(h.ex.url, { Authorization: 'Bearer demo' })).toBe(101);
    const viaQuery = await h.connect({ via: 'query' });
    expect((await viaQuery.request('orders')).event).toBe('orders');
  });

  it('rejects a connection attempt with a wrong token without affecting open sessions', async () => {
    h = await openExchange();
    const client = await h.connect();
    await expect(TestClient.connect(h.ex.url, { token: 'wrong' })).rejects.toThrow(/401/);
    expect((await client.request('symbols')).event).toBe('symbols');
  });
});

describe('framing errors', () => {
  it('answers non-JSON and non-object frames with 1000 and requestId null', async () => {
    h = await openExchange();
    const c = await h.connect();
    for (const frame of ['not json', '[1,2]', '42', 'null', '"text"']) {
      const start = c.messages.length;
      c.send(frame);
      const msg = await c.waitFor((m) => m.event === 'error', start);
      expect(errorCode(msg)).toBe(1000);
      expect(msg.requestId).toBeNull();
    }
  });

  it('answers a missing or invalid requestId with 1002 naming requestId', async () => {
    h = await openExchange();
    const c = await h.connect();
    for (const frame of [
      { event: 'orders' },
      { event: 'orders', requestId: {} },
      { event: 'orders', requestId: '' },
    ]) {
      const start = c.messages.length;
      c.send(frame);
      const msg = await c.waitFor((m) => m.event === 'error', start);
      expect(errorCode(msg)).toBe(1002);
      expect(msg.requestId).toBeNull();
      expect(errorText(msg)).toMatch(/requestId/);
    }
  });

  it('answers an unknown event with 1001 and echoes a numeric requestId as sent', async () => {
    h = await openExchange();
    const c = await h.connect();
    const reply = await c.request('fly', {}, 7);
    expect(reply).toMatchObject({ event: 'error', requestId: 7, payload: { code: 1001 } });
    const ok = await c.request('orders', undefined, 8);
    expect(ok).toMatchObject({ event: 'orders', requestId: 8, payload: [] });
  });

  it('answers a missing or mistyped field with 1002 naming the field', async () => {
    h = await openExchange();
    const c = await h.connect();
    const missing = await c.request('newordersingle', {
      side: 'BUY',
      type: 'MARKET',
      quantity: 1000,
    });
    expect(errorCode(missing)).toBe(1002);
    expect(errorText(missing)).toMatch(/payload\.symbol/);
    const mistyped = await c.request('newordersingle', limitBuy(1.08, { quantity: '1000' }));
    expect(errorCode(mistyped)).toBe(1002);
    expect(errorText(mistyped)).toMatch(/payload\.quantity/);
    const noRef = await c.request('ordercancel', {});
    expect(errorCode(noRef)).toBe(1002);
    expect(errorText(noRef)).toMatch(/orderId/);
  });

  it('ignores unknown fields', async () => {
    h = await openExchange();
    const c = await h.connect();
    const reply = await c.request('newordersingle', limitBuy(1.08, { color: 'blue' }));
    expect(reply.event).toBe('newordersingle');
  });

  it('answers an oversized frame with 1003 and keeps the session', async () => {
    h = await openExchange({ maxFrameBytes: 1024 });
    const c = await h.connect();
    c.send({ event: 'orders', requestId: 'big', pad: 'x'.repeat(4096) });
    const msg = await c.waitFor((m) => m.event === 'error');
    expect(errorCode(msg)).toBe(1003);
    expect(msg.requestId).toBeNull();
    expect((await c.request('orders')).event).toBe('orders');
  });

  it('answers a requestId already in flight with 1004', async () => {
    h = await openExchange();
    const c = await h.connect();
    h.ex.controls.faults.delayReplies(100);
    c.send({ event: 'orders', requestId: 'same' });
    c.send({ event: 'orders', requestId: 'same' });
    const dup = await c.waitFor((m) => m.event === 'error' && m.requestId === 'same');
    expect(errorCode(dup)).toBe(1004);
    const first = await c.waitFor((m) => m.event === 'orders' && m.requestId === 'same');
    // Replies keep their order: the delayed original goes out first.
    expect(c.messages.indexOf(first)).toBeLessThan(c.messages.indexOf(dup));
    h.ex.controls.faults.delayReplies(0);
    // Once answered, the requestId may be used again.
    expect((await c.request('orders', undefined, 'same')).event).toBe('orders');
  });
});

describe('engine errors reach the client with their codes', () => {
  it('2000 unknown order, 2001 final order, 2003 symbol, 2004 price, 2005 quantity, 2006 tif, 2007 oco', async () => {
    h = await openExchange();
    const c = await h.connect();
    expect(errorCode(await c.request('orderstatus', { orderId: 999999 }))).toBe(2000);
    const placed = await c.request('newordersingle', limitBuy(1.08));
    const orderId = (placed.payload as { orderId: number }).orderId;
    expect((await c.request('ordercancel', { orderId })).event).toBe('ordercancel');
    expect(errorCode(await c.request('ordercancel', { orderId }))).toBe(2001);
    expect(errorCode(await c.request('modifyordersingle', { orderId, price: 1.07 }))).toBe(2001);
    expect(
      errorCode(await c.request('newordersingle', { ...limitBuy(1.08), symbol: 'XXXYYY' })),
    ).toBe(2003);
    expect(errorCode(await c.request('newordersingle', limitBuy(1.080001)))).toBe(2004);
    expect(
      errorCode(await c.request('newordersingle', { ...limitBuy(1.08), quantity: 1500 })),
    ).toBe(2005);
    const past = new Date(h.ex.controls.now() - 60_000).toISOString();
    expect(
      errorCode(
        await c.request(
          'newordersingle',
          limitBuy(1.08, { timeInForce: 'GTT', timeInForceDate: past }),
        ),
      ),
    ).toBe(2006);
    const { bid } = h.top('EURUSD');
    const badOco = await c.request('neworderoco', {
      symbol: 'EURUSD',
      side: 'SELL',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: bid - 0.001 },
        { type: 'STOP', stopPrice: bid - 0.002 },
      ],
    });
    expect(errorCode(badOco)).toBe(2007);
  });

  it('2002 duplicate clientOrderId among working orders of a login', async () => {
    h = await openExchange();
    const c = await h.connect();
    expect(
      (await c.request('newordersingle', limitBuy(1.08, { clientOrderId: 'dup-1' }))).event,
    ).toBe('newordersingle');
    expect(
      errorCode(await c.request('newordersingle', limitBuy(1.08, { clientOrderId: 'dup-1' }))),
    ).toBe(2002);
  });

  it('3000 when the request names a login the token does not hold', async () => {
    h = await openExchange({
      accounts: [
        { login: 'alice', token: 'ta' },
        { login: 'bob', token: 'tb' },
      ],
    });
    const c = await h.connect({ token: 'ta' });
    expect(errorCode(await c.request('newordersingle', limitBuy(1.08, { login: 'bob' })))).toBe(
      3000,
    );
    expect(errorCode(await c.request('orders', { login: 'bob' }))).toBe(3000);
    expect((await c.request('newordersingle', limitBuy(1.08, { login: 'alice' }))).event).toBe(
      'newordersingle',
    );
  });

  it('3001 over the rate limit, and the session stays usable', async () => {
    h = await openExchange({ rateLimit: { perSecond: 10, burst: 5 } });
    const c = await h.connect();
    const replies = await Promise.all(Array.from({ length: 8 }, () => c.request('orders')));
    const codes = replies.map((r) => errorCode(r) ?? 0);
    expect(codes.filter((code) => code === 3001)).toHaveLength(3);
    h.ex.controls.advance(1000); // the bucket refills with exchange time
    expect((await c.request('orders')).event).toBe('orders');
  });
});

describe('fault controls', () => {
  it('failNext forces one error of an event, then requests succeed again', async () => {
    h = await openExchange();
    const c = await h.connect();
    h.ex.controls.faults.failNext('newordersingle', 2002, 'duplicate clientOrderId (injected)');
    const failed = await c.request('newordersingle', limitBuy(1.08));
    expect(failed.payload).toEqual({ code: 2002, error: 'duplicate clientOrderId (injected)' });
    expect((await c.request('newordersingle', limitBuy(1.08))).event).toBe('newordersingle');
  });

  it('an internal exception answers 5000 and the session stays open', async () => {
    h = await openExchange();
    const c = await h.connect();
    h.ex.controls.faults.throwNext('orders');
    expect(errorCode(await c.request('orders'))).toBe(5000);
    expect((await c.request('orders')).event).toBe('orders');
  });

  it('dropAfterFrames terminates the session after N frames', async () => {
    h = await openExchange();
    const c = await h.connect();
    h.ex.controls.faults.dropAfterFrames(2);
    c.send({ event: 'orders', requestId: 1 });
    c.send({ event: 'orders', requestId: 2 });
    c.send({ event: 'orders', requestId: 3 });
    const code = await c.closed;
    expect(code).toBe(1006);
    expect(c.messages.filter((m) => m.event === 'orders')).toHaveLength(2);
  });

  it('delayed replies still precede the executions they caused', async () => {
    h = await openExchange();
    const c = await h.connect();
    h.ex.controls.faults.delayReplies(50);
    const reply = await c.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1000,
    });
    const orderId = (reply.payload as { orderId: number }).orderId;
    await c.execution(orderId, 'FILLED');
    const firstExecution = c.messages.findIndex((m) => m.event === 'execution');
    expect(c.messages.indexOf(reply)).toBeLessThan(firstExecution);
  });
});
