import { afterEach, describe, expect, it } from 'vitest';
import { asOrder, type ServerMsg, type TestClient, type WireQuote } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orderIdOf = (msg: ServerMsg): number => (msg.payload as { orderId: number }).orderId;
const px = (n: number): number => Number(n.toFixed(5));

/** Places an EURUSD order and returns its orderId. */
async function placeId(c: TestClient, payload: Record<string, unknown>): Promise<number> {
  return orderIdOf(await c.request('newordersingle', { symbol: 'EURUSD', ...payload }));
}

describe('the simulated market moves user orders', () => {
  it('a resting sell limit fills when the reference moves up through it', async () => {
    h = await openExchange();
    const c = await h.connect();
    const { ask } = h.top('EURUSD');
    const price = px(ask + 0.001);
    const id = await placeId(c, { side: 'SELL', type: 'LIMIT', price, quantity: 10000 });
    expect(h.ex.controls.setReferencePrice('EURUSD', px(price + 0.002))).toEqual({
      ok: true,
      value: undefined,
    });
    const filled = await c.execution(id, 'FILLED');
    expect(filled.lastPrice).toBe(price);
    expect(h.ex.engine.lastPrice('EURUSD')).toBeGreaterThan(price);
  });

  it('a resting buy limit fills when the reference moves down through it', async () => {
    h = await openExchange();
    const c = await h.connect();
    const price = px(h.top('EURUSD').bid - 0.001);
    const id = await placeId(c, { side: 'BUY', type: 'LIMIT', price, quantity: 10000 });
    h.ex.controls.setReferencePrice('EURUSD', px(price - 0.002));
    expect((await c.execution(id, 'FILLED')).executedQty).toBe(10000);
  });

  it('a buy stop triggers when the last price rises to it', async () => {
    h = await openExchange();
    const c = await h.connect();
    const last = h.ex.engine.lastPrice('EURUSD') ?? 0;
    const stopPrice = px(last + 0.001);
    const id = await placeId(c, { side: 'BUY', type: 'STOP', stopPrice, quantity: 1000 });
    h.ex.controls.setReferencePrice('EURUSD', px(last + 0.0005));
    await c.request('orders');
    expect(asOrder(await c.request('orderstatus', { orderId: id })).status).toBe('NEW');
    h.ex.controls.setReferencePrice('EURUSD', px(last + 0.002));
    const filled = await c.execution(id, 'FILLED');
    expect(filled.lastPrice).toBeGreaterThanOrEqual(stopPrice);
  });

  it('rejects an unknown symbol or an off-tick reference as values', async () => {
    h = await openExchange();
    expect(h.ex.controls.setReferencePrice('NOPE', 1)).toMatchObject({
      ok: false,
      error: { code: 2003 },
    });
    expect(h.ex.controls.setReferencePrice('EURUSD', 1.0850001)).toMatchObject({
      ok: false,
      error: { code: 2004 },
    });
  });

  it('the live market keeps a two-sided book and moves with time', async () => {
    h = await openExchange({ live: true, seed: 7 });
    const before = h.ex.controls.referencePrice('BTCUSDT');
    h.ex.controls.advance(60_000);
    const book = h.ex.engine.book('BTCUSDT', 10);
    expect(book.bids.length).toBeGreaterThanOrEqual(5);
    expect(book.asks.length).toBeGreaterThanOrEqual(5);
    expect(book.bids[0]?.[0] ?? 0).toBeLessThan(book.asks[0]?.[0] ?? 0);
    expect(h.ex.controls.referencePrice('BTCUSDT')).not.toBe(before);
  });
});

describe('quotes', () => {
  it('subscribe acks, sends a snapshot, then quotes on change; unsubscribe stops them', async () => {
    h = await openExchange({ live: true });
    const c = await h.connect();
    const ack = await c.request('subscribe', { symbols: ['EURUSD'] });
    expect(ack.payload).toEqual({ symbols: ['EURUSD'] });
    const snapshot = await c.waitFor((m) => m.event === 'quote');
    const first = snapshot.payload as WireQuote;
    expect(first).toMatchObject({
      symbol: 'EURUSD',
      ...h.top('EURUSD'),
      time: h.ex.controls.now(),
    });
    expect(c.messages.indexOf(ack)).toBeLessThan(c.messages.indexOf(snapshot));
    const start = c.messages.length;
    h.ex.controls.setReferencePrice('EURUSD', 1.09);
    const moved = (await c.waitFor((m) => m.event === 'quote', start)).payload as WireQuote;
    expect(moved.bid).toBeGreaterThan(1.089);
    expect(moved.ask).toBeGreaterThan(1.09);
    const unsub = await c.request('unsubscribe', { symbols: ['EURUSD'] });
    expect(unsub.payload).toEqual({ symbols: [] });
    const after = c.messages.length;
    h.ex.controls.setReferencePrice('EURUSD', 1.08);
    await c.request('orders');
    expect(c.messages.slice(after).filter((m) => m.event === 'quote')).toEqual([]);
  });

  it('subscribing to an unknown symbol answers 2003', async () => {
    h = await openExchange();
    const c = await h.connect();
    expect((await c.request('subscribe', { symbols: ['EURUSD', 'NOPE'] })).payload).toMatchObject({
      code: 2003,
    });
  });

  it('the market is paused and resumed', async () => {
    h = await openExchange({ live: true });
    h.ex.controls.pauseMarket();
    const before = h.ex.controls.referencePrice('EURUSD');
    h.ex.controls.advance(10_000);
    expect(h.ex.controls.referencePrice('EURUSD')).toBe(before);
    h.ex.controls.resumeMarket();
    h.ex.controls.advance(10_000);
    expect(h.ex.controls.referencePrice('EURUSD')).not.toBe(before);
  });
});
