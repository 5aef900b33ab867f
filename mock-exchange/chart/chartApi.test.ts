/** The Chart API over real HTTP and WebSocket, on a manual-clock exchange. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ChartCandlesReply,
  ChartErrorReply,
  ChartPivotLevelsReply,
  ChartSymbolsReply,
  ChartTickerFrame,
  SymbolsReply,
  type ChartTick,
} from '../../shared/protocol';
import { openExchange, type Harness } from '../testing/harness';
import type { TestClient } from '../test-client/client';
import { CANDLE_DIR } from './candleFiles';
import { CHART_WS_MAX_PAYLOAD } from './chartServer';
import { getJson, requestJson, TickerClient } from './testing/chartClient';
import { TICKER_KEEPALIVE_MS } from './ticker';

const harnesses: Harness[] = [];
const tickers: TickerClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(tickers.splice(0).map((t) => t.close()));
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(options: Parameters<typeof openExchange>[0] = {}): Promise<Harness> {
  const h = await openExchange(options);
  harnesses.push(h);
  return h;
}
async function ticker(h: Harness): Promise<TickerClient> {
  const t = await TickerClient.connect(h.ex.chartUrl!);
  tickers.push(t);
  return t;
}
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-api-'));
  dirs.push(dir);
  return dir;
}

async function candles(h: Harness, query: string) {
  const answer = await getJson(h.ex.chartUrl!, `/candles?${query}`);
  expect(answer.status).toBe(200);
  return ChartCandlesReply.parse(answer.body).result;
}
async function marketOrder(c: TestClient, side: 'BUY' | 'SELL', quantity: number): Promise<void> {
  const reply = await c.request('newordersingle', {
    symbol: 'EURUSD',
    side,
    type: 'MARKET',
    quantity,
  });
  expect(reply.event).toBe('newordersingle');
}
const tickOf = (frame: unknown, symbol: string): ChartTick | undefined => {
  const parsed = ChartTickerFrame.safeParse(frame);
  return parsed.success ? parsed.data.d.find((t) => t.m === symbol) : undefined;
};

describe('Chart API: candles from the exchange tape', () => {
  it('serves on its own loopback port and is off with chartApi: false', async () => {
    const h = await open();
    expect(h.ex.chartUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.ex.chartUrl).not.toContain(`:${h.ex.port}`);
    const off = await open({ chartApi: false });
    expect(off.ex.chartUrl).toBeNull();
  });

  it('history ends at the live price in the minute before the market opens', async () => {
    const h = await open();
    const [last] = await candles(h, 'symbol=EURUSD&interval=1m&count=1');
    expect(last).toMatchObject({ time: '2026-01-05T08:59:00Z', close: 1.085 });
    const days = await candles(h, 'symbol=EURUSD&interval=1day&count=1000');
    expect(days.length).toBeGreaterThanOrEqual(30);
  });

  it('a trade shows in the very next /candles answer, at the exchange clock', async () => {
    const h = await open();
    const c = await h.connect();
    const { ask, bid } = h.top('EURUSD');
    await marketOrder(c, 'BUY', 3000);
    expect(await candles(h, 'symbol=EURUSD&interval=1m&count=1')).toEqual([
      {
        time: '2026-01-05T09:00:00Z',
        open: ask,
        high: ask,
        low: ask,
        close: ask,
        volume: 3000,
        count: 1,
      },
    ]);
    h.ex.controls.advance(5 * 60_000);
    await marketOrder(c, 'SELL', 2000);
    const [first, second] = await candles(h, 'symbol=EURUSD&interval=1m&count=2');
    expect(first?.time).toBe('2026-01-05T09:00:00Z');
    expect(second).toMatchObject({ time: '2026-01-05T09:05:00Z', close: bid, volume: 2000 });
    // The hour holds both trades on top of nothing else (history ended at 08:59).
    expect((await candles(h, 'symbol=EURUSD&interval=1h&count=1'))[0]).toMatchObject({
      time: '2026-01-05T09:00:00Z',
      open: ask,
      close: bid,
      high: ask,
      low: bid,
      volume: 5000,
      count: 2,
    });
  });

  it('every interval answers aligned, strictly increasing candles within count', async () => {
    const h = await open();
    for (const interval of ['1m', '3m', '5m', '10m', '15m', '30m', '1h', '2h', '4h', '8h']) {
      const list = await candles(h, `symbol=GBPUSD&interval=${interval}&count=50`);
      expect(list.length).toBe(50);
      const times = list.map((c) => Date.parse(c.time));
      expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    }
    const weeks = await candles(h, 'symbol=GBPUSD&interval=1week&count=10');
    expect(weeks.every((w) => new Date(w.time).getUTCDay() === 1)).toBe(true);
    const months = await candles(h, 'symbol=GBPUSD&interval=1month&count=10');
    expect(months.map((m) => m.time)).toEqual(['2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z']);
  });

  it('from and till select by open time (YYYYMMDDHHMM, UTC)', async () => {
    const h = await open();
    const list = await candles(h, 'symbol=USDJPY&interval=15m&from=202601050700&till=202601050800');
    expect(list.map((c) => c.time.slice(11, 16))).toEqual([
      '07:00',
      '07:15',
      '07:30',
      '07:45',
      '08:00',
    ]);
    const newest = await candles(h, 'symbol=USDJPY&interval=1h&till=202601050300&count=2');
    expect(newest.map((c) => c.time)).toEqual(['2026-01-05T02:00:00Z', '2026-01-05T03:00:00Z']);
  });
});

describe('Chart API: symbols and pivots', () => {
  it('/symbols lists the order socket instruments at its prices', async () => {
    const h = await open();
    const c = await h.connect();
    const names = SymbolsReply.parse(await c.request('symbols')).payload.map((s) => s.symbol);
    const answer = await getJson(h.ex.chartUrl!, '/symbols');
    expect(answer.status).toBe(200);
    const list = ChartSymbolsReply.parse(answer.body).result;
    expect(list.map((s) => s.name)).toEqual(names);
    const eurusd = list.find((s) => s.name === 'EURUSD')!;
    expect({ bid: eurusd.bid, ask: eurusd.ask }).toEqual(h.top('EURUSD'));
    expect(eurusd.low).toBeLessThanOrEqual(eurusd.high);
    expect(eurusd.volume).toBeGreaterThan(0);
  });

  it('pivot levels come from the previous complete period', async () => {
    const h = await open();
    // 2026-01-05 is a Monday: the previous day and week are 2026-01-04 and the week of 2025-12-29.
    const [day] = await candles(
      h,
      'symbol=EURUSD&interval=1day&from=202601040000&till=202601040000',
    );
    const answer = await getJson(
      h.ex.chartUrl!,
      '/analysis/pivotlevels?market=EURUSD&interval=1D&type=classic',
    );
    expect(answer.status).toBe(200);
    const levels = ChartPivotLevelsReply.parse(answer.body).result;
    const pp = (day!.high + day!.low + day!.close) / 3;
    expect(Number(levels.PP)).toBeCloseTo(pp, 10);
    expect(Number(levels.R1)).toBeCloseTo(2 * pp - day!.low, 10);
    expect(Number(levels.S3)).toBeCloseTo(day!.low - 2 * (day!.high - pp), 10);
    for (const interval of ['1W', '1M']) {
      for (const type of ['classic', 'fibonacci', 'camarilla']) {
        const a = await getJson(
          h.ex.chartUrl!,
          `/analysis/pivotlevels?market=BTCUSDT&interval=${interval}&type=${type}`,
        );
        expect(a.status).toBe(200);
        const l = ChartPivotLevelsReply.parse(a.body).result;
        expect(Number(l.S3)).toBeLessThan(Number(l.S1));
        expect(Number(l.R1)).toBeLessThan(Number(l.R3));
      }
    }
  });
});

describe('Chart API: ticker over /ws', () => {
  it('subscribe starts ticks, unsubscribe stops them at once', async () => {
    const h = await open();
    const t = await ticker(h);
    t.send({ m: 'subscribe', p: ['EURUSD'] });
    const snapshot = tickOf(await t.waitFor((f) => tickOf(f, 'EURUSD') !== undefined), 'EURUSD')!;
    expect(snapshot.time).toBe('2026-01-05T09:00:00.000Z');
    expect({ bid: snapshot.bid, ask: snapshot.ask }).toEqual(h.top('EURUSD'));
    expect(snapshot.day_low).toBeLessThanOrEqual(snapshot.day_open);
    expect(snapshot.day_open).toBeLessThanOrEqual(snapshot.day_high);

    let from = t.frames.length;
    expect(h.ex.controls.setReferencePrice('EURUSD', 1.086).ok).toBe(true);
    const moved = await t.waitFor((f) => tickOf(f, 'EURUSD')?.bid === h.top('EURUSD').bid, from);
    expect(tickOf(moved, 'EURUSD')!.day_high).toBeGreaterThanOrEqual(1.086);

    // Unchanged prices still tick every few seconds.
    from = t.frames.length;
    h.ex.controls.advance(TICKER_KEEPALIVE_MS);
    await t.waitFor((f) => tickOf(f, 'EURUSD') !== undefined, from);

    t.send({ m: 'unsubscribe', p: ['EURUSD'] });
    t.send({ m: 'subscribe', p: ['GBPUSD'] });
    await t.waitFor((f) => tickOf(f, 'GBPUSD') !== undefined, from);
    from = t.frames.length;
    h.ex.controls.setReferencePrice('EURUSD', 1.087);
    h.ex.controls.advance(2 * TICKER_KEEPALIVE_MS);
    await t.waitFor((f) => tickOf(f, 'GBPUSD') !== undefined, from);
    expect(t.frames.slice(from).filter((f) => tickOf(f, 'EURUSD'))).toEqual([]);
  });
});

describe('Chart API: bad input', () => {
  const cases: Array<[string, number, string]> = [
    ['/candles?symbol=NOPE&interval=1m', 400, 'UNKNOWN_SYMBOL'],
    ['/candles?symbol=EURUSD&interval=1d', 400, 'UNKNOWN_INTERVAL'],
    ['/candles?symbol=EURUSD', 400, 'UNKNOWN_INTERVAL'],
    ['/candles?interval=1m', 400, 'INVALID_PARAMETER'],
    ['/candles?symbol=EURUSD&interval=1m&count=1001', 400, 'INVALID_COUNT'],
    ['/candles?symbol=EURUSD&interval=1m&count=abc', 400, 'INVALID_COUNT'],
    ['/candles?symbol=EURUSD&interval=1m&count=0', 400, 'INVALID_COUNT'],
    ['/candles?symbol=EURUSD&interval=1m&count=-5', 400, 'INVALID_COUNT'],
    ['/candles?symbol=EURUSD&interval=1m&count=1.5', 400, 'INVALID_COUNT'],
    ['/candles?symbol=EURUSD&interval=1m&from=2025011300', 400, 'INVALID_DATE'],
    ['/candles?symbol=EURUSD&interval=1m&from=202502300000', 400, 'INVALID_DATE'],
    ['/candles?symbol=EURUSD&interval=1m&till=2025-01-13T00:00', 400, 'INVALID_DATE'],
    [
      '/candles?symbol=EURUSD&interval=1m&from=202601050000&till=202601040000',
      400,
      'INVALID_RANGE',
    ],
    ['/analysis/pivotlevels?market=NOPE&interval=1D&type=classic', 400, 'UNKNOWN_SYMBOL'],
    ['/analysis/pivotlevels?market=EURUSD&interval=1H&type=classic', 400, 'UNKNOWN_INTERVAL'],
    ['/analysis/pivotlevels?market=EURUSD&interval=1D&type=woodie', 400, 'INVALID_PARAMETER'],
    ['/nope', 404, 'NOT_FOUND'],
    ['/candles/', 404, 'NOT_FOUND'],
  ];

  it('answers every bad query with a 4xx error reply and keeps serving', async () => {
    const h = await open();
    const ids = new Set<string>();
    for (const [query, status, errorCode] of cases) {
      const answer = await getJson(h.ex.chartUrl!, query);
      expect([query, answer.status]).toEqual([query, status]);
      const error = ChartErrorReply.parse(answer.body);
      expect([query, error.errorCode]).toEqual([query, errorCode]);
      expect(error.message.length).toBeGreaterThan(0);
      ids.add(error.errorId);
    }
    expect(ids.size).toBe(cases.length);
    const post = await requestJson(h.ex.chartUrl!, 'POST', '/symbols');
    expect(post.status).toBe(405);
    expect(ChartErrorReply.parse(post.body).errorCode).toBe('METHOD_NOT_ALLOWED');
    expect((await getJson(h.ex.chartUrl!, '/symbols')).status).toBe(200);
  });

  it('ws floods, garbage and oversized frames close only the offender', async () => {
    const h = await open();
    const good = await ticker(h);
    const garbage = await ticker(h);
    const huge = await ticker(h);
    garbage.send('not json');
    garbage.send(Buffer.from([1, 2, 3]));
    expect((await garbage.waitFor(() => true)) as { m: string }).toMatchObject({
      m: 'error',
      errorCode: 'INVALID_COMMAND',
    });
    for (let i = 0; i < 30; i++) garbage.send({ m: 'subscribe', p: 'EURUSD' });
    expect(await garbage.closed).toBe(1008);
    huge.send({ m: 'subscribe', p: ['x'.repeat(CHART_WS_MAX_PAYLOAD)] });
    expect(await huge.closed).toBe(1009);
    good.send({ m: 'subscribe', p: ['EURUSD'] });
    await good.waitFor((f) => tickOf(f, 'EURUSD') !== undefined);
    expect((await getJson(h.ex.chartUrl!, '/symbols')).status).toBe(200);
  });

  it('refuses upgrades on any path but /ws', async () => {
    const h = await open();
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${h.ex.chartUrl!.replace('http', 'ws')}/other`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });
});

describe('Chart API: persistence with --data', () => {
  it('complete candles survive a restart unchanged, in 0600 files', async () => {
    const dataDir = tempDir();
    const first = await open({ dataDir });
    const c = await first.connect();
    await marketOrder(c, 'BUY', 4000);
    first.ex.controls.advance(61_000);
    await marketOrder(c, 'SELL', 1000);
    const minutes = 'symbol=EURUSD&interval=1m&count=1000&till=202601050900';
    const days = 'symbol=EURUSD&interval=1day&count=1000&till=202601040000';
    const before = { minutes: await candles(first, minutes), days: await candles(first, days) };
    expect(before.minutes.at(-1)).toMatchObject({ time: '2026-01-05T09:00:00Z', volume: 4000 });
    await first.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    for (const file of fs.readdirSync(path.join(dataDir, CANDLE_DIR))) {
      expect(fs.statSync(path.join(dataDir, CANDLE_DIR, file)).mode & 0o777).toBe(0o600);
    }
    // A day later, with another seed: history comes from disk, not from a new backfill.
    const second = await open({ dataDir, startTime: '2026-01-06T12:00:00Z', seed: 99 });
    expect(await candles(second, minutes)).toEqual(before.minutes);
    expect(await candles(second, days)).toEqual(before.days);
    expect((await candles(second, 'symbol=EURUSD&interval=1m&count=1'))[0]).toMatchObject({
      time: '2026-01-05T09:01:00Z',
      volume: 1000,
    });
  });
});
