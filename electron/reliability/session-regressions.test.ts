/**
 * Deterministic regressions of the bugs the faults-convergence test found in
 * the session (each failed before its fix):
 * - a resync whose request got no reply on a live link left the session
 *   "connected" but never resynced: it now drops the link and resyncs again;
 * - an `orders` / `orderstatus` snapshot was applied after an `await`, i.e.
 *   after executions that followed it on the wire, so an older snapshot could
 *   overwrite a newer execution: it is now applied when its frame is handled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/protocol';
import { waitFor } from '../testing/coreTestkit';
import { ExchangeSession } from '../session';
import { startFakeServer, type Received } from '../testing/fakeServer';
import type { SessionHandlers } from '../session/types';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const order = (overrides: Partial<Order> = {}): Order => ({
  symbol: 'EURUSD',
  type: 'LIMIT',
  orderId: 7,
  clientOrderId: 'c7',
  transactTime: 1000,
  price: 1.1,
  origQty: 1000,
  executedQty: 0,
  status: 'NEW',
  timeInForce: 'GTC',
  side: 'BUY',
  ...overrides,
});

const reply = (req: Received, payload: unknown) => ({
  event: req.event,
  requestId: req.requestId,
  payload,
});
const unknownEvent = (req: Received) => ({
  event: 'error',
  requestId: req.requestId,
  payload: { code: 1001, error: 'unknown event' },
});

function session(url: string, handlers: SessionHandlers): ExchangeSession {
  const s = new ExchangeSession({
    url,
    token: 't',
    requestTimeoutMs: 150,
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 2000,
    backoffInitialMs: 10,
    backoffMaxMs: 50,
    revision: 'extended',
    handlers,
  });
  cleanups.push(() => s.stop());
  return s;
}

describe('session regressions found by the faults test', () => {
  it('a resync request lost on a live link reconnects and resyncs', async () => {
    let connections = 0;
    const server = await startFakeServer((req) => {
      // The first connection never answers `symbols`; later ones answer like a plain server.
      if (req.event === 'symbols') return connections <= 1 ? null : unknownEvent(req);
      if (req.event === 'orders') return reply(req, []);
      return unknownEvent(req);
    });
    cleanups.push(() => server.close());
    let resyncs = 0;
    const s = session(server.url, {
      status: (st) => {
        if (st.state === 'connecting') connections += 1;
      },
      resynced: () => (resyncs += 1),
    });
    s.start();
    await waitFor(() => resyncs > 0, 'a resync after the lost reply', 5000);
    expect(server.authHeaders.length).toBeGreaterThanOrEqual(2);
  });

  it('an orders snapshot is applied before the execution that followed it', async () => {
    const applied: string[] = [];
    const server = await startFakeServer((req) => {
      if (req.event === 'orders' && req.payload !== undefined)
        // The snapshot, then (same instant) the execution of a modify that came after it.
        return [
          reply(req, [order({ price: 1.1 })]),
          { event: 'execution', payload: { ...order({ price: 1.2 }), seq: 1 } },
        ];
      return unknownEvent(req);
    });
    cleanups.push(() => server.close());
    let resynced = false;
    const s = session(server.url, {
      orders: (list) => applied.push(...list.map((o) => `orders ${o.price}`)),
      execution: (e) => applied.push(`execution ${e.price}`),
      resynced: () => (resynced = true),
    });
    s.start();
    await waitFor(() => resynced, 'resync');
    expect(applied).toEqual(['orders 1.1', 'execution 1.2']);
  });

  it('an orderstatus reply is applied before the execution that followed it', async () => {
    const applied: string[] = [];
    const server = await startFakeServer((req) => {
      if (req.event === 'orders') return reply(req, []);
      if (req.event === 'orderstatus')
        return [
          reply(req, { ...order({ price: 1.1 }), fills: [] }),
          { event: 'execution', payload: { ...order({ price: 1.2 }), seq: 1 } },
        ];
      return unknownEvent(req);
    });
    cleanups.push(() => server.close());
    let resynced = false;
    const s = session(server.url, {
      orderStatus: (o) => applied.push(`orderstatus ${o.price}`),
      execution: (e) => applied.push(`execution ${e.price}`),
      resynced: () => (resynced = true),
    });
    s.start();
    await waitFor(() => resynced, 'resync');
    await s.orderStatus({ orderId: 7 });
    await waitFor(() => applied.length === 2, 'both applied');
    expect(applied).toEqual(['orderstatus 1.1', 'execution 1.2']);
  });
});
