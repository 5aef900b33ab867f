import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../../shared/ipc';
import {
  bestRows,
  ladderRows,
  ladderStep,
  marketCentre,
  nextCentre,
  rowOf,
  sizePresets,
} from './ladder';

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

  it('sums a sparse book into rows of a coarser step: bids down to their row, asks up to theirs', () => {
    // Levels every 3 ticks; rows of 5 ticks.
    const sparse = {
      symbol: 'X',
      bids: [
        [99.99, 5],
        [99.96, 7],
        [99.93, 1],
        [99.9, 2],
      ] as [number, number][],
      asks: [
        [100.02, 3],
        [100.05, 9],
        [100.08, 4],
      ] as [number, number][],
      time: 0,
    };
    const rows = ladderRows({
      centre: 10001,
      rows: 5,
      rules,
      book: sparse,
      top: { bid: 99.99, ask: 100.02, last: 100.01 },
      working: [
        order({ orderId: 1, side: 'BUY', price: 99.97 }),
        order({ orderId: 2, side: 'BUY', price: 99.95 }),
        order({ orderId: 3, side: 'SELL', price: 100.01, leavesQty: 4 }),
      ],
      step: 5,
    });
    // The centre goes onto the grid (10001 -> 10000); each row's price is a multiple of 0.05.
    expect(rows.map((r) => r.price)).toEqual([100.1, 100.05, 100, 99.95, 99.9]);
    expect(rows.map((r) => [r.bidQty, r.askQty])).toEqual([
      [null, 4], // 100.08 rounds up to 100.10
      [null, 12], // 100.02 and 100.05
      [null, null],
      [12, null], // 99.99 and 99.96 round down to 99.95
      [3, null], // 99.93 and 99.90
    ]);
    // No row holds both sides, and the best rows are where the best prices went.
    expect(rows.find((r) => r.bestBid)?.price).toBe(99.95);
    expect(rows.find((r) => r.bestAsk)?.price).toBe(100.05);
    expect(rows.find((r) => r.last)?.price).toBe(100);
    // A buy at 99.97 and 99.95 is in the 99.95 row; a sell at 100.01 in the 100.05 row.
    expect(rows[3]?.own).toEqual({ orderIds: [1, 2], count: 2, buyQty: 4, sellQty: 0 });
    expect(rows[1]?.own).toEqual({ orderIds: [3], count: 1, buyQty: 0, sellQty: 4 });
    // The whole book is counted once, in the rows that reach it.
    const total = (side: 'bidQty' | 'askQty') => rows.reduce((n, r) => n + (r[side] ?? 0), 0);
    expect(total('bidQty')).toBe(15);
    expect(total('askQty')).toBe(16);
  });

  it('re-centres when the best bid or ask would be off screen, though the mid stayed near', () => {
    // 21 rows of one tick around 10000: 9990..10010. A 15-tick spread whose ask sits at 10012.
    const wide = { bid: 9997, ask: 10012 };
    expect(nextCentre(10000, 10004, 21, false, 1, wide)).toBe(10004);
    // Both on screen: the centre holds, the rows stay still under the mouse.
    expect(nextCentre(10000, 10002, 21, false, 1, { bid: 9995, ask: 10009 })).toBe(10000);
    // Scrolled away by the user: held, whatever the market does.
    expect(nextCentre(10000, 10004, 21, true, 1, wide)).toBe(10000);
    expect(bestRows(book, top, rules, 5)).toEqual({ bid: 9995, ask: 10005 });
  });

  it('puts a price on the step grid by side, and follows the market on that grid', () => {
    expect([rowOf(10003, 5, 'bid'), rowOf(10003, 5, 'ask'), rowOf(10003, 5, 'nearest')]).toEqual([
      10000, 10005, 10005,
    ]);
    expect([rowOf(10005, 5, 'bid'), rowOf(10005, 5, 'ask')]).toEqual([10005, 10005]);
    expect(nextCentre(null, 10003, 20, false, 5)).toBe(10005);
    // The band is in rows: five rows of 5 ticks.
    expect(nextCentre(10005, 10030, 20, false, 5)).toBe(10005);
    expect(nextCentre(10005, 10031, 20, false, 5)).toBe(10030);
    expect([ladderStep(10), ladderStep(3), ladderStep('10'), ladderStep(undefined)]).toEqual([
      10, 1, 1, 1,
    ]);
  });

  it('offers size presets as multiples of the default quantity', () => {
    expect(sizePresets(1000, 0)).toEqual([1000, 2000, 5000, 10000]);
    expect(sizePresets(0.01, 2)).toEqual([0.01, 0.02, 0.05, 0.1]);
  });
});
