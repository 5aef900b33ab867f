/**
 * Crash safety of the paper exchange: the CLI with --data, orders and fills
 * streaming in (marketable orders against the maker while the real clock
 * runs), kill -9 mid-stream, restart on the same data dir. Every order and
 * fill acknowledged before the kill is there, none twice, orderIds keep
 * increasing; a clean SIGTERM restart keeps it all too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrdersReply, OrderStatusReply } from '../../shared/protocol';
import { killAllClis, startCli } from './cliProcess';
import { scale, SOAK } from './util';
import { errorOf, payloadOf, WsClient, type Msg, type WireOrder } from './wsClient';

const TOKEN = 'crash-token';
const dirs: string[] = [];

afterAll(() => {
  killAllClis();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Acked {
  orderId: number;
  clientOrderId: string;
  status: string;
}

/** Streams orders (PIPELINE in flight) until the socket dies; records every acknowledgement. */
function stream(c: WsClient, acked: Map<string, Acked>, run: string): Promise<void> {
  const PIPELINE = 8;
  let i = 0;
  const worker = async (): Promise<void> => {
    while (c.open) {
      i += 1;
      const clientOrderId = `${run}-${i}`;
      const kind = i % 3;
      const payload =
        kind === 2
          ? { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', price: 1.0, quantity: 1000 }
          : { symbol: 'EURUSD', side: kind ? 'BUY' : 'SELL', type: 'MARKET', quantity: 1000 };
      let reply;
      try {
        reply = await c.request('newordersingle', { ...payload, clientOrderId });
      } catch {
        return; // the process died with this request in flight: it may or may not exist
      }
      if (reply.event === 'error' && errorOf(reply).code === 3001) {
        // the CLI's default rate limit (soak speed): not placed; pace the client a little
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      const body = payloadOf<{ orderId: number; status: string }>(reply);
      acked.set(clientOrderId, { orderId: body.orderId, clientOrderId, status: body.status });
    }
  };
  return Promise.all(Array.from({ length: PIPELINE }, () => worker())).then(() => undefined);
}

/** A request retried while the CLI's default rate limit (500/s) answers 3001. */
async function paced(send: () => Promise<Msg>): Promise<Msg> {
  for (;;) {
    const reply = await send();
    if (reply.event !== 'error' || errorOf(reply).code !== 3001) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('paper exchange crash safety', () => {
  it(
    'kill -9 while fills stream in: every acknowledged order and fill survives, none twice, ids increase',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-crash-'));
      dirs.push(dataDir);
      const args = [
        '--port',
        '0',
        '--data',
        dataDir,
        '--account',
        `demo:${TOKEN}`,
        '--tick-ms',
        '20',
      ];
      const target = scale(150, 3_000);
      const acked = new Map<string, Acked>();
      const lastExec = new Map<number, WireOrder>();
      const ackedTrades = new Map<number, Set<number>>();
      let maxIdSeen = 0;

      for (const round of SOAK ? [1, 2, 3] : [1]) {
        const cli = await startCli(args);
        const c = await WsClient.connect(cli.url, TOKEN);
        const done = stream(c, acked, `r${round}`);
        const want = acked.size + target;
        await c.waitUntil(() => acked.size >= want, 30_000, `${target} acknowledgements`);
        await cli.kill9(); // mid-stream: requests are in flight
        await done;
        await c.closed;
        // what the client was told before the kill
        for (const e of c.executions) {
          lastExec.set(e.orderId, e);
          const tradeId = (e as { tradeId?: number }).tradeId;
          if (e.lastQty && tradeId !== undefined) {
            const set = ackedTrades.get(e.orderId) ?? new Set<number>();
            set.add(tradeId);
            ackedTrades.set(e.orderId, set);
          }
        }
        for (const a of acked.values()) maxIdSeen = Math.max(maxIdSeen, a.orderId);
        for (const e of c.executions) maxIdSeen = Math.max(maxIdSeen, e.orderId);
      }
      expect([...lastExec.values()].some((e) => e.status === 'FILLED')).toBe(true);

      for (const restart of ['after kill -9', 'after SIGTERM']) {
        const cli = await startCli(args);
        const c = await WsClient.connect(cli.url, TOKEN);
        const history = OrdersReply.parse(await c.request('orders', { fromTime: 0 })).payload;
        // none twice
        const ids = history.map((o) => o.orderId);
        expect(new Set(ids).size, restart).toBe(ids.length);
        const coids = history.map((o) => o.clientOrderId);
        expect(new Set(coids).size, restart).toBe(coids.length);
        const byCoid = new Map(history.map((o) => [o.clientOrderId, o]));
        // every acknowledged order is there, at least as far along as the client saw it
        const ackedList = [...acked.values()];
        const statuses = [];
        for (let k = 0; k < ackedList.length; k += 200) {
          const batch = ackedList.slice(k, k + 200);
          statuses.push(
            ...(await Promise.all(
              batch.map((a) => paced(() => c.request('orderstatus', { orderId: a.orderId }))),
            )),
          );
        }
        for (const [k, reply] of statuses.entries()) {
          const a = ackedList[k] as Acked;
          const st = OrderStatusReply.parse(reply).payload;
          expect(st.clientOrderId, restart).toBe(a.clientOrderId);
          expect(byCoid.get(a.clientOrderId)?.orderId, restart).toBe(a.orderId);
          const seen = lastExec.get(a.orderId);
          const sum = st.fills.reduce((s, f) => s + f.qty, 0);
          expect(sum, `fills of ${a.orderId} ${restart}`).toBe(st.executedQty);
          const tradeIds = st.fills.map((f) => f.tradeId);
          expect(new Set(tradeIds).size, `no fill twice ${restart}`).toBe(tradeIds.length);
          if (a.status === 'FILLED') expect(st.status).toBe('FILLED');
          if (seen) {
            expect(st.executedQty, `${a.orderId} ${restart}`).toBeGreaterThanOrEqual(
              seen.executedQty,
            );
            if (['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'].includes(seen.status)) {
              expect({ status: st.status, executedQty: st.executedQty }).toEqual({
                status: seen.status,
                executedQty: seen.executedQty,
              });
            }
          }
          for (const tradeId of ackedTrades.get(a.orderId) ?? []) {
            expect(tradeIds, `fill ${tradeId} of ${a.orderId} ${restart}`).toContain(tradeId);
          }
        }
        // orderIds keep increasing past everything handed out before
        const next = payloadOf<{ orderId: number }>(
          await c.request('newordersingle', {
            symbol: 'EURUSD',
            side: 'BUY',
            type: 'LIMIT',
            price: 1.0,
            quantity: 1000,
            clientOrderId: `after-${restart === 'after SIGTERM' ? 2 : 1}`,
          }),
        );
        expect(next.orderId, restart).toBeGreaterThan(maxIdSeen);
        expect(next.orderId).toBeGreaterThan(Math.max(...ids));
        maxIdSeen = next.orderId;
        await c.close();
        await cli.stop();
        expect(await cli.exited).toBe(0);
      }
    },
    SOAK ? 600_000 : 40_000,
  );
});
