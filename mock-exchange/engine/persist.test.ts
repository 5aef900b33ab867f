import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './engine';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';

describe('persistence', () => {
  it('export then import restores queues, stops, OCO links, fills and the next ids', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'q1' }), T0));
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.08, quantity: 3000 }), T0));
    must(e.placeOrder('c', eur({ side: 'SELL', price: 1.08 }), T0 + 1));
    must(
      e.placeOco(
        'a',
        {
          symbol: 'EURUSD',
          side: 'SELL',
          quantity: 1000,
          orders: [
            { type: 'LIMIT', price: 1.09 },
            { type: 'STOP', stopPrice: 1.07 },
          ],
        },
        T0,
      ),
    );
    must(
      e.placeOrder(
        'd',
        eur({
          side: 'BUY',
          price: 1.08,
          timeInForce: 'GTT',
          timeInForceDate: new Date(T0 + 5000).toISOString(),
        }),
        T0,
      ),
    );
    const exported = e.exportOrders(() => true);

    const copy = new MatchingEngine({ instruments: DEFAULT_INSTRUMENTS });
    copy.importOrders(exported);
    expect(copy.exportOrders(() => true)).toEqual(exported);
    expect(copy.book('EURUSD', 10)).toEqual(e.book('EURUSD', 10));
    expect(copy.nextOrderId).toBe(e.nextOrderId);
    expect(copy.lastPrice('EURUSD')).toBe(1.08);

    // Same queue: a sell of 1000 hits b (a's order filled first before export).
    must(copy.placeOrder('z', eur({ side: 'SELL', type: 'MARKET', quantity: 4000 }), T0 + 2));
    expect(copy.drainTrades().map((t) => [t.buyOrderId, t.tradeId])).toEqual([
      [2, 2],
      [6, 3],
    ]);
    // The OCO stop is armed and linked; cancelling it cancels the limit leg.
    must(copy.cancelOrder(['a'], { orderId: 5 }, T0 + 3));
    expect(must(copy.orderStatus(['a'], { orderId: 4 })).status).toBe('CANCELED');
    // GTT expiry survives the round trip.
    copy.advanceTime(T0 + 5000);
    expect(must(copy.orderStatus(['d'], { orderId: 6 })).status).toBe('FILLED');
    expect(must(copy.orderStatus(['a'], { clientOrderId: 'q1' })).fills).toHaveLength(1);
  });

  it('export can be limited to some logins', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    must(e.placeOrder('mm', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(e.exportOrders((l) => l !== 'mm').map((o) => o.login)).toEqual(['a']);
  });

  it('import keeps orderIds increasing past firstOrderId', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    const copy = new MatchingEngine({ instruments: DEFAULT_INSTRUMENTS, firstOrderId: 100 });
    copy.importOrders(e.exportOrders(() => true));
    expect(copy.nextOrderId).toBe(100);
  });
});
