/**
 * Black-box conformance: the CLI exchange driven by a client written from
 * docs/protocol.md alone (wsClient.ts), through every event and every error code a
 * client can provoke. Replies are checked twice: with the shared schemas and
 * by hand against the document's shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorMessage,
  ExecutionMessage,
  ModifyOrderReply,
  NewOrderOcoReply,
  NewOrderSingleReply,
  OrderCancelReply,
  OrdersReply,
  OrderStatusReply,
  QuoteMessage,
  SubscribeReply,
  SymbolsReply,
  UnsubscribeReply,
} from '../../shared/protocol';
import { startExchange, type ExchangeHandle } from '../index';
import { killAllClis, startCli, type CliExchange } from './cliProcess';
import {
  errorOf,
  nextRequestId,
  payloadOf,
  upgradeStatus,
  WsClient,
  type Msg,
  type WireOrder,
} from './wsClient';

const TOKEN = 'secret-token';
const ORDER_KEYS = [
  'symbol',
  'type',
  'orderId',
  'clientOrderId',
  'transactTime',
  'price',
  'origQty',
  'executedQty',
  'status',
  'timeInForce',
  'side',
];
const SYMBOL = 'EURUSD';
const TICK = 0.00001;

let cli: CliExchange;
let c: WsClient;

/** A price on the EURUSD tick grid. */
function px(value: number): number {
  return Number((Math.round(value / TICK) * TICK).toFixed(5));
}

/** The last quote received for SYMBOL. */
function lastQuote(client: WsClient): {
  bid: number | null;
  ask: number | null;
  last: number | null;
} {
  const quotes = client.messages.filter(
    (m) => m.event === 'quote' && (m.payload as { symbol: string }).symbol === SYMBOL,
  );
  const q = quotes[quotes.length - 1];
  if (!q) throw new Error('no quote yet');
  return q.payload as { bid: number | null; ask: number | null; last: number | null };
}

/** Checks an order object by hand against the source document's keys. */
function expectOrderShape(o: WireOrder): void {
  for (const key of ORDER_KEYS) expect(o, `order key ${key}`).toHaveProperty(key);
  expect(Number.isInteger(o.orderId) && o.orderId > 0).toBe(true);
  expect(typeof o.transactTime).toBe('number');
  expect(['BUY', 'SELL']).toContain(o.side);
  expect(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']).toContain(
    o.status,
  );
  expect(o).not.toHaveProperty('cumulativeQuoteQty');
}

