/**
 * Load: many concurrent sessions placing, modifying and cancelling orders.
 * No reply is missing; every order's executions are consistent (executedQty
 * never decreases, nothing follows a final state, fills sum to executedQty);
 * the final books are uncrossed; every session's `orders` equals the engine's
 * own view. CI: 20 sessions x 200 orders; SOAK=1: 100 x 1000.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { OrdersReply, OrderStatusReply } from '../../shared/protocol';
import { startExchange, type ExchangeHandle } from '../index';
import { onGrid, prng, scale, SOAK, soakFigures } from './util';
import { errorOf, WsClient, type Msg, type WireOrder } from './wsClient';

const SESSIONS = scale(20, 100);
const ORDERS = scale(200, 1000);
const WORKERS = 4;
const FINAL = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);
const TICK = 0.00001;

let ex: ExchangeHandle;
const clients: WsClient[] = [];

afterAll(async () => {
  for (const c of clients) c.terminate();
  await ex?.close();
});

interface Tally {
  requests: number;
  replies: number;
  orderIds: Set<number>;
}

/** One session's traffic: WORKERS lifecycles at a time, ORDERS orders in all. */
async function drive(c: WsClient, seed: number, tally: Tally): Promise<void> {
  const rnd = prng(seed);
  let left = ORDERS;
  const ask = async (event: string, payload: unknown): Promise<Msg> => {
    tally.requests += 1;
    const reply = await c.request(event, payload, undefined, 30_000);
    tally.replies += 1;
    return reply;
  };
  const worker = async (): Promise<void> => {
    while (left > 0) {
      left -= 1;
      const mid = ex.controls.referencePrice('EURUSD') ?? 1.085;
      const side = rnd() < 0.5 ? 'BUY' : 'SELL';
      const sign = side === 'BUY' ? 1 : -1;
      const market = rnd() < 0.1;
      const price = onGrid(mid + sign * TICK * Math.floor(rnd() * 30 - 20), TICK, 5);
      const quantity = 1000 * (1 + Math.floor(rnd() * 5));
      const placed = await ask('newordersingle', {
        symbol: 'EURUSD',
        side,
        type: market ? 'MARKET' : 'LIMIT',
        ...(market ? {} : { price }),
        quantity,
        ...(rnd() < 0.1 ? { timeInForce: 'IOC' } : {}),
      });
      expect(placed.event, JSON.stringify(placed)).toBe('newordersingle');
      const { orderId } = placed.payload as { orderId: number };
      tally.orderIds.add(orderId);
      if (rnd() < 0.5) {
        const mod = await ask('modifyordersingle', {
          orderId,
          ...(rnd() < 0.5 ? { price: onGrid(price - sign * TICK * 2, TICK, 5) } : {}),
          quantity: quantity + (rnd() < 0.5 ? 1000 : -1000 * Math.floor(rnd() * 2)),
        });
        if (mod.event === 'error') expect([2001, 2005]).toContain(errorOf(mod).code);
        else expect(mod.event).toBe('modifyordersingle');
      }
      if (rnd() < 0.6) {
        const cancel = await ask('ordercancel', { orderId });
        if (cancel.event === 'error') expect(errorOf(cancel).code).toBe(2001);
        else expect(cancel.event).toBe('ordercancel');
      }
      if (rnd() < 0.02) ex.controls.advance(250); // the market moves and the maker re-quotes
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, () => worker()));
}

describe('load', () => {
  it(
    `${SESSIONS} sessions x ${ORDERS} orders: no reply missing, consistent executions, uncrossed books, orders == engine`,
    async () => {
      const logins = Array.from({ length: SESSIONS }, (_, i) => `u${i}`);
      ex = await startExchange({
        clock: 'manual',
        rateLimit: false,
        seed: 3,
        accounts: logins.map((login) => ({ login, token: `t-${login}` })),
      });
      ex.controls.advance(1_000);
      for (const login of logins) clients.push(await WsClient.connect(ex.url, `t-${login}`));
      const tallies: Tally[] = logins.map(() => ({ requests: 0, replies: 0, orderIds: new Set() }));
      await Promise.all(clients.map((c, i) => drive(c, 1000 + i, tallies[i] as Tally)));

      const seen = new Map<string, number>();
      const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
      for (const [i, c] of clients.entries()) {
        const tally = tallies[i] as Tally;
        const login = logins[i] as string;
        expect(tally.replies, `${login}: every request answered`).toBe(tally.requests);
        expect(tally.orderIds.size).toBe(ORDERS);
        // `orders` equals the engine's own view (the request also flushes earlier executions)
        const orders = OrdersReply.parse(await c.request('orders')).payload;
        const byId = (a: { orderId: number }, b: { orderId: number }) => a.orderId - b.orderId;
        expect(orders.map((o) => ({ ...o })).sort(byId)).toEqual(
          ex.engine.workingOrders([login]).sort(byId),
        );
        // executions: only this session's orders; consistent per order; seq without gaps
        const seqs = c.executions.map((e) => e.seq as number);
        seqs.forEach((s, k) => expect(s).toBe(k + 1));
        const lastById = new Map<number, WireOrder>();
        for (const e of c.executions) {
          expect(tally.orderIds.has(e.orderId), `${login} got execution of ${e.orderId}`).toBe(
            true,
          );
          const prev = lastById.get(e.orderId);
          if (prev) {
            expect(FINAL.has(prev.status), `change after final: ${JSON.stringify(e)}`).toBe(false);
            expect(e.executedQty).toBeGreaterThanOrEqual(prev.executedQty);
          }
          lastById.set(e.orderId, e);
          count(`exec:${e.status}`);
        }
        // every order: orderstatus fills sum to executedQty and agree with the last execution
        const statuses = await Promise.all(
          [...tally.orderIds].map((orderId) =>
            c.request('orderstatus', { orderId }, undefined, 30_000),
          ),
        );
        for (const reply of statuses) {
          const st = OrderStatusReply.parse(reply).payload;
          count(`final:${st.status}`);
          const filled = st.fills.reduce((a, f) => a + f.qty, 0);
          expect(filled, `fills of ${st.orderId}`).toBe(st.executedQty);
          const notional = st.fills.reduce((a, f) => a + f.price * f.qty, 0);
          expect(st.cummulativeQuoteQty ?? 0).toBeCloseTo(notional, 4);
          const last = lastById.get(st.orderId);
          expect(last, `an execution for ${st.orderId}`).toBeDefined();
          expect({ status: last?.status, executedQty: last?.executedQty }).toEqual({
            status: st.status,
            executedQty: st.executedQty,
          });
        }
      }
      // the traffic really traded, re-priced and cancelled
      for (const key of ['exec:PARTIALLY_FILLED', 'final:FILLED', 'final:CANCELED', 'final:NEW']) {
        expect(
          seen.get(key) ?? 0,
          `${key} in ${JSON.stringify(Object.fromEntries(seen))}`,
        ).toBeGreaterThan(0);
      }
      // the books are uncrossed
      for (const { symbol } of ex.engine.instruments) {
        const book = ex.engine.book(symbol, 1);
        const bid = book.bids[0]?.[0];
        const ask = book.asks[0]?.[0];
        if (bid !== undefined && ask !== undefined) expect(bid, symbol).toBeLessThan(ask);
      }
      soakFigures('load', {
        sessions: SESSIONS,
        orders: tallies.reduce((n, t) => n + t.orderIds.size, 0),
        requests: tallies.reduce((n, t) => n + t.requests, 0),
        missingReplies: tallies.reduce((n, t) => n + t.requests - t.replies, 0),
      });
    },
    SOAK ? 1_800_000 : 30_000,
  );
});
