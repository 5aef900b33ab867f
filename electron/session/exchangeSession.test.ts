import { afterEach, describe, expect, it } from 'vitest';
import type { CanonicalOrder as Order } from '../../shared/protocol';
import { waitFor } from '../testing/coreTestkit';
import { ExchangeSession, UNKNOWN_ORDER_STATUS } from './exchangeSession';
import { startFakeServer, sourceOnlyResponder } from '../testing/fakeServer';
import type { FakeServer, Received } from '../testing/fakeServer';
import type { SessionOptions, SessionStatus } from './types';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function order(overrides: Partial<Order> = {}): Order {
  return {
    symbol: 'EURUSD',
    type: 'LIMIT',
    orderId: 1,
    clientOrderId: 'c1',
    transactTime: 1000,
    price: 1.1,
    origQty: 1000,
    executedQty: 0,
    status: 'NEW',
    timeInForce: 'GTC',
    side: 'BUY',
    ...overrides,
  };
}

interface Recorder {
  statuses: SessionStatus[];
  logs: string[];
  audit: Array<{ direction: string; frame: string }>;
  notices: string[];
  orders: Order[][];
  statusReplies: Order[];
  resyncs: number;
}

async function open(
  server: FakeServer,
  extra: Partial<SessionOptions> = {},
): Promise<{ session: ExchangeSession; rec: Recorder }> {
  const rec: Recorder = {
    statuses: [],
    logs: [],
    audit: [],
    notices: [],
    orders: [],
    statusReplies: [],
    resyncs: 0,
  };
  const session = new ExchangeSession({
    url: server.url,
    token: 'secret-token',
    requestTimeoutMs: 300,
    heartbeatIntervalMs: 50,
    heartbeatTimeoutMs: 300,
    backoffInitialMs: 20,
    backoffMaxMs: 100,
    log: (line) => rec.logs.push(line),
    revision: 'extended',
    ...extra,
    handlers: {
      status: (s) => rec.statuses.push(s),
      audit: (direction, frame) => rec.audit.push({ direction, frame }),
      notice: (m) => rec.notices.push(m),
      orders: (o) => rec.orders.push(o),
      orderStatus: (o) => rec.statusReplies.push(o),
      resynced: () => (rec.resyncs += 1),
      ...extra.handlers,
    },
  });
  cleanups.push(() => session.stop());
  session.start();
  await waitFor(() => rec.resyncs > 0, 'first resync');
  return { session, rec };
}