/** Sends a request expected to fail and returns its error payload, checking the shape. */
async function expectError(
  client: WsClient,
  event: string,
  payload: unknown,
  code: number,
  mention?: string,
): Promise<{ code: number; error: string }> {
  const requestId = nextRequestId('err');
  const reply = await client.request(event, payload, requestId);
  expect(ErrorMessage.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
  expect(reply.requestId).toBe(requestId);
  const err = errorOf(reply);
  expect(err.code, `${event} ${JSON.stringify(payload)} -> ${err.error}`).toBe(code);
  expect(err.error.length).toBeGreaterThan(0);
  if (mention) expect(err.error).toContain(mention);
  return err;
}

/** The reply that a raw frame provokes (the next reply after `from`). */
async function rawReply(client: WsClient, frame: string | Buffer, binary = false): Promise<Msg> {
  const from = client.replies.length;
  client.sendRaw(frame, binary);
  await client.waitUntil(() => client.replies.length > from, 10_000, 'raw reply');
  return client.replies[from] as Msg;
}

function limit(side: 'BUY' | 'SELL', price: number, extra: Record<string, unknown> = {}) {
  return { symbol: SYMBOL, side, type: 'LIMIT', price, quantity: 1000, ...extra };
}

beforeAll(async () => {
  cli = await startCli([
    '--port',
    '0',
    '--account',
    `demo:${TOKEN}`,
    '--account',
    'alice,bob:tok2',
    '--tick-ms',
    '50',
  ]);
  c = await WsClient.connect(cli.url, TOKEN);
  const ack = await c.request('subscribe', { symbols: [SYMBOL] });
  expect(SubscribeReply.parse(ack).payload.symbols).toEqual([SYMBOL]);
  await c.waitFor((m) => m.event === 'quote');
}, 40_000);

afterAll(async () => {
  await c?.close();
  await cli?.stop();
  killAllClis();
});

describe('black-box CLI: listening and auth', () => {
  it('prints one listening line naming logins, never tokens', () => {
    expect(cli.logins).toEqual(expect.arrayContaining(['demo', 'alice', 'bob']));
    expect(cli.output()).not.toContain(TOKEN);
    expect(cli.output()).not.toContain('tok2');
  });

  it('refuses a missing or wrong token with 401 and accepts ?token=', async () => {
    expect(await upgradeStatus(cli.url, {})).toBe(401);
    expect(await upgradeStatus(cli.url, { Authorization: 'Bearer nope' })).toBe(401);
    expect(await upgradeStatus(cli.url, { Authorization: `Basic ${TOKEN}` })).toBe(401);
    expect(await upgradeStatus(`${cli.url}/?token=nope`, {})).toBe(401);
    const q = await WsClient.connect(cli.url, TOKEN, { viaQuery: true });
    expect(payloadOf<unknown[]>(await q.request('symbols')).length).toBeGreaterThan(0);
    await q.close();
  });
});

describe('black-box CLI: every event', () => {
  it('symbols', async () => {
    const reply = await c.request('symbols');
    const parsed = SymbolsReply.parse(reply);
    const eur = parsed.payload.find((s) => s.symbol === SYMBOL);
    expect(eur).toMatchObject({ tickSize: TICK, stepSize: 1000, minQty: 1000, pricePrecision: 5 });
  });

  it('subscribe sends quotes; unsubscribe acks the remaining set', async () => {
    const q = await WsClient.connect(cli.url, TOKEN);
    const ack = await q.request('subscribe', { symbols: ['GBPUSD'] });
    expect(SubscribeReply.parse(ack).payload.symbols).toEqual(['GBPUSD']);
    const quote = await q.waitFor((m) => m.event === 'quote');
    const parsed = QuoteMessage.parse(quote);
    expect(parsed.payload.symbol).toBe('GBPUSD');
    expect(quote).not.toHaveProperty('requestId');
    const un = await q.request('unsubscribe', { symbols: ['GBPUSD'] });
    expect(UnsubscribeReply.parse(un).payload.symbols).toEqual([]);
    await q.close();
  });

  it('newordersingle LIMIT rests NEW; reply precedes its execution; modify, orders, orderstatus, cancel', async () => {
    const q = lastQuote(c);
    const bid = q.bid ?? 1.08;
    const price = px(bid * 0.9);
    const requestId = nextRequestId('new');
    const reply = await c.request('newordersingle', limit('BUY', price), requestId);
    const parsed = NewOrderSingleReply.parse(reply);
    expect(reply.requestId).toBe(requestId);
    expect(parsed.payload.status).toBe('NEW');
    const orderId = parsed.payload.orderId;
    const accepted = await c.waitExecution(orderId);
    const replyIndex = c.messages.indexOf(reply);
    const firstExec = c.messages.findIndex(
      (m) => m.event === 'execution' && (m.payload as WireOrder).orderId === orderId,
    );
    expect(firstExec).toBeGreaterThan(replyIndex);
    expect(
      ExecutionMessage.safeParse(c.messages[firstExec]).success,
      JSON.stringify(accepted),
    ).toBe(true);
    expectOrderShape(accepted);
    expect(accepted).toMatchObject({ status: 'NEW', price, origQty: 1000, executedQty: 0 });
    expect(accepted.clientOrderId).toMatch(/^[A-Za-z0-9_-]{1,36}$/);
    expect(c.messages[firstExec]).not.toHaveProperty('requestId');

    // modify: bare reply, then an execution with the new values
    const newPrice = px(price - 10 * TICK);
    const mod = await c.request('modifyordersingle', { orderId, price: newPrice, quantity: 3000 });
    expect(ModifyOrderReply.parse(mod).event).toBe('modifyordersingle');
    expect(mod.payload).toBeUndefined();
    const modified = await c.waitExecution(orderId, (o) => o.price === newPrice);
    expect(modified).toMatchObject({ status: 'NEW', origQty: 3000 });

    // orders: working orders in the source shape
    const orders = OrdersReply.parse(await c.request('orders'));
    const mine = orders.payload.find((o) => o.orderId === orderId);
    expect(mine).toMatchObject({ price: newPrice, origQty: 3000, status: 'NEW' });
    for (const o of orders.payload) expectOrderShape(o as WireOrder);

    // orderstatus by orderId and by clientOrderId
    const st = OrderStatusReply.parse(await c.request('orderstatus', { orderId }));
    expect(st.payload).toMatchObject({ orderId, fills: [] });
    const byCoid = OrderStatusReply.parse(
      await c.request('orderstatus', { clientOrderId: accepted.clientOrderId }),
    );
    expect(byCoid.payload.orderId).toBe(orderId);

    // cancel: bare reply, then CANCELED; then 2001 on both modify and cancel
    const cancel = await c.request('ordercancel', { orderId });
    expect(OrderCancelReply.parse(cancel).event).toBe('ordercancel');
    expect(cancel.payload).toBeUndefined();
    const canceled = await c.waitExecution(orderId, (o) => o.status === 'CANCELED');
    expectOrderShape(canceled);
    await expectError(c, 'ordercancel', { orderId }, 2001);
    await expectError(c, 'modifyordersingle', { orderId, quantity: 5000 }, 2001);

    // orders with fromTime sees the final order too; without it, not
    const working = payloadOf<WireOrder[]>(await c.request('orders'));
    expect(working.some((o) => o.orderId === orderId)).toBe(false);
    const history = OrdersReply.parse(
      await c.request('orders', { fromTime: accepted.transactTime }),
    );
    expect(history.payload.find((o) => o.orderId === orderId)?.status).toBe('CANCELED');
  });

  it('a numeric requestId is echoed as a number', async () => {
    const reply = await c.request('symbols', undefined, 424242);
    expect(reply.requestId).toBe(424242);
    const err = await c.request('orderstatus', { orderId: 987654321 }, 77);
    expect(err).toMatchObject({ event: 'error', requestId: 77, payload: { code: 2000 } });
  });

  it('MARKET fills: executions carry lastPrice/lastQty; fills sum to executedQty', async () => {
    const reply = await c.request('newordersingle', {
      symbol: SYMBOL,
      side: 'BUY',
      type: 'MARKET',
      quantity: 2000,
      clientOrderId: 'bb-market-1',
    });
    const parsed = NewOrderSingleReply.parse(reply);
    expect(parsed.payload.status).toBe('FILLED');
    const orderId = parsed.payload.orderId;
    const filled = await c.waitExecution(orderId, (o) => o.status === 'FILLED');
    expect(filled.executedQty).toBe(2000);
    expect(typeof filled.lastPrice).toBe('number');
    expect(typeof filled.lastQty).toBe('number');
    const st = OrderStatusReply.parse(await c.request('orderstatus', { orderId }));
    const sum = st.payload.fills.reduce((a, f) => a + f.qty, 0);
    expect(sum).toBe(2000);
    const quote = st.payload.fills.reduce((a, f) => a + f.price * f.qty, 0);
    expect(st.payload.cummulativeQuoteQty).toBeCloseTo(quote, 6);
    expect(st.payload.clientOrderId).toBe('bb-market-1');
    // a final clientOrderId may be reused (2002 is for working orders only)
    const again = await c.request('newordersingle', {
      ...limit('BUY', px((lastQuote(c).bid ?? 1) * 0.9)),
      clientOrderId: 'bb-market-1',
    });
    const againId = NewOrderSingleReply.parse(again).payload.orderId;
    expect(againId).toBeGreaterThan(orderId);
    await c.request('ordercancel', { orderId: againId });
  });

  it('IOC and FOK that cannot fill EXPIRE with nothing filled', async () => {
    const far = px((lastQuote(c).bid ?? 1.08) * 0.9);
    for (const tif of ['IOC', 'FOK']) {
      const r = NewOrderSingleReply.parse(
        await c.request('newordersingle', limit('BUY', far, { timeInForce: tif })),
      );
      expect(r.payload.status).toBe('EXPIRED');
      const ex = await c.waitExecution(r.payload.orderId, (o) => o.status === 'EXPIRED');
      expect(ex.executedQty).toBe(0);
    }
  });

  it('neworderoco: legs in request order; cancelling one leg cancels both', async () => {
    // make sure there is a last price
    await c.request('newordersingle', {
      symbol: SYMBOL,
      side: 'SELL',
      type: 'MARKET',
      quantity: 1000,
    });
    await c.waitUntil(() => lastQuote(c).last !== null, 10_000, 'a last price');
    const last = lastQuote(c).last as number;
    const reply = await c.request('neworderoco', {
      symbol: SYMBOL,
      side: 'SELL',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: px(last * 1.1), clientOrderId: 'oco-limit' },
        { type: 'STOP', stopPrice: px(last * 0.9), clientOrderId: 'oco-stop' },
      ],
    });
    const parsed = NewOrderOcoReply.parse(reply);
    expect(parsed.payload.map((l) => [l.type, l.clientOrderId, l.status])).toEqual([
      ['LIMIT', 'oco-limit', 'NEW'],
      ['STOP', 'oco-stop', 'NEW'],
    ]);
    const [a, b] = parsed.payload as unknown as [{ orderId: number }, { orderId: number }];
    await c.request('ordercancel', { clientOrderId: 'oco-stop' });
    await c.waitExecution(a.orderId, (o) => o.status === 'CANCELED');
    await c.waitExecution(b.orderId, (o) => o.status === 'CANCELED');
  });

  it('execution seq increases by one per execution on this connection', () => {
    const seqs = c.executions.map((e) => e.seq);
    expect(seqs.every((s) => typeof s === 'number')).toBe(true);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] as number) + 1);
  });
});

