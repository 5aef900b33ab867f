import { afterEach, describe, expect, it } from 'vitest';
import {
  FirstErrorMessage,
  FirstOcoLegReply,
  FirstOrder,
  FirstOrderWithFills,
  FirstPlaced,
} from '../../../shared/protocol/revisions';
import type { ServerMsg, TestClient } from '../../test-client/client';
import type { Harness } from '../../testing/harness';
import { executionIn, exactly, openRevision, payloadOf } from './testing/harness';
import { VENUE_ERROR_CODES } from './venueErrors';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const px = (n: number): number => Number(n.toFixed(5));
const orderIdOf = (msg: ServerMsg): number => payloadOf(msg).orderId as number;

async function open(): Promise<{ c: TestClient; bob: TestClient }> {
  const opened = await openRevision('first');
  h = opened.h;
  return opened;
}

const place = (c: TestClient, payload: Record<string, unknown>): Promise<ServerMsg> =>
  c.request('newordersingle', { symbol: 'EURUSD', quantity: 1000, ...payload });

/** The error payload of a reply, checked against the revision's error message. */
const errorOf = (msg: ServerMsg) => exactly(FirstErrorMessage, msg).payload;

describe('first revision: requests and replies of the source document', () => {
  it('newordersingle answers {orderId, status} only', async () => {
    const { c } = await open();
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, clientOrderId: 'c-1' });
    expect(exactly(FirstPlaced, reply.payload)).toEqual({
      orderId: orderIdOf(reply),
      status: 'NEW',
    });
  });

  it('executions carry the order object only: no seq, lastPrice, lastQty, reason or login', async () => {
    const { c } = await open();
    const [ask] = h?.ex.engine.book('EURUSD', 1).asks[0] ?? [0];
    const reply = await place(c, { side: 'BUY', type: 'MARKET' });
    const filled = exactly(FirstOrder, await executionIn(c, orderIdOf(reply), 'FILLED'));
    expect(filled).toMatchObject({ executedQty: 1000, timeInForce: 'GTC', price: 0 });
    expect(filled.cummulativeQuoteQty).toBeCloseTo(ask * 1000, 6);
    expect(typeof filled.transactTime).toBe('number');
    await c.request('orders');
    for (const m of c.messages.filter((msg) => msg.event === 'execution')) {
      expect(Object.keys(m)).toEqual(['event', 'payload']);
      exactly(FirstOrder, m.payload);
    }
  });

  it('modifyordersingle and ordercancel answer without a payload; executions follow', async () => {
    const { c } = await open();
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    const orderId = orderIdOf(reply);
    const modified = await c.request('modifyordersingle', { orderId, price: 1.071 });
    expect(modified).toEqual({ event: 'modifyordersingle', requestId: modified.requestId });
    await c.waitFor((m) => m.event === 'execution' && payloadOf(m).price === 1.071);
    const canceled = await c.request('ordercancel', { orderId });
    expect(canceled).toEqual({ event: 'ordercancel', requestId: canceled.requestId });
    await executionIn(c, orderId, 'CANCELED');
  });

  it('neworderoco answers both legs as {orderId, clientOrderId, status, type}', async () => {
    const { c } = await open();
    const last = h?.ex.engine.lastPrice('EURUSD') ?? 0;
    const reply = await c.request('neworderoco', {
      symbol: 'EURUSD',
      side: 'SELL',
      quantity: 1000,
      orders: [
        { type: 'LIMIT', price: px(last + 0.002), clientOrderId: 'tp' },
        { type: 'STOP', stopPrice: px(last - 0.002), clientOrderId: 'sl' },
      ],
    });
    const legs = (reply.payload as unknown[]).map((leg) => exactly(FirstOcoLegReply, leg));
    expect(legs.map((leg) => [leg.clientOrderId, leg.type, leg.status])).toEqual([
      ['tp', 'LIMIT', 'NEW'],
      ['sl', 'STOP', 'NEW'],
    ]);
  });

  it('orders lists working orders only, whatever fromTime says', async () => {
    const { c } = await open();
    const resting = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    const gone = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.06 });
    await c.request('ordercancel', { orderId: orderIdOf(gone) });
    for (const payload of [undefined, { fromTime: 0 }]) {
      const orders = (await c.request('orders', payload)).payload as unknown[];
      expect(orders.map((o) => exactly(FirstOrder, o).orderId)).toEqual([orderIdOf(resting)]);
    }
  });

  it('orderstatus answers the order with fills of price and qty only', async () => {
    const { c } = await open();
    const reply = await place(c, { side: 'BUY', type: 'MARKET' });
    const status = await c.request('orderstatus', { orderId: orderIdOf(reply) });
    const order = exactly(FirstOrderWithFills, status.payload);
    expect(order.status).toBe('FILLED');
    expect(order.fills).toHaveLength(1);
    const [fill] = payloadOf(status).fills as object[];
    expect(Object.keys(fill ?? {})).toEqual(['price', 'qty']);
  });
});

describe('first revision: errors and what it does not have', () => {
  it('numbers its errors itself, never with our table', async () => {
    const ours = new Set([
      1000, 1001, 1002, 1003, 1004, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 3000, 3001,
      5000,
    ]);
    const venue = Object.values(VENUE_ERROR_CODES);
    expect(new Set(venue).size).toBe(venue.length);
    expect(venue.filter((code) => ours.has(code))).toEqual([]);
    const { c } = await open();
    const unknown = await c.request('ordercancel', { orderId: 999_999 });
    expect(errorOf(unknown)).toMatchObject({ code: 200404 });
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    await c.request('ordercancel', { orderId: orderIdOf(reply) });
    const final = await c.request('ordercancel', { orderId: orderIdOf(reply) });
    expect(errorOf(final)).toMatchObject({ code: 200410 });
    const offTick = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.070001 });
    expect(errorOf(offTick).code).toBe(200421);
    c.send('{not json');
    const unreadable = await c.waitFor((m) => m.event === 'error' && m.requestId === null);
    expect(errorOf(unreadable)).toMatchObject({ code: 100400 });
  });

  it('refuses the extension events with an error carrying the requestId', async () => {
    const { c } = await open();
    for (const event of ['symbols', 'subscribe', 'unsubscribe', 'depth', 'quote', 'nonsense']) {
      const reply = await c.request(event, { symbols: ['EURUSD'] });
      expect(reply.event).toBe('error');
      expect(reply.requestId).toBeDefined();
      expect(errorOf(reply)).toMatchObject({ code: 100404 });
    }
    expect(c.messages.some((m) => m.event === 'quote')).toBe(false);
  });

  it('has no lookups by clientOrderId', async () => {
    const { c } = await open();
    await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, clientOrderId: 'c-1' });
    for (const event of ['orderstatus', 'ordercancel', 'modifyordersingle']) {
      const reply = await c.request(event, { clientOrderId: 'c-1', price: 1.071 });
      expect(errorOf(reply)).toMatchObject({ code: 100422 });
      expect(errorOf(reply).error).toContain('orderId');
    }
  });
});
