/**
 * The mock exchange in `current` revision mode, driven by a client written
 * only from the operator's current public text (acttrader/swagger
 * pages/clearing-service.md): raw JSON over `ws`, numeric logins, ISO times,
 * TIF AON/FOK/IOC/TPI, PARTIAL_FILL, `fills`, `reason`, `note`, modify by
 * clientOrderId, `orders` from an ISO fromTime, and errors that name the
 * request's event. Shapes are checked field by field with hand-written
 * predicates; nothing comes from the repository's protocol schemas. A failure
 * here is a deviation of the mock from that text, never a reason to loosen
 * the check.
 */
import { describe, expect, it } from 'vitest';
import {
  CURRENT_CANCELED,
  CURRENT_EXECUTION_ORDER,
  CURRENT_LIST_REPLY,
  CURRENT_MODIFIED,
  CURRENT_ORDER_STATUS,
  CURRENT_ORDERS_ITEM,
  CURRENT_PLACED,
  CURRENT_REASONS,
  CURRENT_REPLY,
  currentErrorProblems,
  currentOrderProblems,
} from './testing/currentText';
import { listProblems, shapeProblems } from './testing/shapes';
import { at, connect, executionWith, isoNow, prices, px, SYMBOL, venues } from './testing/venue';
import type { Msg, WsClient } from './wsClient';

const LOGIN_A = 100001;
const LOGIN_B = 100002;
const venue = venues('current', LOGIN_A, LOGIN_B);

type Order = Record<string, unknown> & {
  orderId: number;
  status: string;
  clientOrderId: string;
  fills?: { price: number; qty: number }[];
};

// Spellings of the first and extended revisions that the current text does not have.
const OTHER_SPELLINGS =
  /"status":"(PARTIALLY_FILLED|EXPIRED)"|"timeInForce":"(GTC|GTT|DAY)"|"(timeInForceDate|lifeTime|seq|lastPrice|lastQty)":/;

/** Every execution received so far, checked against the text; spellings of other revisions are problems. */
function executionProblems(c: WsClient): string[] {
  const problems = c.messages
    .filter((m) => m.event === 'execution')
    .flatMap((m, i) => [
      ...shapeProblems(
        m,
        {
          event: { kind: ['execution'], required: true },
          payload: { kind: 'object', required: true },
        },
        `execution#${i}`,
      ),
      ...currentOrderProblems(m.payload, CURRENT_EXECUTION_ORDER, `execution#${i}.payload`),
    ]);
  for (const m of c.messages) {
    const text = JSON.stringify(m);
    if (OTHER_SPELLINGS.test(text)) {
      problems.push(`a spelling the current text does not have: ${text}`);
    }
  }
  return problems;
}

/** A resting limit order as the text's newordersingle example spells it (TIF TPI: works until filled). */
const limit = (login: number, side: string, price: number, quantity: number, extra = {}) => ({
  symbol: SYMBOL,
  side,
  type: 'LIMIT',
  price,
  quantity,
  timeInForce: 'TPI',
  login,
  ...extra,
});

/** A market order that takes what rests at the top. */
const market = (login: number, side: string, quantity: number) => ({
  symbol: SYMBOL,
  side,
  type: 'MARKET',
  quantity,
  timeInForce: 'IOC',
  login,
});

/** The error payload of a reply, failing when the reply is not an error. */
function errorPayload(reply: Msg, where: string): Record<string, unknown> {
  expect(reply.event, `${where}: ${JSON.stringify(reply)}`).toBe('error');
  expect(currentErrorProblems(reply.payload, where)).toEqual([]);
  return reply.payload as Record<string, unknown>;
}

