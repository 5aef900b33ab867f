import { afterEach, describe, expect, it } from 'vitest';
import { asList, asOrder, errorCode, type ServerMsg, type TestClient } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TICK = 0.00001;
const px = (n: number): number => Number(n.toFixed(5));
const orderIdOf = (msg: ServerMsg): number => (msg.payload as { orderId: number }).orderId;
const statusOf = (msg: ServerMsg): string => (msg.payload as { status: string }).status;

async function place(c: TestClient, payload: Record<string, unknown>): Promise<ServerMsg> {
  return c.request('newordersingle', { symbol: 'EURUSD', quantity: 1000, ...payload });
}

/**
 * Opens an exchange with logins demo and bob and a client of each; `price` is
 * one tick above the best EURUSD bid (inside the spread).
 */
async function openWithBob(): Promise<{ c: TestClient; bob: TestClient; price: number }> {
  const harness = await openExchange({
    accounts: [
      { login: 'demo', token: 'demo' },
      { login: 'bob', token: 'bob' },
    ],
  });
  h = harness;
  const c = await harness.connect();
  const bob = await harness.connect({ token: 'bob' });
  return { c, bob, price: px(harness.top('EURUSD').bid + TICK) };
}

describe('newordersingle', () => {
  it('a market order fills against the maker; the reply precedes its executions', async () => {
    h = await openExchange();
    const c = await h.connect();
    const { ask } = h.top('EURUSD');
    const reply = await place(c, { side: 'BUY', type: 'MARKET', clientOrderId: 'm-1' });
    expect(reply.payload).toMatchObject({ status: 'FILLED', clientOrderId: 'm-1' });
    const filled = await c.execution(orderIdOf(reply), 'FILLED');
    expect(filled).toMatchObject({ executedQty: 1000, lastPrice: ask, lastQty: 1000 });
    expect(filled.cummulativeQuoteQty).toBeCloseTo(ask * 1000, 6);
    const firstExecution = c.messages.findIndex((m) => m.event === 'execution');
    expect(c.messages.indexOf(reply)).toBeLessThan(firstExecution);
    const seqs = c.executions().map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('a limit order away from the market rests NEW and shows in orders', async () => {
    h = await openExchange();
    const c = await h.connect();
    const reply = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 });
    expect(statusOf(reply)).toBe('NEW');
    const orders = asList(await c.request('orders'));
    expect(orders.map((o) => o.orderId)).toEqual([orderIdOf(reply)]);
    expect(orders[0]).toMatchObject({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      status: 'NEW',
      timeInForce: 'GTC',
    });
  });
});

