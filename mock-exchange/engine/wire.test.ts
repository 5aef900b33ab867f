import { describe, expect, it } from 'vitest';
import { eur, makeEngine, must, T0 } from '../testing/engineKit';

/** The wire text of each execution payload drained from `e`. */
const drainedText = (e: ReturnType<typeof makeEngine>): string[] =>
  e.drainExecutions().map((ev) => JSON.stringify(ev.payload));

const BASE =
  '"symbol":"EURUSD","type":"LIMIT","orderId":1,"clientOrderId":"ex-1","transactTime":' +
  `${T0},"price":1.085,"origQty":3000`;

describe('wire payloads', () => {
  it('carry only the keys an order has, in one fixed order', () => {
    const e = makeEngine();
    must(e.placeOrder('alice', eur({ side: 'SELL', price: 1.085, quantity: 3000 }), T0));
    expect(drainedText(e)).toEqual([
      `{${BASE},"executedQty":0,"cummulativeQuoteQty":0,"status":"NEW","timeInForce":"GTC","side":"SELL","login":"alice","reason":"NEW"}`,
    ]);
    must(e.placeOrder('bob', eur({ side: 'BUY', price: 1.085, quantity: 1000 }), T0));
    expect(drainedText(e)[1]).toBe(
      `{${BASE},"executedQty":1000,"cummulativeQuoteQty":1085,"status":"PARTIALLY_FILLED","timeInForce":"GTC","side":"SELL","login":"alice","reason":"FILL","lastPrice":1.085,"lastQty":1000,"tradeId":1}`,
    );
    const status = must(e.orderStatus(['alice'], { orderId: 1 }));
    expect(JSON.stringify(status)).toBe(
      `{${BASE},"executedQty":1000,"cummulativeQuoteQty":1085,"status":"PARTIALLY_FILLED","timeInForce":"GTC","side":"SELL","login":"alice","fills":[{"price":1.085,"qty":1000,"tradeId":1,"time":${T0}}]}`,
    );
  });

  it('put stop and expiry fields after the reason and before the fill', () => {
    const e = makeEngine();
    const expireAt = T0 + 60_000;
    must(
      e.placeOrder(
        'alice',
        eur({
          side: 'BUY',
          type: 'STOP_LIMIT',
          price: 1.09,
          stopPrice: 1.086,
          timeInForce: 'GTT',
          timeInForceDate: new Date(expireAt).toISOString(),
        }),
        T0,
      ),
    );
    expect(drainedText(e)).toEqual([
      `{"symbol":"EURUSD","type":"STOP_LIMIT","orderId":1,"clientOrderId":"ex-1","transactTime":${T0},"price":1.09,"origQty":1000,"executedQty":0,"cummulativeQuoteQty":0,"status":"NEW","timeInForce":"GTT","side":"BUY","login":"alice","reason":"NEW","stopPrice":1.086,"triggered":false,"timeInForceDate":"${new Date(expireAt).toISOString()}"}`,
    ]);
  });
});
