import { describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../shared/ipc';
import { createManualTimers } from '../testing/manualTimers';
import { EventBatcher } from './eventBatcher';

describe('EventBatcher', () => {
  it('coalesces a burst into one batch per interval, latest quote per symbol, fills kept in order', () => {
    const clock = createManualTimers(1000);
    const batches: Array<{ at: number; batch: EventBatch }> = [];
    let persisted = 0;
    const batcher = new EventBatcher(
      20,
      () => (persisted += 1),
      () => undefined,
      undefined,
      clock,
    );
    batcher.subscribe((batch) => batches.push({ at: clock.now(), batch }));
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
    // Nothing goes out before the interval is over; then exactly one batch, committed first.
    clock.advance(19);
    expect(batches).toHaveLength(0);
    clock.advance(1);
    expect(batches).toHaveLength(1);
    const first = batches[0]!;
    expect(first.at).toBe(1020);
    expect(first.batch.quotes?.[0]?.map((q) => [q.symbol, q.time])).toEqual([
      ['GBPUSD', 9998],
      ['EURUSD', 9999],
    ]);
    expect(first.batch.fills?.[0]?.map((f) => f.fillId)).toEqual(
      Array.from({ length: 10 }, (_, k) => `f${k * 1000}`),
    );
    expect(persisted).toBe(1);

    // A quote every millisecond for 100 ms: one batch per 20 ms interval, never closer.
    for (let ms = 0; ms < 100; ms += 1) {
      batcher.quote({ symbol: 'EURUSD', bid: 1, ask: 2, last: null, time: ms });
      clock.advance(1);
    }
    batcher.flush();
    const gaps = batches.slice(1, -1).map((b, i) => b.at - batches[i]!.at);
    expect(batches.length).toBeLessThanOrEqual(1 + 100 / 20 + 1);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(20);
    batcher.dispose();
    expect(clock.pending).toBe(0);
  });
});

describe('EventBatcher when the database refuses writes', () => {
  const fill = (fillId: string) => ({
    fillId,
    orderId: 1,
    clientOrderId: 'c',
    login: 'demo',
    symbol: 'EURUSD',
    side: 'BUY' as const,
    price: 1,
    qty: 1,
    time: 1,
    tradeId: 1,
  });

  it('shows nothing uncommitted, says why once, retries with backoff, then shows everything kept', async () => {
    vi.useFakeTimers();
    try {
      let full = true;
      let attempts = 0;
      const committed: string[] = [];
      let queued: string[] = [];
      const changes: Array<string | null> = [];
      const batches: EventBatch[] = [];
      const batcher = new EventBatcher(
        16,
        {
          persist: () => {
            attempts += 1;
            if (full) throw new Error('database or disk is full');
            committed.push(...queued);
            queued = [];
          },
          onStorageChange: (error) => changes.push(error?.message ?? null),
        },
        () => undefined,
        { initialMs: 100, maxMs: 400 },
      );
      batcher.subscribe((b) => batches.push(b));
      const shown = (): string[] =>
        batches.flatMap((b) => (b.fills ?? []).flat().map((f) => f.fillId));

      queued.push('f1');
      batcher.fills([fill('f1')]);
      batcher.quote({ symbol: 'EURUSD', bid: 1, ask: 2, last: null, time: 1 });
      await vi.advanceTimersByTimeAsync(16);
      expect(shown()).toEqual([]);
      expect(batches.at(-1)?.quotes).toBeDefined();
      expect(batches.at(-1)?.storage?.[0]).toEqual({
        state: 'failing',
        message: 'History cannot be saved: database or disk is full',
        retryInMs: 100,
      });
      expect(changes).toEqual(['database or disk is full']);

      // Trading goes on: still nothing shown, quotes flow, retries back off (100, 200, 400, 400).
      queued.push('f2');
      batcher.fills([fill('f2')]);
      await vi.advanceTimersByTimeAsync(16);
      expect(attempts).toBe(1);
      await vi.advanceTimersByTimeAsync(100 + 200 + 400);
      expect(attempts).toBe(4);
      expect(shown()).toEqual([]);
      expect(changes).toEqual(['database or disk is full']);

      full = false;
      await vi.advanceTimersByTimeAsync(400);
      expect(committed).toEqual(['f1', 'f2']);
      expect(shown()).toEqual(['f1', 'f2']);
      expect(batches.at(-1)?.storage?.[0]?.state).toBe('ok');
      expect(changes).toEqual(['database or disk is full', null]);
      batcher.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a notification sent again under its id replaces the queued one', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher(
      16,
      () => undefined,
      () => undefined,
    );
    batcher.subscribe((b) => batches.push(b));
    const note = (message: string) => ({
      id: 'fills-1',
      kind: 'fill' as const,
      message,
      time: 1,
      orderId: 1,
    });
    batcher.notification(note('Bought 1,000'));
    batcher.notification(note('Bought 2,000 (2 fills)'));
    batcher.flush();
    expect(batches[0]?.notification?.map((n) => n.message)).toEqual(['Bought 2,000 (2 fills)']);
    batcher.dispose();
  });

  it('takes a resync of 300,000 fills at once and shows them all, in order', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher(
      16,
      () => undefined,
      () => undefined,
    );
    batcher.subscribe((b) => batches.push(b));
    const fills = Array.from({ length: 300_000 }, (_, i) => ({
      fillId: `f${i}`,
      orderId: i,
      clientOrderId: `c${i}`,
      login: 'demo',
      symbol: 'EURUSD',
      side: 'BUY' as const,
      price: 1.1,
      qty: 1,
      time: i,
      tradeId: i,
    }));
    batcher.fills(fills);
    batcher.flush();
    const shown = batches[0]?.fills?.[0] ?? [];
    expect(shown).toHaveLength(300_000);
    expect(shown[0]?.fillId).toBe('f0');
    expect(shown.at(-1)?.fillId).toBe('f299999');
    batcher.dispose();
  });
});
