/**
 * The Chart API as an outside client sees it, written only from the public
 * description (acttrader/swagger `charts/swagger.yaml`): the CLI is started
 * as a process, its `Chart API` line read, and every endpoint and every
 * interval driven over plain HTTP and WebSocket. Shapes are checked by hand
 * from that text; nothing of our own schemas is imported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { killAllClis, startCli, type CliExchange } from './cliProcess';
import { withTimeout } from './wsClient';

// Copied from the public text on purpose, not imported from shared/protocol/chart.ts
// (CHART_INTERVALS): a typo there must fail here rather than be agreed with.
const INTERVALS = [
  '1m',
  '3m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '8h',
  '1day',
  '1week',
  '1month',
  '1year',
];
const PIVOT_INTERVALS = ['1D', '1W', '1M'];
const PIVOT_TYPES = ['classic', 'fibonacci', 'camarilla'];
const CHART_LINE = /Chart API.*?(http:\/\/127\.0\.0\.1:\d+)/;

type Json = Record<string, unknown>;

const clis: CliExchange[] = [];
afterAll(async () => {
  await Promise.all(clis.map((c) => c.stop()));
  killAllClis();
});

async function start(args: string[] = []): Promise<{ cli: CliExchange; base: string | null }> {
  const cli = await startCli(['--port', '0', '--seed', '11', ...args]);
  clis.push(cli);
  return { cli, base: CHART_LINE.exec(cli.output())?.[1] ?? null };
}

async function get(base: string, path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return { status: res.status, body: (await res.json()) as Json };
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isDateTime = (v: unknown): boolean =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v);
const isFloatString = (v: unknown): boolean =>
  typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v));

/** `Symbols`/`Candles`: required success, message, result. */
function expectWrapped(body: Json): unknown {
  expect(body.success).toBe(true);
  expect(typeof body.message).toBe('string');
  expect('result' in body).toBe(true);
  return body.result;
}

/** `ErrorResponce` (errorCode, errorId required) and `ErrorResponceCommon` (success, message). */
function expectError(answer: { status: number; body: Json }): void {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.body.success).toBe(false);
  expect(typeof answer.body.message).toBe('string');
  expect(String(answer.body.message).length).toBeGreaterThan(0);
  expect(typeof answer.body.errorCode).toBe('string');
  expect(typeof answer.body.errorId).toBe('string');
}

/** `Candle`: time (date-time), open, high, low, close, volume, count. */
function expectCandle(c: Json): void {
  expect(Object.keys(c).sort()).toEqual(
    ['close', 'count', 'high', 'low', 'open', 'time', 'volume'].sort(),
  );
  expect(isDateTime(c.time)).toBe(true);
  for (const k of ['open', 'high', 'low', 'close', 'volume', 'count'])
    expect(isNumber(c[k])).toBe(true);
  const [o, h, l, cl] = [c.open, c.high, c.low, c.close] as number[];
  expect(l).toBeLessThanOrEqual(Math.min(o!, cl!));
  expect(h).toBeGreaterThanOrEqual(Math.max(o!, cl!));
}

/** `Tick`: m, time, bid, ask, day_open, day_high, day_low. */
function expectTick(t: Json): void {
  expect(typeof t.m).toBe('string');
  expect(isDateTime(t.time)).toBe(true);
  for (const k of ['bid', 'ask', 'day_open', 'day_high', 'day_low'])
    expect(isNumber(t[k])).toBe(true);
}

