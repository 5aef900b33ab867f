import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../../shared/ipc';
import { ladderRows, marketCentre, nextCentre, sizePresets } from './ladder';

const rules = { tickSize: 0.01, pricePrecision: 2 };
const book = {
  symbol: 'X',
  bids: [
    [99.99, 5],
    [99.98, 7],
  ] as [number, number][],
  asks: [
    [100.01, 3],
    [100.02, 9],
  ] as [number, number][],
  time: 0,
};
const top = { bid: 99.99, ask: 100.01, last: 100 };

const order = (fields: Partial<OrderRow>): OrderRow =>
  ({
    orderId: 1,
    clientOrderId: 'c',
    login: 'l',
    symbol: 'X',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    expiresAt: null,
    price: 99.98,
    stopPrice: null,
    origQty: 2,
    executedQty: 0,
    leavesQty: 2,
    avgPrice: null,
    cumQuote: 0,
    status: 'NEW',
    createdAt: 0,
    updatedAt: 0,
    ocoOrderId: null,
    triggered: false,
    lastReason: null,
    ...fields,
  }) as OrderRow;

describe('depth ladder rows', () => {
  it('centres on the mid, highest price first, one row per tick', () => {
    const centre = marketCentre(book, top, rules);
    expect(centre).toBe(10000);
    const rows = ladderRows({ centre: 10000, rows: 5, rules, book, top, working: [] });
    expect(rows.map((r) => r.price)).toEqual([100.02, 100.01, 100, 99.99, 99.98]);
    expect(rows.map((r) => [r.bidQty, r.askQty])).toEqual([
      [null, 9],
      [null, 3],
      [null, null],
      [5, null],
      [7, null],
    ]);
    expect(rows.find((r) => r.bestBid)?.price).toBe(99.99);
    expect(rows.find((r) => r.last)?.price).toBe(100);
  });

  it('counts the trader’s working orders per price, a stop at its stop price', () => {
    const rows = ladderRows({
      centre: 10000,
      rows: 5,
      rules,
      book,
      top,
      working: [
        order({ orderId: 1 }),
        order({ orderId: 2, leavesQty: 3 }),
        order({ orderId: 3, side: 'SELL', type: 'STOP', price: null, stopPrice: 100.02 }),
      ],
    });
    expect(rows.find((r) => r.price === 99.98)?.own).toEqual({
      orderIds: [1, 2],
      count: 2,
      buyQty: 5,
      sellQty: 0,
    });
    expect(rows[0]?.own?.sellQty).toBe(2);
  });

  it('keeps the rows that did not change as they were, so only changed rows repaint', () => {
    const args = { centre: 10000, rows: 5, rules, book, top, working: [order({ orderId: 1 })] };
    const shown = ladderRows(args);
    // A new order at 99.98 and a new size at 100.01; the other three prices are as they were.
    const next = ladderRows(
      {
        ...args,
        book: { ...book, asks: [[100.01, 4], ...book.asks.slice(1)] as [number, number][] },
        working: [order({ orderId: 1 }), order({ orderId: 2 })],
      },
      shown,
    );
    expect(next.map((row, i) => row === shown[i])).toEqual([true, false, true, true, false]);
    expect(next[1]?.askQty).toBe(4);
    expect(next[4]?.own?.count).toBe(2);
    // Without depth the size mark (NaN) is the same mark: nothing repaints.
    const flat = ladderRows({ ...args, book: null });
    const again = ladderRows({ ...args, book: null }, flat);
    expect(again.every((row, i) => row === flat[i])).toBe(true);
    // Scrolled by one tick: the rows still on screen are kept, by price.
    const scrolled = ladderRows({ ...args, centre: 10001 }, shown);
    expect(scrolled.slice(1)).toEqual(shown.slice(0, 4));
    expect(scrolled.slice(1).every((row, i) => row === shown[i])).toBe(true);
  });

  it('without depth marks only the top of book, sizes unknown', () => {
    const rows = ladderRows({ centre: 10000, rows: 3, rules, book: null, top, working: [] });
    expect(rows.map((r) => r.bidQty === null)).toEqual([true, true, false]);
    expect(rows[2]?.bestBid).toBe(true);
  });

  it('keeps its centre while the market stays in the middle, follows it out, holds when scrolled', () => {
    expect(nextCentre(null, 100, 20, false)).toBe(100);
    expect(nextCentre(100, 104, 20, false)).toBe(100);
    expect(nextCentre(100, 106, 20, false)).toBe(106);
    expect(nextCentre(100, 150, 20, true)).toBe(100);
  });

  it('offers size presets as multiples of the default quantity', () => {
    expect(sizePresets(1000, 0)).toEqual([1000, 2000, 5000, 10000]);
    expect(sizePresets(0.01, 2)).toEqual([0.01, 0.02, 0.05, 0.1]);
  });
});
