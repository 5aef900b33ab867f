/**
 * Candle arithmetic of the chart panel, pure: interval lengths, joining pages
 * of history, moving the live bar with a trade price, finding gaps.
 */
import type { ChartBar } from '../../../../shared/ipc';
import type { ChartInterval } from '../../../../shared/protocol/chart';

/** The intervals the picker offers, in the Chart API's spelling. */
export const PICKER_INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1day'] as const;
export type PickerInterval = (typeof PICKER_INTERVALS)[number] & ChartInterval;

const MINUTE = 60_000;
const LENGTH: Record<PickerInterval, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1day': 1440 * MINUTE,
};

/** Whether a remembered string is one of the picker's intervals. */
export function isPickerInterval(value: string): value is PickerInterval {
  return (PICKER_INTERVALS as readonly string[]).includes(value);
}

/** Length of one bar, ms. */
export function intervalMs(interval: PickerInterval): number {
  return LENGTH[interval];
}

/** Open time of the bar holding instant `at` (intervals are aligned in UTC, days included). */
export function barOpen(at: number, interval: PickerInterval): number {
  const length = LENGTH[interval];
  return Math.floor(at / length) * length;
}

/** An older page put in front of the bars shown (anything not strictly older is dropped). */
export function prependOlder(older: readonly ChartBar[], shown: readonly ChartBar[]): ChartBar[] {
  const first = shown[0]?.time ?? Infinity;
  return [...older.filter((b) => b.time < first), ...shown];
}

/** The newest page over the bars shown: same times replaced, newer ones appended. */
export function mergeNewest(shown: readonly ChartBar[], newest: readonly ChartBar[]): ChartBar[] {
  const from = newest[0]?.time;
  if (from === undefined) return [...shown];
  const kept = shown.filter((b) => b.time < from);
  // A live bar the Chart API does not have yet stays (its trades show on the next answer).
  const live = shown.filter((b) => b.time > (newest.at(-1)?.time ?? from));
  return [...kept, ...newest, ...live];
}

/** What a trade does to the last bar: moves it, opens the next one, or nothing (older than it). */
export type LiveStep = { kind: 'update' | 'open'; bar: ChartBar } | null;

/**
 * The last bar after a trade at `price` at instant `at` (`volume`: the
 * trade's quantity when known; quotes carry none).
 */
export function applyTrade(
  last: ChartBar | undefined,
  price: number,
  at: number,
  interval: PickerInterval,
  volume = 0,
): LiveStep {
  const open = barOpen(at, interval);
  if (!last || open > last.time)
    return {
      kind: 'open',
      bar: { time: open, open: price, high: price, low: price, close: price, volume },
    };
  if (open < last.time) return null;
  return {
    kind: 'update',
    bar: {
      ...last,
      high: Math.max(last.high, price),
      low: Math.min(last.low, price),
      close: price,
      volume: last.volume + volume,
    },
  };
}

/** Fewer missing bars than this in a row is a quiet market, not a gap in the history. */
const GAP_BARS = 30;

/** The longest stretch without candles between two bars shown (longer than GAP_BARS bars), or null. */
export function longestGap(
  bars: readonly ChartBar[],
  interval: PickerInterval,
): { from: number; to: number } | null {
  const limit = GAP_BARS * LENGTH[interval];
  let best: { from: number; to: number } | null = null;
  for (let i = 1; i < bars.length; i++) {
    const prev = (bars[i - 1] as ChartBar).time;
    const next = (bars[i] as ChartBar).time;
    if (next - prev > limit && (!best || next - prev > best.to - best.from))
      best = { from: prev + LENGTH[interval], to: next };
  }
  return best;
}

/** A UTC date-time as the panel writes it, e.g. "2025-03-04 09:30 UTC" (days: the date alone). */
export function formatBarTime(ms: number, interval?: PickerInterval): string {
  const iso = new Date(ms).toISOString();
  return interval === '1day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
