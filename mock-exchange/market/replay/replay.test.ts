/** A replay running in a whole exchange on the manual clock, read back through the Chart API and the order socket. */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  ChartCandlesReply,
  ChartPivotLevelsReply,
  ChartSymbolsReply,
  ChartTickerFrame,
  type ChartCandle,
  type ReplayStatus,
} from '../../../shared/protocol';
import { getJson, TickerClient } from '../../chart/testing/chartClient';
import { openExchange, type Harness } from '../../testing/harness';
import { tempDir } from '../../testing/files';
import { REPLAY_DIR } from './importStore';
import { plainCsv, seededCandles, writeCsv, type CsvCandle } from './testing/candleCsv';

const T0 = Date.UTC(2024, 0, 2);
const MINUTE = 60_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const { dir, remove } = tempDir('replay-test-');
  cleanups.push(remove);
  return dir;
}

async function replayOf(
  candles: readonly CsvCandle[],
  options: { dataDir?: string; tickMs?: number } = {},
): Promise<Harness> {
  const file = writeCsv(folder(), 'EURUSD.csv', plainCsv(candles));
  const h = await openExchange({ replay: { file }, live: true, ...options });
  cleanups.push(() => h.close());
  return h;
}

async function chartCandles(h: Harness, query: string): Promise<ChartCandle[]> {
  const answer = await getJson(h.ex.chartUrl!, `/candles?symbol=EURUSD&${query}`);
  expect(answer.status).toBe(200);
  return ChartCandlesReply.parse(answer.body).result;
}

function status(h: Harness): ReplayStatus {
  return h.ex.controls.replay!.status();
}

