import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../shared/ipc';
import { waitFor } from '../testing/coreTestkit';
import { EventBatcher } from './eventBatcher';

describe('EventBatcher', () => {
  it('coalesces a burst into few batches, latest quote per symbol, fills kept in order', async () => {
    const batches: Array<{ at: number; batch: EventBatch }> = [];
    let persisted = 0;
    const batcher = new EventBatcher(
      20,
      () => (persisted += 1),
      () => undefined,
    );
    batcher.subscribe((batch) => batches.push({ at: performance.now(), batch }));
    const start = performance.now();
    for (let i = 0; i < 10_000; i += 1) {
      batcher.quote({
        symbol: i % 2 ? 'EURUSD' : 'GBPUSD',
        bid: i,
        ask: i + 1,
        last: null,
        time: i,
      });
      if (i % 1000 === 0) {
        batcher.fills([
          {
            fillId: `f${i}`,
            orderId: 1,
            clientOrderId: 'c',
            login: 'demo',
            symbol: 'EURUSD',
            side: 'BUY',
            price: 1,
            qty: 1,
            time: i,
            tradeId: null,
          },
        ]);
      }
    }
    await waitFor(() => batches.length >= 1);
    expect(batches).toHaveLength(1);
    const first = batches[0]!;
    expect(first.at - start).toBeGreaterThanOrEqual(15);
    expect(first.batch.quotes?.[0]?.map((q) => [q.symbol, q.time])).toEqual([
      ['GBPUSD', 9998],
      ['EURUSD', 9999],
    ]);
    expect(first.batch.fills?.[0]?.map((f) => f.fillId)).toEqual(
      Array.from({ length: 10 }, (_, k) => `f${k * 1000}`),
    );
    expect(persisted).toBe(1);

    // A steady stream for ~100 ms yields at most one batch per interval.
    const until = performance.now() + 100;
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        batcher.quote({ symbol: 'EURUSD', bid: 1, ask: 2, last: null, time: performance.now() });
        if (performance.now() < until) setImmediate(pump);
        else resolve();
      };
      pump();
    });
    batcher.flush();
    const gaps = batches.slice(1, -1).map((b, i) => b.at - batches[i]!.at);
    expect(batches.length).toBeLessThanOrEqual(1 + Math.ceil(100 / 20) + 1);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(15);
    batcher.dispose();
  });
});
