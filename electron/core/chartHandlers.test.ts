import { afterEach, describe, expect, it } from 'vitest';
import type { ChartBar, ChartPivots, IpcResult } from '../../shared/ipc';
import { ChartCandlesReply } from '../../shared/protocol/chart';
import { startTestExchange } from '../../mock-exchange/testing';
import type { PaperExchange } from './api';
import { startCoreWithExchange, tempDir, unwrap, type CoreHarness } from '../testing/coreTestkit';
import { tillBefore } from './chartHandlers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A core connected to its in-process paper exchange (manual clock, Chart API on unless told). */
async function connected(chartApi = true): Promise<CoreHarness> {
  const tmp = tempDir('pd-chart-core-');
  cleanups.push(tmp.remove);
  const startPaperExchange = async (dataDir: string): Promise<PaperExchange> => {
    const ex = await startTestExchange({
      port: 0,
      seed: 7,
      chartApi,
      accounts: [{ login: 'demo', token: 'demo-token' }],
      dataDir,
    });
    return {
      url: ex.url,
      chartUrl: ex.chartUrl,
      token: 'demo-token',
      login: 'demo',
      stop: () => ex.close(),
    };
  };
  const h = await startCoreWithExchange(tmp.dir, {
    autoConnectProfileId: null,
    ...(chartApi ? {} : { startPaperExchange }),
  });
  cleanups.push(h.close);
  unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
  return h;
}

const candles = async (h: CoreHarness, input: object): Promise<IpcResult<ChartBar[]>> =>
  (await h.core.invoke('chartCandles', input as never)) as IpcResult<ChartBar[]>;

/** The mock's own /candles answer, straight over HTTP. */
async function direct(h: CoreHarness, query: string) {
  const url = `${h.exchange().chartUrl}/candles?${query}`;
  return ChartCandlesReply.parse(await (await fetch(url)).json()).result;
}

describe('chartCandles', () => {
  it('returns the newest candles oldest first, with epoch-ms times and the Chart API values', async () => {
    const h = await connected();
    const bars = unwrap(await candles(h, { symbol: 'EURUSD', interval: '1m', count: 50 }));
    expect(bars).toHaveLength(50);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.time).toBeGreaterThan(bars[i - 1]!.time);
    for (const b of bars) {
      expect(b.time % 60_000).toBe(0);
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
    }
    const mock = await direct(h, 'symbol=EURUSD&interval=1m&count=50');
    expect(bars).toEqual(
      mock.map((c) => ({
        time: Date.parse(c.time),
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
      })),
    );
  });

  it('pages back with `before`: only older candles, ending right before the first one shown', async () => {
    const h = await connected();
    const newest = unwrap(await candles(h, { symbol: 'EURUSD', interval: '5m', count: 40 }));
    const first = newest[0]!;
    const older = unwrap(
      await candles(h, { symbol: 'EURUSD', interval: '5m', count: 30, before: first.time }),
    );
    expect(older).toHaveLength(30);
    expect(older.every((b) => b.time < first.time)).toBe(true);
    const both = unwrap(await candles(h, { symbol: 'EURUSD', interval: '5m', count: 70 }));
    expect([...older, ...newest]).toEqual(both);
  });

  it('answers the longer intervals the picker offers', async () => {
    const h = await connected();
    for (const interval of ['15m', '1h', '4h', '1day']) {
      const bars = unwrap(await candles(h, { symbol: 'GBPUSD', interval, count: 5 }));
      expect(bars.length, interval).toBeGreaterThan(0);
    }
  });

  it("passes on the Chart API's refusal in words", async () => {
    const h = await connected();
    const result = await candles(h, { symbol: 'NOPE', interval: '1m' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('EXCHANGE');
      expect(result.error.message).toMatch(/^The Chart API refused \/candles: /);
    }
  });

  it('refuses more than 1000 candles before asking anyone', async () => {
    const h = await connected();
    const result = await candles(h, { symbol: 'EURUSD', interval: '1m', count: 1001 });
    expect(result.ok || result.error.code).toBe('INVALID_INPUT');
  });

  it('says there is no Chart API when the profile has none', async () => {
    const h = await connected(false);
    const result = await candles(h, { symbol: 'EURUSD', interval: '1m' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No Chart API on this profile' },
    });
    const pivots = await h.core.invoke('chartPivots', { symbol: 'EURUSD' });
    expect(pivots.ok || pivots.error.message).toBe('No Chart API on this profile');
  });
});

describe('chartPivots', () => {
  it("gives the classic levels of the previous day's candle as numbers", async () => {
    const h = await connected();
    const levels = unwrap(await h.core.invoke('chartPivots', { symbol: 'EURUSD' })) as ChartPivots;
    const days = await direct(h, 'symbol=EURUSD&interval=1day&count=2');
    const prev = days[0]!;
    const pp = (prev.high + prev.low + prev.close) / 3;
    expect(levels.PP).toBeCloseTo(pp, 4);
    expect(levels.R1).toBeCloseTo(2 * pp - prev.low, 4);
    expect(levels.S1).toBeCloseTo(2 * pp - prev.high, 4);
    expect(levels.S3).toBeLessThan(levels.S2);
    expect(levels.R3).toBeGreaterThan(levels.R2);
  });
});

describe('tillBefore', () => {
  it('is the last whole minute strictly before the given time', () => {
    expect(tillBefore(Date.UTC(2025, 0, 1, 10, 0))).toBe(Date.UTC(2025, 0, 1, 9, 59));
    expect(tillBefore(Date.UTC(2025, 0, 1, 10, 0, 30))).toBe(Date.UTC(2025, 0, 1, 10, 0));
  });
});