describe('current revision: requests and their replies, as the current text prints them', () => {
  it('newordersingle answers {orderId, clientOrderId, status, type, login} with the numeric login', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const reply = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.001), 10000, {
        clientOrderId: 'my first order',
        note: 'tp',
      }),
      'ID-1',
    );
    expect(shapeProblems(reply, CURRENT_REPLY, 'reply')).toEqual([]);
    expect(shapeProblems(reply.payload, CURRENT_PLACED, 'reply.payload')).toEqual([]);
    expect(reply).toMatchObject({
      event: 'newordersingle',
      requestId: 'ID-1',
      payload: { clientOrderId: 'my first order', status: 'NEW', type: 'LIMIT', login: LOGIN_A },
    });
    const { orderId } = reply.payload as Order;
    const exec = await executionWith(a, orderId, 'NEW');
    expect(at(a, reply)).toBeLessThan(at(a, exec));
    expect(exec.payload).toMatchObject({
      symbol: SYMBOL,
      type: 'LIMIT',
      side: 'BUY',
      clientOrderId: 'my first order',
      price: px(bid - 0.001),
      origQty: 10000,
      executedQty: 0,
      timeInForce: 'TPI',
      transactTime: isoNow(v),
    });
    // Without a clientOrderId the server makes one.
    const unnamed = await a.request('newordersingle', limit(LOGIN_A, 'BUY', px(bid - 0.002), 1000));
    expect(shapeProblems(unnamed.payload, CURRENT_PLACED, 'unnamed.payload')).toEqual([]);
    expect((unnamed.payload as Order).clientOrderId).not.toBe('');
    expect(executionProblems(a)).toEqual([]);
  });

  it('fills show as PARTIAL_FILL then FILLED executions carrying the fills list', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { inside } = prices(v);
    const sell = await a.request('newordersingle', limit(LOGIN_A, 'SELL', inside, 3000));
    const { orderId } = sell.payload as Order;

    const buy1 = await b.request('newordersingle', market(LOGIN_B, 'BUY', 1000));
    expect(shapeProblems(buy1.payload, CURRENT_PLACED, 'buy1.payload')).toEqual([]);
    expect(buy1.payload).toMatchObject({ status: 'FILLED', type: 'MARKET', login: LOGIN_B });
    const partial = await executionWith(a, orderId, 'PARTIAL_FILL');
    expect(partial.payload).toMatchObject({
      executedQty: 1000,
      origQty: 3000,
      fills: [{ price: inside, qty: 1000 }],
      transactTime: isoNow(v),
    });

    await b.request('newordersingle', market(LOGIN_B, 'BUY', 2000));
    const filled = await executionWith(a, orderId, 'FILLED');
    expect(filled.payload).toMatchObject({
      executedQty: 3000,
      fills: [
        { price: inside, qty: 1000 },
        { price: inside, qty: 2000 },
      ],
    });
    const takerFill = await executionWith(b, (buy1.payload as Order).orderId, 'FILLED');
    expect(takerFill.payload).toMatchObject({
      type: 'MARKET',
      fills: [{ price: inside, qty: 1000 }],
    });

    const status = await a.request('orderstatus', { orderId });
    expect(shapeProblems(status, CURRENT_REPLY, 'orderstatus')).toEqual([]);
    expect(
      currentOrderProblems(status.payload, CURRENT_ORDER_STATUS, 'orderstatus.payload'),
    ).toEqual([]);
    expect(status.payload).toMatchObject({ orderId, status: 'FILLED', executedQty: 3000 });
    expect(executionProblems(a)).toEqual([]);
    expect(executionProblems(b)).toEqual([]);
  });

  it("IOC and FOK remainders close in the text's statuses (CANCELED or REJECTED), never EXPIRED", async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { inside, bid } = prices(v);
    const sell = await a.request('newordersingle', limit(LOGIN_A, 'SELL', inside, 1000));
    const sellId = (sell.payload as Order).orderId;
    // IOC for 3000 against 1000 at the inside price (the maker's asks are above the limit).
    const ioc = await b.request('newordersingle', {
      ...limit(LOGIN_B, 'BUY', inside, 3000),
      timeInForce: 'IOC',
    });
    expect(shapeProblems(ioc.payload, CURRENT_PLACED, 'ioc.payload')).toEqual([]);
    const iocId = (ioc.payload as Order).orderId;
    await executionWith(a, sellId, 'FILLED');
    const iocEnd = await b.waitFor(
      (m) =>
        m.event === 'execution' &&
        (m.payload as Order).orderId === iocId &&
        ['CANCELED', 'REJECTED'].includes((m.payload as Order).status),
    );
    expect(iocEnd.payload).toMatchObject({
      executedQty: 1000,
      fills: [{ price: inside, qty: 1000 }],
    });
    // FOK that cannot fill at all: nothing rests at or below a price under the best bid.
    const fok = await b.request('newordersingle', {
      ...limit(LOGIN_B, 'BUY', px(bid - 0.001), 1000),
      timeInForce: 'FOK',
    });
    expect(shapeProblems(fok.payload, CURRENT_PLACED, 'fok.payload')).toEqual([]);
    expect(['CANCELED', 'REJECTED']).toContain((fok.payload as Order).status);
    const st = await b.request('orderstatus', { orderId: (fok.payload as Order).orderId });
    expect(currentOrderProblems(st.payload, CURRENT_ORDER_STATUS, 'fok status')).toEqual([]);
    expect(st.payload).toMatchObject({ executedQty: 0, fills: [], timeInForce: 'FOK' });
    expect(executionProblems(a)).toEqual([]);
    expect(executionProblems(b)).toEqual([]);
  });

  it('modifyordersingle by orderId answers the new values, then an execution carries them', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.001), 2000, { clientOrderId: 'my order' }),
    );
    const { orderId } = placed.payload as Order;
    await executionWith(a, orderId, 'NEW');
    const newPrice = px(bid - 0.002);
    const reply = await a.request(
      'modifyordersingle',
      { orderId, price: newPrice, quantity: 3000, note: 'moved' },
      'ID-mod',
    );
    expect(shapeProblems(reply, CURRENT_REPLY, 'modify reply')).toEqual([]);
    expect(shapeProblems(reply.payload, CURRENT_MODIFIED, 'modify reply.payload')).toEqual([]);
    expect(reply.payload).toEqual({
      orderId,
      clientOrderId: 'my order',
      price: newPrice,
      quantity: 3000,
    });
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

  it('modifyordersingle by clientOrderId renames the order with clientOrderIdValue', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000, { clientOrderId: 'my order' }),
    );
    const { orderId } = placed.payload as Order;
    const reply = await a.request('modifyordersingle', {
      clientOrderId: 'my order',
      quantity: 2000,
      clientOrderIdValue: 'new value',
    });
    expect(shapeProblems(reply.payload, CURRENT_MODIFIED, 'modify reply.payload')).toEqual([]);
    expect(reply.payload).toMatchObject({ orderId, quantity: 2000 });
    // The text's example answers the request's clientOrderId; either name is that order's.
    expect(['my order', 'new value']).toContain((reply.payload as Order).clientOrderId);

    const renamed = await a.request('orderstatus', { clientOrderId: 'new value' });
    expect(currentOrderProblems(renamed.payload, CURRENT_ORDER_STATUS, 'renamed')).toEqual([]);
    expect(renamed.payload).toMatchObject({ orderId, clientOrderId: 'new value', origQty: 2000 });
    const old = await a.request('orderstatus', { clientOrderId: 'my order' });
    expect(errorPayload(old, 'old name').event).toBe('orderstatus');
    expect(executionProblems(a)).toEqual([]);
  });

  it('tillTime is echoed, cleared by "" on modify, and an order past it closes CANCELED with LIFETIME_EXPIRED', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const tillTime = new Date(v.ex.controls.now() + 60_000).toISOString();
    const kept = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000, { tillTime, clientOrderId: 'kept' }),
    );
    const cleared = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.002), 1000, { tillTime, clientOrderId: 'cleared' }),
    );
    const keptId = (kept.payload as Order).orderId;
    const clearedId = (cleared.payload as Order).orderId;
    const st = await a.request('orderstatus', { orderId: keptId });
    expect(st.payload).toMatchObject({ tillTime });

    const reset = await a.request('modifyordersingle', { orderId: clearedId, tillTime: '' });
    expect(shapeProblems(reset.payload, CURRENT_MODIFIED, 'reset.payload')).toEqual([]);
    expect(reset.payload).not.toHaveProperty('tillTime');

    v.ex.controls.advance(61_000);
    const expired = await executionWith(a, keptId, 'CANCELED');
    const reason = (expired.payload as { reason?: string }).reason;
    // The enum spells LIFETIME_EXPIRED; the text's execution example prints "lifetime expired".
    expect(['LIFETIME_EXPIRED', 'lifetime expired']).toContain(reason);
    expect(expired.payload).toMatchObject({ tillTime, executedQty: 0 });
    const survivor = await a.request('orderstatus', { orderId: clearedId });
    expect(survivor.payload).toMatchObject({ status: 'NEW' });
    expect(survivor.payload).not.toHaveProperty('tillTime');
    expect(executionProblems(a)).toEqual([]);
  });

  it('ordercancel by clientOrderId (with a note) answers {orderId, clientOrderId, status, reason: USER}', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const placed = await a.request(
      'newordersingle',
      limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000, { clientOrderId: 'my order' }),
    );
    const { orderId } = placed.payload as Order;
    const reply = await a.request(
      'ordercancel',
      { clientOrderId: 'my order', note: 'sl' },
      'ID-cxl',
    );
    expect(shapeProblems(reply, CURRENT_REPLY, 'cancel reply')).toEqual([]);
    expect(shapeProblems(reply.payload, CURRENT_CANCELED, 'cancel reply.payload')).toEqual([]);
    expect(reply.payload).toEqual({
      orderId,
      clientOrderId: 'my order',
      status: 'CANCELED',
      reason: 'USER',
    });
    const exec = await executionWith(a, orderId, 'CANCELED');
    expect(at(a, reply)).toBeLessThan(at(a, exec));
    expect(exec.payload).toMatchObject({ reason: 'USER', executedQty: 0 });
    expect(executionProblems(a)).toEqual([]);
  });

  it('neworderoco answers both legs with the numeric login; a filled leg closes the other with OCO_CONDITION', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { inside, last } = prices(v);
    const limitPrice = Math.max(inside, px(last + 0.00001));
    const stopPrice = px(last - 0.002);
    const tillTime = new Date(v.ex.controls.now() + 3_600_000).toISOString();
    const reply = await a.request('neworderoco', {
      login: LOGIN_A,
      tillTime,
      symbol: SYMBOL,
      side: 'SELL',
      timeInForce: 'AON',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: limitPrice, clientOrderId: 'limit order', note: 'tp' },
        {
          type: 'STOP_LIMIT',
          price: px(stopPrice - 0.0001),
          stopPrice,
          clientOrderId: 'stop-limit order',
          note: 'sl',
        },
      ],
    });
    expect(shapeProblems(reply, CURRENT_LIST_REPLY, 'oco reply')).toEqual([]);
    expect(listProblems(reply.payload, CURRENT_PLACED, 'oco reply.payload')).toEqual([]);
    expect(reply.payload).toEqual([
      expect.objectContaining({
        clientOrderId: 'limit order',
        status: 'NEW',
        type: 'LIMIT',
        login: LOGIN_A,
      }),
      expect.objectContaining({
        clientOrderId: 'stop-limit order',
        status: 'NEW',
        type: 'STOP_LIMIT',
        login: LOGIN_A,
      }),
    ]);
    const [limitLeg, stopLeg] = reply.payload as [Order, Order];

    await b.request('newordersingle', market(LOGIN_B, 'BUY', 1000));
    await executionWith(a, limitLeg.orderId, 'FILLED');
    const other = await executionWith(a, stopLeg.orderId, 'CANCELED');
    expect(other.payload).toMatchObject({
      type: 'STOP_LIMIT',
      stopPrice,
      reason: 'OCO_CONDITION',
      timeInForce: 'AON',
      tillTime,
    });
    expect(CURRENT_REASONS).toContain((other.payload as { reason: string }).reason);
    expect(executionProblems(a)).toEqual([]);
  });

  it('orders lists pending orders, plus those filled or cancelled at or after an ISO fromTime', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const b = await connect(v, 'tok-b');
    const { bid, inside } = prices(v);
    const before = isoNow(v);
    v.ex.controls.advance(1_000);
    const gone = await a.request('newordersingle', limit(LOGIN_A, 'BUY', px(bid - 0.002), 1000));
    const goneId = (gone.payload as Order).orderId;
    await a.request('ordercancel', { orderId: goneId });
    const filled = await a.request('newordersingle', limit(LOGIN_A, 'SELL', inside, 1000));
    const filledId = (filled.payload as Order).orderId;
    await b.request('newordersingle', market(LOGIN_B, 'BUY', 1000));
    await executionWith(a, filledId, 'FILLED');
    v.ex.controls.advance(1_000);
    const after = isoNow(v);
    const pending = await a.request('newordersingle', limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000));
    const pendingId = (pending.payload as Order).orderId;

    const ids = (reply: Msg): number[] =>
      (reply.payload as Order[]).map((o) => o.orderId).sort((x, y) => x - y);
    const plain = await a.request('orders', undefined, 'ID-orders');
    expect(shapeProblems(plain, CURRENT_LIST_REPLY, 'orders')).toEqual([]);
    expect(listProblems(plain.payload, CURRENT_ORDERS_ITEM, 'orders.payload')).toEqual([]);
    expect(ids(plain)).toEqual([pendingId]);

    const since = await a.request('orders', { fromTime: before });
    expect(listProblems(since.payload, CURRENT_ORDERS_ITEM, 'since.payload')).toEqual([]);
    expect(ids(since)).toEqual([goneId, filledId, pendingId]);
    const byId = new Map((since.payload as Order[]).map((o) => [o.orderId, o]));
    expect(byId.get(goneId)).toMatchObject({ status: 'CANCELED' });
    expect(byId.get(filledId)).toMatchObject({ status: 'FILLED', executedQty: 1000 });

    const later = await a.request('orders', { fromTime: after });
    expect(ids(later)).toEqual([pendingId]);
    expect(executionProblems(a)).toEqual([]);
  });
});

