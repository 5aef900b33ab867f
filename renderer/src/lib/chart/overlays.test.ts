import { describe, expect, it } from 'vitest';
import { fill, order } from '../testing/fixtures';
import {
  fillMarkers,
  lineNear,
  menuChoices,
  orderLines,
  pivotLines,
  positionLines,
  snapToTick,
} from './overlays';

const EURUSD = { pricePrecision: 5, qtyPrecision: 0, tickSize: 0.00001 };
const USDJPY = { pricePrecision: 3, qtyPrecision: 0, tickSize: 0.005 };

describe('chart overlays', () => {
  it('snaps a price to the nearest tick of the instrument', () => {
    expect(snapToTick(1.0812345, EURUSD)).toBe(1.08123);
    expect(snapToTick(151.2034, USDJPY)).toBe(151.205);
    expect(snapToTick(151.2024, USDJPY)).toBe(151.2);
  });

  it("labels a working order's line with side, remaining quantity and type", () => {
    const lines = orderLines(
      [
        order({
          orderId: 1,
          side: 'SELL',
          type: 'LIMIT',
          price: 1.09,
          origQty: 5000,
          leavesQty: 3000,
        }),
        order({ orderId: 2, type: 'STOP', price: null, stopPrice: 1.1 }),
        order({ orderId: 3, symbol: 'GBPUSD' }),
        order({ orderId: 4, type: 'MARKET', price: null }),
      ],
      'EURUSD',
      EURUSD,
    );
    expect(lines.map((l) => [l.id, l.title, l.price, l.color, l.order?.field])).toEqual([
      ['order:1:price', 'SELL 3,000 LIMIT', 1.09, 'sell', 'price'],
      ['order:2:stopPrice', 'BUY 1,000 STOP', 1.1, 'buy', 'stopPrice'],
    ]);
  });

  it('draws a STOP_LIMIT as its stop and its limit, and only the limit once triggered', () => {
    const row = order({ orderId: 5, type: 'STOP_LIMIT', price: 1.101, stopPrice: 1.1 });
    expect(orderLines([row], 'EURUSD', EURUSD).map((l) => l.title)).toEqual([
      'BUY 1,000 STOP LIMIT · stop',
      'BUY 1,000 STOP LIMIT · limit',
    ]);
    const triggered = orderLines([{ ...row, triggered: true }], 'EURUSD', EURUSD);
    expect(triggered.map((l) => l.order?.field)).toEqual(['stopPrice']);
  });

  it('pairs OCO legs: one colour per pair, each label naming both orders', () => {
    const lines = orderLines(
      [
        order({ orderId: 20, ocoOrderId: 21, price: 1.08 }),
        order({ orderId: 21, ocoOrderId: 20, type: 'STOP', price: null, stopPrice: 1.09 }),
        order({ orderId: 30, ocoOrderId: 31, price: 1.07 }),
        order({ orderId: 31, ocoOrderId: 30, type: 'STOP', price: null, stopPrice: 1.095 }),
      ],
      'EURUSD',
      EURUSD,
    );
    expect(lines.map((l) => l.color)).toEqual(['pair-0', 'pair-0', 'pair-1', 'pair-1']);
    expect(lines[1]?.title).toBe('BUY 1,000 STOP · OCO 20↔21');
  });

  it('turns fills of the instrument into markers on their bars, oldest first', () => {
    const t = Date.UTC(2025, 0, 1, 10, 7);
    const markers = fillMarkers(
      [
        fill({ fillId: 'late', time: t + 3_600_000, side: 'SELL', qty: 1000, price: 1.081 }),
        fill({ fillId: 'early', time: t, qty: 2500, price: 1.08 }),
        fill({ fillId: 'other', symbol: 'GBPUSD', time: t }),
      ],
      'EURUSD',
      '15m',
      EURUSD,
    );
    expect(markers).toEqual([
      expect.objectContaining({
        id: 'early',
        time: Date.UTC(2025, 0, 1, 10, 0),
        text: 'BUY 2,500 @ 1.08000',
      }),
      expect.objectContaining({
        id: 'late',
        time: Date.UTC(2025, 0, 1, 11, 0),
        text: 'SELL 1,000 @ 1.08100',
      }),
    ]);
  });

  it('draws the open position at its average price with its unrealized P&L, and nothing when flat', () => {
    const base = { login: 'demo', symbol: 'EURUSD', realizedPnl: 0, markPrice: 1.082 };
    const lines = positionLines(
      [
        { ...base, netQty: -2000, avgPrice: 1.0831, unrealizedPnl: 2.2 },
        { ...base, login: 'other', netQty: 0, avgPrice: null, unrealizedPnl: null },
      ],
      'EURUSD',
      EURUSD,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        price: 1.0831,
        title: 'SHORT 2,000 avg 1.08310 · P&L +2.20',
        color: 'position',
      }),
    ]);
    const losing = positionLines(
      [{ ...base, netQty: 1000, avgPrice: 1.09, unrealizedPnl: -8 }],
      'EURUSD',
      EURUSD,
    );
    expect(losing[0]?.title).toBe('LONG 1,000 avg 1.09000 · P&L −8.00');
  });

  it('draws the seven pivot levels, PP in its own colour', () => {
    const lines = pivotLines({ PP: 1, R1: 1.1, R2: 1.2, R3: 1.3, S1: 0.9, S2: 0.8, S3: 0.7 });
    expect(lines.map((l) => `${l.title}=${l.price}`)).toEqual([
      'R3=1.3',
      'R2=1.2',
      'R1=1.1',
      'PP=1',
      'S1=0.9',
      'S2=0.8',
      'S3=0.7',
    ]);
    expect(lines.filter((l) => l.color === 'pivot-pp').map((l) => l.title)).toEqual(['PP']);
  });

  it('finds the order line under the pointer within a few pixels, never a position or pivot line', () => {
    const lines = [
      ...orderLines(
        [order({ orderId: 1, price: 1.08 }), order({ orderId: 2, price: 1.0801 })],
        'EURUSD',
        EURUSD,
      ),
      ...pivotLines({ PP: 1.09, R1: 2, R2: 2, R3: 2, S1: 0, S2: 0, S3: 0 }),
    ];
    const yOf = (p: number) => (1.1 - p) * 10_000;
    expect(lineNear(lines, 200, yOf)?.id).toBe('order:1:price');
    expect(lineNear(lines, 198.5, yOf)?.id).toBe('order:2:price');
    expect(lineNear(lines, 215, yOf)).toBeNull();
    expect(lineNear(lines, 100, yOf)).toBeNull();
  });

  it('offers limits on the passive side of the last price and stops on the other', () => {
    expect(menuChoices(1.07, 1.08)).toEqual([
      { side: 'BUY', type: 'LIMIT' },
      { side: 'SELL', type: 'STOP' },
    ]);
    expect(menuChoices(1.09, 1.08)).toEqual([
      { side: 'SELL', type: 'LIMIT' },
      { side: 'BUY', type: 'STOP' },
    ]);
    expect(menuChoices(1.09, null)).toHaveLength(4);
  });
});
