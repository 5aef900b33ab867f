import { describe, expect, it } from 'vitest';
import { codeOf, eur, execsOf, makeEngine, must, T0 } from '../testing/engineKit';

describe('placing orders', () => {
  it('a resting limit order is NEW and shows in the book', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('alice', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(r).toEqual({ orderId: 1, status: 'NEW', clientOrderId: 'ex-1' });
    expect(e.book('EURUSD', 5).bids).toEqual([[1.08, 1000]]);
    const [ev] = e.drainExecutions();
    expect(ev?.payload).toMatchObject({ status: 'NEW', reason: 'NEW', price: 1.08, origQty: 1000 });
  });

  it('orderIds start at firstOrderId and increase', () => {
    const e = makeEngine({ firstOrderId: 500 });
    expect(must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0)).orderId).toBe(500);
    expect(must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0)).orderId).toBe(501);
    expect(e.nextOrderId).toBe(502);
  });

  it('a crossing limit order trades at the resting price', () => {
    const e = makeEngine();
    must(e.placeOrder('alice', eur({ side: 'SELL', price: 1.085, quantity: 3000 }), T0));
    const r = must(e.placeOrder('bob', eur({ side: 'BUY', price: 1.09, quantity: 2000 }), T0 + 1));
    expect(r.status).toBe('FILLED');
    const trades = e.drainTrades();
    expect(trades).toEqual([
      {
        symbol: 'EURUSD',
        price: 1.085,
        qty: 2000,
        tradeId: 1,
        time: T0 + 1,
        buyOrderId: 2,
        sellOrderId: 1,
      },
    ]);
    expect(e.lastPrice('EURUSD')).toBe(1.085);
    expect(e.book('EURUSD', 5).asks).toEqual([[1.085, 1000]]);
  });

  it('fills follow price then time priority', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.086 }), T0));
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.085 }), T0));
    must(e.placeOrder('c', eur({ side: 'SELL', price: 1.085 }), T0));
    must(e.placeOrder('d', eur({ side: 'BUY', type: 'MARKET', quantity: 3000 }), T0));
    expect(e.drainTrades().map((t) => t.sellOrderId)).toEqual([2, 3, 1]);
  });

  it('executions report exact executedQty and cummulativeQuoteQty', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.08501, quantity: 3000 }), T0));
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.08503, quantity: 1000 }), T0));
    const r = must(e.placeOrder('b', eur({ side: 'BUY', type: 'MARKET', quantity: 4000 }), T0));
    const s = must(e.orderStatus(['b'], { orderId: r.orderId }));
    expect(s.executedQty).toBe(4000);
    expect(s.cummulativeQuoteQty).toBe(4340.06);
    expect(s.price).toBe(0);
    expect(s.fills.map((f) => [f.price, f.qty])).toEqual([
      [1.08501, 3000],
      [1.08503, 1000],
    ]);
  });

  it('the incoming order is accepted (NEW) before its fills are reported', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    e.drainExecutions();
    const r = must(e.placeOrder('b', eur({ side: 'BUY', price: 1.085 }), T0));
    const mine = execsOf(e.drainExecutions(), r.orderId);
    expect(mine.map((x) => [x.status, x.reason])).toEqual([
      ['NEW', 'NEW'],
      ['FILLED', 'FILL'],
    ]);
    expect(mine[1]).toMatchObject({ lastPrice: 1.085, lastQty: 1000, tradeId: 1 });
  });

  it('a market order fills what it can and expires the rest with NO_LIQUIDITY', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.085 }), T0));
    const r = must(e.placeOrder('b', eur({ side: 'BUY', type: 'MARKET', quantity: 3000 }), T0));
    expect(r.status).toBe('EXPIRED');
    const last = execsOf(e.drainExecutions(), r.orderId).at(-1);
    expect(last).toMatchObject({ status: 'EXPIRED', reason: 'NO_LIQUIDITY', executedQty: 1000 });
    expect(e.book('EURUSD', 5).bids).toEqual([]);
  });

  it('the server makes a clientOrderId when absent and keeps a given one', () => {
    const e = makeEngine();
    expect(must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0)).clientOrderId).toBe(
      'ex-1',
    );
    expect(
      must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'mine-1' }), T0))
        .clientOrderId,
    ).toBe('mine-1');
  });
});

