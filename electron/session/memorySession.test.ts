/**
 * The session over an in-memory link (no sockets): a current-revision server
 * scripted frame by frame, found out on `auto`, written to in its own shapes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/coreTestkit';
import { createMemoryExchange, type MemoryServerEnd } from '../testing/memoryLink';
import { ExchangeSession } from './exchangeSession';
import type { SessionOptions, SessionStatus } from './types';

const sessions: ExchangeSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop();
});

const reply = (request: Record<string, unknown>, payload?: unknown) => ({
  event: request['event'],
  requestId: request['requestId'],
  ...(payload === undefined ? {} : { payload }),
});

/** Answers like the venue's current revision (no extensions, errors naming the event). */
function currentServer(request: Record<string, unknown>, end: MemoryServerEnd): void {
  const event = String(request['event']);
  const payload = request['payload'] as Record<string, unknown> | undefined;
  switch (event) {
    case 'orders':
      end.send(reply(request, []));
      return;
    case 'orderstatus':
      end.send({
        event: 'error',
        requestId: request['requestId'],
        payload: { event, error: 'ORDER_NOT_EXISTS' },
      });
      return;
    case 'newordersingle':
      end.send(
        reply(request, {
          orderId: 1000001,
          clientOrderId: payload?.['clientOrderId'],
          status: 'NEW',
          type: payload?.['type'],
          login: payload?.['login'],
        }),
      );
      return;
    default:
      end.send({
        event: 'error',
        requestId: request['requestId'],
        payload: { event, code: 100400, error: `unknown event ${event}` },
      });
  }
}

function open(extra: Partial<SessionOptions> = {}) {
  const exchange = createMemoryExchange();
  const statuses: SessionStatus[] = [];
  const notices: string[] = [];
  const discovered: string[] = [];
  let resyncs = 0;
  const session = new ExchangeSession({
    url: 'memory://venue',
    token: 'secret',
    link: exchange.factory,
    requestTimeoutMs: 500,
    heartbeatIntervalMs: 50,
    lastExecutionTime: () => Date.UTC(2030, 0, 1, 12),
    resyncMarginMs: 0,
    ...extra,
    handlers: {
      status: (s) => statuses.push(s),
      notice: (m) => notices.push(m),
      discovered: (m) => discovered.push(m),
      resynced: () => (resyncs += 1),
    },
  });
  sessions.push(session);
  return { session, exchange, statuses, notices, discovered, resyncs: () => resyncs };
}

describe('session over an in-memory link', () => {
  it('says which revision it found once, though a reconnect finds it by other evidence', async () => {
    const t = open();
    let orders: unknown[] = [];
    t.exchange.onRequest = (request, end) =>
      request['event'] === 'orders'
        ? end.send(reply(request, orders))
        : currentServer(request, end);
    t.session.start();
    await waitFor(() => t.resyncs() > 0, 'first resync');
    // Now an order shows the revision in the list itself: different evidence, same revision.
    orders = [
      {
        orderId: 7,
        clientOrderId: 'c7',
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.08,
        quantity: 1000,
        executedQty: 0,
        status: 'NEW',
        timeInForce: 'TPI',
        login: 100001,
        transactTime: '2030-01-01T12:00:00.000Z',
      },
    ];
    t.exchange.last.close(1012, 'restart');
    await waitFor(() => t.resyncs() > 1, 'resync after the reconnect');
    expect(t.exchange.ends).toHaveLength(2);
    expect(t.discovered).toEqual([expect.stringMatching(/current protocol revision/)]);
  });

  it('finds a current-revision server and speaks its shapes', async () => {
    const t = open();
    t.exchange.onRequest = currentServer;
    t.session.start();
    await waitFor(() => t.resyncs() > 0, 'resync');
    const end = t.exchange.last;
    expect(end.token).toBe('secret');
    expect(end.received.map((r) => r['event'])).toEqual(['orders', 'orderstatus', 'orders']);
    // History since the last execution, as an ISO instant; no extension asked.
    expect(end.received[2]?.['payload']).toEqual({ fromTime: '2030-01-01T12:00:00.000Z' });
    expect(t.session.status).toMatchObject({
      state: 'connected',
      features: { revision: 'current', symbols: false, notes: true },
    });
    expect(t.discovered).toEqual([expect.stringMatching(/current protocol revision/)]);

    const placed = await t.session.placeOrder({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price: 1.08,
      quantity: 1000,
      login: '100001',
      timeInForce: 'TPI',
      note: 'first try',
    });
    expect(placed).toMatchObject({ ok: true, value: { orderId: 1000001, status: 'NEW' } });
    expect(end.received.at(-1)?.['payload']).toMatchObject({
      login: 100001,
      timeInForce: 'TPI',
      note: 'first try',
    });
  });

  it('an unreadable reply fails its request at once in the server’s words, never a timeout', async () => {
    const t = open({ revision: 'extended' });
    t.exchange.onRequest = (request, end) => {
      if (request['event'] === 'newordersingle') end.send(reply(request, { weird: true }));
      else if (request['event'] === 'symbols') end.send(reply(request, []));
      else if (request['event'] === 'orders') end.send(reply(request, []));
      else end.send(reply(request, { symbols: [] }));
    };
    t.session.start();
    await waitFor(() => t.resyncs() > 0, 'resync');
    const result = await t.session.placeOrder({
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1000,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'unreadable', message: expect.stringContaining('{"weird":true}') },
    });
  });

  it('an error reply during the resync is said, and the link is kept', async () => {
    const t = open({ revision: 'extended' });
    t.exchange.onRequest = (request, end) => {
      if (request['event'] === 'orders')
        end.send({
          event: 'error',
          requestId: request['requestId'],
          payload: { code: 5000, error: 'orders are unavailable right now' },
        });
      else end.send(reply(request, request['event'] === 'symbols' ? [] : { symbols: [] }));
    };
    t.session.start();
    await waitFor(() => t.resyncs() > 0, 'resync');
    expect(t.exchange.ends).toHaveLength(1);
    expect(t.exchange.last.open).toBe(true);
    expect(t.notices).toContainEqual(expect.stringContaining('orders are unavailable right now'));
  });
});
