/** Review ranges: the presets resolved against a clock reading (UTC days, weeks from Monday). */
import type { ReviewPreset } from '../../shared/ipc';

const DAY_MS = 86_400_000;

/** A resolved range: epoch ms, from inclusive, to exclusive; null = open. */
export interface TimeRange {
  from: number | null;
  to: number | null;
}

/** The range of a preset at `now` (custom: the given bounds). */
export function presetRange(
  preset: ReviewPreset,
  now: number,
  custom: { from?: number | undefined; to?: number | undefined } = {},
): TimeRange {
  const d = new Date(now);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  switch (preset) {
    case 'today':
      return { from: today, to: null };
    case 'week':
      // getUTCDay: 0 is Sunday; weeks start on Monday.
      return { from: today - ((d.getUTCDay() + 6) % 7) * DAY_MS, to: null };
    case 'month':
      return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), to: null };
    case 'all':
      return { from: null, to: null };
    case 'custom':
      return { from: custom.from ?? null, to: custom.to ?? null };
  }
}

/** True when `time` lies in the range. */
export function inRange(range: TimeRange, time: number): boolean {
  return (range.from === null || time >= range.from) && (range.to === null || time < range.to);
}

/** The UTC day of an epoch ms as YYYY-MM-DD. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
