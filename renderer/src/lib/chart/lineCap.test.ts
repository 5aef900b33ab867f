import { describe, expect, it } from 'vitest';
import { MAX_ORDER_LINES, MIN_ORDER_LINES, nearestOrders, orderLineCap } from './lineCap';
import { order } from '../testing/fixtures';

const limit = (orderId: number, price: number) => order({ orderId, type: 'LIMIT', price });
const ids = (r: { orders: { orderId: number }[] }): number[] => r.orders.map((o) => o.orderId);

describe('nearestOrders', () => {
  it('draws every order when there are few', () => {
    const orders = [limit(1, 1.1), limit(2, 1.3)];
    expect(nearestOrders(orders, 1.2, new Set(), 2)).toEqual({ orders, hiddenOrders: 0 });
  });

  it('keeps the orders nearest the market, in the order given, and counts the rest', () => {
    const orders = [limit(1, 1.0), limit(2, 1.19), limit(3, 1.5), limit(4, 1.22)];
    const shown = nearestOrders(orders, 1.2, new Set(), 2);
    expect(ids(shown)).toEqual([2, 4]);
    expect(shown.hiddenOrders).toBe(2);
  });

  it('measures a stop-limit by its nearer line, and keeps the order being moved', () => {
    const stopLimit = order({ orderId: 1, type: 'STOP_LIMIT', price: 1.0, stopPrice: 1.199 });
    const orders = [stopLimit, limit(2, 1.21), limit(3, 1.6)];
    const shown = nearestOrders(orders, 1.2, new Set([3]), 2);
    expect(ids(shown)).toEqual([1, 3]);
    expect(shown.hiddenOrders).toBe(1);
    // Triggered, a stop-limit rests at its limit only: measured there.
    const triggered = { ...stopLimit, triggered: true, stopPrice: null };
    expect(ids(nearestOrders([triggered, limit(2, 1.21)], 1.2, new Set(), 1))).toEqual([2]);
  });

  it('with no market price keeps the first orders by id; market orders are not counted', () => {
    const market = order({ orderId: 1, type: 'MARKET', price: null });
    const orders = [market, limit(5, 1.0), limit(3, 2.0), limit(4, 3.0)];
    const shown = nearestOrders(orders, null, new Set(), 2);
    expect(ids(shown)).toEqual([3, 4]);
    expect(shown.hiddenOrders).toBe(1);
  });

  it('chooses as a full sort would, over many orders with tied distances', () => {
    // Seeded: prices on a coarse grid so distances tie and the order id decides.
    let seed = 7;
    const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 50; round += 1) {
      const orders = Array.from({ length: 60 + round }, (_, i) =>
        limit(1000 - i * 7 + round, 1 + Math.round(next() * 40) / 100),
      );
      const keep = new Set(round % 3 === 0 ? [orders[5]?.orderId ?? 0] : []);
      const max = 1 + (round % 15);
      const expected = new Set(keep);
      const rest = orders
        .filter((o) => !keep.has(o.orderId))
        .sort(
          (a, b) =>
            Math.abs((a.price ?? 0) - 1.2) - Math.abs((b.price ?? 0) - 1.2) ||
            a.orderId - b.orderId,
        );
      for (const o of rest) {
        if (expected.size >= max) break;
        expected.add(o.orderId);
      }
      const shown = nearestOrders(orders, 1.2, keep, max);
      expect(ids(shown)).toEqual(
        orders.filter((o) => expected.has(o.orderId)).map((o) => o.orderId),
      );
      expect(shown.hiddenOrders).toBe(orders.length - expected.size);
    }
  });
});

describe('orderLineCap', () => {
  it('draws one order per 10 px of plot, from 10 on a short plot to 40 on a tall one', () => {
    expect(orderLineCap(110)).toBe(11);
    expect(orderLineCap(60)).toBe(MIN_ORDER_LINES);
    expect(orderLineCap(250)).toBe(25);
    expect(orderLineCap(900)).toBe(MAX_ORDER_LINES);
    // Before the plot is measured (and where nothing measures it): the most.
    expect(orderLineCap(null)).toBe(MAX_ORDER_LINES);
  });
});
