import { describe, expect, it } from 'vitest';
import { codeOf, eur, execsOf, makeEngine, must, T0 } from '../testing/engineKit';

/** Engine with three 2000 bids at 1.08 from a, b, c (orderIds 1, 2, 3). */
function queue() {
  const e = makeEngine();
  for (const login of ['a', 'b', 'c']) {
    must(e.placeOrder(login, eur({ side: 'BUY', price: 1.08, quantity: 2000 }), T0));
  }
  e.drainExecutions();
  return e;
}

/** Which bids a market sell of everything hits, in order. */
function hitOrder(e: ReturnType<typeof queue>): number[] {
  must(e.placeOrder('z', eur({ side: 'SELL', type: 'MARKET', quantity: 20_000 }), T0 + 9));
  return e.drainTrades().map((t) => t.buyOrderId);
}

describe('modifying orders', () => {
  it('a quantity decrease keeps time priority', () => {
    const e = queue();
    must(e.modifyOrder(['a'], { orderId: 1, quantity: 1000 }, T0));
    expect(hitOrder(e)).toEqual([1, 2, 3]);
  });

  it('a quantity increase loses time priority', () => {
    const e = queue();
    must(e.modifyOrder(['a'], { orderId: 1, quantity: 3000 }, T0));
    expect(hitOrder(e)).toEqual([2, 3, 1]);
  });

  it('a price change loses time priority', () => {
    const e = queue();
    must(e.modifyOrder(['a'], { orderId: 1, price: 1.079 }, T0));
    must(e.modifyOrder(['a'], { orderId: 1, price: 1.08 }, T0));
    expect(hitOrder(e)).toEqual([2, 3, 1]);
  });

  it('a modify reports MODIFIED with the new values', () => {
    const e = queue();
    must(e.modifyOrder(['a'], { orderId: 1, price: 1.07, quantity: 3000 }, T0 + 3));
    expect(e.drainExecutions().map((x) => x.payload)).toMatchObject([
      {
        orderId: 1,
        reason: 'MODIFIED',
        price: 1.07,
        origQty: 3000,
        transactTime: T0 + 3,
        status: 'NEW',
      },
    ]);
    expect(e.book('EURUSD', 5).bids).toEqual([
      [1.08, 4000],
      [1.07, 3000],
    ]);
  });

  it('a modified price that crosses trades at once', () => {
    const e = queue();
    must(e.placeOrder('s', eur({ side: 'SELL', price: 1.085 }), T0));
    e.drainExecutions();
    must(e.modifyOrder(['b'], { orderId: 2, price: 1.085, quantity: 1000 }, T0));
    expect(execsOf(e.drainExecutions(), 2).map((x) => x.reason)).toEqual(['MODIFIED', 'FILL']);
  });

  it('a new quantity at or below executedQty is 2005', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, quantity: 3000 }), T0));
    must(e.placeOrder('s', eur({ side: 'SELL', price: 1.08 }), T0));
    expect(codeOf(e.modifyOrder(['a'], { orderId: r.orderId, quantity: 1000 }, T0))).toBe(2005);
    must(e.modifyOrder(['a'], { orderId: r.orderId, quantity: 2000 }, T0));
    expect(must(e.orderStatus(['a'], { orderId: r.orderId }))).toMatchObject({
      status: 'PARTIALLY_FILLED',
      origQty: 2000,
      executedQty: 1000,
    });
  });

  it('modifying a final order is 2001 and an unknown one 2000', () => {
    const e = queue();
    must(e.cancelOrder(['a'], { orderId: 1 }, T0));
    expect(codeOf(e.modifyOrder(['a'], { orderId: 1, quantity: 2000 }, T0))).toBe(2001);
    expect(codeOf(e.modifyOrder(['b'], { orderId: 1, quantity: 2000 }, T0))).toBe(2000);
  });

  it('a price off tick or a price on a STOP order is 2004', () => {
    const e = queue();
    expect(codeOf(e.modifyOrder(['a'], { orderId: 1, price: 1.080001 }, T0))).toBe(2004);
    const s = must(e.placeOrder('a', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.09 }), T0));
    expect(codeOf(e.modifyOrder(['a'], { orderId: s.orderId, price: 1.09 }, T0))).toBe(2004);
    expect(codeOf(e.modifyOrder(['a'], { orderId: 1, stopPrice: 1.09 }, T0))).toBe(2004);
  });

  it('an order can be modified by clientOrderId', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'm1' }), T0));
    must(e.modifyOrder(['a'], { clientOrderId: 'm1', quantity: 2000 }, T0));
    expect(must(e.orderStatus(['a'], { clientOrderId: 'm1' })).origQty).toBe(2000);
  });
});
