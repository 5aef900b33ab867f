import { describe, expect, it } from 'vitest';
import {
  ErrorMessage,
  ExecutionMessage,
  ModifyOrderReply,
  ModifyOrderRequest,
  NewOrderOcoReply,
  NewOrderOcoRequest,
  NewOrderSingleReply,
  NewOrderSingleRequest,
  OrderCancelReply,
  OrderCancelRequest,
  OrdersReply,
  OrdersRequest,
  OrderStatusReply,
  OrderStatusRequest,
  Request,
  ServerMessage,
  describeZodError,
} from './schemas';

// The source document's examples, made plain JSON (comments and trailing
// commas removed; the OCO example's stray outer brace dropped; duplicate
// "type" keys collapse as JSON.parse does).
const examples = {
  newOrderSingle: `{"event":"newordersingle","requestId":"ID","payload":{"symbol":"EURUSD","side":"BUY","type":"LIMIT","price":1.2345,"stopPrice":1.2345,"quantity":10000,"clientOrderId":"string","timeInForce":"GTT","timeInForceDate":"2022-03-19T07:22:00.000Z","login":"user-login"}}`,
  newOrderSingleReply: `{"event":"newordersingle","requestId":"ID","payload":{"orderId":12321321,"status":"NEW"}}`,
  modify: `{"event":"modifyordersingle","requestId":"ID","payload":{"orderId":123123,"price":1.2345,"stopPrice":1.2345,"quantity":10000}}`,
  modifyReply: `{"event":"modifyordersingle","requestId":"ID"}`,
  oco: `{"event":"neworderoco","requestId":"ID","payload":{"login":"user-login","lifeTime":"2022-03-19T07:22:00.000Z","symbol":"EURUSD","side":"BUY","timeInForce":"AON","quantity":10000,"orders":[{"type":"LIMIT","price":1.2345,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP"},{"type":"STOP_LIMIT","price":1.2345,"stopPrice":1.2345,"clientOrderId":"clientorderid"}]}}`,
  ocoReply: `{"event":"neworderoco","requestId":"ID","payload":[{"orderId":12321320,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","status":"NEW","type":"LIMIT"},{"orderId":12321321,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","status":"NEW","type":"STOP_LIMIT"}]}`,
  orders: `{"event":"orders","requestId":"ID"}`,
  ordersReply: `{"event":"orders","requestId":"ID","payload":[{"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":0.00000000,"origQty":10,"executedQty":10,"cummulativeQuoteQty":1.2344,"status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL"},{"symbol":"BTCUSDT","type":"MARKET","orderId":29,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.234,"origQty":10,"executedQty":10,"status":"CANCELED","timeInForce":"GTC","type":"MARKET","side":"SELL"}]}`,
  orderStatus: `{"event":"orderstatus","requestId":"ID","payload":{"orderId":123123}}`,
  orderStatusReply: `{"event":"orderstatus","requestId":"ID","payload":{"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.12312,"origQty":10,"executedQty":10,"status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL","fills":[{"price":4000,"qty":5.00000000},{"price":3999,"qty":5}]}}`,
  cancel: `{"event":"ordercancel","requestId":"ID","payload":{"orderId":123123}}`,
  cancelReply: `{"event":"ordercancel","requestId":"ID"}`,
  execution: `{"event":"execution","payload":{"symbol":"BTCUSDT","type":"MARKET","orderId":28,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,"price":1.1323,"origQty":10,"executedQty":10,"status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL"}}`,
  error: `{"event":"error","requestId":"ID","payload":{"code":123345,"error":"error message"}}`,
};
const json = (k: keyof typeof examples): unknown => JSON.parse(examples[k]);

describe('the source document examples parse with the schemas', () => {
  it.each([
    ['newOrderSingle', NewOrderSingleRequest],
    ['newOrderSingleReply', NewOrderSingleReply],
    ['modify', ModifyOrderRequest],
    ['modifyReply', ModifyOrderReply],
    ['oco', NewOrderOcoRequest],
    ['ocoReply', NewOrderOcoReply],
    ['orders', OrdersRequest],
    ['ordersReply', OrdersReply],
    ['orderStatus', OrderStatusRequest],
    ['orderStatusReply', OrderStatusReply],
    ['cancel', OrderCancelRequest],
    ['cancelReply', OrderCancelReply],
    ['execution', ExecutionMessage],
    ['error', ErrorMessage],
  ] as const)('%s', (name, schema) => {
    const result = schema.safeParse(json(name));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('every request example is a Request and every reply a ServerMessage', () => {
    for (const k of [
      'newOrderSingle',
      'modify',
      'oco',
      'orders',
      'orderStatus',
      'cancel',
    ] as const) {
      expect(Request.safeParse(json(k)).success).toBe(true);
    }
    for (const k of [
      'newOrderSingleReply',
      'ocoReply',
      'ordersReply',
      'orderStatusReply',
      'execution',
      'error',
    ] as const) {
      expect(ServerMessage.safeParse(json(k)).success).toBe(true);
    }
  });

  it('keeps the fills of an orderstatus reply', () => {
    const reply = OrderStatusReply.parse(json('orderStatusReply'));
    expect(reply.payload.fills).toEqual([
      { price: 4000, qty: 5 },
      { price: 3999, qty: 5 },
    ]);
  });
});

describe('lenient reading of the later revision', () => {
  it('reads PARTIAL_FILL as PARTIALLY_FILLED and an ISO transactTime as epoch ms', () => {
    const msg = JSON.parse(examples.execution) as { payload: Record<string, unknown> };
    msg.payload.status = 'PARTIAL_FILL';
    msg.payload.transactTime = '2017-10-11T12:32:56.595Z';
    const parsed = ExecutionMessage.parse(msg);
    expect(parsed.payload.status).toBe('PARTIALLY_FILLED');
    expect(parsed.payload.transactTime).toBe(1507725176595);
  });

  it('accepts a numeric requestId', () => {
    expect(OrdersRequest.safeParse({ event: 'orders', requestId: 7 }).success).toBe(true);
  });
});

describe('invalid requests name the failing field', () => {
  it('a mistyped price', () => {
    const msg = json('newOrderSingle') as { payload: Record<string, unknown> };
    msg.payload.price = '1.2';
    const r = NewOrderSingleRequest.safeParse(msg);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error).field).toBe('payload.price');
  });

  it('a bad clientOrderId', () => {
    const msg = json('newOrderSingle') as { payload: Record<string, unknown> };
    msg.payload.clientOrderId = 'has space';
    const r = NewOrderSingleRequest.safeParse(msg);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error).field).toBe('payload.clientOrderId');
  });

  it('an OCO with one leg', () => {
    const msg = json('oco') as { payload: { orders: unknown[] } };
    msg.payload.orders.pop();
    expect(NewOrderOcoRequest.safeParse(msg).success).toBe(false);
  });

  it('a cancel with neither orderId nor clientOrderId', () => {
    const r = OrderCancelRequest.safeParse({ event: 'ordercancel', requestId: 'x', payload: {} });
    expect(r.success).toBe(false);
  });

  it('a requestId longer than 64 characters', () => {
    expect(OrdersRequest.safeParse({ event: 'orders', requestId: 'x'.repeat(65) }).success).toBe(
      false,
    );
  });
});
