import { describe, expect, it } from 'vitest';
import type { ChartServerFrame, ChartTick } from '../../shared/protocol';
import { MAX_SUBSCRIPTIONS, TICKER_KEEPALIVE_MS, TickerHub, type TickerPeer } from './ticker';

const T0 = Date.parse('2026-01-05T09:00:00Z');
const symbols = Array.from({ length: 60 }, (_, i) => `S${i}`);
const prices = new Map<string, number>([
  ['EURUSD', 1.085],
  ['GBPUSD', 1.265],
  ...symbols.map((s): [string, number] => [s, 1]),
]);

function hub(): TickerHub {
  return new TickerHub({
    has: (symbol) => prices.has(symbol),
    tick: (symbol, now): ChartTick => {
      const p = prices.get(symbol)!;
      return {
        m: symbol,
        time: new Date(now).toISOString(),
        bid: p,
        ask: p,
        day_open: p,
        day_high: p,
        day_low: p,
      };
    },
    errorId: () => 'id',
  });
}

function peer(): TickerPeer & { frames: ChartServerFrame[] } {
  const frames: ChartServerFrame[] = [];
  return { subscriptions: new Set(), frames, send: (f) => frames.push(f) };
}

const tickedSymbols = (frames: ChartServerFrame[]): string[][] =>
  frames.map((f) => (f.m === 'ticker' ? f.d.map((t) => t.m) : [`error:${f.errorCode}`]));

describe('ticker hub', () => {
  it('a subscribe answers a snapshot of the symbols at once', () => {
    const h = hub();
    const p = peer();
    h.add(p);
    h.handleFrame(p, JSON.stringify({ m: 'subscribe', p: ['EURUSD', 'GBPUSD'] }), false, T0);
    expect(tickedSymbols(p.frames)).toEqual([['EURUSD', 'GBPUSD']]);
  });

  it('publishes only changes, plus a keep-alive every few seconds', () => {
    const h = hub();
    const p = peer();
    h.add(p);
    h.handleFrame(p, JSON.stringify({ m: 'subscribe', p: ['EURUSD', 'GBPUSD'] }), false, T0);
    h.publish(T0);
    h.publish(T0 + 250);
    prices.set('EURUSD', 1.086);
    h.publish(T0 + 500);
    h.publish(T0 + 500 + TICKER_KEEPALIVE_MS);
    prices.set('EURUSD', 1.085);
    expect(tickedSymbols(p.frames)).toEqual([
      ['EURUSD', 'GBPUSD'], // snapshot
      ['EURUSD', 'GBPUSD'], // first publication
      ['EURUSD'], // changed
      ['EURUSD', 'GBPUSD'], // keep-alive
    ]);
  });

  it('unsubscribe stops ticks at once; subscriptions are per connection', () => {
    const h = hub();
    const a = peer();
    const b = peer();
    h.add(a);
    h.add(b);
    h.handleFrame(a, JSON.stringify({ m: 'subscribe', p: ['EURUSD'] }), false, T0);
    h.handleFrame(b, JSON.stringify({ m: 'subscribe', p: ['GBPUSD'] }), false, T0);
    h.handleFrame(a, JSON.stringify({ m: 'unsubscribe', p: ['EURUSD'] }), false, T0);
    h.publish(T0 + TICKER_KEEPALIVE_MS);
    expect(tickedSymbols(a.frames)).toEqual([['EURUSD']]);
    expect(tickedSymbols(b.frames)).toEqual([['GBPUSD'], ['GBPUSD']]);
  });

  it('answers garbage, binary frames and unknown symbols with an error frame', () => {
    const h = hub();
    const p = peer();
    h.add(p);
    h.handleFrame(p, 'not json', false, T0);
    h.handleFrame(p, '{"m":"subscribe"}', false, T0);
    h.handleFrame(p, '{"m":"hello","p":[]}', false, T0);
    h.handleFrame(p, '{"m":"subscribe","p":["EURUSD"]}', true, T0);
    h.handleFrame(p, '{"m":"subscribe","p":["NOPE","EURUSD"]}', false, T0);
    expect(tickedSymbols(p.frames)).toEqual([
      ['error:INVALID_COMMAND'],
      ['error:INVALID_COMMAND'],
      ['error:INVALID_COMMAND'],
      ['error:INVALID_COMMAND'],
      ['error:UNKNOWN_SYMBOL'],
      ['EURUSD'],
    ]);
    expect([...p.subscriptions]).toEqual(['EURUSD']);
  });

  it(`caps a connection at ${MAX_SUBSCRIPTIONS} symbols`, () => {
    const h = hub();
    const p = peer();
    h.add(p);
    h.handleFrame(p, JSON.stringify({ m: 'subscribe', p: symbols.slice(0, 40) }), false, T0);
    h.handleFrame(p, JSON.stringify({ m: 'subscribe', p: symbols.slice(40, 60) }), false, T0);
    expect(p.subscriptions.size).toBe(40);
    expect(tickedSymbols(p.frames).at(-1)).toEqual(['error:TOO_MANY_SUBSCRIPTIONS']);
  });

  it('a removed connection gets nothing more', () => {
    const h = hub();
    const p = peer();
    h.add(p);
    h.handleFrame(p, JSON.stringify({ m: 'subscribe', p: ['EURUSD'] }), false, T0);
    h.remove(p);
    h.publish(T0 + TICKER_KEEPALIVE_MS);
    expect(p.frames).toHaveLength(1);
  });
});
