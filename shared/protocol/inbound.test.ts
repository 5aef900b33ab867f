/**
 * Every example of both public texts (the first revision's source document
 * and the current revision's clearing-service text), as plain JSON, read by
 * the client's inbound schemas into the canonical shapes.
 */
import { describe, expect, it } from 'vitest';
import {
  InboundErrorMessage,
  InboundExecutionMessage,
  InboundReplies,
  type CanonicalExecution,
} from './index';

const parse = <T>(schema: { parse(v: unknown): T }, json: string): T =>
  schema.parse(JSON.parse(json));

describe('the first revision’s examples', () => {
  it('reads the newordersingle, neworderoco, orders, orderstatus replies', () => {
    const placed = parse(
      InboundReplies.newordersingle,
      '{"event":"newordersingle","requestId":"ID","payload":{"orderId":12321321,"status":"NEW"}}',
    );
    expect(placed.payload).toEqual({ orderId: 12321321, status: 'NEW' });
    const legs = parse(
      InboundReplies.neworderoco,
      `{"event":"neworderoco","requestId":"ID","payload":[
        {"orderId":12321320,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","status":"NEW","type":"LIMIT"},
        {"orderId":12321321,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","status":"NEW","type":"STOP_LIMIT"}]}`,
    );
    expect(legs.payload.map((l) => l.type)).toEqual(['LIMIT', 'STOP_LIMIT']);
    // The text's `orders` example has no requestId; real replies echo it.
    const orders = parse(
      InboundReplies.orders,
      `{"event":"orders","requestId":"ID","payload":[
        {"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":0.00000000,"origQty":10,"executedQty":10,"cummulativeQuoteQty":1.2344,"status":"FILLED","timeInForce":"GTC","side":"SELL"},
        {"symbol":"BTCUSDT","type":"MARKET","orderId":29,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.234,"origQty":10,"executedQty":10,"status":"CANCELED","timeInForce":"GTC","side":"SELL"}]}`,
    );
    expect(orders.payload.map((o) => [o.orderId, o.status, o.transactTime])).toEqual([
      [28, 'FILLED', 1507725176595],
      [29, 'CANCELED', 1507725176595],
    ]);
    const status = parse(
      InboundReplies.orderstatus,
      `{"event":"orderstatus","requestId":"ID","payload":{"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.12312,"origQty":10,"executedQty":10,"status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL","fills":[{"price":4000,"qty":5.00000000},{"price":3999,"qty":5}]}}`,
    );
    expect(status.payload.fills).toEqual([
      { price: 4000, qty: 5 },
      { price: 3999, qty: 5 },
    ]);
  });

  it('reads modify and cancel replies without a payload, the execution and the error', () => {
    expect(
      parse(InboundReplies.modifyordersingle, '{"event":"modifyordersingle","requestId":"ID"}'),
    ).toBeTruthy();
    expect(
      parse(InboundReplies.ordercancel, '{"event":"ordercancel","requestId":"ID"}'),
    ).toBeTruthy();
    const execution = parse(
      InboundExecutionMessage,
      '{"event":"execution","payload":{"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.1323,"origQty":10,"executedQty":10,"status":"FILLED","timeInForce":"GTC","side":"SELL"}}',
    );
    expect(execution.payload).toMatchObject({ status: 'FILLED', executedQty: 10 });
    const error = parse(
      InboundErrorMessage,
      '{"event":"error","requestId":"ID","payload":{"code":123345,"error":"error message"}}',
    );
    expect(error.payload).toEqual({ code: 123345, error: 'error message' });
  });
});

