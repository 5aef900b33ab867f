import { describe, expect, it } from 'vitest';
import { codeOf, eur, execsOf, makeEngine, must, T0 } from '../testing/engineKit';

describe('stop orders', () => {
  it('an untriggered stop is NEW and not in the book', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.09 }), T0));
    expect(r.status).toBe('NEW');
    expect(e.book('EURUSD', 5).bids).toEqual([]);
    expect(must(e.orderStatus(['a'], { orderId: r.orderId }))).toMatchObject({
      price: 0,
      stopPrice: 1.09,
      triggered: false,
    });
  });

  it('a stop that would trigger immediately is rejected with 2004', () => {
    const e = makeEngine();
    const r = e.placeOrder('a', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.085 }), T0);
    expect(codeOf(r)).toBe(2004);
    expect(r.ok ? '' : r.error.error).toContain('would trigger immediately');
    expect(
      codeOf(e.placeOrder('a', eur({ side: 'SELL', type: 'STOP', stopPrice: 1.09 }), T0)),
    ).toBe(2004);
  });

  it('a BUY stop triggers when the last price reaches its stopPrice and then trades at market', () => {
    const e = makeEngine();
    const stop = must(e.placeOrder('s', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.086 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.087 }), T0));
    e.drainExecutions();
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.086 }), T0 + 1));
    const mine = execsOf(e.drainExecutions(), stop.orderId);
    expect(mine.map((x) => [x.status, x.reason, x.triggered, x.type])).toEqual([
      ['NEW', 'TRIGGERED', true, 'STOP'],
      ['FILLED', 'FILL', true, 'STOP'],
    ]);
    expect(mine[1]).toMatchObject({ lastPrice: 1.087, price: 0 });
  });

  it('a SELL stop-limit becomes a limit order at its price when triggered', () => {
    const e = makeEngine();
    const stop = must(
      e.placeOrder(
        's',
        eur({ side: 'SELL', type: 'STOP_LIMIT', stopPrice: 1.084, price: 1.083 }),
        T0,
      ),
    );
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.084 }), T0));
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.084 }), T0));
    expect(must(e.orderStatus(['s'], { orderId: stop.orderId }))).toMatchObject({
      status: 'NEW',
      triggered: true,
      type: 'STOP_LIMIT',
    });
    expect(e.book('EURUSD', 5).asks).toEqual([[1.083, 1000]]);
  });

  it('stops cascade in trigger order then orderId', () => {
    const e = makeEngine();
    const s2 = must(e.placeOrder('s', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.087 }), T0));
    const s1 = must(e.placeOrder('t', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.086 }), T0));
    const s3 = must(e.placeOrder('u', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.086 }), T0));
    for (const p of [1.086, 1.087, 1.088, 1.089])
      must(e.placeOrder('mm', eur({ side: 'SELL', price: p }), T0));
    e.drainTrades();
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.086 }), T0));
    // 1.086 trade triggers s2? no (1.087); it triggers s1 and s3 (by orderId); s1's trade at 1.087 triggers s2.
    expect(e.drainTrades().map((t) => t.buyOrderId)).toEqual([
      8,
      s1.orderId,
      s3.orderId,
      s2.orderId,
    ]);
  });

  it('a modified stopPrice that would trigger immediately is 2004', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.09 }), T0));
    expect(codeOf(e.modifyOrder(['a'], { orderId: r.orderId, stopPrice: 1.08 }, T0))).toBe(2004);
    must(e.modifyOrder(['a'], { orderId: r.orderId, stopPrice: 1.086 }, T0));
    expect(must(e.orderStatus(['a'], { orderId: r.orderId })).stopPrice).toBe(1.086);
  });

  it('without a last price no stop triggers at entry', () => {
    const e = makeEngine();
    const r = e.placeOrder(
      'a',
      { symbol: 'GBPUSD', side: 'BUY', type: 'STOP', stopPrice: 1.2, quantity: 1000 },
      T0,
    );
    expect(must(r).status).toBe('NEW');
  });
});
