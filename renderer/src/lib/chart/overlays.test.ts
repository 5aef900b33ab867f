import { describe, expect, it } from 'vitest';
import type { BracketPlan, PriceAlert, TrailingStop } from '../../../../shared/ipc';
import { fill, order } from '../testing/fixtures';
import {
  alertLines,
  bracketLines,
  FillGroups,
  lineName,
  lineNear,
  menuChoices,
  menuLabel,
  orderLines,
  pivotLines,
  positionLines,
  snapToTick,
} from './overlays';
import { fillMarkers } from './testing/markers';

const EURUSD = { pricePrecision: 5, qtyPrecision: 0, tickSize: 0.00001 };
const USDJPY = { pricePrecision: 3, qtyPrecision: 0, tickSize: 0.005 };

function alert(patch: Partial<PriceAlert>): PriceAlert {
  return {
    id: 'a1',
    symbol: 'EURUSD',
    condition: 'above',
    price: 1.09,
    armed: true,
    lastPrice: null,
    firedAt: null,
    firedPrice: null,
    createdAt: 0,
    ...patch,
  };
}

function plan(patch: Partial<BracketPlan> & { entryOrderId: number | null }): BracketPlan {
  const { entryOrderId, ...rest } = patch;
  return {
    id: 'p1',
    symbol: 'EURUSD',
    side: 'BUY',
    login: 'L1',
    spec: { takeProfit: { kind: 'ticks', ticks: 200 }, stopLoss: { kind: 'price', price: 1.079 } },
    entry: {
      clientOrderId: 'e1',
      orderId: entryOrderId,
      filledQty: 0,
      avgPrice: null,
      closed: false,
    },
    exits: null,
    state: 'armed',
    reason: null,
    createdAt: 0,
    updatedAt: 0,
    ...rest,
  };
}