describe('the current revision’s examples', () => {
  it('reads the placement, OCO, modify and cancel replies (numeric login, extra fields)', () => {
    const placed = parse(
      InboundReplies.newordersingle,
      '{"event":"newordersingle","requestId":"ID","payload":{"orderId":1000001,"clientOrderId":"my first order","status":"NEW","type":"LIMIT","login":123456}}',
    );
    expect(placed.payload).toMatchObject({ orderId: 1000001, clientOrderId: 'my first order' });
    const legs = parse(
      InboundReplies.neworderoco,
      `{"event":"neworderoco","requestId":"ID","payload":[
        {"orderId":1000001,"clientOrderId":"leg one","status":"NEW","type":"LIMIT","login":123456},
        {"orderId":1000002,"clientOrderId":"leg two","status":"NEW","type":"STOP","login":123456}]}`,
    );
    expect(legs.payload).toHaveLength(2);
    expect(
      parse(
        InboundReplies.modifyordersingle,
        '{"event":"modifyordersingle","requestId":"ID","payload":{"orderId":1000001,"clientOrderId":"my order","price":1.2345,"stopPrice":1.2345,"quantity":10000,"tillTime":"2022-04-23T18:25:43.511Z"}}',
      ),
    ).toBeTruthy();
    expect(
      parse(
        InboundReplies.ordercancel,
        '{"event":"ordercancel","requestId":"ID","payload":{"orderId":1000001,"clientOrderId":"my order","status":"CANCELED","reason":"USER"}}',
      ),
    ).toBeTruthy();
  });

  it('reads orders without transactTime, with TPI/AON and tillTime', () => {
    const orders = parse(
      InboundReplies.orders,
      `{"event":"orders","requestId":"ID","payload":[
        {"orderId":1000002,"symbol":"EURUSD","type":"STOP","side":"SELL","clientOrderId":"my second order","stopPrice":1.2345,"origQty":10,"executedQty":10,"status":"NEW","timeInForce":"AON","tillTime":"2022-04-23T18:25:43.511Z"},
        {"orderId":1000003,"symbol":"EURUSD","type":"LIMIT","side":"BUY","clientOrderId":"tp","price":1.1,"origQty":10,"executedQty":4,"status":"PARTIAL_FILL","timeInForce":"TPI"}]}`,
    );
    expect(orders.payload[0]?.transactTime).toBeUndefined();
    expect(orders.payload[0]).toMatchObject({
      price: 0,
      timeInForce: 'AON',
      tillTime: '2022-04-23T18:25:43.511Z',
    });
    expect(orders.payload[1]).toMatchObject({ status: 'PARTIALLY_FILLED', timeInForce: 'TPI' });
  });

  it('reads orderstatus and executions with fills, ISO times and free-text reasons', () => {
    const status = parse(
      InboundReplies.orderstatus,
      `{"event":"orderstatus","requestId":"ID","payload":{"symbol":"EURUSD","type":"LIMIT","side":"BUY","orderId":1000001,"tillTime":"2022-05-23T18:25:43.511Z","clientOrderId":"my first order","transactTime":"2022-04-23T18:25:43.511Z","price":1.2345,"origQty":10000,"executedQty":10000,"status":"FILLED","timeInForce":"AON","fills":[{"price":1.2345,"qty":5000},{"price":1.2344,"qty":5000}]}}`,
    );
    expect(status.payload.transactTime).toBe(Date.parse('2022-04-23T18:25:43.511Z'));
    const execution: CanonicalExecution = parse(
      InboundExecutionMessage,
      `{"event":"execution","payload":{"symbol":"EURUSD","type":"LIMIT","side":"SELL","orderId":1000001,"clientOrderId":"my order","timeInForce":"AON","tillTime":"2022-04-23T18:25:43.511Z","transactTime":"2022-04-23T18:25:43.511Z","price":1.2345,"origQty":10000,"executedQty":0,"status":"CANCELED","reason":"lifetime expired","fills":[],"login":123456}}`,
    ).payload;
    expect(execution).toMatchObject({ reason: 'lifetime expired', fills: [], login: '123456' });
    // An execution may leave out price and cummulativeQuoteQty.
    const filled = parse(
      InboundExecutionMessage,
      `{"event":"execution","payload":{"symbol":"EURUSD","type":"MARKET","side":"BUY","orderId":7,"clientOrderId":"m","timeInForce":"IOC","transactTime":"2022-04-23T18:25:43.511Z","origQty":10,"executedQty":10,"status":"FILLED","fills":[{"price":1.1,"qty":10}]}}`,
    ).payload;
    expect(filled).toMatchObject({ price: 0, fills: [{ price: 1.1, qty: 10 }] });
  });

  it('reads errors with a code and the event, or only a name', () => {
    for (const payload of [
      '{"event":"request event name","code":123345,"error":"error message"}',
      '{"event":"ordercancel","error":"ORDER_NOT_EXISTS"}',
      '{"event":"ordercancel","error":"ORDER_ALREADY_CLOSED"}',
    ]) {
      const message = parse(
        InboundErrorMessage,
        `{"event":"error","requestId":"ID","payload":${payload}}`,
      );
      expect(message.payload).toEqual(JSON.parse(payload));
    }
  });
});
