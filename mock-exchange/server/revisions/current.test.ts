import { afterEach, describe, expect, it } from 'vitest';
import {
  CurrentCanceled,
  CurrentCodedError,
  CurrentModified,
  CurrentNamedError,
  CurrentOrder,
  CurrentOrderWithFills,
  CurrentPlaced,
} from '../../../shared/protocol/revisions';
import type { ServerMsg, TestClient } from '../../test-client/client';
import { startExchange } from '../../index';
import type { Harness } from '../../testing/harness';
import {
  BOB,
  ME,
  executionIn,
  executionsOf,
  exactly,
  openRevision,
  payloadOf,
} from './testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const px = (n: number): number => Number(n.toFixed(5));
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const orderIdOf = (msg: ServerMsg): number => payloadOf(msg).orderId as number;

async function open(): Promise<{ c: TestClient; bob: TestClient }> {
  const opened = await openRevision('current');
  h = opened.h;
  return opened;
}

function place(c: TestClient, payload: Record<string, unknown>): Promise<ServerMsg> {
  return c.request('newordersingle', {
    symbol: 'EURUSD',
    quantity: 1000,
    login: ME,
    timeInForce: 'TPI',
    ...payload,
  });
}

/** Waits until every message sent before now has arrived (the reply follows them). */
const settle = (c: TestClient): Promise<ServerMsg> => c.request('orders');

const bestAsk = (harness: Harness): [number, number] => {
  const level = harness.ex.engine.book('EURUSD', 1).asks[0];
  if (!level) throw new Error('no ask');
  return level;
};

describe('current revision: newordersingle', () => {
  it('answers {orderId, clientOrderId, status, type, login} with the numeric login', async () => {
    const { c } = await open();
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      clientOrderId: 'my first order',
      note: 'tp',
    });
    expect(reply.event).toBe('newordersingle');
    expect(exactly(CurrentPlaced, reply.payload)).toEqual({
      orderId: orderIdOf(reply),
      clientOrderId: 'my first order',
      status: 'NEW',
      type: 'LIMIT',
      login: ME,
    });
  });

  it('sends executions in the text shape: ISO transactTime, TPI, fills, no extensions, no note', async () => {
    const { c } = await open();
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, note: 'tp' });
    const accepted = exactly(CurrentOrderWithFills, await executionIn(c, orderIdOf(reply), 'NEW'));
    expect(accepted).toMatchObject({ timeInForce: 'TPI', price: 1.07, fills: [], executedQty: 0 });
    expect(accepted.transactTime).toMatch(ISO_UTC);
    expect(accepted.transactTime).toBe(new Date(h?.ex.controls.now() ?? 0).toISOString());
    await settle(c);
    for (const m of c.messages) {
      expect(m).not.toHaveProperty('seq');
      expect(JSON.stringify(m)).not.toContain('"note"');
    }
  });

  it('a market order fills: its execution lists the fills and shows no price', async () => {
    const { c } = await open();
    const [ask] = bestAsk(h as Harness);
    const reply = await place(c, { side: 'BUY', type: 'MARKET', timeInForce: 'IOC' });
    expect(payloadOf(reply).status).toBe('FILLED');
    const filled = exactly(CurrentOrderWithFills, await executionIn(c, orderIdOf(reply), 'FILLED'));
    expect(filled.fills).toEqual([{ price: ask, qty: 1000 }]);
    expect(filled).not.toHaveProperty('price');
    expect(filled).not.toHaveProperty('cummulativeQuoteQty');
  });

  it('a partly filled order is PARTIAL_FILL, with the fills so far', async () => {
    const { c } = await open();
    const [ask, size] = bestAsk(h as Harness);
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: ask, quantity: size + 1000 });
    expect(payloadOf(reply).status).toBe('PARTIAL_FILL');
    const partial = await executionIn(c, orderIdOf(reply), 'PARTIAL_FILL');
    expect(partial.fills).toEqual([{ price: ask, qty: size }]);
    const accepted = await executionIn(c, orderIdOf(reply), 'NEW');
    expect(accepted.fills).toEqual([]);
    const [listed] = (await settle(c)).payload as unknown[];
    expect(exactly(CurrentOrder, listed)).toMatchObject({
      status: 'PARTIAL_FILL',
      executedQty: size,
    });
  });

  it('TPI is for LIMIT orders only; GTC and timeInForceDate are not this revision', async () => {
    const { c } = await open();
    const stop = await place(c, { side: 'BUY', type: 'STOP', stopPrice: 1.2 });
    expect(exactly(CurrentCodedError, stop.payload)).toMatchObject({
      event: 'newordersingle',
      code: 200423,
    });
    const gtc = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, timeInForce: 'GTC' });
    expect(payloadOf(gtc)).toMatchObject({ event: 'newordersingle', code: 100422 });
    expect(String(payloadOf(gtc).error)).toContain('timeInForce');
  });

  it('login is a number: a string login is an invalid field, another account is refused', async () => {
    const { c } = await open();
    const text = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, login: String(ME) });
    expect(payloadOf(text)).toMatchObject({ event: 'newordersingle', code: 100422 });
    const other = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, login: BOB });
    expect(payloadOf(other)).toMatchObject({ event: 'newordersingle', code: 300403 });
  });
});