describe('black-box CLI: every error code', () => {
  it('1000 malformed JSON, not an object, binary frame: requestId null', async () => {
    for (const frame of ['{nope', '[]', '42', '"str"', 'null', '']) {
      const reply = await rawReply(c, frame);
      expect(ErrorMessage.safeParse(reply).success, frame).toBe(true);
      expect(reply).toMatchObject({ event: 'error', requestId: null, payload: { code: 1000 } });
    }
    const bin = await rawReply(c, Buffer.from('{"event":"symbols","requestId":"b"}'), true);
    expect(bin).toMatchObject({ event: 'error', payload: { code: 1000 } });
    expect(c.open).toBe(true);
  });

  it('1001 unknown event', async () => {
    await expectError(c, 'teleport', {}, 1001, 'teleport');
  });

  it('1002 names the missing or mistyped field', async () => {
    const base = limit('BUY', 1.0);
    await expectError(c, 'newordersingle', { ...base, symbol: undefined }, 1002, 'symbol');
    await expectError(c, 'newordersingle', { ...base, quantity: '1000' }, 1002, 'quantity');
    await expectError(c, 'newordersingle', { ...base, side: 'LONG' }, 1002, 'side');
    await expectError(c, 'newordersingle', { ...base, type: 'ICEBERG' }, 1002, 'type');
    await expectError(c, 'newordersingle', { ...base, timeInForce: 'NEVER' }, 1002, 'timeInForce');
    await expectError(
      c,
      'newordersingle',
      { ...base, clientOrderId: 'bad id!' },
      1002,
      'clientOrderId',
    );
    await expectError(c, 'newordersingle', undefined, 1002, 'payload');
    await expectError(c, 'orderstatus', {}, 1002, 'orderId');
    await expectError(c, 'orderstatus', { orderId: 1.5 }, 1002, 'orderId');
    await expectError(c, 'modifyordersingle', { orderId: 1 }, 1002);
    await expectError(c, 'subscribe', { symbols: 'EURUSD' }, 1002, 'symbols');
    // unknown fields are ignored
    const ok = await c.request('orderstatus', { orderId: 987654321, colour: 'blue' });
    expect(errorOf(ok).code).toBe(2000);
    // a bad or missing requestId: 1002 naming it, requestId null
    for (const frame of [
      JSON.stringify({ event: 'symbols' }),
      JSON.stringify({ event: 'symbols', requestId: 'x'.repeat(65) }),
      JSON.stringify({ event: 'symbols', requestId: '' }),
      JSON.stringify({ event: 'symbols', requestId: { a: 1 } }),
    ]) {
      const reply = await rawReply(c, frame);
      expect(reply).toMatchObject({ event: 'error', requestId: null, payload: { code: 1002 } });
      expect(errorOf(reply).error).toContain('requestId');
    }
  });

  it('1003 message too large (64 KiB); the session stays usable', async () => {
    const big = JSON.stringify({ event: 'symbols', requestId: 'big', pad: 'x'.repeat(70_000) });
    const reply = await rawReply(c, big);
    expect(reply).toMatchObject({ event: 'error', payload: { code: 1003 } });
    expect(ErrorMessage.safeParse(reply).success).toBe(true);
    expect(c.open).toBe(true);
    expect(payloadOf<unknown[]>(await c.request('symbols')).length).toBeGreaterThan(0);
  });

  it('2000 unknown order (by orderId and by clientOrderId)', async () => {
    await expectError(c, 'orderstatus', { orderId: 987654321 }, 2000);
    await expectError(c, 'ordercancel', { orderId: 987654321 }, 2000);
    await expectError(c, 'modifyordersingle', { orderId: 987654321, quantity: 2000 }, 2000);
    await expectError(c, 'orderstatus', { clientOrderId: 'never-used' }, 2000);
  });

  it('2002 duplicate clientOrderId of a working order', async () => {
    const price = px((lastQuote(c).bid ?? 1.08) * 0.9);
    const first = NewOrderSingleReply.parse(
      await c.request('newordersingle', limit('BUY', price, { clientOrderId: 'dup-1' })),
    );
    await expectError(c, 'newordersingle', limit('BUY', price, { clientOrderId: 'dup-1' }), 2002);
    await c.request('ordercancel', { orderId: first.payload.orderId });
  });

  it('2003 unknown symbol', async () => {
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), symbol: 'NOPE' }, 2003);
  });

  it('2004 price: off tick, <= 0, missing for type, given for MARKET, stop would trigger', async () => {
    await expectError(c, 'newordersingle', limit('BUY', 1.000001), 2004);
    await expectError(c, 'newordersingle', limit('BUY', 0), 2004);
    await expectError(c, 'newordersingle', limit('BUY', -1), 2004);
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), price: undefined }, 2004);
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), type: 'MARKET' }, 2004);
    await expectError(
      c,
      'newordersingle',
      { ...limit('BUY', 1), type: 'STOP', price: undefined },
      2004,
    );
    await c.waitUntil(() => lastQuote(c).last !== null, 10_000, 'a last price');
    const last = lastQuote(c).last as number;
    const err = await expectError(
      c,
      'newordersingle',
      { symbol: SYMBOL, side: 'BUY', type: 'STOP', stopPrice: px(last * 0.5), quantity: 1000 },
      2004,
    );
    expect(err.error).toMatch(/trigger/i);
  });

  it('2005 quantity: off step, not positive, not above executedQty on modify', async () => {
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), quantity: 1500 }, 2005);
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), quantity: 0 }, 2005);
    await expectError(c, 'newordersingle', { ...limit('BUY', 1), quantity: -1000 }, 2005);
    // a partially filled order: sell far more than the best bid level holds, at the bid
    let order: WireOrder | undefined;
    for (let attempt = 0; attempt < 20 && !order; attempt++) {
      const bid = lastQuote(c).bid;
      if (bid === null) {
        await c.waitFor((m) => m.event === 'quote', 5_000, c.messages.length);
        continue;
      }
      const r = NewOrderSingleReply.parse(
        await c.request('newordersingle', limit('SELL', bid, { quantity: 50_000_000 })),
      );
      if (r.payload.status === 'PARTIALLY_FILLED') {
        order = await c.waitExecution(r.payload.orderId, (o) => o.status === 'PARTIALLY_FILLED');
      } else {
        await c.request('ordercancel', { orderId: r.payload.orderId });
        await c.waitFor((m) => m.event === 'quote', 5_000, c.messages.length);
      }
    }
    expect(order, 'a partially filled order').toBeDefined();
    const o = order as WireOrder;
    const st = payloadOf<WireOrder>(await c.request('orderstatus', { orderId: o.orderId }));
    await expectError(
      c,
      'modifyordersingle',
      { orderId: o.orderId, quantity: st.executedQty },
      2005,
    );
    await c.request('ordercancel', { orderId: o.orderId });
  });

  it('2006 timeInForce: GTT without a date, GTT and lifeTime in the past', async () => {
    await expectError(c, 'newordersingle', limit('BUY', 1, { timeInForce: 'GTT' }), 2006);
    await expectError(
      c,
      'newordersingle',
      limit('BUY', 1, { timeInForce: 'GTT', timeInForceDate: '2020-01-01T00:00:00.000Z' }),
      2006,
    );
    await expectError(
      c,
      'neworderoco',
      {
        symbol: SYMBOL,
        side: 'SELL',
        quantity: 1000,
        lifeTime: '2020-01-01T00:00:00.000Z',
        orders: [
          { type: 'LIMIT', price: 5 },
          { type: 'STOP', stopPrice: 0.5 },
        ],
      },
      2006,
    );
  });

  it('2007 OCO legs: wrong types, wrong price relationship', async () => {
    const oco = (side: string, legs: unknown[]) => ({
      symbol: SYMBOL,
      side,
      quantity: 1000,
      orders: legs,
    });
    await expectError(
      c,
      'neworderoco',
      oco('SELL', [
        { type: 'LIMIT', price: 5 },
        { type: 'LIMIT', price: 6 },
      ]),
      2007,
    );
    await expectError(
      c,
      'neworderoco',
      oco('BUY', [
        { type: 'LIMIT', price: 5 },
        { type: 'STOP', stopPrice: 0.5 },
      ]),
      2007,
    );
  });

  it('3000 login not held by the session', async () => {
    await expectError(c, 'newordersingle', limit('BUY', 1, { login: 'alice' }), 3000);
    await expectError(c, 'orders', { login: 'alice' }, 3000);
  });
});