/** A /ws connection collecting parsed frames. */
async function openWs(base: string): Promise<{ ws: WebSocket; frames: Json[] }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`);
  const frames: Json[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Json));
  ws.on('error', () => undefined);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    }),
    10_000,
    'ws open',
  );
  return { ws, frames };
}

async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const tickersOf = (frames: Json[]): Json[] =>
  frames.filter((f) => f.m === 'ticker').flatMap((f) => f.d as Json[]);

describe('Chart API from the public description', () => {
  it('prints its address and serves /symbols, /candles (every interval), pivots and /ws', async () => {
    const { base } = await start();
    expect(base).not.toBeNull();
    const url = base!;

    // GET /symbols: Symbols { success, message, result: Symbol[] }.
    const symbols = expectWrapped((await get(url, '/symbols')).body) as Json[];
    expect(symbols.length).toBeGreaterThan(0);
    for (const s of symbols) {
      expect(typeof s.name).toBe('string');
      for (const k of ['bid', 'ask', 'volume', 'high', 'low']) expect(isNumber(s[k])).toBe(true);
      expect(s.low as number).toBeLessThanOrEqual(s.high as number);
    }
    const names = symbols.map((s) => s.name as string);
    const symbol = names[0]!;

    // GET /candles for every interval of the enum.
    for (const interval of INTERVALS) {
      const answer = await get(url, `/candles?symbol=${symbol}&interval=${interval}&count=5`);
      expect([interval, answer.status]).toEqual([interval, 200]);
      const list = expectWrapped(answer.body) as Json[];
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(5);
      list.forEach(expectCandle);
      const times = list.map((c) => Date.parse(c.time as string));
      expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    }

    // from/till in the documented YYYYMMDDHHMM form: nothing outside the range.
    const newest = (
      expectWrapped(
        (await get(url, `/candles?symbol=${symbol}&interval=1h&count=1`)).body,
      ) as Json[]
    )[0]!;
    const hour = new Date(Date.parse(newest.time as string) - 5 * 3_600_000);
    const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-T:]/g, '');
    const till = new Date(hour.getTime() + 3 * 3_600_000);
    const ranged = await get(
      url,
      `/candles?symbol=${symbol}&interval=1h&from=${stamp(hour)}&till=${stamp(till)}`,
    );
    const inRange = expectWrapped(ranged.body) as Json[];
    expect(inRange.map((c) => c.time)).toHaveLength(4);
    for (const c of inRange) {
      const t = Date.parse(c.time as string);
      expect(t).toBeGreaterThanOrEqual(hour.getTime());
      expect(t).toBeLessThanOrEqual(till.getTime());
    }

    // GET /analysis/pivotlevels: PP, S1-S3, R1-R3 as strings holding floats.
    for (const interval of PIVOT_INTERVALS) {
      for (const type of PIVOT_TYPES) {
        const answer = await get(
          url,
          `/analysis/pivotlevels?market=${symbol}&interval=${interval}&type=${type}`,
        );
        expect([interval, type, answer.status]).toEqual([interval, type, 200]);
        const levels = expectWrapped(answer.body) as Json;
        for (const k of ['PP', 'S1', 'S2', 'S3', 'R1', 'R2', 'R3'])
          expect(isFloatString(levels[k])).toBe(true);
      }
    }

    // /ws: subscribe, receive Ticker { m: "ticker", d: Tick[] }, unsubscribe.
    const { ws, frames } = await openWs(url);
    const watched = names.slice(0, 3);
    ws.send(JSON.stringify({ m: 'subscribe', p: watched }));
    await until(
      () => watched.every((n) => tickersOf(frames).some((t) => t.m === n)),
      'a tick of every subscribed symbol',
    );
    for (const frame of frames.filter((f) => f.m === 'ticker')) {
      expect(Array.isArray(frame.d)).toBe(true);
      (frame.d as Json[]).forEach(expectTick);
    }
    for (const t of tickersOf(frames)) {
      expect(watched).toContain(t.m);
      expect(t.day_low as number).toBeLessThanOrEqual(t.day_open as number);
      expect(t.day_open as number).toBeLessThanOrEqual(t.day_high as number);
    }
    ws.send(JSON.stringify({ m: 'unsubscribe', p: watched }));
    // After the unsubscribe, a new subscription's ticks are the only ones that come.
    const other = names[3] ?? names[0]!;
    ws.send(JSON.stringify({ m: 'subscribe', p: [other] }));
    await until(
      () =>
        frames.some(
          (f) =>
            f.m === 'ticker' &&
            (f.d as Json[]).some((t) => t.m === other) &&
            (f.d as Json[]).length === 1,
        ),
      'the new subscription',
    );
    const mark = frames.length;
    await until(
      () => tickersOf(frames.slice(mark)).length >= 2,
      'more ticks of the new subscription',
    );
    const later = tickersOf(frames.slice(mark)).map((t) => t.m);
    expect(later.every((m) => m === other)).toBe(true);
    ws.close();
  });

  it('answers bad requests with the documented error shapes', async () => {
    const { base } = await start();
    const url = base!;
    for (const path of [
      '/candles?symbol=NO_SUCH_SYMBOL&interval=1m',
      '/candles?symbol=EURUSD&interval=1d', // "Interval (1d) not found" in the public example
      '/candles?symbol=EURUSD&interval=1m&count=100000',
      '/candles?symbol=EURUSD&interval=1m&from=2025-01-13',
      '/candles?symbol=EURUSD&interval=1m&till=20250113140',
      '/analysis/pivotlevels?market=NO_SUCH_SYMBOL&interval=1D&type=classic',
      '/analysis/pivotlevels?market=EURUSD&interval=1day&type=classic',
      '/analysis/pivotlevels?market=EURUSD&interval=1D&type=median',
      '/no/such/path',
    ]) {
      const answer = await get(url, path);
      expect([path, answer.status >= 400 && answer.status < 500]).toEqual([path, true]);
      expectError(answer);
    }
    // Still serving.
    expect((await get(url, '/symbols')).status).toBe(200);
  });

  it('--no-chart-api starts the exchange without a Chart API', async () => {
    const { cli, base } = await start(['--no-chart-api']);
    expect(base).toBeNull();
    expect(cli.output()).not.toContain('Chart API');
  });
});