describe('current revision: tillTime and reason', () => {
  it('an order is CANCELED with LIFETIME_EXPIRED at its tillTime', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const tillTime = new Date(harness.ex.controls.now() + 60_000).toISOString();
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      timeInForce: 'AON',
      tillTime,
    });
    const orderId = orderIdOf(reply);
    harness.ex.controls.advance(59_000);
    const open59 = await c.request('orderstatus', { orderId });
    expect(payloadOf(open59)).toMatchObject({ status: 'NEW', tillTime });
    harness.ex.controls.advance(2_000);
    const closed = exactly(CurrentOrderWithFills, await executionIn(c, orderId, 'CANCELED'));
    expect(closed).toMatchObject({ reason: 'LIFETIME_EXPIRED', tillTime, timeInForce: 'AON' });
  });

  it('a tillTime in the past is refused; an IOC remainder closes with its reason as text', async () => {
    const { c } = await open();
    const past = new Date((h as Harness).ex.controls.now() - 1).toISOString();
    const late = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, tillTime: past });
    expect(payloadOf(late)).toMatchObject({ event: 'newordersingle', code: 200423 });
    const [ask, size] = bestAsk(h as Harness);
    const ioc = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: ask,
      quantity: size + 1000,
      timeInForce: 'IOC',
    });
    expect(payloadOf(ioc).status).toBe('CANCELED');
    const closed = await executionIn(c, orderIdOf(ioc), 'CANCELED');
    expect(closed).toMatchObject({ reason: 'IOC_REMAINDER', executedQty: size });
  });
});

describe('current revision: modifyordersingle', () => {
  it('modifies by clientOrderId, renames with clientOrderIdValue and answers the new values', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      clientOrderId: 'my order',
    });
    const orderId = orderIdOf(reply);
    const tillTime = new Date(harness.ex.controls.now() + 120_000).toISOString();
    const modified = await c.request('modifyordersingle', {
      clientOrderId: 'my order',
      price: 1.071,
      quantity: 2000,
      tillTime,
      clientOrderIdValue: 'new value',
      note: 'moved',
    });
    expect(exactly(CurrentModified, modified.payload)).toEqual({
      orderId,
      clientOrderId: 'new value',
      price: 1.071,
      quantity: 2000,
      tillTime,
    });
    const execution = await c.waitFor(
      (m) => m.event === 'execution' && payloadOf(m).price === 1.071,
    );
    expect(payloadOf(execution)).toMatchObject({
      clientOrderId: 'new value',
      origQty: 2000,
      tillTime,
    });
    const byOld = await c.request('orderstatus', { clientOrderId: 'my order' });
    expect(exactly(CurrentNamedError, byOld.payload)).toEqual({
      event: 'orderstatus',
      error: 'ORDER_NOT_EXISTS',
    });
    const byNew = await c.request('orderstatus', { clientOrderId: 'new value' });
    expect(payloadOf(byNew)).toMatchObject({ orderId, clientOrderId: 'new value' });
  });

  it('tillTime "" removes the lifetime: the order outlives it', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const tillTime = new Date(harness.ex.controls.now() + 60_000).toISOString();
    const reply = await place(c, { side: 'SELL', type: 'LIMIT', price: 1.1, tillTime });
    const orderId = orderIdOf(reply);
    const cleared = await c.request('modifyordersingle', { orderId, tillTime: '' });
    expect(exactly(CurrentModified, cleared.payload)).not.toHaveProperty('tillTime');
    const modifiedExecution = await c.waitFor(
      (m) =>
        m.event === 'execution' &&
        payloadOf(m).orderId === orderId &&
        !('tillTime' in payloadOf(m)),
    );
    expect(payloadOf(modifiedExecution).status).toBe('NEW');
    harness.ex.controls.advance(120_000);
    const status = await c.request('orderstatus', { orderId });
    expect(payloadOf(status).status).toBe('NEW');
  });

  it("a rename to a working order's clientOrderId is refused, a closed order answers ORDER_ALREADY_CLOSED", async () => {
    const { c } = await open();
    await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, clientOrderId: 'a' });
    const b = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.06, clientOrderId: 'b' });
    const clash = await c.request('modifyordersingle', {
      clientOrderId: 'b',
      clientOrderIdValue: 'a',
    });
    expect(payloadOf(clash)).toMatchObject({ event: 'modifyordersingle', code: 200409 });
    await c.request('ordercancel', { orderId: orderIdOf(b) });
    const closed = await c.request('modifyordersingle', { orderId: orderIdOf(b), price: 1.05 });
    expect(closed.payload).toEqual({ event: 'modifyordersingle', error: 'ORDER_ALREADY_CLOSED' });
  });
});

