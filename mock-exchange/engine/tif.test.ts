import { describe, expect, it } from 'vitest';
import { eur, execsOf, makeEngine, must, T0 } from '../testing/engineKit';

const iso = (ms: number) => new Date(ms).toISOString();

describe('time in force', () => {
  it('IOC fills what it can and expires the rest with IOC_REMAINDER', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(
      e.placeOrder('b', eur({ side: 'BUY', price: 1.085, quantity: 3000, timeInForce: 'IOC' }), T0),
    );
    expect(r.status).toBe('EXPIRED');
    expect(execsOf(e.drainExecutions(), r.orderId).at(-1)).toMatchObject({
      status: 'EXPIRED',
      reason: 'IOC_REMAINDER',
      executedQty: 1000,
    });
    expect(e.book('EURUSD', 5).bids).toEqual([]);
  });

  it('FOK expires with nothing filled when the book cannot fill it all', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(
      e.placeOrder('b', eur({ side: 'BUY', price: 1.085, quantity: 2000, timeInForce: 'FOK' }), T0),
    );
    expect(r.status).toBe('EXPIRED');
    expect(e.drainTrades()).toEqual([]);
    expect(execsOf(e.drainExecutions(), r.orderId).at(-1)).toMatchObject({
      reason: 'FOK_UNFILLED',
      executedQty: 0,
    });
  });

  it('FOK fills entirely across several levels when it can', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    const r = must(
      e.placeOrder('b', eur({ side: 'BUY', price: 1.086, quantity: 2000, timeInForce: 'FOK' }), T0),
    );
    expect(r.status).toBe('FILLED');
  });

  it('MARKET FOK is all-or-nothing at once', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(
      e.placeOrder(
        'b',
        eur({ side: 'BUY', type: 'MARKET', quantity: 2000, timeInForce: 'FOK' }),
        T0,
      ),
    );
    expect(r.status).toBe('EXPIRED');
    expect(e.drainTrades()).toEqual([]);
  });

  it('a GTT order expires at its timeInForceDate with LIFETIME_EXPIRED', () => {
    const e = makeEngine();
    const r = must(
      e.placeOrder(
        'a',
        eur({ side: 'BUY', price: 1.08, timeInForce: 'GTT', timeInForceDate: iso(T0 + 60_000) }),
        T0,
      ),
    );
    e.advanceTime(T0 + 59_999);
    expect(e.workingOrders(['a'])).toHaveLength(1);
    e.advanceTime(T0 + 60_000);
    const s = must(e.orderStatus(['a'], { orderId: r.orderId }));
    expect(s).toMatchObject({
      status: 'EXPIRED',
      timeInForceDate: iso(T0 + 60_000),
      transactTime: T0 + 60_000,
    });
    expect(e.drainExecutions().at(-1)?.payload.reason).toBe('LIFETIME_EXPIRED');
    expect(e.book('EURUSD', 5).bids).toEqual([]);
  });

  it('an expired order never matches: expiries apply before each command', () => {
    const e = makeEngine();
    must(
      e.placeOrder(
        'a',
        eur({ side: 'SELL', price: 1.085, timeInForce: 'GTT', timeInForceDate: iso(T0 + 1000) }),
        T0,
      ),
    );
    const r = must(e.placeOrder('b', eur({ side: 'BUY', price: 1.085 }), T0 + 1000));
    expect(r.status).toBe('NEW');
    expect(e.drainTrades()).toEqual([]);
  });

  it('a DAY order expires at the next daily rollover with DAY_EXPIRED', () => {
    const e = makeEngine({ dayRolloverUtcMinutes: 22 * 60 });
    const entry = T0 + 23 * 3_600_000; // 23:00 UTC, after today's 22:00 rollover
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, timeInForce: 'DAY' }), entry));
    const rollover = T0 + 86_400_000 + 22 * 3_600_000;
    expect(must(e.orderStatus(['a'], { orderId: r.orderId })).timeInForceDate).toBe(iso(rollover));
    e.advanceTime(rollover - 1);
    expect(e.workingOrders(['a'])).toHaveLength(1);
    e.advanceTime(rollover);
    expect(e.drainExecutions().at(-1)?.payload).toMatchObject({
      status: 'EXPIRED',
      reason: 'DAY_EXPIRED',
    });
  });

  it('GTC is the default', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(must(e.orderStatus(['a'], { orderId: r.orderId })).timeInForce).toBe('GTC');
  });
});

