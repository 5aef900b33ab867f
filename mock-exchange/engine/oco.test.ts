import { describe, expect, it } from 'vitest';
import type { NewOrderOcoPayload } from '../../shared/protocol';
import { codeOf, eur, execsOf, makeEngine, must, T0 } from '../testing/engineKit';

/** A SELL OCO on EURUSD (last 1.085): take profit at 1.09, stop at 1.08. */
function sellOco(p: Partial<NewOrderOcoPayload> = {}): NewOrderOcoPayload {
  return {
    symbol: 'EURUSD',
    side: 'SELL',
    quantity: 1000,
    orders: [
      { type: 'LIMIT', price: 1.09, clientOrderId: 'tp' },
      { type: 'STOP', stopPrice: 1.08, clientOrderId: 'sl' },
    ],
    ...p,
  };
}

describe('OCO orders', () => {
  it('places both legs linked to each other, in request order', () => {
    const e = makeEngine();
    const legs = must(e.placeOco('a', sellOco(), T0));
    expect(legs).toEqual([
      { orderId: 1, clientOrderId: 'tp', status: 'NEW', type: 'LIMIT' },
      { orderId: 2, clientOrderId: 'sl', status: 'NEW', type: 'STOP' },
    ]);
    expect(must(e.orderStatus(['a'], { orderId: 1 })).ocoOrderId).toBe(2);
    expect(must(e.orderStatus(['a'], { orderId: 2 })).ocoOrderId).toBe(1);
    expect(e.book('EURUSD', 5).asks).toEqual([[1.09, 1000]]);
  });

  it('legs must be one LIMIT and one STOP or STOP_LIMIT (2007)', () => {
    const e = makeEngine();
    const bad = sellOco({
      orders: [
        { type: 'LIMIT', price: 1.09 },
        { type: 'LIMIT', price: 1.1 },
      ],
    });
    expect(codeOf(e.placeOco('a', bad, T0))).toBe(2007);
  });

  it('prices must straddle the last price (2007)', () => {
    const e = makeEngine();
    const wrong = sellOco({
      orders: [
        { type: 'LIMIT', price: 1.084 },
        { type: 'STOP', stopPrice: 1.08 },
      ],
    });
    expect(codeOf(e.placeOco('a', wrong, T0))).toBe(2007);
    const buy: NewOrderOcoPayload = {
      symbol: 'EURUSD',
      side: 'BUY',
      quantity: 1000,
      orders: [
        { type: 'STOP_LIMIT', stopPrice: 1.09, price: 1.091 },
        { type: 'LIMIT', price: 1.08 },
      ],
    };
    expect(must(e.placeOco('a', buy, T0)).map((l) => l.type)).toEqual(['STOP_LIMIT', 'LIMIT']);
  });

  it('without a last price an OCO is 2007', () => {
    const e = makeEngine();
    const r = e.placeOco('a', { ...sellOco(), symbol: 'GBPUSD' }, T0);
    expect(codeOf(r)).toBe(2007);
  });

  it('IOC and FOK are refused and GTT needs a lifeTime (2006)', () => {
    const e = makeEngine();
    expect(codeOf(e.placeOco('a', sellOco({ timeInForce: 'IOC' }), T0))).toBe(2006);
    expect(codeOf(e.placeOco('a', sellOco({ timeInForce: 'FOK' }), T0))).toBe(2006);
    expect(codeOf(e.placeOco('a', sellOco({ timeInForce: 'GTT' }), T0))).toBe(2006);
    expect(codeOf(e.placeOco('a', sellOco({ lifeTime: new Date(T0).toISOString() }), T0))).toBe(
      2006,
    );
  });

  it('cancelling one OCO leg cancels the other', () => {
    const e = makeEngine();
    must(e.placeOco('a', sellOco(), T0));
    must(e.cancelOrder(['a'], { orderId: 2 }, T0));
    expect(must(e.orderStatus(['a'], { orderId: 1 })).status).toBe('CANCELED');
    expect(must(e.orderStatus(['a'], { orderId: 2 })).status).toBe('CANCELED');
    expect(e.book('EURUSD', 5).asks).toEqual([]);
  });

  it('a partial fill of the limit leg cancels the stop leg with OCO_CONDITION', () => {
    const e = makeEngine();
    must(e.placeOco('a', sellOco({ quantity: 2000 }), T0));
    e.drainExecutions();
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.09 }), T0));
    const events = e.drainExecutions();
    expect(execsOf(events, 2).at(-1)).toMatchObject({
      status: 'CANCELED',
      reason: 'OCO_CONDITION',
    });
    expect(must(e.orderStatus(['a'], { orderId: 1 })).status).toBe('PARTIALLY_FILLED');
  });

  it('a triggered stop leg cancels the limit leg before it executes', () => {
    const e = makeEngine();
    must(e.placeOco('a', sellOco(), T0));
    must(e.placeOrder('mm', eur({ side: 'BUY', price: 1.08, quantity: 2000 }), T0));
    e.drainExecutions();
    must(e.placeOrder('b', eur({ side: 'SELL', price: 1.08 }), T0));
    const events = e
      .drainExecutions()
      .map((x) => [x.payload.orderId, x.payload.status, x.payload.reason]);
    expect(events).toEqual([
      [4, 'NEW', 'NEW'],
      [3, 'PARTIALLY_FILLED', 'FILL'],
      [4, 'FILLED', 'FILL'],
      [2, 'NEW', 'TRIGGERED'],
      [1, 'CANCELED', 'OCO_CONDITION'],
      [3, 'FILLED', 'FILL'],
      [2, 'FILLED', 'FILL'],
    ]);
  });

  it('lifeTime expires both legs and shows as their timeInForceDate', () => {
    const e = makeEngine();
    const lifeTime = new Date(T0 + 1000).toISOString();
    must(e.placeOco('a', sellOco({ lifeTime, timeInForce: 'AON' }), T0));
    expect(must(e.orderStatus(['a'], { orderId: 1 })).timeInForceDate).toBe(lifeTime);
    e.advanceTime(T0 + 1000);
    const ends = e.drainExecutions().filter((x) => x.payload.status === 'EXPIRED');
    expect(ends.map((x) => [x.payload.orderId, x.payload.reason])).toEqual([
      [1, 'LIFETIME_EXPIRED'],
      [2, 'LIFETIME_EXPIRED'],
    ]);
  });

  it('at most one leg ever fills, even when the stop triggers during the sweep that fills the limit', () => {
    const e = makeEngine();
    // Asks below the last price: a buy sweep trades at 1.079 (triggering the SELL stop) then reaches the limit leg.
    must(e.placeOco('a', sellOco(), T0));
    must(e.placeOrder('mm', eur({ side: 'SELL', price: 1.079 }), T0));
    must(e.placeOrder('mm', eur({ side: 'BUY', price: 1.07 }), T0));
    must(e.placeOrder('b', eur({ side: 'BUY', price: 1.09, quantity: 2000 }), T0));
    const limit = must(e.orderStatus(['a'], { orderId: 1 }));
    const stop = must(e.orderStatus(['a'], { orderId: 2 }));
    expect(limit.status).toBe('FILLED');
    expect(stop.status).toBe('CANCELED');
    expect(stop.executedQty).toBe(0);
  });
});
