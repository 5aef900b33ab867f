/**
 * Part 2: the exchange over a real socket on 127.0.0.1 against a bare `ws`
 * server that only parses and re-serializes JSON (the transport's limit).
 * Both servers run in this process, one at a time; the load client runs in
 * a child process (loadClient.ts) so client and server do not share a core's
 * event loop. Runs alternate exchange / echo.
 */
import { WebSocketServer } from 'ws';
import { startExchange, type ExchangeHandle } from '../mock-exchange';
import { BenchChild } from './child';
import type { LoadJob, LoadResult } from './loadClient';
import { median, medianFigure, percentile, ratioFigure, round } from './stats';
import type { BenchModule, BenchSettings, Figure } from './types';

/** A WebSocket server that answers each frame with the same JSON, parsed and re-serialized. */
async function startEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, clientTracking: true });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => ws.send(JSON.stringify(JSON.parse(String(data)))));
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The exchange as the bench runs it: manual clock, market paused, no rate limit, no journal. */
async function startBenchExchange(): Promise<ExchangeHandle> {
  const exchange = await startExchange({
    clock: 'manual',
    rateLimit: false,
    heartbeatMs: 3_600_000,
    maxBufferedBytes: 64 * 1024 * 1024,
  });
  exchange.controls.pauseMarket();
  return exchange;
}

/** The exchange bench. */
export const exchangeBench: BenchModule = {
  name: 'exchange',
  async run(settings: BenchSettings): Promise<Figure[]> {
    const runs = settings.quick ? 3 : 5;
    const rttRequests = settings.quick ? 1_000 : 3_000;
    const floodRequests = settings.quick ? 10_000 : 30_000;
    const exchange = await startBenchExchange();
    const echo = await startEcho();
    const client = new BenchChild('./loadClient.ts');
    try {
      const job = (
        target: LoadJob['target'],
        mode: LoadJob['mode'],
        requests: number,
      ): Promise<LoadResult> =>
        client.ask<LoadResult>({
          url: target === 'exchange' ? exchange.url : echo.url,
          token: 'demo',
          target,
          mode,
          requests,
          inFlight: 1_000,
        } satisfies LoadJob);
      const checked = async (
        target: LoadJob['target'],
        mode: LoadJob['mode'],
        requests: number,
      ): Promise<LoadResult> => {
        const result = await job(target, mode, requests);
        if (result.errors > 0) throw new Error(`${target} ${mode}: ${result.errors} error replies`);
        return result;
      };
      // Warm-up of both servers and the client.
      await checked('exchange', 'rtt', rttRequests);
      await checked('echo', 'rtt', rttRequests);
      await checked('exchange', 'flood', floodRequests);
      await checked('echo', 'flood', floodRequests);
      const rttP50: number[] = [];
      const rttP99: number[] = [];
      const echoP50: number[] = [];
      const orders: number[] = [];
      const echoes: number[] = [];
      for (let r = 0; r < runs; r++) {
        const a = await checked('exchange', 'rtt', rttRequests);
        const b = await checked('echo', 'rtt', rttRequests);
        rttP50.push(percentile(a.rttUs, 50));
        rttP99.push(percentile(a.rttUs, 99));
        echoP50.push(percentile(b.rttUs, 50));
        const c = await checked('exchange', 'flood', floodRequests);
        const d = await checked('echo', 'flood', floodRequests);
        orders.push(c.perSecond);
        echoes.push(d.perSecond);
        settings.log(
          `exchange: run ${r + 1}/${runs}: rtt p50 ${round(rttP50[r] ?? 0)} us (echo ${round(echoP50[r] ?? 0)}), ` +
            `${round(c.perSecond)} orders/s (echo ${round(d.perSecond)} msgs/s)`,
        );
      }
      const rtt = median(rttP50);
      const echoRtt = median(echoP50);
      const ordersPerSec = median(orders);
      const echoPerSec = median(echoes);
      return [
        medianFigure('rtt_p50_us', 'us', rttP50, `${rttRequests} sequential orders per run`),
        medianFigure('rtt_p99_us', 'us', rttP99),
        medianFigure('echo_rtt_p50_us', 'us', echoP50),
        ratioFigure('rtt_vs_echo', rtt / echoRtt, { op: '<=', value: 1.15 }),
        medianFigure('orders_s', 'orders/s', orders, `${floodRequests} orders, 1,000 in flight`),
        medianFigure('echo_msgs_s', 'msgs/s', echoes),
        ratioFigure('orders_vs_echo', ordersPerSec / echoPerSec, { op: '>=', value: 0.9 }),
      ];
    } finally {
      client.close();
      await echo.close();
      await exchange.close();
    }
  },
};