describe('all or none', () => {
  it('an AON order that cannot fill whole rests without partly filling', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(
      e.placeOrder('b', eur({ side: 'BUY', price: 1.085, quantity: 2000, timeInForce: 'AON' }), T0),
    );
    expect(r.status).toBe('NEW');
    expect(e.drainTrades()).toEqual([]);
  });

  it('an incoming AON sweeping several orders reports one FILLED execution, never PARTIALLY_FILLED', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086, quantity: 2000 }), T0));
    e.drainExecutions();
    const r = must(
      e.placeOrder('b', eur({ side: 'BUY', price: 1.086, quantity: 3000, timeInForce: 'AON' }), T0),
    );
    expect(r.status).toBe('FILLED');
    const mine = execsOf(e.drainExecutions(), r.orderId);
    expect(mine.map((x) => x.status)).toEqual(['NEW', 'FILLED']);
    expect(mine[1]).toMatchObject({
      lastQty: 3000,
      lastPrice: 1.086,
      executedQty: 3000,
      cummulativeQuoteQty: 3257,
    });
    expect(must(e.orderStatus(['b'], { orderId: r.orderId })).fills).toHaveLength(2);
  });

  it('a resting AON is skipped by incoming orders that cannot take all of it', () => {
    const e = makeEngine();
    const aon = must(
      e.placeOrder(
        'a',
        eur({ side: 'SELL', price: 1.085, quantity: 3000, timeInForce: 'AON' }),
        T0,
      ),
    );
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.086, quantity: 1000 }), T0));
    expect(e.drainTrades().map((t) => t.sellOrderId)).toEqual([2]);
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.085, quantity: 3000 }), T0));
    expect(e.drainTrades().map((t) => [t.sellOrderId, t.qty])).toEqual([[aon.orderId, 3000]]);
    expect(must(e.orderStatus(['a'], { orderId: aon.orderId })).status).toBe('FILLED');
  });

  it('AON quantity is not displayed in the book snapshot', () => {
    const e = makeEngine();
    must(
      e.placeOrder(
        'a',
        eur({ side: 'SELL', price: 1.085, quantity: 3000, timeInForce: 'AON' }),
        T0,
      ),
    );
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    expect(e.book('EURUSD', 5).asks).toEqual([[1.086, 1000]]);
  });

  it('a MARKET AON is all-or-nothing at once and never rests', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(
      e.placeOrder(
        'b',
        eur({ side: 'BUY', type: 'MARKET', quantity: 2000, timeInForce: 'AON' }),
        T0,
      ),
    );
    expect(r.status).toBe('EXPIRED');
    expect(e.drainTrades()).toEqual([]);
    expect(e.workingOrders(['b'])).toEqual([]);
  });
});

describe('self-trade prevention', () => {
  it("an incoming order that meets its own login's resting order expires its remainder; earlier fills stand", () => {
    const e = makeEngine();
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.085 }), T0));
    const own = must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.087 }), T0));
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.087, quantity: 3000 }), T0));
    expect(r.status).toBe('EXPIRED');
    expect(e.drainTrades()).toHaveLength(1);
    const last = execsOf(e.drainExecutions(), r.orderId).at(-1);
    expect(last).toMatchObject({ reason: 'SELF_TRADE_PREVENTION', executedQty: 1000 });
    expect(must(e.orderStatus(['a'], { orderId: own.orderId })).status).toBe('NEW');
  });

  it('a FOK that would meet its own login expires with nothing filled', () => {
    const e = makeEngine();
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.085 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    const r = must(
      e.placeOrder('a', eur({ side: 'BUY', price: 1.087, quantity: 2000, timeInForce: 'FOK' }), T0),
    );
    expect(r.status).toBe('EXPIRED');
    expect(e.drainTrades()).toEqual([]);
  });
});