describe('time in force', () => {
  /** Opens an exchange and a client; the best EURUSD ask and its size. */
  async function atBestAsk(): Promise<{ c: TestClient; ask: number; size: number }> {
    h = await openExchange();
    const c = await h.connect();
    const level = h.ex.engine.book('EURUSD', 1).asks[0];
    if (!level) throw new Error('no ask');
    const [ask, size] = level;
    return { c, ask, size };
  }

  const buyLimit = (c: TestClient, price: number, quantity: number, timeInForce: string) =>
    place(c, { side: 'BUY', type: 'LIMIT', price, quantity, timeInForce });

  it('IOC fills what it can and expires the rest', async () => {
    const { c, ask, size } = await atBestAsk();
    const reply = await buyLimit(c, ask, size + 1000, 'IOC');
    expect(statusOf(reply)).toBe('EXPIRED');
    const done = await c.execution(orderIdOf(reply), 'EXPIRED');
    expect(done).toMatchObject({ executedQty: size, reason: 'IOC_REMAINDER' });
  });

  it('FOK fills entirely or expires with nothing filled', async () => {
    const { c, ask, size } = await atBestAsk();
    const killed = await buyLimit(c, ask, size + 1000, 'FOK');
    expect(statusOf(killed)).toBe('EXPIRED');
    expect(await c.execution(orderIdOf(killed), 'EXPIRED')).toMatchObject({ executedQty: 0 });
    const filled = await buyLimit(c, ask, 1000, 'FOK');
    expect(statusOf(filled)).toBe('FILLED');
  });

  it('AON waits rather than fill partly, then fills in one piece', async () => {
    const { c, bob, price } = await openWithBob();
    const aon = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price,
      quantity: 5000,
      timeInForce: 'AON',
    });
    expect(statusOf(aon)).toBe('NEW');
    await place(bob, { side: 'SELL', type: 'LIMIT', price, quantity: 5000, timeInForce: 'IOC' });
    const filled = await c.execution(orderIdOf(aon), 'FILLED');
    expect(filled.executedQty).toBe(5000);
    const statuses = c
      .executions()
      .filter((e) => e.orderId === orderIdOf(aon))
      .map((e) => e.status);
    expect(statuses).not.toContain('PARTIALLY_FILLED');
  });

  it('GTT expires at its timeInForceDate when time advances', async () => {
    h = await openExchange();
    const c = await h.connect();
    const at = new Date(h.ex.controls.now() + 60_000).toISOString();
    const reply = await place(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      timeInForce: 'GTT',
      timeInForceDate: at,
    });
    h.ex.controls.advance(59_000);
    expect(asOrder(await c.request('orderstatus', { orderId: orderIdOf(reply) })).status).toBe(
      'NEW',
    );
    h.ex.controls.advance(2_000);
    const expired = await c.execution(orderIdOf(reply), 'EXPIRED');
    expect(expired.reason).toBe('LIFETIME_EXPIRED');
  });

  it('DAY expires at the daily rollover; GTC stays', async () => {
    // Manual clock starts 09:00 UTC; roll over at 09:01.
    h = await openExchange({ dayRolloverUtcMinutes: 9 * 60 + 1 });
    const c = await h.connect();
    const day = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, timeInForce: 'DAY' });
    const gtc = await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, timeInForce: 'GTC' });
    h.ex.controls.advance(61_000);
    expect((await c.execution(orderIdOf(day), 'EXPIRED')).reason).toBe('DAY_EXPIRED');
    const working = asList(await c.request('orders')).map((o) => o.orderId);
    expect(working).toEqual([orderIdOf(gtc)]);
  });
});

describe('modifyordersingle', () => {
  it('a decrease keeps time priority; a price change or increase loses it', async () => {
    const { c, bob, price } = await openWithBob();
    const a = orderIdOf(await place(c, { side: 'BUY', type: 'LIMIT', price, quantity: 3000 }));
    const b = orderIdOf(await place(c, { side: 'BUY', type: 'LIMIT', price, quantity: 3000 }));
    const mod = await c.request('modifyordersingle', { orderId: a, quantity: 2000 });
    expect(mod).toEqual({ event: 'modifyordersingle', requestId: mod.requestId });
    await c.waitFor(
      (m) => m.event === 'execution' && asOrder(m).orderId === a && asOrder(m).origQty === 2000,
    );
    await place(bob, { side: 'SELL', type: 'MARKET', quantity: 1000 });
    expect((await c.execution(a, 'PARTIALLY_FILLED')).executedQty).toBe(1000);
    expect(errorCode(await c.request('modifyordersingle', { orderId: a, quantity: 1000 }))).toBe(
      2005,
    );
    await c.request('modifyordersingle', { orderId: a, quantity: 5000 });
    await place(bob, { side: 'SELL', type: 'MARKET', quantity: 1000 });
    expect((await c.execution(b, 'PARTIALLY_FILLED')).executedQty).toBe(1000);
  });

  it('finds the order by clientOrderId', async () => {
    h = await openExchange();
    const c = await h.connect();
    const id = orderIdOf(
      await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07, clientOrderId: 'mod-me' }),
    );
    const start = c.messages.length;
    expect(
      (await c.request('modifyordersingle', { clientOrderId: 'mod-me', price: 1.071 })).event,
    ).toBe('modifyordersingle');
    expect((await c.execution(id, undefined, start)).price).toBe(1.071);
  });
});