describe('black-box library: codes the CLI cannot provoke', () => {
  let ex: ExchangeHandle;
  afterAll(async () => ex?.close());

  it('3001 rate limit (session kept) and 1004 requestId in flight', async () => {
    ex = await startExchange({ clock: 'manual', rateLimit: { perSecond: 1, burst: 5 } });
    const s = await WsClient.connect(ex.url, 'demo');
    for (let i = 0; i < 12; i++)
      s.sendRaw(JSON.stringify({ event: 'symbols', requestId: `rl${i}` }));
    await s.waitUntil(() => s.replies.length >= 12, 10_000, '12 replies');
    const codes = s.replies.map((r) => (r.event === 'error' ? errorOf(r).code : 0));
    expect(codes.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(codes.slice(5).every((code) => code === 3001)).toBe(true);
    expect(s.replies.map((r) => r.requestId)).toEqual(
      Array.from({ length: 12 }, (_, i) => `rl${i}`),
    );
    expect(s.open).toBe(true);
    ex.controls.advance(10_000);
    expect(payloadOf<unknown[]>(await s.request('symbols')).length).toBeGreaterThan(0);

    ex.controls.faults.delayReplies(300);
    const from = s.replies.length;
    s.sendRaw(JSON.stringify({ event: 'symbols', requestId: 'same' }));
    s.sendRaw(JSON.stringify({ event: 'symbols', requestId: 'same' }));
    await s.waitUntil(() => s.replies.length >= from + 2, 10_000, 'two replies');
    const pair = s.replies.slice(from);
    expect(pair.map((r) => r.event).sort()).toEqual(['error', 'symbols']);
    expect(errorOf(pair.find((r) => r.event === 'error') as Msg).code).toBe(1004);
    ex.controls.faults.clear();
    await s.close();
  });
});