function trail(patch: Partial<TrailingStop>): TrailingStop {
  return {
    id: 't1',
    orderId: 2,
    symbol: 'EURUSD',
    side: 'SELL',
    distance: { kind: 'ticks', ticks: 20 },
    bestPrice: null,
    stopPrice: 1.07,
    limitPrice: null,
    state: 'trailing',
    reason: null,
    updatedAt: 0,
    ...patch,
  };
}

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
    const legs = [
      order({ orderId: 20, ocoOrderId: 21, price: 1.08 }),
      order({ orderId: 21, ocoOrderId: 20, type: 'STOP', price: null, stopPrice: 1.09 }),
      order({ orderId: 30, ocoOrderId: 31, price: 1.07 }),
      order({ orderId: 31, ocoOrderId: 30, type: 'STOP', price: null, stopPrice: 1.095 }),
    ];
    const lines = orderLines(legs, 'EURUSD', EURUSD);
    expect(lines.map((l) => l.color)).toEqual(['pair-0', 'pair-0', 'pair-1', 'pair-1']);
    expect(lines[1]?.title).toBe('BUY 1,000 STOP · OCO 20↔21');
    // Only the second pair drawn (the first is far from the market): it keeps its colour.
    const some = orderLines(legs.slice(2), 'EURUSD', EURUSD, [], legs);
    expect(some.map((l) => l.color)).toEqual(['pair-1', 'pair-1']);
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
        id: `BUY:${Date.UTC(2025, 0, 1, 10, 0)}`,
        time: Date.UTC(2025, 0, 1, 10, 0),
        text: 'BUY 2,500 @ 1.08000',
      }),
      expect.objectContaining({
        id: `SELL:${Date.UTC(2025, 0, 1, 11, 0)}`,
        time: Date.UTC(2025, 0, 1, 11, 0),
        text: 'SELL 1,000 @ 1.08100',
      }),
    ]);
  });

  it('gathers the fills of one bar and side into one marker: count, total and average price', () => {
    const t = Date.UTC(2025, 0, 1, 10, 0);
    const markers = fillMarkers(
      [
        fill({ fillId: 'b1', time: t + 60_000, side: 'BUY', qty: 1000, price: 1.08 }),
        fill({ fillId: 's1', time: t + 120_000, side: 'SELL', qty: 500, price: 1.0805 }),
        fill({ fillId: 'b2', time: t + 180_000, side: 'BUY', qty: 3000, price: 1.0804 }),
        fill({ fillId: 'b3', time: t + 15 * 60_000, side: 'BUY', qty: 1000, price: 1.081 }),
      ],
      'EURUSD',
      '15m',
      EURUSD,
    );
    expect(markers.map((m) => [m.time, m.side, m.count, m.qty, m.text])).toEqual([
      [t, 'BUY', 2, 4000, 'BUY 2 fills 4,000 @ avg 1.08030'],
      [t, 'SELL', 1, 500, 'SELL 500 @ 1.08050'],
      [t + 15 * 60_000, 'BUY', 1, 1000, 'BUY 1,000 @ 1.08100'],
    ]);
    expect(markers[0]?.price).toBeCloseTo(1.0803, 10);
  });

  it('keeps the groups as fills come, are replaced and go, as if counted from scratch', () => {
    const t = Date.UTC(2025, 0, 1, 10, 0);
    const a = fill({ fillId: 'a', time: t, side: 'BUY', qty: 1000, price: 1.08 });
    const b = fill({ fillId: 'b', time: t + 60_000, side: 'BUY', qty: 3000, price: 1.0804 });
    const derived = fill({ fillId: 'c', time: t + 120_000, side: 'SELL', qty: 500, price: 1.08 });
    const exact = { ...derived, price: 1.0805 };
    const groups = new FillGroups('EURUSD', '15m');
    groups.add([a, derived]);
    groups.add([b]);
    groups.remove([derived]);
    groups.add([exact]);
    expect(groups.markers(EURUSD)).toEqual(fillMarkers([a, b, exact], 'EURUSD', '15m', EURUSD));
    groups.remove([exact]);
    expect(groups.markers(EURUSD).map((m) => m.side)).toEqual(['BUY']);
  });

  it('counts a fill once however often it comes (the session’s and the stored), and out only if counted', () => {
    const t = Date.UTC(2025, 0, 1, 10, 0);
    const a = fill({ fillId: 'a', time: t, side: 'BUY', qty: 1000, price: 1.08 });
    const b = fill({ fillId: 'b', time: t + 60_000, side: 'BUY', qty: 3000, price: 1.0804 });
    const groups = new FillGroups('EURUSD', '15m');
    expect(groups.add([a])).toBe(true);
    expect(groups.add([a, b])).toBe(true);
    expect(groups.add([b, a])).toBe(false);
    expect(groups.markers(EURUSD)).toEqual(fillMarkers([a, b], 'EURUSD', '15m', EURUSD));
    expect(groups.remove([fill({ fillId: 'never' })])).toBe(false);
    expect(groups.remove([a])).toBe(true);
    expect(groups.remove([a])).toBe(false);
    expect(groups.markers(EURUSD)).toEqual(fillMarkers([b], 'EURUSD', '15m', EURUSD));
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

  it('names an order line for screen readers: side, quantity, instrument, type and price', () => {
    const [limit, stop, stopLimit] = orderLines(
      [
        order({ orderId: 1, price: 1.085, leavesQty: 100 }),
        order({
          orderId: 2,
          side: 'SELL',
          type: 'STOP',
          price: null,
          stopPrice: 1.07,
          ocoOrderId: 3,
        }),
        order({ orderId: 4, type: 'STOP_LIMIT', price: 1.101, stopPrice: 1.1 }),
      ],
      'EURUSD',
      EURUSD,
      [trail({ orderId: 2 })],
    );
    expect(limit && lineName(limit, EURUSD)).toBe('Buy 100 EURUSD limit 1.08500');
    expect(stop && lineName(stop, EURUSD)).toBe(
      'Sell 1,000 EURUSD stop 1.07000, OCO with order 3, trailing 20 ticks',
    );
    expect(stopLimit && lineName(stopLimit, EURUSD)).toBe(
      'Buy 1,000 EURUSD stop limit, stop 1.10000',
    );
  });

  it("marks a trailing stop's line with its distance, and stops marking it once the trail ended", () => {
    const rows = [order({ orderId: 2, side: 'SELL', type: 'STOP', price: null, stopPrice: 1.07 })];
    const titles = (trails: TrailingStop[]) =>
      orderLines(rows, 'EURUSD', EURUSD, trails).map((l) => l.title);
    expect(titles([trail({})])).toEqual(['SELL 1,000 STOP · TRAIL 20 ticks']);
    expect(titles([trail({ distance: { kind: 'percent', percent: 0.5 } })])).toEqual([
      'SELL 1,000 STOP · TRAIL 0.5%',
    ]);
    expect(titles([trail({ state: 'ended' })])).toEqual(['SELL 1,000 STOP']);
    expect(titles([trail({ orderId: 99 })])).toEqual(['SELL 1,000 STOP']);
  });

  it("draws the instrument's alerts at their price: armed solid, fired dotted and saying so", () => {
    const lines = alertLines(
      [
        alert({ id: 'a', condition: 'below', price: 1.07 }),
        alert({ id: 'b', condition: 'crossing', price: 1.1, armed: false }),
        alert({ id: 'c', symbol: 'GBPUSD' }),
      ],
      'EURUSD',
    );
    expect(lines.map((l) => [l.id, l.price, l.title, l.style, l.color])).toEqual([
      ['alert:a', 1.07, 'ALERT below', 'solid', 'alert'],
      ['alert:b', 1.1, 'ALERT crossing · fired', 'dotted', 'alert'],
    ]);
    // The pointer drags an alert's line too (chartTrading moves the alert, not an order).
    expect(lineNear(lines, 0, () => 0)?.alert).toMatchObject({ id: 'a', symbol: 'EURUSD' });
  });

  it("draws a pending bracket's exits dashed, tied to the entry's line as drawn", () => {
    const entry = orderLines(
      [order({ orderId: 7, price: 1.08, leavesQty: 3000 })],
      'EURUSD',
      EURUSD,
    );
    const lines = bracketLines([plan({ entryOrderId: 7 })], entry, 'EURUSD', EURUSD);
    expect(lines.map((l) => [l.id, l.price, l.title, l.style, l.color])).toEqual([
      ['bracket:p1:TP', 1.082, 'TP SELL 3,000 · entry 7 (200 ticks)', 'dashed', 'buy'],
      ['bracket:p1:SL', 1.079, 'SL SELL 3,000 · entry 7', 'dashed', 'buy'],
    ]);
    // The entry dragged to 1.081: the exit in ticks follows it, the one at a price stays.
    const dragged = entry.map((l) => ({ ...l, price: 1.081 }));
    expect(
      bracketLines([plan({ entryOrderId: 7 })], dragged, 'EURUSD', EURUSD).map((l) => l.price),
    ).toEqual([1.083, 1.079]);
  });

  it('draws only the leg a one-leg bracket has', () => {
    const entry = orderLines(
      [order({ orderId: 7, price: 1.08, leavesQty: 3000 })],
      'EURUSD',
      EURUSD,
    );
    const stopOnly = plan({ entryOrderId: 7, spec: { stopLoss: { kind: 'ticks', ticks: 50 } } });
    expect(
      bracketLines([stopOnly], entry, 'EURUSD', EURUSD).map((l) => [l.id, l.price, l.title]),
    ).toEqual([['bracket:p1:SL', 1.0795, 'SL SELL 3,000 · entry 7 (50 ticks)']]);
    const targetOnly = plan({
      entryOrderId: 7,
      spec: { takeProfit: { kind: 'price', price: 1.085 } },
    });
    expect(bracketLines([targetOnly], entry, 'EURUSD', EURUSD).map((l) => [l.id, l.price])).toEqual(
      [['bracket:p1:TP', 1.085]],
    );
  });

  it('measures a sell entry the other way, and draws nothing once the entry filled or before it is known', () => {
    const entry = orderLines([order({ orderId: 8, side: 'SELL', price: 1.09 })], 'EURUSD', EURUSD);
    const sell = plan({
      entryOrderId: 8,
      side: 'SELL',
      spec: { takeProfit: { kind: 'ticks', ticks: 100 }, stopLoss: { kind: 'ticks', ticks: 50 } },
    });
    expect(bracketLines([sell], entry, 'EURUSD', EURUSD).map((l) => [l.title, l.price])).toEqual([
      ['TP BUY 1,000 · entry 8 (100 ticks)', 1.089],
      ['SL BUY 1,000 · entry 8 (50 ticks)', 1.0905],
    ]);
    expect(bracketLines([{ ...sell, state: 'active' }], entry, 'EURUSD', EURUSD)).toEqual([]);
    expect(bracketLines([plan({ entryOrderId: null })], entry, 'EURUSD', EURUSD)).toEqual([]);
    expect(bracketLines([sell], entry, 'GBPUSD', EURUSD)).toEqual([]);
  });

  it('labels a menu item with what it does: send at once with a quantity, or open the ticket', () => {
    const choice = { side: 'BUY', type: 'LIMIT' } as const;
    expect(menuLabel(choice, 1.085, 100, EURUSD)).toBe('Buy limit 100 @ 1.08500');
    expect(menuLabel({ side: 'SELL', type: 'STOP' }, 1.085, 2500, EURUSD)).toBe(
      'Sell stop 2,500 @ 1.08500',
    );
    expect(menuLabel(choice, 1.085, null, EURUSD)).toBe('Buy limit @ 1.08500…');
  });
});
