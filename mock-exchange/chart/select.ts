/**
 * Which candles a `/candles` query answers (docs/chart-api.md): candles are
 * selected by open time, never outside [from, till]; of those, the newest
 * `limit` (`count`, else CHART_MAX_COUNT). So `count` alone is the newest N,
 * `from` alone runs to the newest, `till` with `count` is the newest N at or
 * before `till`.
 */
import type { Candle } from './aggregate';
import { aggregateRange } from './aggregate';
import type { IntervalRule } from './intervals';
import type { MinuteSeries } from './minuteSeries';

/** A selection in epoch minutes. */
export interface Selection {
  /** Oldest open time to include (inclusive), or null for no bound. */
  fromMinute: number | null;
  /** Newest open time to include (inclusive), or null for no bound. */
  tillMinute: number | null;
  /** Most candles to answer (the newest ones). */
  limit: number;
}

/** The candles of `rule` that `selection` picks, oldest first. */
export function selectCandles(
  series: MinuteSeries,
  rule: IntervalRule,
  selection: Selection,
): Candle[] {
  const { fromMinute, tillMinute, limit } = selection;
  // First bucket opening at or after `from`; every minute in it is >= from.
  let lo = 0;
  if (fromMinute !== null) {
    const bucket = rule.start(fromMinute);
    lo = series.lowerBound(bucket === fromMinute ? bucket : rule.next(bucket));
  }
  // Buckets opening at or before `till` end where the next bucket opens.
  const hi =
    tillMinute === null ? series.length : series.lowerBound(rule.next(rule.start(tillMinute)));
  if (lo >= hi || limit <= 0) return [];
  // Walk back bucket by bucket (a binary search each) to the oldest of the newest `limit`.
  const minutes = series.columns.minute;
  let first = hi;
  for (let taken = 0; taken < limit && first > lo; taken++) {
    const bucket = rule.start(minutes[first - 1]!);
    first = Math.max(lo, series.lowerBound(bucket));
  }
  return aggregateRange(series, first, hi, rule);
}