describe('ordercancel, orderstatus and orders', () => {
  it('cancel replies without payload, then an execution with CANCELED follows', async () => {
    h = await openExchange();
    const c = await h.connect();
    const id = orderIdOf(
      await place(c, { side: 'SELL', type: 'LIMIT', price: 1.1, clientOrderId: 'c-1' }),
    );
    const reply = await c.request('ordercancel', { clientOrderId: 'c-1' });
    expect(reply.payload).toBeUndefined();
    const canceled = await c.execution(id, 'CANCELED');
    expect(canceled.reason).toBe('USER');
    expect(c.messages.indexOf(reply)).toBeLessThan(
      c.messages.findIndex((m) => m.event === 'execution' && asOrder(m).status === 'CANCELED'),
    );
  });

  it('orderstatus returns fills; orders with fromTime returns history in any state', async () => {
    h = await openExchange();
    const c = await h.connect();
    const t0 = h.ex.controls.now();
    const filled = orderIdOf(await place(c, { side: 'BUY', type: 'MARKET', quantity: 2000 }));
    const resting = orderIdOf(await place(c, { side: 'BUY', type: 'LIMIT', price: 1.07 }));
    const status = asOrder(await c.request('orderstatus', { orderId: filled }));
    expect(status.status).toBe('FILLED');
    expect(status.fills?.reduce((sum, f) => sum + f.qty, 0)).toBe(2000);
    expect(asList(await c.request('orders')).map((o) => o.orderId)).toEqual([resting]);
    const history = asList(await c.request('orders', { fromTime: t0 })).map((o) => o.orderId);
    expect(history.sort()).toEqual([filled, resting].sort());
  });

  it('symbols lists every instrument with its rules', async () => {
    h = await openExchange();
    const c = await h.connect();
    const symbols = asList<{ symbol: string; tickSize: number }>(await c.request('symbols'));
    expect(symbols.map((s) => s.symbol)).toEqual([
      'EURUSD',
      'GBPUSD',
      'USDJPY',
      'BTCUSDT',
      'ETHUSDT',
    ]);
    expect(symbols[0]).toMatchObject({
      tickSize: 0.00001,
      stepSize: 1000,
      minQty: 1000,
      pricePrecision: 5,
      qtyPrecision: 0,
    });
  });
});

describe('neworderoco', () => {
  const oco = (last: number) => ({
    symbol: 'EURUSD',
    side: 'SELL',
    quantity: 1000,
    orders: [
      { type: 'LIMIT', price: px(last + 0.002), clientOrderId: 'tp' },
      { type: 'STOP', stopPrice: px(last - 0.002), clientOrderId: 'sl' },
    ],
  });

  it('replies with both legs in request order; cancelling one leg cancels both', async () => {
    h = await openExchange();
    const c = await h.connect();
    const last = h.ex.engine.lastPrice('EURUSD') ?? 0;
    const reply = await c.request('neworderoco', oco(last));
    const legs = asList(reply);
    expect(legs.map((l) => [l.clientOrderId, l.type, l.status])).toEqual([
      ['tp', 'LIMIT', 'NEW'],
      ['sl', 'STOP', 'NEW'],
    ]);
    const [tp, sl] = legs.map((l) => l.orderId);
    if (tp === undefined || sl === undefined) throw new Error('legs');
    await c.request('ordercancel', { orderId: tp });
    await c.execution(tp, 'CANCELED');
    await c.execution(sl, 'CANCELED');
  });

  it('when the stop leg triggers, the limit leg is canceled with OCO_CONDITION', async () => {
    h = await openExchange();
    const c = await h.connect();
    const last = h.ex.engine.lastPrice('EURUSD') ?? 0;
    const legs = asList(await c.request('neworderoco', oco(last)));
    const [tp, sl] = legs.map((l) => l.orderId);
    if (tp === undefined || sl === undefined) throw new Error('legs');
    h.ex.controls.setReferencePrice('EURUSD', px(last - 0.004));
    expect((await c.execution(tp, 'CANCELED')).reason).toBe('OCO_CONDITION');
    expect((await c.execution(sl, 'FILLED')).executedQty).toBe(1000);
  });
});