describe('rejections', () => {
  const e = makeEngine();
  const place = (p: Parameters<typeof eur>[0]) => e.placeOrder('a', eur(p), T0);

  it('an unknown symbol is 2003', () => {
    expect(
      codeOf(e.placeOrder('a', { ...eur({ side: 'BUY', price: 1 }), symbol: 'XXX' }, T0)),
    ).toBe(2003);
  });

  it('a price off the tick is 2004 with a sentence naming the field', () => {
    const r = place({ side: 'BUY', price: 1.234567 });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 2004,
        error: 'price 1.234567 is not a multiple of the tick size 0.00001 for EURUSD',
      },
    });
  });

  it('missing or forbidden prices for the type are 2004', () => {
    expect(codeOf(place({ side: 'BUY' }))).toBe(2004);
    expect(codeOf(place({ side: 'BUY', type: 'MARKET', price: 1.08 }))).toBe(2004);
    expect(codeOf(place({ side: 'BUY', type: 'STOP' }))).toBe(2004);
    expect(codeOf(place({ side: 'BUY', type: 'STOP', stopPrice: 1.09, price: 1.09 }))).toBe(2004);
    expect(codeOf(place({ side: 'BUY', type: 'STOP_LIMIT', stopPrice: 1.09 }))).toBe(2004);
    expect(codeOf(place({ side: 'BUY', type: 'LIMIT', price: 1.08, stopPrice: 1.09 }))).toBe(2004);
  });

  it('quantities off step, below minimum or above maximum are 2005', () => {
    expect(codeOf(place({ side: 'BUY', price: 1.08, quantity: 1500 }))).toBe(2005);
    expect(
      codeOf(
        e.placeOrder(
          'a',
          { ...eur({ side: 'BUY', price: 60000 }), symbol: 'BTCUSDT', quantity: 0.00005 },
          T0,
        ),
      ),
    ).toBe(2005);
    expect(codeOf(place({ side: 'BUY', price: 1.08, quantity: 200_000_000 }))).toBe(2005);
  });

  it('GTT needs a future timeInForceDate and other TIFs refuse one (2006)', () => {
    expect(codeOf(place({ side: 'BUY', price: 1.08, timeInForce: 'GTT' }))).toBe(2006);
    expect(
      codeOf(
        place({
          side: 'BUY',
          price: 1.08,
          timeInForce: 'GTT',
          timeInForceDate: new Date(T0).toISOString(),
        }),
      ),
    ).toBe(2006);
    expect(
      codeOf(
        place({ side: 'BUY', price: 1.08, timeInForceDate: new Date(T0 + 1000).toISOString() }),
      ),
    ).toBe(2006);
  });

  it('a clientOrderId used by a working order of the same login is 2002', () => {
    const e2 = makeEngine();
    must(e2.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'x1' }), T0));
    expect(
      codeOf(e2.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'x1' }), T0)),
    ).toBe(2002);
    must(e2.placeOrder('b', eur({ side: 'BUY', price: 1.08, clientOrderId: 'x1' }), T0));
  });

  it("a final order's clientOrderId may be reused", () => {
    const e2 = makeEngine();
    const first = must(
      e2.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'x1' }), T0),
    );
    must(e2.cancelOrder(['a'], { orderId: first.orderId }, T0));
    const second = must(
      e2.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'x1' }), T0),
    );
    expect(must(e2.orderStatus(['a'], { clientOrderId: 'x1' })).orderId).toBe(second.orderId);
  });

  it('a rejected order leaves no trace and consumes no orderId', () => {
    const e2 = makeEngine();
    codeOf(e2.placeOrder('a', eur({ side: 'BUY', price: 1.000001 }), T0));
    expect(e2.drainExecutions()).toEqual([]);
    expect(e2.nextOrderId).toBe(1);
  });
});

