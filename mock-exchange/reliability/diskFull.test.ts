/**
 * The exchange on a full disk: the CLI with --data on a 2 MiB tmpfs. While
 * the disk is full every order is answered 5000 or confirmed; once space is
 * back orders are confirmed again; after kill -9 and a restart every
 * confirmed order is known and no orderId was handed out twice. Needs root
 * (mount); without it the test is skipped and says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrderStatusReply } from '../../shared/protocol';
import { killAllClis, startCli, type CliExchange } from './cliProcess';
import { fillDisk, mountTmpfs } from '../testing/tmpfs';
import { errorOf, payloadOf, WsClient, type Msg } from './wsClient';

const TOKEN = 'disk-full-token';

afterAll(() => killAllClis());

/** A request retried while the CLI's default rate limit answers 3001. */
async function paced(send: () => Promise<Msg>): Promise<Msg> {
  for (;;) {
    const reply = await send();
    if (reply.event !== 'error' || errorOf(reply).code !== 3001) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Places orders and sorts every reply: confirmed (orderId -> clientOrderId) or refused with 5000. */
class Trader {
  readonly confirmed = new Map<number, string>();
  refused = 0;
  private n = 0;

  constructor(private readonly client: WsClient) {}

  /** Places one order (every third marketable, so fills are journaled too); the outcome. */
  async place(run: string): Promise<'confirmed' | 'refused'> {
    this.n += 1;
    const clientOrderId = `${run}-${this.n}`;
    const payload =
      this.n % 3 === 0
        ? { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 }
        : { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', price: 1.0, quantity: 1000 };
    const reply = await paced(() =>
      this.client.request('newordersingle', { ...payload, clientOrderId }),
    );
    if (reply.event === 'error') {
      expect(errorOf(reply).code, JSON.stringify(reply)).toBe(5000);
      this.refused += 1;
      return 'refused';
    }
    const { orderId } = payloadOf<{ orderId: number }>(reply);
    expect(this.confirmed.has(orderId), `orderId ${orderId} confirmed twice`).toBe(false);
    this.confirmed.set(orderId, clientOrderId);
    return 'confirmed';
  }
}

describe('a full disk under the journal', () => {
  it('every order is answered 5000 or confirmed; after kill -9 every confirmed order is known, no orderId reused', async (ctx) => {
    const tmpfs = mountTmpfs('2m');
    if (!tmpfs.ok) {
      // Printed, so a skipped run is never mistaken for a passed one.
      console.warn(`SKIPPED disk-full test: ${tmpfs.reason} (it needs root, allowed to mount)`);
      ctx.skip(tmpfs.reason);
      return;
    }
    const clis: CliExchange[] = [];
    try {
      const dataDir = path.join(tmpfs.dir, 'exchange');
      const args = [
        ...['--port', '0', '--data', dataDir, '--account', `demo:${TOKEN}`],
        ...['--tick-ms', '20', '--no-chart-api', '--verbose'],
      ];
      const first = await startCli(args);
      clis.push(first);
      const trader = new Trader(await WsClient.connect(first.url, TOKEN));
      for (let i = 0; i < 20; i++) expect(await trader.place('before')).toBe('confirmed');

      const filler = path.join(tmpfs.dir, 'filler');
      fillDisk(filler);
      // Full: the journal's reserved space lets some through, then orders are refused.
      for (let i = 0; i < 3000 && trader.refused < 30; i++) await trader.place('full');

      fs.rmSync(filler);
      for (let i = 0; i < 20; i++) expect(await trader.place('after')).toBe('confirmed');
      await first.kill9();

      const second = await startCli(args);
      clis.push(second);
      const client = await WsClient.connect(second.url, TOKEN);
      for (const [orderId, clientOrderId] of trader.confirmed) {
        const reply = await paced(() => client.request('orderstatus', { orderId }));
        expect(reply.event, `confirmed order ${orderId} after the restart`).toBe('orderstatus');
        expect(OrderStatusReply.parse(reply).payload.clientOrderId).toBe(clientOrderId);
      }
      const next = payloadOf<{ orderId: number }>(
        await client.request('newordersingle', {
          symbol: 'EURUSD',
          side: 'BUY',
          type: 'LIMIT',
          price: 1.0,
          quantity: 1000,
        }),
      );
      expect(next.orderId).toBeGreaterThan(Math.max(...trader.confirmed.keys()));
      await client.close();

      // The disk really was full, and the real error was logged once for the episode.
      expect(trader.refused).toBeGreaterThanOrEqual(30);
      const log = first.output();
      expect(log.match(/no space left on device/gi) ?? []).toHaveLength(1);
      expect(log).toMatch(/journal: .* is writable again/);
    } finally {
      await Promise.all(clis.map((cli) => cli.kill9()));
      tmpfs.unmount();
    }
  }, 60_000);
});
