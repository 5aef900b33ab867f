/**
 * Maximum adverse and favourable excursion of a trip from the candles that
 * cover it: the worst and best open P&L its quantity saw between entry and
 * exit. Candles are whole intervals, so the entry's and exit's candles count whole.
 */
import type { ChartBar } from '../../shared/ipc';
import { CHART_MAX_COUNT, type ChartInterval } from '../../shared/protocol/chart';
import { fromFixed, toFixed } from '../../shared/domain/decimal';

/** What an excursion needs of a trip. */
export interface ExcursionTrip {
  long: boolean;
  entryPrice: number;
  qty: number;
  entryTime: number;
  exitTime: number;
}

const MINUTE = 60_000;
/** Candle intervals an excursion may read, finest first, with their length. */
const INTERVALS: readonly [ChartInterval, number][] = [
  ['1m', MINUTE],
  ['5m', 5 * MINUTE],
  ['15m', 15 * MINUTE],
  ['1h', 60 * MINUTE],
  ['4h', 240 * MINUTE],
  ['1day', 1440 * MINUTE],
];

/** The finest interval whose candles of the trip fit in one Chart API page. */
export function excursionInterval(durationMs: number): { interval: ChartInterval; ms: number } {
  for (const [interval, ms] of INTERVALS)
    if (durationMs / ms + 2 <= CHART_MAX_COUNT) return { interval, ms };
  return { interval: '1day', ms: 1440 * MINUTE };
}

/** MAE (<= 0) and MFE (>= 0) in the instrument's currency, or null without a covering candle. */
export function excursion(
  trip: ExcursionTrip,
  bars: readonly ChartBar[],
  intervalMs = MINUTE,
): { mae: number; mfe: number } | null {
  const start = Math.floor(trip.entryTime / intervalMs) * intervalMs;
  let low: bigint | null = null;
  let high: bigint | null = null;
  for (const bar of bars) {
    if (bar.time < start || bar.time > trip.exitTime) continue;
    const l = toFixed(bar.low);
    const h = toFixed(bar.high);
    if (low === null || l < low) low = l;
    if (high === null || h > high) high = h;
  }
  if (low === null || high === null) return null;
  const entry = toFixed(trip.entryPrice);
  const qty = toFixed(trip.qty);
  const worst = trip.long ? qty * (low - entry) : qty * (entry - high);
  const best = trip.long ? qty * (high - entry) : qty * (entry - low);
  return {
    mae: fromFixed(worst < 0n ? worst : 0n, 16, 8),
    mfe: fromFixed(best > 0n ? best : 0n, 16, 8),
  };
}