describe('current revision: ordercancel', () => {
  it('answers {orderId, clientOrderId, status: CANCELED, reason: USER}; errors are named', async () => {
    const { c } = await open();
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      clientOrderId: 'my order',
    });
    const orderId = orderIdOf(reply);
    const canceled = await c.request('ordercancel', { clientOrderId: 'my order', note: 'sl' });
    expect(exactly(CurrentCanceled, canceled.payload)).toEqual({
      orderId,
      clientOrderId: 'my order',
      status: 'CANCELED',
      reason: 'USER',
    });
    expect(await executionIn(c, orderId, 'CANCELED')).toMatchObject({ reason: 'USER' });
    const again = await c.request('ordercancel', { orderId });
    expect(again).toMatchObject({
      event: 'error',
      requestId: again.requestId,
      payload: { event: 'ordercancel', error: 'ORDER_ALREADY_CLOSED' },
    });
    const unknown = await c.request('ordercancel', { orderId: 999_999 });
    expect(unknown.payload).toEqual({ event: 'ordercancel', error: 'ORDER_NOT_EXISTS' });
    const nameless = await c.request('ordercancel', {});
    expect(payloadOf(nameless)).toMatchObject({ event: 'ordercancel', code: 100422 });
  });

  it("another account's order does not exist for this session", async () => {
    const { c, bob } = await open();
    const mine = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    const theirs = await bob.request('ordercancel', { orderId: orderIdOf(mine) });
    expect(theirs.payload).toEqual({ event: 'ordercancel', error: 'ORDER_NOT_EXISTS' });
  });
});

describe('current revision: neworderoco', () => {
  it('answers both legs as {orderId, clientOrderId, status, type, login}', async () => {
    const { c } = await open();
    const last = (h as Harness).ex.engine.lastPrice('EURUSD') ?? 0;
    const tillTime = new Date((h as Harness).ex.controls.now() + 60_000).toISOString();
    const reply = await c.request('neworderoco', {
      login: ME,
      tillTime,
      symbol: 'EURUSD',
      side: 'SELL',
      timeInForce: 'AON',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: px(last + 0.002), clientOrderId: 'limit order', note: 'tp' },
        {
          type: 'STOP_LIMIT',
          price: px(last - 0.0021),
          stopPrice: px(last - 0.002),
          clientOrderId: 'stop-limit order',
          note: 'sl',
        },
      ],
    });
    const legs = reply.payload as unknown[];
    expect(legs.map((leg) => exactly(CurrentPlaced, leg))).toEqual([
      {
        orderId: expect.any(Number),
        clientOrderId: 'limit order',
        status: 'NEW',
        type: 'LIMIT',
        login: ME,
      },
      {
        orderId: expect.any(Number),
        clientOrderId: 'stop-limit order',
        status: 'NEW',
        type: 'STOP_LIMIT',
        login: ME,
      },
    ]);
    const listed = (await settle(c)).payload as unknown[];
    expect(listed.map((o) => exactly(CurrentOrder, o).tillTime)).toEqual([tillTime, tillTime]);
    (h as Harness).ex.controls.advance(61_000);
    const [limit, stop] = legs.map((leg) => (leg as { orderId: number }).orderId);
    expect(await executionIn(c, limit as number, 'CANCELED')).toMatchObject({
      reason: 'LIFETIME_EXPIRED',
    });
    expect(await executionIn(c, stop as number, 'CANCELED')).toMatchObject({
      reason: 'LIFETIME_EXPIRED',
    });
  });

  it('a leg that fills cancels the other with OCO_CONDITION', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const last = harness.ex.engine.lastPrice('EURUSD') ?? 0;
    const reply = await c.request('neworderoco', {
      login: ME,
      symbol: 'EURUSD',
      side: 'SELL',
      timeInForce: 'AON',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: px(last + 0.002) },
        { type: 'STOP', stopPrice: px(last - 0.002) },
      ],
    });
    const [limit, stop] = (reply.payload as Array<{ orderId: number }>).map((l) => l.orderId);
    harness.ex.controls.setReferencePrice('EURUSD', px(last + 0.004));
    await executionIn(c, limit as number, 'FILLED');
    expect(await executionIn(c, stop as number, 'CANCELED')).toMatchObject({
      reason: 'OCO_CONDITION',
    });
  });

  it('TPI is refused for an OCO pair (it has a STOP leg)', async () => {
    const { c } = await open();
    const reply = await c.request('neworderoco', {
      login: ME,
      symbol: 'EURUSD',
      side: 'SELL',
      timeInForce: 'TPI',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: 1.2 },
        { type: 'STOP', stopPrice: 1.0 },
      ],
    });
    expect(payloadOf(reply)).toMatchObject({ event: 'neworderoco', code: 200423 });
  });
});