describe('ExchangeSession', () => {
  it('sends the token only in the upgrade header; on auto, finds a plain server and sends it no extension', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    const discovered: string[] = [];
    const { session, rec } = await open(server, {
      revision: 'auto',
      handlers: { discovered: (m) => discovered.push(m) },
    });
    expect(server.authHeaders).toEqual(['Bearer secret-token']);
    // Detection: requests every kind answers, then one extension; then the resync, without extensions.
    expect(server.received.map((r) => r.event)).toEqual([
      'orders',
      'orderstatus',
      'symbols',
      'orders',
    ]);
    expect(server.received[3]?.payload).toBeUndefined();
    expect(session.status).toMatchObject({
      state: 'connected',
      features: { revision: 'first', symbols: false, quotes: false, history: false },
    });
    expect(discovered).toEqual([expect.stringMatching(/speaks the first protocol revision/)]);
    expect(rec.audit.some((a) => a.frame.includes('secret-token'))).toBe(false);
    expect(rec.audit.filter((a) => a.direction === 'out')).toHaveLength(4);
  });

  it('on extended, falls back to the working list when `orders` since a time is refused', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    await open(server);
    expect(server.received.map((r) => r.event)).toEqual(['symbols', 'orders', 'orders']);
    expect(server.received[1]?.payload).toEqual({ fromTime: 0 });
    expect(server.received[2]?.payload).toBeUndefined();
  });

  it('subscribes known symbols when the server lists none, tolerating 1001', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    await open(server, { knownSymbols: () => ['EURUSD'] });
    expect(server.received.map((r) => r.event)).toEqual([
      'symbols',
      'subscribe',
      'orders',
      'orders',
    ]);
  });

  it('measures latency from pongs', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    const { rec } = await open(server);
    await waitFor(() => rec.statuses.some((s) => s.state === 'connected' && s.latencyMs !== null));
    const measured = rec.statuses.find((s) => s.state === 'connected' && s.latencyMs !== null);
    expect(measured).toMatchObject({ state: 'connected', latencyMs: expect.any(Number) });
    expect((measured as { latencyMs: number }).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails order commands at once while disconnected, never queuing them', async () => {
    const server = await startFakeServer();
    const { session } = await open(server);
    await server.close();
    await waitFor(() => session.status.state === 'reconnecting');
    const result = await session.placeOrder({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1000,
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'not_connected', message: 'Not connected to the exchange' },
    });
  });

  it('on a lost reply looks the order up by clientOrderId and never resends', async () => {
    const placed: Received[] = [];
    const server = await startFakeServer((req) => {
      if (req.event === 'newordersingle') {
        placed.push(req);
        return null; // the reply is lost
      }
      if (req.event === 'orderstatus') {
        const ref = req.payload as { clientOrderId: string };
        return {
          event: 'orderstatus',
          requestId: req.requestId,
          payload: { ...order({ orderId: 9, clientOrderId: ref.clientOrderId }), fills: [] },
        };
      }
      return sourceOnlyResponder(req, undefined as never);
    });
    cleanups.push(() => server.close());
    const { session, rec } = await open(server);
    const result = await session.placeOrder({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.1,
      quantity: 1000,
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'timeout', message: UNKNOWN_ORDER_STATUS },
    });
    await waitFor(() => rec.statusReplies.length === 1, 'orderstatus');
    const cid = (placed[0]?.payload as { clientOrderId: string }).clientOrderId;
    expect(cid).toMatch(/^pd-[0-9a-z]+-[0-9a-z]+$/);
    expect(server.received.filter((r) => r.event === 'orderstatus')[0]?.payload).toEqual({
      clientOrderId: cid,
    });
    expect(rec.statusReplies[0]?.clientOrderId).toBe(cid);
    expect(placed).toHaveLength(1);
    expect(rec.notices).toContain(UNKNOWN_ORDER_STATUS);
    expect(session.unconfirmedClientOrderIds).toEqual([]);
  });

  it('maps an exchange error to an exchange failure with its code and message', async () => {
    const server = await startFakeServer((req) =>
      req.event === 'newordersingle'
        ? {
            event: 'error',
            requestId: req.requestId,
            payload: { code: 2003, error: 'unknown symbol XXX' },
          }
        : sourceOnlyResponder(req, undefined as never),
    );
    cleanups.push(() => server.close());
    const { session } = await open(server);
    const result = await session.placeOrder({
      symbol: 'XXX',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'exchange',
        code: 2003,
        meaning: 'other',
        message: 'unknown symbol XXX (code 2003)',
      },
    });
    expect(session.unconfirmedClientOrderIds).toEqual([]);
  });

  it('logs and drops invalid frames without throwing, and reads lenient spellings', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.close());
    const executions: unknown[] = [];
    const { rec } = await open(server, { handlers: { execution: (e) => executions.push(e) } });
    server.broadcast('not json');
    for (const s of server.sockets) s.send('not json');
    server.broadcast({ event: 'execution', payload: { orderId: 'x' } });
    server.broadcast({
      event: 'execution',
      payload: {
        ...order({ status: 'PARTIALLY_FILLED' }),
        status: 'PARTIAL_FILL',
        transactTime: '2026-01-05T09:00:00.000Z',
      },
    });
    await waitFor(() => executions.length === 1, 'execution');
    expect(executions[0]).toMatchObject({
      status: 'PARTIALLY_FILLED',
      transactTime: Date.parse('2026-01-05T09:00:00.000Z'),
    });
    expect(
      rec.logs.filter((l) => l.includes('dropped an invalid frame')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('notices a dead link (no pongs), reconnects and resyncs working orders no longer listed', async () => {
    const server = await startFakeServer(sourceOnlyResponder, { autoPong: false });
    cleanups.push(() => server.close());
    server.respond = (req) =>
      req.event === 'orderstatus'
        ? {
            event: 'orderstatus',
            requestId: req.requestId,
            payload: {
              ...order({ orderId: 5, status: 'CANCELED', transactTime: 2000 }),
              fills: [],
            },
          }
        : sourceOnlyResponder(req, undefined as never);
    const { rec } = await open(server, { workingOrderIds: () => [5] });
    await waitFor(() => rec.statuses.find((s) => s.state === 'reconnecting'), 'reconnecting', 3000);
    const reconnecting = rec.statuses.find((s) => s.state === 'reconnecting');
    expect(reconnecting).toMatchObject({ reason: expect.stringMatching(/No heartbeat/) });
    await waitFor(() => rec.resyncs >= 2, 'second resync', 3000);
    expect(rec.statusReplies.filter((o) => o.orderId === 5).length).toBeGreaterThanOrEqual(2);
  });

  it('a refused token stops reconnecting with a clear reason', async () => {
    const { WebSocketServer } = await import('ws');
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, cb) => cb(false, 401, 'Unauthorized'),
    });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const address = wss.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const statuses: SessionStatus[] = [];
    const session = new ExchangeSession({
      url: `ws://127.0.0.1:${port}`,
      token: 'bad',
      handlers: { status: (s) => statuses.push(s) },
    });
    cleanups.push(() => session.stop());
    session.start();
    await waitFor(() => session.status.state === 'disconnected');
    expect(session.status).toEqual({
      state: 'disconnected',
      reason: 'The exchange refused the token (HTTP 401)',
    });
  });
});
