import { describe, expect, it } from 'vitest';
import { capOrderLines, MAX_ORDER_LINES, MIN_ORDER_LINES, orderLineCap } from './lineCap';
import type { LineSpec } from './overlays';
import type { OrderRow } from '../../../../shared/ipc';

function orderLine(
  orderId: number,
  price: number,
  field: 'price' | 'stopPrice' = 'price',
): LineSpec {
  return {
    id: `order:${orderId}:${field}`,
    price,
    color: 'buy',
    title: `BUY 1,000 LIMIT`,
    style: 'solid',
    order: { orderId, field, row: { orderId } as OrderRow },
  };
}

const position: LineSpec = {
  id: 'position:EURUSD',
  price: 1.2,
  color: 'position',
  title: 'LONG',
  style: 'dotted',
};

const ids = (lines: LineSpec[]): string[] => lines.map((l) => l.id);

describe('capOrderLines', () => {
  it('draws every order when there are few', () => {
    const lines = [orderLine(1, 1.1), orderLine(2, 1.3), position];
    expect(capOrderLines(lines, 1.2, new Set(), 2)).toEqual({ lines, hiddenOrders: 0 });
  });

  it('keeps the orders nearest the market and counts the rest; other lines stay', () => {
    const lines = [
      orderLine(1, 1.0),
      orderLine(2, 1.19),
      orderLine(3, 1.5),
      orderLine(4, 1.22),
      position,
    ];
    const capped = capOrderLines(lines, 1.2, new Set(), 2);
    expect(ids(capped.lines)).toEqual(['order:2:price', 'order:4:price', 'position:EURUSD']);
    expect(capped.hiddenOrders).toBe(2);
  });

  it('keeps both lines of a stop-limit, measured by its nearer one, and the order being moved', () => {
    const lines = [
      orderLine(1, 1.0, 'price'),
      orderLine(1, 1.199, 'stopPrice'),
      orderLine(2, 1.21),
      orderLine(3, 1.6),
    ];
    const capped = capOrderLines(lines, 1.2, new Set([3]), 2);
    expect(ids(capped.lines)).toEqual(['order:1:price', 'order:1:stopPrice', 'order:3:price']);
    expect(capped.hiddenOrders).toBe(1);
  });

  it('with no market price keeps the first orders by id', () => {
    const lines = [orderLine(5, 1.0), orderLine(3, 2.0), orderLine(4, 3.0)];
    expect(ids(capOrderLines(lines, null, new Set(), 2).lines)).toEqual([
      'order:3:price',
      'order:4:price',
    ]);
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
