/**
 * The mock exchange in `first` revision mode, driven by a client written only
 * from the first public text (acttrader/swagger README.md, January 2022, the
 * source document of the team's protocol notes): raw JSON over `ws`, shapes
 * checked field by field with hand-written predicates, nothing imported from
 * the repository's protocol schemas. A failure here is a deviation of the
 * mock from that text (or from the notes' account of what a first server
 * lacks), never a reason to loosen the check.
 */
import { describe, expect, it } from 'vitest';
import {
  FIRST_BARE_REPLY,
  FIRST_ERROR,
  FIRST_ERROR_REPLY,
  FIRST_EXECUTION,
  FIRST_LIST_REPLY,
  FIRST_OCO_LEG,
  FIRST_ORDER,
  FIRST_PLACED,
  FIRST_REPLY,
  firstOrderStatusProblems,
} from './testing/firstText';
import { listProblems, shapeProblems } from './testing/shapes';
import { at, connect, executionWith, prices, px, SYMBOL, venues } from './testing/venue';
import type { WsClient } from './wsClient';

const venue = venues('first', 'alice', 'bob');

type Order = Record<string, unknown> & { orderId: number; status: string };

/** Every execution message received so far, checked against the text. */
function executionProblems(c: WsClient): string[] {
  return c.messages
    .filter((m) => m.event === 'execution')
    .flatMap((m, i) => [
      ...shapeProblems(m, FIRST_EXECUTION, `execution#${i}`),
      ...shapeProblems(m.payload, FIRST_ORDER, `execution#${i}.payload`),
    ]);
}

/** A resting GTC limit order as the text's newordersingle example spells it. */
const limit = (login: string, side: string, price: number, quantity: number, extra = {}) => ({
  symbol: SYMBOL,
  side,
  type: 'LIMIT',
  price,
  quantity,
  timeInForce: 'GTC',
  login,
  ...extra,
});

/** A marketable order that takes whatever rests at the top. */
const market = (login: string, side: string, quantity: number) => ({
  symbol: SYMBOL,
  side,
  type: 'MARKET',
  quantity,
  timeInForce: 'IOC',
  login,
});

