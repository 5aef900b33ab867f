import { afterEach, describe, expect, it } from 'vitest';
import { asList, asOrder, errorCode, type ServerMsg } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const orderIdOf = (msg: ServerMsg): number => (msg.payload as { orderId: number }).orderId;
const limit = (price: number, extra: Record<string, unknown> = {}) => ({
  symbol: 'EURUSD',
  side: 'BUY',
  type: 'LIMIT',
  price,
  quantity: 1000,
  ...extra,
});
const TWO_ACCOUNTS = [
  { login: 'alice', token: 'ta' },
  { login: 'bob', token: 'tb' },
];

describe('fan-out and isolation', () => {
  it('executions go to every session of the login, each with its own seq', async () => {
    h = await openExchange();
    const first = await h.connect();
    const second = await h.connect();
    await second.request('orders'); // a reply on the second session does not consume an execution seq
    const id = orderIdOf(await first.request('newordersingle', limit(1.07)));
    await first.request('ordercancel', { orderId: id });
    await first.execution(id, 'CANCELED');
    await second.execution(id, 'CANCELED');
    expect(first.executions().map((e) => e.seq)).toEqual([1, 2]);
    expect(second.executions().map((e) => e.seq)).toEqual([1, 2]);
  });

  it("another account's order answers 2000 and never shows", async () => {
    h = await openExchange({ accounts: TWO_ACCOUNTS });
    const alice = await h.connect({ token: 'ta' });
    const bob = await h.connect({ token: 'tb' });
    const id = orderIdOf(
      await alice.request('newordersingle', limit(1.07, { clientOrderId: 'secret' })),
    );
    expect(errorCode(await bob.request('orderstatus', { orderId: id }))).toBe(2000);
    expect(errorCode(await bob.request('ordercancel', { orderId: id }))).toBe(2000);
    expect(errorCode(await bob.request('modifyordersingle', { orderId: id, price: 1.06 }))).toBe(
      2000,
    );
    expect(errorCode(await bob.request('orderstatus', { clientOrderId: 'secret' }))).toBe(2000);
    expect(asList(await bob.request('orders', { fromTime: 0 }))).toEqual([]);
    await bob.request('orders');
    expect(bob.executions()).toEqual([]);
  });

  it('a token with several logins trades and sees all of them', async () => {
    h = await openExchange({ accounts: [{ login: ['main', 'hedge'], token: 'multi' }] });
    const c = await h.connect({ token: 'multi' });
    const a = orderIdOf(await c.request('newordersingle', limit(1.07)));
    const b = orderIdOf(await c.request('newordersingle', limit(1.07, { login: 'hedge' })));
    const orders = asList(await c.request('orders'));
    expect(orders.map((o) => [o.orderId, o.login])).toEqual([
      [a, 'main'],
      [b, 'hedge'],
    ]);
    expect(asList(await c.request('orders', { login: 'hedge' })).map((o) => o.orderId)).toEqual([
      b,
    ]);
  });
});

describe('connection health', () => {
  it('the heartbeat drops a peer that stops answering pings', async () => {
    h = await openExchange({ heartbeatMs: 40 });
    const silent = await h.connect();
    const healthy = await h.connect();
    // A socket that stops reading never answers pings.
    (silent.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    silent.ws.pong = () => undefined;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (h?.ex.controls.sessions() === 1) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    expect((await healthy.request('orders')).event).toBe('orders');
    silent.ws.terminate();
  });

  it('cancel-on-disconnect cancels the working orders of a login whose last session closed', async () => {
    h = await openExchange({ cancelOnDisconnect: true });
    const first = await h.connect();
    const second = await h.connect();
    const id = orderIdOf(await first.request('newordersingle', limit(1.07)));
    await first.close();
    expect(asList(await second.request('orders')).map((o) => o.orderId)).toEqual([id]);
    await second.close();
    const status = h.ex.engine.orderStatus(['demo'], { orderId: id });
    expect(status.ok && status.value.status).toBe('CANCELED');
    const watcher = await h.connect();
    const history = asList(await watcher.request('orders', { fromTime: 0 }));
    expect(history.find((o) => o.orderId === id)).toMatchObject({ status: 'CANCELED' });
  });

  it('close() closes sessions with 1001', async () => {
    h = await openExchange();
    const c = await h.connect();
    await h.ex.close();
    expect(await c.closed).toBe(1001);
  });
});

describe('abuse never crashes the exchange', () => {
  it('floods, garbage and oversized frames: the abuser gets errors, others keep trading', async () => {
    h = await openExchange({
      accounts: TWO_ACCOUNTS,
      rateLimit: { perSecond: 100, burst: 200 },
      maxFrameBytes: 2048,
    });
    const abuser = await h.connect({ token: 'ta' });
    const trader = await h.connect({ token: 'tb' });
    const frames = [
      '{',
      '\u0000\u0001',
      'x'.repeat(5000),
      JSON.stringify({ event: 'newordersingle', requestId: 'z', payload: { symbol: 7 } }),
      JSON.stringify({ event: 'newordersingle', requestId: 'y', payload: null }),
      JSON.stringify({ event: '__proto__', requestId: 'p' }),
      JSON.stringify({ event: 'toString', requestId: 't' }),
    ];
    for (let i = 0; i < 600; i++) abuser.send(frames[i % frames.length] ?? '');
    abuser.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const placed = await trader.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'SELL',
      type: 'MARKET',
      quantity: 1000,
    });
    expect((placed.payload as { status: string }).status).toBe('FILLED');
    await abuser.waitFor((_m) => abuser.messages.length >= 601);
    const codes = new Set(abuser.messages.map((m) => errorCode(m)));
    expect([...codes].sort()).toEqual([1000, 1001, 1002, 1003, 3001]);
    expect(abuser.messages.every((m) => m.event === 'error')).toBe(true);
    h.ex.controls.advance(5000);
    const reply = await abuser.request('orders');
    expect(reply.event).toBe('orders');
    expect(
      asOrder(await trader.request('orderstatus', { orderId: orderIdOf(placed) })).status,
    ).toBe('FILLED');
  });
});
