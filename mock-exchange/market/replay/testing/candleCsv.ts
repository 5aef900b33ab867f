/** Candle files made by the tests: seeded 1-minute candles written in each layout the import reads. */
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '../../prng';

/** One candle in decimals; `time` is the open time in epoch ms (UTC). */
export interface CsvCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** `count` seeded 1-minute candles from `start` (epoch ms), prices on a grid of `decimals`, around `price`. */
export function seededCandles(
  start: number,
  count: number,
  options: { price?: number; decimals?: number; seed?: number; gapEvery?: number } = {},
): CsvCandle[] {
  const decimals = options.decimals ?? 5;
  const tick = 10 ** -decimals;
  const random = createRandom(options.seed ?? 7);
  let ticks = Math.round((options.price ?? 1.1) / tick);
  const out: CsvCandle[] = [];
  let minute = 0;
  for (let i = 0; i < count; i++) {
    if (options.gapEvery && i > 0 && i % options.gapEvery === 0) minute += 3;
    const open = ticks;
    const close = open + random.int(-12, 12);
    const high = Math.max(open, close) + random.int(0, 8);
    const low = Math.min(open, close) - random.int(0, 8);
    const price = (t: number): number => Number((t * tick).toFixed(decimals));
    out.push({
      time: start + minute * 60_000,
      open: price(open),
      high: price(high),
      low: price(low),
      close: price(close),
      volume: random.int(1, 40) * 1000,
    });
    ticks = close;
    minute++;
  }
  return out;
}

/** Binance kline lines (no header, 12 columns). */
export function binanceCsv(candles: readonly CsvCandle[], decimals = 8): string {
  return candles
    .map((c) => {
      const p = (x: number): string => x.toFixed(decimals);
      const rest = [c.volume.toFixed(8), c.time + 59_999, '0', '10', '0', '0', '0'];
      return [c.time, p(c.open), p(c.high), p(c.low), p(c.close), ...rest].join(',');
    })
    .join('\n');
}

/** HistData ASCII M1 lines (EST fixed at UTC-5). */
export function histdataCsv(candles: readonly CsvCandle[]): string {
  return candles
    .map((c) => {
      const est = new Date(c.time - 5 * 3_600_000).toISOString();
      const stamp = `${est.slice(0, 10).replace(/-/g, '')} ${est.slice(11, 19).replace(/:/g, '')}`;
      return [stamp, c.open, c.high, c.low, c.close, 0].join(';');
    })
    .join('\n');
}

/** Plain CSV with its header, times in ISO or epoch ms. */
export function plainCsv(candles: readonly CsvCandle[], times: 'iso' | 'ms' | 's' = 'iso'): string {
  const rows = candles.map((c) =>
    [
      times === 'iso' ? new Date(c.time).toISOString() : times === 's' ? c.time / 1000 : c.time,
      c.open,
      c.high,
      c.low,
      c.close,
      c.volume,
    ].join(','),
  );
  return ['time,open,high,low,close,volume', ...rows].join('\n');
}

/** Writes a file in `dir` and returns its path. */
export function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
