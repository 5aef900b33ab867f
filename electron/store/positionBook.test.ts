import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../shared/ipc';
import { toFixed } from '../../shared/domain/decimal';
import { PositionBook } from './positionBook';
import { applyFill, flatPosition, netQty, unrealizedAt } from './positionMath';
import type { StoredFill } from './types';

let n = 0;
function fill(side: 'BUY' | 'SELL', qty: number, price: number, time = ++n): StoredFill {
  return {
    fillId: `f${++n}`,
    orderId: 1,
    clientOrderId: 'c',
    login: 'demo',
    symbol: 'BTCUSDT',
    side,
    price,
    qty,
    time,
    tradeId: null,
    cumQty: qty,
    derived: false,
  };
}
const quotes = (last: number): Map<string, Quote> =>
  new Map([['BTCUSDT', { symbol: 'BTCUSDT', bid: null, ask: null, last, time: 0 }]]);
const precision = () => ({ price: 2, qty: 4 });

describe('PositionBook', () => {
  it("counts each position's own changes and gives its fills in time order", () => {
    const book = new PositionBook(precision);
    const late = fill('BUY', 1, 100, 50);
    const btc = book.upsert(late);
    const early = fill('SELL', 1, 90, 10);
    book.upsert(early);
    const eth = book.upsert({ ...fill('BUY', 2, 10), symbol: 'ETHUSDT' });
    const version = (key: string) => book.positionVersions().find((p) => p.key === key)?.version;
    expect(book.positionVersions().map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect([version(btc), version(eth)]).toEqual([2, 1]);
    expect(book.positionFills(btc).map((f) => f.fillId)).toEqual([early.fillId, late.fillId]);
    book.remove(early.fillId);
    expect([version(btc), version(eth)]).toEqual([3, 1]);
    expect(book.positionFills(btc).map((f) => f.fillId)).toEqual([late.fillId]);
  });

  it('averages the open quantity and realizes P&L on reductions', () => {
    const book = new PositionBook(precision);
    book.upsert(fill('BUY', 0.5, 100));
    const key = book.upsert(fill('BUY', 0.5, 110));
    expect(book.row(key, quotes(120))).toMatchObject({
      netQty: 1,
      avgPrice: 105,
      realizedPnl: 0,
      unrealizedPnl: 15,
      markPrice: 120,
    });
    book.upsert(fill('SELL', 0.3, 120));
    // FIFO: 0.3 closed from the lot at 100.
    expect(book.row(key, quotes(120))).toMatchObject({
      netQty: 0.7,
      realizedPnl: 6,
      unrealizedPnl: 9,
    });
  });

  it('realizes everything and opens the other way on a flip', () => {
    const book = new PositionBook(precision);
    book.upsert(fill('BUY', 1, 100));
    const key = book.upsert(fill('SELL', 1.5, 90));
    expect(book.row(key, quotes(80))).toMatchObject({
      netQty: -0.5,
      avgPrice: 90,
      realizedPnl: -10,
      unrealizedPnl: 5,
    });
  });

  it('is flat with no unrealized P&L after closing', () => {
    const book = new PositionBook(precision);
    book.upsert(fill('SELL', 0.1, 64000.01));
    const key = book.upsert(fill('BUY', 0.1, 63000.02));
    expect(book.row(key, quotes(1))).toMatchObject({
      netQty: 0,
      avgPrice: null,
      realizedPnl: 99.999,
      unrealizedPnl: null,
    });
  });

  it('is the same whatever order the fills arrive in', () => {
    const fills = [fill('BUY', 1, 100, 1), fill('SELL', 2, 110, 2), fill('BUY', 0.5, 90, 3)];
    const a = new PositionBook(precision);
    const b = new PositionBook(precision);
    for (const f of fills) a.upsert(f);
    for (const f of [...fills].reverse()) b.upsert(f);
    expect(b.rows(quotes(95))).toEqual(a.rows(quotes(95)));
    expect(b.rows(quotes(95))[0]).toMatchObject({ realizedPnl: 20, netQty: -0.5, avgPrice: 110 });
  });
});

describe('position math properties', () => {
  it('realized + unrealized equals cash flow + net quantity at the mark, exactly', () => {
    const fillArb = fc.record({
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      qty: fc.integer({ min: 1, max: 1_000_000 }),
      price: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(fillArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (fills, mark) => {
          const state = flatPosition();
          let cash = 0n;
          for (const f of fills) {
            const qty = toFixed(f.qty / 1e4);
            const price = toFixed(f.price / 100);
            applyFill(state, f.side, qty, price);
            cash += (f.side === 'BUY' ? -1n : 1n) * qty * price;
          }
          const m = toFixed(mark / 100);
          expect(state.realized + unrealizedAt(state, m)).toBe(cash + netQty(state) * m);
          const lots = state.lots;
          expect(lots.every((l) => l.qty > 0n) || lots.every((l) => l.qty < 0n)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