describe('first revision: requests and their replies, as the source document prints them', () => {
  it('newordersingle answers {orderId, status}, then an execution with the order object follows', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const reply = await a.request(
      'newordersingle',
      limit('alice', 'BUY', px(bid - 0.001), 10000, { clientOrderId: 'first-1' }),
      'ID-1',
    );
    expect(shapeProblems(reply, FIRST_REPLY, 'reply')).toEqual([]);
    expect(reply).toMatchObject({ event: 'newordersingle', requestId: 'ID-1' });
    expect(shapeProblems(reply.payload, FIRST_PLACED, 'reply.payload')).toEqual([]);
    const placed = reply.payload as Order;
    expect(placed.status).toBe('NEW');
    const exec = await executionWith(a, placed.orderId, 'NEW');
    expect(at(a, reply)).toBeLessThan(at(a, exec));
    expect('requestId' in exec).toBe(false);
    expect(exec.payload).toMatchObject({
      symbol: SYMBOL,
      type: 'LIMIT',
      side: 'BUY',
      clientOrderId: 'first-1',
      price: px(bid - 0.001),
      origQty: 10000,
      executedQty: 0,
      timeInForce: 'GTC',
      transactTime: v.ex.controls.now(),
    });
    expect(executionProblems(a)).toEqual([]);
  });

  it('a GTT order with timeInForceDate works until that date, then expires', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const date = new Date(v.ex.controls.now() + 60_000).toISOString();
    const reply = await a.request(
      'newordersingle',
      limit('alice', 'BUY', px(bid - 0.001), 1000, { timeInForce: 'GTT', timeInForceDate: date }),
    );
    const { orderId } = reply.payload as Order;
    v.ex.controls.advance(59_000);
    const still = await a.request('orderstatus', { orderId });
    expect((still.payload as Order).status).toBe('NEW');
    v.ex.controls.advance(2_000);
    const expired = await executionWith(a, orderId, 'EXPIRED');
    expect(expired.payload).toMatchObject({ timeInForce: 'GTT', executedQty: 0 });
    expect(executionProblems(a)).toEqual([]);
  });

  it('fills show as PARTIALLY_FILLED then FILLED executions, and orderstatus lists each fill', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { inside } = prices(v);
    const sell = await a.request('newordersingle', limit('alice', 'SELL', inside, 3000));
    const { orderId } = sell.payload as Order;

    const buy1 = await b.request('newordersingle', market('bob', 'BUY', 1000));
    expect(shapeProblems(buy1.payload, FIRST_PLACED, 'buy1.payload')).toEqual([]);
    expect((buy1.payload as Order).status).toBe('FILLED');
    const partial = await executionWith(a, orderId, 'PARTIALLY_FILLED');
    expect(partial.payload).toMatchObject({ executedQty: 1000, origQty: 3000, price: inside });

    await b.request('newordersingle', market('bob', 'BUY', 2000));
    const filled = await executionWith(a, orderId, 'FILLED');
    expect(filled.payload).toMatchObject({ executedQty: 3000 });
    const quote = (filled.payload as { cummulativeQuoteQty?: number }).cummulativeQuoteQty;
    if (quote !== undefined) expect(quote).toBeCloseTo(inside * 3000, 6);

    const status = await a.request('orderstatus', { orderId });
    expect(shapeProblems(status, FIRST_REPLY, 'orderstatus')).toEqual([]);
    expect(firstOrderStatusProblems(status.payload, 'orderstatus.payload')).toEqual([]);
    expect(status.payload).toMatchObject({
      orderId,
      status: 'FILLED',
      fills: [
        { price: inside, qty: 1000 },
        { price: inside, qty: 2000 },
      ],
    });
    // The taker's own executions are in the same shape.
    await b.waitUntil(() => b.messages.some((m) => m.event === 'execution'));
    expect(executionProblems(a)).toEqual([]);
    expect(executionProblems(b)).toEqual([]);
  });

  it('modifyordersingle answers with no payload, then an execution carries the new values', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.001), 2000));
    const { orderId } = placed.payload as Order;
    await executionWith(a, orderId, 'NEW');
    const newPrice = px(bid - 0.002);
    const reply = await a.request(
      'modifyordersingle',
      { orderId, price: newPrice, quantity: 3000 },
      'ID-mod',
    );
    expect(shapeProblems(reply, FIRST_BARE_REPLY, 'modify reply')).toEqual([]);
    expect(reply).toEqual({ event: 'modifyordersingle', requestId: 'ID-mod' });
    const exec = await a.waitFor(
      (m) =>
        m.event === 'execution' &&
        (m.payload as Order).orderId === orderId &&
        (m.payload as Order).price === newPrice,
    );
    expect(at(a, reply)).toBeLessThan(at(a, exec));
    expect(exec.payload).toMatchObject({ origQty: 3000, status: 'NEW' });
    expect(executionProblems(a)).toEqual([]);
  });

  it('ordercancel answers with no payload, then a CANCELED execution; orderstatus shows it with no fills', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1000));
    const { orderId } = placed.payload as Order;
    const reply = await a.request('ordercancel', { orderId }, 'ID-cxl');
    expect(shapeProblems(reply, FIRST_BARE_REPLY, 'cancel reply')).toEqual([]);
    expect(reply).toEqual({ event: 'ordercancel', requestId: 'ID-cxl' });
    const exec = await executionWith(a, orderId, 'CANCELED');
    expect(at(a, reply)).toBeLessThan(at(a, exec));
    const status = await a.request('orderstatus', { orderId });
    expect(firstOrderStatusProblems(status.payload, 'orderstatus.payload')).toEqual([]);
    expect(status.payload).toMatchObject({ status: 'CANCELED', executedQty: 0, fills: [] });
    expect(executionProblems(a)).toEqual([]);
  });

  it('neworderoco answers both legs in request order; when one leg fills the other is CANCELED', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { inside, last } = prices(v);
    const limitPrice = Math.max(inside, px(last + 0.00001));
    const stopPrice = px(last - 0.002);
    const reply = await a.request('neworderoco', {
      login: 'alice',
      lifeTime: new Date(v.ex.controls.now() + 3_600_000).toISOString(),
      symbol: SYMBOL,
      side: 'SELL',
      timeInForce: 'GTC',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: limitPrice, clientOrderId: 'oco-limit' },
        {
          type: 'STOP_LIMIT',
          price: px(stopPrice - 0.0001),
          stopPrice,
          clientOrderId: 'oco-stop',
        },
      ],
    });
    expect(shapeProblems(reply, FIRST_LIST_REPLY, 'oco reply')).toEqual([]);
    expect(listProblems(reply.payload, FIRST_OCO_LEG, 'oco reply.payload')).toEqual([]);
    const legs = reply.payload as Order[];
    expect(legs).toMatchObject([
      { clientOrderId: 'oco-limit', type: 'LIMIT', status: 'NEW' },
      { clientOrderId: 'oco-stop', type: 'STOP_LIMIT', status: 'NEW' },
    ]);
    const [limitLeg, stopLeg] = legs as [Order, Order];

    await b.request('newordersingle', market('bob', 'BUY', 1000));
    await executionWith(a, limitLeg.orderId, 'FILLED');
    const other = await executionWith(a, stopLeg.orderId, 'CANCELED');
    expect(other.payload).toMatchObject({ type: 'STOP_LIMIT', stopPrice, executedQty: 0 });
    expect(executionProblems(a)).toEqual([]);
  });

  it('orders (no payload) lists exactly the working orders, stops included, in the order shape', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid, last } = prices(v);
    const working = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1000));
    const stop = await a.request('newordersingle', {
      symbol: SYMBOL,
      side: 'SELL',
      type: 'STOP',
      stopPrice: px(last - 0.003),
      quantity: 1000,
      timeInForce: 'GTC',
      login: 'alice',
    });
    const gone = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.002), 1000));
    await a.request('ordercancel', { orderId: (gone.payload as Order).orderId });

    const reply = await a.request('orders', undefined, 'ID-orders');
    expect(shapeProblems(reply, FIRST_LIST_REPLY, 'orders reply')).toEqual([]);
    expect(reply).toMatchObject({ event: 'orders', requestId: 'ID-orders' });
    expect(listProblems(reply.payload, FIRST_ORDER, 'orders.payload')).toEqual([]);
    const ids = (reply.payload as Order[]).map((o) => o.orderId).sort((x, y) => x - y);
    expect(ids).toEqual([(working.payload as Order).orderId, (stop.payload as Order).orderId]);
    expect((reply.payload as Order[]).find((o) => o.type === 'STOP')).toMatchObject({
      status: 'NEW',
      stopPrice: px(last - 0.003),
    });
  });
});