describe('current revision: orders and orderstatus', () => {
  it('orders lists pending conditional orders, plus those filled or cancelled since fromTime', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const fromTime = new Date(harness.ex.controls.now()).toISOString();
    const resting = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    const cancelled = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.06 });
    await c.request('ordercancel', { orderId: orderIdOf(cancelled) });
    const market = await place(c, { side: 'BUY', type: 'MARKET', timeInForce: 'IOC' });
    expect(payloadOf(market).status).toBe('FILLED');
    const pending = (await c.request('orders')).payload as unknown[];
    expect(pending.map((o) => exactly(CurrentOrder, o).orderId)).toEqual([orderIdOf(resting)]);
    const since = (await c.request('orders', { fromTime })).payload as unknown[];
    const shown = since.map((o) => exactly(CurrentOrder, o));
    expect(shown.map((o) => [o.orderId, o.status])).toEqual([
      [orderIdOf(resting), 'NEW'],
      [orderIdOf(cancelled), 'CANCELED'],
    ]);
    expect(shown[1]).toMatchObject({ reason: 'USER' });
    expect(shown[0]).not.toHaveProperty('transactTime');
    const later = new Date(harness.ex.controls.now() + 1000).toISOString();
    harness.ex.controls.advance(2000);
    const none = (await c.request('orders', { fromTime: later })).payload as unknown[];
    expect(none).toHaveLength(1);
    const epoch = await c.request('orders', { fromTime: harness.ex.controls.now() });
    expect(payloadOf(epoch)).toMatchObject({ event: 'orders', code: 100422 });
  });

  it('orderstatus answers by orderId or clientOrderId, with fills and ISO transactTime', async () => {
    const { c } = await open();
    const [ask] = bestAsk(h as Harness);
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: ask,
      clientOrderId: 'my first order',
      timeInForce: 'FOK',
    });
    const byId = await c.request('orderstatus', { orderId: orderIdOf(reply) });
    const byCid = await c.request('orderstatus', { clientOrderId: 'my first order' });
    expect(byCid.payload).toEqual(byId.payload);
    const status = exactly(CurrentOrderWithFills, byId.payload);
    expect(status).toMatchObject({
      status: 'FILLED',
      timeInForce: 'FOK',
      price: ask,
      fills: [{ price: ask, qty: 1000 }],
    });
    expect(status.transactTime).toMatch(ISO_UTC);
  });
});

describe('current revision: errors and extensions', () => {
  it('refuses every extension event with a coded error naming it', async () => {
    const { c } = await open();
    for (const event of ['symbols', 'subscribe', 'unsubscribe', 'depth', 'quote']) {
      const reply = await c.request(event, { symbols: ['EURUSD'] });
      expect(reply).toMatchObject({ event: 'error', requestId: reply.requestId });
      expect(exactly(CurrentCodedError, reply.payload)).toMatchObject({ event, code: 100404 });
    }
    expect(c.messages.some((m) => m.event === 'quote')).toBe(false);
  });

  it('an unreadable frame answers requestId null and an empty event', async () => {
    const { c } = await open();
    c.send('{not json');
    const reply = await c.waitFor((m) => m.event === 'error');
    expect(reply).toMatchObject({ requestId: null, payload: { event: '', code: 100400 } });
  });

  it('a current-revision exchange needs numeric logins; its default account is 100001', async () => {
    await expect(
      startExchange({
        revision: 'current',
        clock: 'manual',
        accounts: [{ login: 'demo', token: 'demo' }],
      }),
    ).rejects.toThrow(/positive integer/);
    const ex = await startExchange({ revision: 'current', clock: 'manual' });
    try {
      expect(ex.logins).toEqual(['100001']);
    } finally {
      await ex.close();
    }
  });
});

describe('current revision: one execution per change', () => {
  it('each execution carries only the fills made up to it', async () => {
    const { c } = await open();
    const harness = h as Harness;
    const asks = harness.ex.engine.book('EURUSD', 2).asks;
    const [first, second] = asks;
    if (!first || !second) throw new Error('thin book');
    const quantity = first[1] + 1000;
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: second[0], quantity });
    await executionIn(c, orderIdOf(reply), 'FILLED');
    const fillCounts = executionsOf(c, orderIdOf(reply)).map((e) => (e.fills as unknown[]).length);
    expect(fillCounts).toEqual([0, 1, 2]);
  });
});
