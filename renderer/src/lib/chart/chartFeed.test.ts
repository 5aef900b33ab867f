import { describe, expect, it } from 'vitest';
import type { ChartBar, ChartCandlesInput } from '../../../../shared/ipc';
import { createStubApi, ok } from '../testing/stub-api';
import { ChartFeed, PAGE_BARS, type FeedSink } from './chartFeed.svelte';

const MIN = 60_000;
const NOW = Date.UTC(2025, 2, 4, 12, 0);

/** A history of 1-minute bars ending at NOW, `total` long, with a hole where `hole` says. */
function history(total: number, hole?: { from: number; to: number }): ChartBar[] {
  const bars: ChartBar[] = [];
  for (let i = total - 1; i >= 0; i--) {
    const time = NOW - i * MIN;
    if (hole && time >= hole.from && time < hole.to) continue;
    bars.push({ time, open: 1, high: 1.1, low: 0.9, close: 1, volume: 5 });
  }
  return bars;
}

/** A stub api whose chartCandles pages through `bars` as the Chart API would. */
function apiOver(bars: ChartBar[]) {
  const api = createStubApi();
  const asked: ChartCandlesInput[] = [];
  api.reply('chartCandles', (input) => {
    asked.push(input);
    const older = bars.filter((b) => input.before === undefined || b.time < input.before);
    return ok(older.slice(-(input.count ?? 500)));
  });
  return { api, asked };
}

function recorder(): FeedSink & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    reset: (bars) => log.push(`reset ${bars.length}`),
    prepend: (bars) => log.push(`prepend ${bars.length}`),
    update: (bar) => log.push(`update ${(bar.time - NOW) / MIN} ${bar.close}`),
  };
}

describe('ChartFeed', () => {
  it('loads the newest page, then older pages on demand until history starts', async () => {
    const { api, asked } = apiOver(history(1200));
    const sink = recorder();
    const feed = new ChartFeed(api, sink);
    await feed.load('EURUSD', '1m');
    expect(feed.bars).toHaveLength(PAGE_BARS);
    await feed.loadOlder();
    await feed.loadOlder();
    await feed.loadOlder();
    expect(sink.log).toEqual(['reset 0', 'reset 500', 'prepend 500', 'prepend 200']);
    expect(asked.map((a) => a.before === undefined)).toEqual([true, false, false]);
    expect(asked[1]?.before).toBe(NOW - 499 * MIN);
    expect(feed.bars).toHaveLength(1200);
    expect(feed.note).toBe('History starts 2025-03-03 16:01 UTC');
  });

  it('says in words why nothing is shown: a refusal, or no candles yet', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ({
      ok: false,
      error: {
        code: 'EXCHANGE',
        message: 'The Chart API refused /candles: instrument is initializing',
      },
    }));
    const feed = new ChartFeed(api, recorder());
    await feed.load('EURUSD', '5m');
    expect(feed.message).toBe('The Chart API refused /candles: instrument is initializing');
    api.reply('chartCandles', () => ok([]));
    await feed.load('EURUSD', '5m');
    expect(feed.message).toBe('No candles yet for EURUSD (5m)');
  });

  it('names a gap in the history shown', async () => {
    const { api } = apiOver(history(300, { from: NOW - 200 * MIN, to: NOW - 100 * MIN }));
    const feed = new ChartFeed(api, recorder());
    await feed.load('EURUSD', '1m');
    expect(feed.note).toBe(
      'Gap in history: no candles from 2025-03-04 08:40 UTC to 2025-03-04 10:20 UTC',
    );
  });

  it('drops the answer of a load that a newer one replaced', async () => {
    const api = createStubApi();
    const pending: Array<() => void> = [];
    api.reply(
      'chartCandles',
      (input) =>
        new Promise((resolve) =>
          pending.push(() => resolve(ok(input.symbol === 'EURUSD' ? history(3) : history(7)))),
        ),
    );
    const feed = new ChartFeed(api, recorder());
    const first = feed.load('EURUSD', '1m');
    const second = feed.load('GBPUSD', '1m');
    pending[1]?.();
    await second;
    pending[0]?.();
    await first;
    expect(feed.symbol).toBe('GBPUSD');
    expect(feed.bars).toHaveLength(7);
  });

  it("moves the live bar with trades and, when a bar opens, takes the Chart API's exact bars", async () => {
    const bars = history(10);
    const { api, asked } = apiOver(bars);
    const sink = recorder();
    const feed = new ChartFeed(api, sink);
    await feed.load('EURUSD', '1m');
    feed.applyTrade(1.05, NOW + 10_000);
    feed.applyTrade(0.95, NOW + 20_000, 3);
    expect(feed.bars.at(-1)).toMatchObject({
      time: NOW,
      high: 1.1,
      low: 0.9,
      close: 0.95,
      volume: 8,
    });
    // The Chart API has the completed bar now, with the volume of every trade in it.
    bars[bars.length - 1] = { ...bars.at(-1)!, close: 0.96, volume: 40 };
    feed.applyTrade(1.2, NOW + MIN + 1);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.at(-1)).toMatchObject({ count: 3 });
    expect(sink.log.slice(3, 5)).toEqual(['update 0 0.95', 'update 1 1.2']);
    // Then the bars the Chart API answered, its values over the live ones; the live bar stays.
    expect(sink.log.slice(5)).toEqual([
      'update -2 1',
      'update -1 1',
      'update 0 0.96',
      'update 1 1.2',
    ]);
    expect(feed.bars.slice(-2).map((b) => [b.close, b.volume])).toEqual([
      [0.96, 40],
      [1.2, 0],
    ]);
  });

  it('folds a frame of trades into the bars and tells the chart once per bar touched', async () => {
    const { api } = apiOver(history(10));
    const sink = recorder();
    const feed = new ChartFeed(api, sink);
    await feed.load('EURUSD', '1m');
    const before = sink.log.length;
    feed.applyTrades([
      { price: 1.05, at: NOW + 1_000, volume: 1 },
      { price: 1.15, at: NOW + 2_000, volume: 1 },
      { price: 1.0, at: NOW + 3_000, volume: 2 },
      // The next minute opens: the bar it closes is shown first, in its final state.
      { price: 1.3, at: NOW + MIN + 1, volume: 1 },
      { price: 1.25, at: NOW + MIN + 2, volume: 1 },
    ]);
    expect(sink.log.slice(before)).toEqual(['update 0 1', 'update 1 1.25']);
    expect(feed.bars.at(-2)).toMatchObject({ high: 1.15, close: 1, volume: 9 });
    expect(feed.bars.at(-1)).toMatchObject({ open: 1.3, high: 1.3, low: 1.25, volume: 2 });
  });
});
