import { describe, expect, it } from 'vitest';
import {
  CurrentCanceled,
  CurrentErrorMessage,
  CurrentExecutionMessage,
  CurrentModified,
  CurrentModifyOrderPayload,
  CurrentNewOrderOcoPayload,
  CurrentNewOrderSinglePayload,
  CurrentOrder,
  CurrentOrderCancelPayload,
  CurrentOrderStatusPayload,
  CurrentOrderWithFills,
  CurrentOrdersPayload,
  CurrentPlaced,
  FirstErrorMessage,
  FirstExecutionMessage,
  FirstModifyOrderPayload,
  FirstNewOrderOcoPayload,
  FirstNewOrderSinglePayload,
  FirstOcoLegReply,
  FirstOrder,
  FirstOrderRef,
  FirstOrderWithFills,
  FirstPlaced,
  Revision,
} from './index';

// The examples of the public texts, as given (comments and trailing commas removed).

describe('current revision shapes read the text examples', () => {
  it('requests', () => {
    expect(
      CurrentNewOrderSinglePayload.parse({
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.2345,
        stopPrice: 1.2345,
        quantity: 10000,
        clientOrderId: 'my first order',
        timeInForce: 'AON',
        tillTime: '2022-04-23T18:25:43.511Z',
        login: 123456,
        note: 'tp',
      }).login,
    ).toBe(123456);
    CurrentModifyOrderPayload.parse({
      orderId: 1000001,
      clientOrderId: 'my order',
      price: 1.2345,
      stopPrice: 1.2345,
      quantity: 10000,
      tillTime: '2022-04-23T18:25:43.511Z',
      clientOrderIdValue: 'new value',
      note: 'tp',
    });
    CurrentModifyOrderPayload.parse({ clientOrderId: 'my order', tillTime: '' });
    CurrentNewOrderOcoPayload.parse({
      login: 123456,
      tillTime: '2022-03-19T07:22:00.000Z',
      symbol: 'EURUSD',
      side: 'BUY',
      timeInForce: 'AON',
      quantity: 10000,
      orders: [
        { type: 'LIMIT', price: 1.2345, clientOrderId: 'limit order', note: 'tp' },
        {
          type: 'STOP_LIMIT',
          price: 1.2345,
          stopPrice: 1.2345,
          clientOrderId: 'stop-limit order',
          note: 'sl',
        },
      ],
    });
    CurrentOrdersPayload.parse({ fromTime: '2022-01-01T22:33:44.555Z' });
    CurrentOrderStatusPayload.parse({ orderId: 1000001, clientOrderId: 'my order' });
    CurrentOrderCancelPayload.parse({ orderId: 1000001, clientOrderId: 'my order', note: 'sl' });
  });

  it('replies, executions and errors', () => {
    const placed = {
      orderId: 1000001,
      clientOrderId: 'my first order',
      status: 'NEW',
      type: 'LIMIT',
      login: 123456,
    };
    CurrentPlaced.parse(placed);
    CurrentModified.parse({
      orderId: 1000001,
      clientOrderId: 'my order',
      price: 1.2345,
      stopPrice: 1.2345,
      quantity: 10000,
      tillTime: '2022-04-23T18:25:43.511Z',
    });
    CurrentCanceled.parse({
      orderId: 1000001,
      clientOrderId: 'my order',
      status: 'CANCELED',
      reason: 'USER',
    });
    CurrentOrder.parse({
      orderId: 1000002,
      symbol: 'EURUSD',
      type: 'STOP',
      side: 'SELL',
      clientOrderId: 'my second order',
      stopPrice: 1.2345,
      origQty: 10,
      executedQty: 10,
      status: 'NEW',
      timeInForce: 'AON',
      tillTime: '2022-04-23T18:25:43.511Z',
    });
    CurrentOrderWithFills.parse({
      symbol: 'EURUSD',
      type: 'LIMIT',
      side: 'BUY',
      orderId: 1000001,
      tillTime: '2022-05-23T18:25:43.511Z',
      clientOrderId: 'my first order',
      transactTime: '2022-04-23T18:25:43.511Z',
      price: 1.2345,
      origQty: 10000,
      executedQty: 10000,
      status: 'FILLED',
      timeInForce: 'AON',
      fills: [
        { price: 1.2345, qty: 5000 },
        { price: 1.2344, qty: 5000 },
      ],
    });
    CurrentExecutionMessage.parse({
      event: 'execution',
      payload: {
        symbol: 'EURUSD',
        type: 'LIMIT',
        side: 'SELL',
        orderId: 1000001,
        clientOrderId: 'my order',
        timeInForce: 'AON',
        tillTime: '2022-04-23T18:25:43.511Z',
        transactTime: '2022-04-23T18:25:43.511Z',
        price: 1.2345,
        origQty: 10000,
        executedQty: 0,
        status: 'CANCELED',
        reason: 'lifetime expired',
        fills: [],
      },
    });
    for (const payload of [
      { event: 'request event name', code: 123345, error: 'error message' },
      { event: 'ordercancel', error: 'ORDER_NOT_EXISTS' },
      { event: 'ordercancel', error: 'ORDER_ALREADY_CLOSED' },
    ]) {
      CurrentErrorMessage.parse({ event: 'error', requestId: 'ID', payload });
    }
  });

  it('refuses what the text does not have', () => {
    const order = { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', price: 1.2, quantity: 1000 };
    expect(
      CurrentNewOrderSinglePayload.safeParse({ ...order, timeInForce: 'GTC', login: 1 }).success,
    ).toBe(false);
    expect(
      CurrentNewOrderSinglePayload.safeParse({ ...order, timeInForce: 'AON', login: 'demo' })
        .success,
    ).toBe(false);
    expect(CurrentOrdersPayload.safeParse({ fromTime: 1_700_000_000_000 }).success).toBe(false);
    expect(CurrentModifyOrderPayload.safeParse({ price: 1.2 }).success).toBe(false);
    expect(CurrentOrder.safeParse({ status: 'PARTIALLY_FILLED' }).success).toBe(false);
  });
});

describe('first revision shapes read the source document examples', () => {
  it('requests, replies, executions and errors', () => {
    FirstNewOrderSinglePayload.parse({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.2345,
      stopPrice: 1.2345,
      quantity: 10000,
      clientOrderId: 'string',
      timeInForce: 'GTT',
      timeInForceDate: '2022-03-19T07:22:00.000Z',
      login: 'user-login',
    });
    FirstModifyOrderPayload.parse({
      orderId: 123123,
      price: 1.2345,
      stopPrice: 1.2345,
      quantity: 10000,
    });
    FirstNewOrderOcoPayload.parse({
      login: 'user-login',
      lifeTime: '2022-03-19T07:22:00.000Z',
      symbol: 'EURUSD',
      side: 'BUY',
      timeInForce: 'AON',
      quantity: 10000,
      orders: [
        { type: 'LIMIT', price: 1.2345, clientOrderId: '6gCrw2kRUAF9CvJDGP16IP' },
        { type: 'STOP_LIMIT', price: 1.2345, stopPrice: 1.2345, clientOrderId: 'clientorderid' },
      ],
    });
    FirstOrderRef.parse({ orderId: 123123 });
    FirstPlaced.parse({ orderId: 12321321, status: 'NEW' });
    FirstOcoLegReply.parse({
      orderId: 12321320,
      clientOrderId: '6gCrw2kRUAF9CvJDGP16IP',
      status: 'NEW',
      type: 'LIMIT',
    });
    const order = {
      symbol: 'BTCUSDT',
      type: 'MARKET',
      orderId: 28,
      clientOrderId: '6gCrw2kRUAF9CvJDGP16IP',
      transactTime: 1507725176595,
      price: 0,
      origQty: 10,
      executedQty: 10,
      cummulativeQuoteQty: 1.2344,
      status: 'FILLED',
      timeInForce: 'GTC',
      side: 'SELL',
    };
    FirstOrder.parse(order);
    FirstOrderWithFills.parse({
      ...order,
      fills: [
        { price: 4000, qty: 5 },
        { price: 3999, qty: 5 },
      ],
    });
    FirstExecutionMessage.parse({ event: 'execution', payload: order });
    FirstErrorMessage.parse({
      event: 'error',
      requestId: 'ID',
      payload: { code: 123345, error: 'error message' },
    });
    expect(FirstOrderRef.safeParse({ clientOrderId: 'x' }).success).toBe(false);
    expect(Revision.options).toEqual(['extended', 'first', 'current']);
  });
});
