/**
 * Longer candles from 1-minute candles: open of the first, close of the
 * last, highest high, lowest low, summed volume and count, one candle per
 * bucket of the interval that holds at least one minute.
 */
import type { IntervalRule } from './intervals';
import { candleAt, type MinuteCandle, type MinuteSeries } from './minuteSeries';

/** An aggregated candle; `minute` is the bucket's open time (epoch minutes). */
export type Candle = MinuteCandle;

/** Aggregates the 1-minute candles with indices [lo, hi) into buckets of `rule`, oldest first. */
export function aggregateRange(
  series: MinuteSeries,
  lo: number,
  hi: number,
  rule: IntervalRule,
): Candle[] {
  const c = series.columns;
  const out: Candle[] = [];
  let current: Candle | null = null;
  let nextStart = -Infinity;
  for (let i = lo; i < hi; i++) {
    const minute = c.minute[i]!;
    if (current === null || minute >= nextStart) {
      const start = rule.start(minute);
      nextStart = rule.next(start);
      current = candleAt(c, i);
      current.minute = start;
      out.push(current);
      continue;
    }
    if (c.high[i]! > current.high) current.high = c.high[i]!;
    if (c.low[i]! < current.low) current.low = c.low[i]!;
    current.close = c.close[i]!;
    current.volume += c.volume[i]!;
    current.count += c.count[i]!;
  }
  return out;
}

/** The one candle spanning every minute in [fromMinute, toMinute), or null when there is none. */
export function aggregateSpan(
  series: MinuteSeries,
  fromMinute: number,
  toMinute: number,
): Candle | null {
  const lo = series.lowerBound(fromMinute);
  const hi = series.lowerBound(toMinute);
  if (lo >= hi) return null;
  const whole = { start: () => fromMinute, next: () => Infinity };
  return aggregateRange(series, lo, hi, whole)[0] ?? null;
}