describe('first revision: errors are {code, error} with the server’s own numbers', () => {
  it('every refused request gets one error reply naming its requestId, in the text’s shape', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1000));
    const { orderId } = placed.payload as Order;
    await a.request('ordercancel', { orderId });

    const refused: Array<[string, unknown]> = [
      ['orderstatus', { orderId: 987654321 }],
      ['ordercancel', { orderId: 987654321 }],
      ['ordercancel', { orderId }],
      ['modifyordersingle', { orderId, quantity: 5000 }],
      ['newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1000, { symbol: 'NOPE' })],
      ['newordersingle', { side: 'BUY', type: 'LIMIT', price: bid, quantity: 1000 }],
      ['newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1234)],
      ['no-such-event', {}],
    ];
    for (const [i, [event, payload]] of refused.entries()) {
      const requestId = `ID-${i}-${event}`;
      const reply = await a.request(event, payload, requestId);
      const where = `${event} ${JSON.stringify(payload)}`;
      expect(shapeProblems(reply, FIRST_ERROR_REPLY, where)).toEqual([]);
      expect(reply.requestId).toBe(requestId);
      expect(shapeProblems(reply.payload, FIRST_ERROR, `${where} payload`)).toEqual([]);
    }
  });

  it('a frame that is not JSON gets an error reply whose requestId is null', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    a.sendRaw('{"event": "orders", "requestId": ');
    const reply = await a.waitFor((m) => m.event === 'error');
    expect(reply.requestId).toBeNull();
    expect(shapeProblems(reply.payload, FIRST_ERROR, 'payload')).toEqual([]);
    expect(a.open).toBe(true);
  });
});

describe('first revision: nothing beyond the source document', () => {
  it('symbols, subscribe, unsubscribe and depth each get an error reply, never silence, and no quotes follow', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    for (const [event, payload] of [
      ['symbols', undefined],
      ['subscribe', { symbols: [SYMBOL] }],
      ['unsubscribe', { symbols: [SYMBOL] }],
      ['depth', { symbol: SYMBOL, levels: 5 }],
    ] as const) {
      const reply = await a.request(event, payload, `ID-${event}`);
      expect(reply, event).toMatchObject({ event: 'error', requestId: `ID-${event}` });
      expect(shapeProblems(reply.payload, FIRST_ERROR, `${event} payload`)).toEqual([]);
    }
    v.ex.controls.resumeMarket();
    v.ex.controls.setReferencePrice(SYMBOL, px(prices(v).last + 0.001));
    v.ex.controls.advance(2_000);
    await a.request('orders');
    expect(a.messages.filter((m) => m.event === 'quote' || m.event === 'depth')).toEqual([]);
  });

  it('an order cannot be looked up by clientOrderId alone', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    await a.request(
      'newordersingle',
      limit('alice', 'BUY', px(bid - 0.001), 1000, { clientOrderId: 'by-name' }),
    );
    for (const event of ['orderstatus', 'ordercancel', 'modifyordersingle']) {
      const reply = await a.request(event, { clientOrderId: 'by-name', quantity: 2000 });
      expect(reply.event, event).toBe('error');
      expect(shapeProblems(reply.payload, FIRST_ERROR, `${event} payload`)).toEqual([]);
    }
    const orders = await a.request('orders');
    expect(orders.payload).toMatchObject([
      { clientOrderId: 'by-name', status: 'NEW', origQty: 1000 },
    ]);
  });

  it('orders with a fromTime does not return closed orders (history is not part of this revision)', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request('newordersingle', limit('alice', 'BUY', px(bid - 0.001), 1000));
    await a.request('ordercancel', { orderId: (placed.payload as Order).orderId });
    const reply = await a.request('orders', { fromTime: 0 });
    if (reply.event === 'error') {
      expect(shapeProblems(reply.payload, FIRST_ERROR, 'payload')).toEqual([]);
    } else {
      expect(reply.payload).toEqual([]);
    }
  });
});
