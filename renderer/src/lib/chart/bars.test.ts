import { describe, expect, it } from 'vitest';
import type { ChartBar } from '../../../../shared/ipc';
import {
  applyTrade,
  barOpen,
  formatBarTime,
  intervalMs,
  isPickerInterval,
  longestGap,
  mergeNewest,
  prependOlder,
} from './bars';

const T0 = Date.UTC(2025, 2, 4, 9, 0);
const MIN = 60_000;
const b = (minute: number, close = 1, volume = 10): ChartBar => ({
  time: T0 + minute * MIN,
  open: 1,
  high: Math.max(1, close),
  low: Math.min(1, close),
  close,
  volume,
});

describe('bar arithmetic', () => {
  it('knows the picker intervals and their lengths, days aligned to UTC midnight', () => {
    expect(isPickerInterval('4h')).toBe(true);
    expect(isPickerInterval('3m')).toBe(false);
    expect(intervalMs('1h')).toBe(60 * MIN);
    expect(barOpen(Date.UTC(2025, 2, 4, 17, 42, 5), '1day')).toBe(Date.UTC(2025, 2, 4));
    expect(barOpen(Date.UTC(2025, 2, 4, 17, 42, 5), '15m')).toBe(Date.UTC(2025, 2, 4, 17, 30));
  });

  it('puts an older page in front, dropping what overlaps the bars shown', () => {
    expect(prependOlder([b(0), b(1), b(2)], [b(2, 5), b(3)]).map((x) => [x.time, x.close])).toEqual(
      [
        [T0, 1],
        [T0 + MIN, 1],
        [T0 + 2 * MIN, 5],
        [T0 + 3 * MIN, 1],
      ],
    );
  });

  it('lays the newest page over the bars shown, keeping a live bar it does not have yet', () => {
    const merged = mergeNewest([b(0), b(1, 2), b(2, 3)], [b(1, 4)]);
    expect(merged.map((x) => x.close)).toEqual([1, 4, 3]);
    expect(mergeNewest([b(0)], []).map((x) => x.close)).toEqual([1]);
  });

  it('moves the last bar with a trade in it, opens the next bar after it, ignores older trades', () => {
    const last = b(0, 1.05, 10);
    expect(applyTrade(last, 1.2, T0 + 30_000, '1m', 5)).toEqual({
      kind: 'update',
      bar: { ...last, high: 1.2, close: 1.2, volume: 15 },
    });
    expect(applyTrade(last, 0.9, T0 + 30_000, '1m')?.bar).toMatchObject({ low: 0.9, close: 0.9 });
    expect(applyTrade(last, 1.3, T0 + 61_000, '1m')).toEqual({
      kind: 'open',
      bar: { time: T0 + MIN, open: 1.3, high: 1.3, low: 1.3, close: 1.3, volume: 0 },
    });
    expect(applyTrade(last, 1.3, T0 - 1, '1m')).toBeNull();
  });

  it('finds the longest stretch without candles, and none in a merely quiet market', () => {
    expect(longestGap([b(0), b(5), b(20)], '1m')).toBeNull();
    expect(longestGap([b(0), b(45), b(46), b(200)], '1m')).toEqual({
      from: T0 + 47 * MIN,
      to: T0 + 200 * MIN,
    });
  });

  it('writes bar times in UTC, days as a date', () => {
    expect(formatBarTime(T0, '15m')).toBe('2025-03-04 09:00 UTC');
    expect(formatBarTime(T0, '1day')).toBe('2025-03-04');
  });
});