describe('cancelling', () => {
  it('a cancel reports CANCELED with reason USER and empties the book', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    e.drainExecutions();
    must(e.cancelOrder(['a'], { orderId: r.orderId }, T0 + 5));
    expect(e.drainExecutions().map((x) => x.payload)).toMatchObject([
      { status: 'CANCELED', reason: 'USER', transactTime: T0 + 5 },
    ]);
    expect(e.book('EURUSD', 5).bids).toEqual([]);
  });

  it('a cancel carries the reason passed', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    must(e.cancelOrder(['a'], { orderId: r.orderId }, T0, 'CANCEL_ON_DISCONNECT'));
    expect(e.drainExecutions().at(-1)?.payload.reason).toBe('CANCEL_ON_DISCONNECT');
  });

  it('cancelling a final order is 2001', () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    must(e.cancelOrder(['a'], { orderId: r.orderId }, T0));
    expect(codeOf(e.cancelOrder(['a'], { orderId: r.orderId }, T0))).toBe(2001);
  });

  it("another login's order is unknown (2000)", () => {
    const e = makeEngine();
    const r = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(codeOf(e.cancelOrder(['b'], { orderId: r.orderId }, T0))).toBe(2000);
    expect(codeOf(e.orderStatus(['b'], { orderId: r.orderId }))).toBe(2000);
    expect(codeOf(e.cancelOrder(['a'], { orderId: 999 }, T0))).toBe(2000);
  });

  it('an order can be cancelled by clientOrderId', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'c1' }), T0));
    must(e.cancelOrder(['a'], { clientOrderId: 'c1' }, T0));
    expect(must(e.orderStatus(['a'], { clientOrderId: 'c1' })).status).toBe('CANCELED');
  });
});

describe('queries', () => {
  it('clientOrderId lookup prefers the working order, else the most recent', () => {
    const e = makeEngine();
    const a = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'c' }), T0));
    must(e.cancelOrder(['a'], { orderId: a.orderId }, T0));
    const b = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08, clientOrderId: 'c' }), T0));
    expect(must(e.orderStatus(['a'], { clientOrderId: 'c' })).orderId).toBe(b.orderId);
    must(e.cancelOrder(['a'], { orderId: b.orderId }, T0));
    expect(must(e.orderStatus(['a'], { clientOrderId: 'c' })).orderId).toBe(b.orderId);
    const g = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    expect(must(e.orderStatus(['a'], { clientOrderId: g.clientOrderId })).orderId).toBe(g.orderId);
  });

  it('workingOrders lists NEW, PARTIALLY_FILLED and untriggered stops of the logins only', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'SELL', price: 1.09, quantity: 2000 }), T0));
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.09 }), T0));
    must(e.placeOrder('a', eur({ side: 'BUY', type: 'STOP', stopPrice: 1.1 }), T0));
    const f = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.07 }), T0));
    must(e.cancelOrder(['a'], { orderId: f.orderId }, T0));
    expect(e.workingOrders(['a']).map((o) => [o.orderId, o.status])).toEqual([
      [1, 'PARTIALLY_FILLED'],
      [3, 'NEW'],
    ]);
  });

  it('ordersChangedSince returns orders in any state changed at or after fromTime', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.07 }), T0));
    const b = must(e.placeOrder('a', eur({ side: 'BUY', price: 1.07 }), T0 + 10));
    must(e.cancelOrder(['a'], { orderId: b.orderId }, T0 + 20));
    expect(e.ordersChangedSince(['a'], T0 + 10).map((o) => [o.orderId, o.status])).toEqual([
      [2, 'CANCELED'],
    ]);
    expect(e.ordersChangedSince(['a'], T0)).toHaveLength(2);
  });

  it('the book snapshot aggregates levels best first', () => {
    const e = makeEngine();
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.08 }), T0));
    must(e.placeOrder('a', eur({ side: 'BUY', price: 1.081, quantity: 2000 }), T0));
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.081 }), T0));
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.09 }), T0));
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.095 }), T0));
    expect(e.book('EURUSD', 1)).toEqual({
      symbol: 'EURUSD',
      bids: [[1.081, 3000]],
      asks: [[1.09, 1000]],
      last: 1.085,
    });
    expect(e.book('EURUSD', 5).bids).toEqual([
      [1.081, 3000],
      [1.08, 1000],
    ]);
  });

  it('lastPrice is null before any trade or seed', () => {
    const e = makeEngine();
    expect(e.lastPrice('GBPUSD')).toBeNull();
    e.seedLastPrice('GBPUSD', 1.265);
    expect(e.lastPrice('GBPUSD')).toBe(1.265);
  });

  it('retainFinal forgets final orders of the logins it rejects', () => {
    const e = makeEngine({ retainFinal: (login) => login !== 'mm' });
    const m = must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.085 }), T0));
    const u = must(e.placeOrder('user', eur({ side: 'BUY', price: 1.085 }), T0));
    expect(codeOf(e.orderStatus(['mm'], { orderId: m.orderId }))).toBe(2000);
    expect(must(e.orderStatus(['user'], { orderId: u.orderId })).status).toBe('FILLED');
  });
});
