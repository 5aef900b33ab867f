import { afterEach, describe, expect, it } from 'vitest';
import { DepthSnapshot } from '../../shared/protocol';
import { errorCode, type ServerMsg } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';
import { DEPTH_INTERVAL_MS } from './depth';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const snapshots = (messages: readonly ServerMsg[], from = 0): DepthSnapshot[] =>
  messages
    .slice(from)
    .filter((m) => m.event === 'depth' && m.requestId === undefined)
    .map((m) => DepthSnapshot.parse(m.payload));
const px = (n: number): number => Number(n.toFixed(5));

describe('the depth extension', () => {
  it('acks, then sends a whole snapshot at once, best first, levels as asked', async () => {
    h = await openExchange();
    const c = await h.connect();
    const ack = await c.request('depth', { symbol: 'EURUSD', levels: 3 });
    expect(ack.payload).toEqual({ symbol: 'EURUSD', levels: 3 });
    const first = await c.waitFor((m) => m.event === 'depth' && m.requestId === undefined);
    const ackAt = c.messages.indexOf(ack);
    expect(c.messages.indexOf(first)).toBeGreaterThan(ackAt);
    const book = DepthSnapshot.parse(first.payload);
    expect(book.bids.length).toBeGreaterThan(0);
    expect(book.bids.length).toBeLessThanOrEqual(3);
    expect(book.asks.length).toBeLessThanOrEqual(3);
    const bidPrices = book.bids.map(([p]) => p);
    const askPrices = book.asks.map(([p]) => p);
    expect([...bidPrices].sort((a, b) => b - a)).toEqual(bidPrices);
    expect([...askPrices].sort((a, b) => a - b)).toEqual(askPrices);
    expect(Object.keys(first.payload as object).sort()).toEqual(['asks', 'bids', 'symbol', 'time']);
  });

  it('counts the trader’s own resting order in its level and tells nothing private', async () => {
    h = await openExchange();
    const c = await h.connect();
    const price = h.top('EURUSD').bid;
    await c.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price,
      quantity: 13000,
      clientOrderId: 'secret-id',
    });
    const from = c.messages.length;
    await c.request('depth', { symbol: 'EURUSD', levels: 50 });
    const first = await c.waitFor((m) => m.event === 'depth' && m.requestId === undefined, from);
    const level = DepthSnapshot.parse(first.payload).bids.find(([p]) => p === price);
    expect(level?.[1]).toBeGreaterThanOrEqual(13000);
    const text = JSON.stringify(first);
    expect(text).not.toContain('secret-id');
    expect(text).not.toContain('demo');
  });

  it('sends changes at most every 100 ms and stops after undepth', async () => {
    h = await openExchange();
    const c = await h.connect();
    await c.request('depth', { symbol: 'EURUSD', levels: 5 });
    await c.waitFor((m) => m.event === 'depth' && m.requestId === undefined);
    const start = c.messages.length;
    const mid = px((h.top('EURUSD').bid + h.top('EURUSD').ask) / 2);
    // Moves within one interval: at most one snapshot for them.
    h.ex.controls.setReferencePrice('EURUSD', px(mid + 0.001));
    h.ex.controls.setReferencePrice('EURUSD', px(mid + 0.002));
    await c.request('orders');
    expect(snapshots(c.messages, start)).toHaveLength(0);
    h.ex.controls.advance(DEPTH_INTERVAL_MS);
    await c.waitFor((m) => m.event === 'depth' && m.requestId === undefined, start);
    await c.request('undepth', { symbol: 'EURUSD' });
    const stopped = c.messages.length;
    h.ex.controls.setReferencePrice('EURUSD', px(mid - 0.003));
    h.ex.controls.advance(1000);
    await c.request('orders');
    expect(snapshots(c.messages, stopped)).toEqual([]);
  });

  it('refuses an unknown symbol and bad levels with one error reply each', async () => {
    h = await openExchange();
    const c = await h.connect();
    expect(errorCode(await c.request('depth', { symbol: 'NOPE', levels: 5 }))).toBe(2003);
    expect(errorCode(await c.request('depth', { symbol: 'EURUSD', levels: 0 }))).toBe(1002);
    expect(errorCode(await c.request('depth', { symbol: 'EURUSD', levels: 51 }))).toBe(1002);
    await c.request('orders');
    expect(snapshots(c.messages)).toEqual([]);
  });

  it('is not offered by the first and current revisions', async () => {
    for (const revision of ['first', 'current'] as const) {
      const ex = await openExchange({ revision });
      const c = await ex.connect();
      const reply = await c.request('depth', { symbol: 'EURUSD', levels: 5 });
      expect(reply.event).toBe('error');
      await ex.close();
    }
  });
});