describe('current revision: errors name the request event, with a code or as a bare name', () => {
  it('ordercancel of an unknown order is ORDER_NOT_EXISTS, of a closed one ORDER_ALREADY_CLOSED', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid } = prices(v);
    const unknown = await a.request('ordercancel', { orderId: 987654321 }, 'ID-x');
    expect(unknown).toEqual({
      event: 'error',
      requestId: 'ID-x',
      payload: { event: 'ordercancel', error: 'ORDER_NOT_EXISTS' },
    });
    const placed = await a.request('newordersingle', limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000));
    const { orderId } = placed.payload as Order;
    await a.request('ordercancel', { orderId });
    const again = await a.request('ordercancel', { orderId }, 'ID-y');
    expect(again).toEqual({
      event: 'error',
      requestId: 'ID-y',
      payload: { event: 'ordercancel', error: 'ORDER_ALREADY_CLOSED' },
    });
  });

  it('every refused request gets one error reply that names its event and requestId', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const { bid, last } = prices(v);
    const placed = await a.request('newordersingle', limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000));
    const { orderId } = placed.payload as Order;
    await a.request('ordercancel', { orderId });
    const ok = limit(LOGIN_A, 'BUY', px(bid - 0.001), 1000);
    const { timeInForce: _tif, ...noTif } = ok;
    const { login: _login, ...noLogin } = ok;
    const refused: Array<[string, unknown]> = [
      ['orderstatus', { orderId: 987654321 }],
      ['orderstatus', { clientOrderId: 'nobody' }],
      ['modifyordersingle', { orderId: 987654321, quantity: 2000 }],
      ['modifyordersingle', { orderId, quantity: 2000 }],
      ['newordersingle', { ...ok, symbol: 'NOPE' }],
      ['newordersingle', noTif],
      ['newordersingle', noLogin],
      ['newordersingle', { ...ok, timeInForce: 'GTC' }],
      [
        'newordersingle',
        { ...ok, type: 'STOP', price: undefined, stopPrice: px(last + 0.003), timeInForce: 'TPI' },
      ],
      ['newordersingle', { ...ok, tillTime: new Date(v.ex.controls.now() - 1_000).toISOString() }],
    ];
    for (const [i, [event, payload]] of refused.entries()) {
      const requestId = `ID-${i}-${event}`;
      const reply = await a.request(event, payload, requestId);
      const where = `${event} ${JSON.stringify(payload)}`;
      expect(reply.requestId, where).toBe(requestId);
      expect(errorPayload(reply, where).event, where).toBe(event);
    }
  });

  it('an unknown event is refused naming it, and an unreadable frame answers requestId null', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    const reply = await a.request('no-such-event', {}, 'ID-z');
    // "request event, could be empty": the name, or "" when the server will not echo it.
    expect(['no-such-event', '']).toContain(errorPayload(reply, 'unknown event').event);
    a.sendRaw('{"event": "orders", "requestId": ');
    const garbled = await a.waitFor((m) => m.event === 'error' && m.requestId === null);
    expect(currentErrorProblems(garbled.payload, 'garbled')).toEqual([]);
    expect(a.open).toBe(true);
  });
});

describe('current revision: nothing beyond the current text', () => {
  it('symbols, subscribe, unsubscribe and depth each get an error reply naming the event, and no quotes follow', async () => {
    const v = await venue();
    const a = await connect(v, 'tok-a');
    for (const [event, payload] of [
      ['symbols', undefined],
      ['subscribe', { symbols: [SYMBOL] }],
      ['unsubscribe', { symbols: [SYMBOL] }],
      ['depth', { symbol: SYMBOL, levels: 5 }],
    ] as const) {
      const reply = await a.request(event, payload, `ID-${event}`);
      expect(reply.requestId).toBe(`ID-${event}`);
      expect(['', event]).toContain(errorPayload(reply, event).event);
    }
    v.ex.controls.resumeMarket();
    v.ex.controls.setReferencePrice(SYMBOL, px(prices(v).last + 0.001));
    v.ex.controls.advance(2_000);
    await a.request('orders');
    expect(a.messages.filter((m) => m.event === 'quote' || m.event === 'depth')).toEqual([]);
  });
});