describe('market replay', () => {
  it('a 1x replay of a day on the manual clock reproduces the day’s candles exactly', async () => {
    const day = seededCandles(T0, 1440);
    const h = await replayOf(day);
    expect(h.ex.controls.now()).toBe(T0);
    for (let hour = 0; hour < 24; hour++) h.ex.controls.advance(60 * MINUTE);
    const served = [
      ...(await chartCandles(h, `interval=1m&till=202401021159`)),
      ...(await chartCandles(h, `interval=1m&from=202401021200`)),
    ];
    expect(served).toHaveLength(1440);
    served.forEach((candle, i) => {
      const want = day[i]!;
      expect(Date.parse(candle.time)).toBe(want.time);
      for (const field of ['open', 'high', 'low', 'close'] as const) {
        expect(Math.abs(candle[field] - want[field])).toBeLessThanOrEqual(0.00001 + 1e-12);
      }
    });
    expect(status(h)).toMatchObject({ ended: true, time: '2024-01-03T00:00:00.000Z' });
  });

  it('a limit buy below the market fills at its price once history trades there', async () => {
    const day = seededCandles(T0, 120);
    const h = await replayOf(day);
    const c = await h.connect();
    const price = Number((Math.min(...day.slice(10).map((d) => d.low)) + 0.00002).toFixed(5));
    const placed = await c.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'BUY',
      type: 'LIMIT',
      price,
      quantity: 10_000,
      timeInForce: 'GTC',
    });
    const orderId = (placed.payload as { orderId: number }).orderId;
    h.ex.controls.advance(120 * MINUTE);
    const fill = await c.waitFor(
      (m) => m.event === 'execution' && (m.payload as { status: string }).status === 'FILLED',
    );
    const payload = fill.payload as { orderId: number; price: number; time?: number };
    expect(payload.orderId).toBe(orderId);
    expect(payload.price).toBe(price);
    const touched = day.findIndex((d, i) => i >= 10 && d.low <= price);
    expect(h.ex.engine.orderStatus(['demo'], { orderId }).ok).toBe(true);
    const status = h.ex.engine.orderStatus(['demo'], { orderId });
    const fillTime = status.ok ? status.value.fills[0]!.time : 0;
    expect(fillTime).toBeGreaterThanOrEqual(day[touched]!.time);
    expect(fillTime).toBeLessThan(day[touched]!.time + MINUTE);
  });

  it('serves nothing later than the replay clock: candles of any interval, ticker, symbols', async () => {
    const day = seededCandles(T0, 1440);
    const h = await replayOf(day);
    h.ex.controls.advance(90 * MINUTE + 20_000);
    const now = h.ex.controls.now();
    // What has happened: 90 whole candles and the forming one up to its second waypoint.
    const formingSoFar =
      day[90]!.close >= day[90]!.open
        ? [day[90]!.open, day[90]!.low]
        : [day[90]!.open, day[90]!.high];
    const passed = day.slice(0, 90).flatMap((d) => [d.high, d.low]);
    const nextMoves = day.slice(91).flatMap((d) => [d.high, d.low]);
    const high = Math.max(...passed, ...formingSoFar);
    const low = Math.min(...passed, ...formingSoFar);
    expect(Math.max(...nextMoves) > high || Math.min(...nextMoves) < low).toBe(true);
    for (const interval of ['1m', '5m', '1h', '1day', '1week', '1month', '1year']) {
      for (const candle of await chartCandles(h, `interval=${interval}&count=1000`)) {
        expect(Date.parse(candle.time)).toBeLessThanOrEqual(now);
        expect(candle.high).toBeLessThanOrEqual(high + 0.00001);
        expect(candle.low).toBeGreaterThanOrEqual(low - 0.00001);
      }
    }
    const [forming] = (await chartCandles(h, 'interval=1m&count=1')) as [ChartCandle];
    expect(Date.parse(forming.time)).toBe(day[90]!.time);
    expect(forming.high).toBeLessThanOrEqual(Math.max(...formingSoFar) + 0.00001);
    expect(forming.low).toBeGreaterThanOrEqual(Math.min(...formingSoFar) - 0.00001);
    const symbols = ChartSymbolsReply.parse((await getJson(h.ex.chartUrl!, '/symbols')).body);
    const eur = symbols.result.find((s) => s.name === 'EURUSD')!;
    expect(eur.high).toBeLessThanOrEqual(high + 0.00001);
    const ticker = await TickerClient.connect(h.ex.chartUrl!);
    cleanups.push(() => ticker.close());
    ticker.send({ m: 'subscribe', p: ['EURUSD'] });
    const frame = ChartTickerFrame.parse(await ticker.waitFor(() => true));
    const tick = frame.d.find((t) => t.m === 'EURUSD')!;
    expect(Date.parse(tick.time)).toBe(now);
    expect(tick.day_high).toBeLessThanOrEqual(high + 0.00001);
    expect(tick.day_low).toBeGreaterThanOrEqual(low - 0.00001);
  });

  it('pivots use only days already replayed', async () => {
    const days = seededCandles(T0, 2 * 1440);
    const h = await replayOf(days);
    const pivots = () =>
      getJson(h.ex.chartUrl!, '/analysis/pivotlevels?market=EURUSD&interval=1D&type=classic');
    h.ex.controls.advance(12 * 60 * MINUTE);
    expect((await pivots()).status).toBe(400);
    h.ex.controls.replay!.control({ action: 'jump', time: '2024-01-03T06:00:00.000Z' });
    const answer = await pivots();
    expect(answer.status).toBe(200);
    const first = days.slice(0, 1440);
    const high = Math.max(...first.map((d) => d.high));
    const low = Math.min(...first.map((d) => d.low));
    const pp = (high + low + first[1439]!.close) / 3;
    expect(Number(ChartPivotLevelsReply.parse(answer.body).result.PP)).toBeCloseTo(pp, 5);
  });

  it('steps one candle, jumps forward filing the passed candles, and never goes backwards', async () => {
    const day = seededCandles(T0, 600);
    const h = await replayOf(day);
    const replay = h.ex.controls.replay!;
    h.ex.controls.advance(10_000);
    const stepped = replay.control({ action: 'step' });
    expect(stepped.ok && stepped.value.time).toBe('2024-01-02T00:01:00.000Z');
    const jumped = replay.control({ action: 'jump', time: '2024-01-02T05:00:30.000Z' });
    expect(jumped.ok && jumped.value.time).toBe('2024-01-02T05:00:30.000Z');
    const history = await chartCandles(h, 'interval=1m&till=202401020459');
    expect(history).toHaveLength(300);
    expect(history[150]).toMatchObject({
      open: day[150]!.open,
      high: day[150]!.high,
      close: day[150]!.close,
    });
    const back = replay.control({ action: 'jump', time: '2024-01-02T04:00:00.000Z' });
    expect(back.ok).toBe(false);
    expect(h.ex.controls.now()).toBe(T0 + 300 * MINUTE + 30_000);
    const end = replay.control({ action: 'jump', time: '2030-01-01T00:00:00.000Z' });
    expect(end.ok && end.value).toMatchObject({
      ended: true,
      playing: false,
      end: '2024-01-02T10:00:00.000Z',
    });
  });

  it('stays still after the last candle', async () => {
    const h = await replayOf(seededCandles(T0, 5));
    h.ex.controls.advance(5 * MINUTE);
    const book = h.ex.engine.book('EURUSD', 1);
    h.ex.controls.advance(60 * MINUTE);
    expect(h.ex.engine.book('EURUSD', 1)).toEqual(book);
    expect(await chartCandles(h, 'interval=1m&count=1000')).toHaveLength(5);
  });

  it('trades only the replayed instrument, at replay times', async () => {
    const h = await replayOf(seededCandles(T0, 5));
    const c = await h.connect();
    const symbols = await c.request('symbols', {});
    expect((symbols.payload as Array<{ symbol: string }>).map((s) => s.symbol)).toEqual(['EURUSD']);
    await c.request('subscribe', { symbols: ['EURUSD'] });
    const quote = await c.waitFor((m) => m.event === 'quote');
    const time = (quote.payload as { time: number | string }).time;
    expect(typeof time === 'number' ? time : Date.parse(time)).toBe(T0);
  });

  it('with --data, keeps the import and resumes where it stopped after a restart', async () => {
    const dataDir = folder();
    const file = writeCsv(folder(), 'EURUSD.csv', plainCsv(seededCandles(T0, 300)));
    const first = await openExchange({ replay: { file }, live: true, dataDir });
    first.ex.controls.replay!.control({ action: 'jump', time: '2024-01-02T02:00:00.000Z' });
    await first.close();
    expect(fs.readdirSync(path.join(dataDir, REPLAY_DIR)).length).toBeGreaterThanOrEqual(2);
    fs.writeFileSync(file, 'not a candle file any more');
    fs.writeFileSync(file, plainCsv(seededCandles(T0, 300)));
    const second = await openExchange({ replay: { file }, live: true, dataDir });
    cleanups.push(() => second.close());
    expect(second.ex.controls.now()).toBe(T0 + 120 * MINUTE);
    expect(await chartCandles(second, 'interval=1m&count=1000')).toHaveLength(121);
  });

  it('refuses a bad file, naming the file and the line', async () => {
    const text = plainCsv(seededCandles(T0, 3)) + '\n2024-01-02T00:03:00Z,1.1,1.0,1.2,1.1,1';
    const file = writeCsv(folder(), 'EURUSD.csv', text);
    await expect(openExchange({ replay: { file } })).rejects.toThrow(
      'EURUSD.csv:5: high 1 is below low 1.2',
    );
  });
});
