/**
 * Pure shaping of a review for the view: the month grids of the daily P&L
 * calendar, the balance curve as a line series wants it, bar lengths, tags
 * typed by the user, durations.
 */
import type { ReviewBucket } from '../../../../shared/ipc';

/** One day cell of a month grid (null: padding before the 1st). */
export interface CalendarDay {
  day: number;
  key: string;
  bucket: ReviewBucket | null;
}

/** A month of the calendar: weeks from Monday, each a row of seven cells. */
export interface CalendarMonth {
  month: string;
  weeks: (CalendarDay | null)[][];
}

/** Month grids (Monday first) covering every month that has a day with trips, oldest first. */
export function calendarMonths(daily: readonly ReviewBucket[]): CalendarMonth[] {
  const byDay = new Map(daily.map((d) => [d.key, d]));
  const months = [...new Set(daily.map((d) => d.key.slice(0, 7)))].sort();
  return months.map((month) => {
    const [year = 1970, mon = 1] = month.split('-').map(Number);
    const lead = (new Date(Date.UTC(year, mon - 1, 1)).getUTCDay() + 6) % 7;
    const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
    const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
    for (let day = 1; day <= days; day += 1) {
      const key = `${month}-${String(day).padStart(2, '0')}`;
      cells.push({ day, key, bucket: byDay.get(key) ?? null });
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: (CalendarDay | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    return { month, weeks };
  });
}

/** The balance curve as a line series wants it: seconds, strictly rising (the last of a second wins). */
export function curveSeries(
  points: readonly { time: number; balance: number }[],
): { time: number; value: number }[] {
  const out: { time: number; value: number }[] = [];
  for (const p of points) {
    const time = Math.floor(p.time / 1000);
    const last = out[out.length - 1];
    if (last && last.time === time) last.value = p.balance;
    else if (!last || time > last.time) out.push({ time, value: p.balance });
  }
  return out;
}

/** Each bucket's bar as a share (0-1) of the largest absolute P&L. */
export function barShares(buckets: readonly ReviewBucket[]): number[] {
  const max = Math.max(0, ...buckets.map((b) => Math.abs(b.pnl)));
  return buckets.map((b) => (max === 0 ? 0 : Math.abs(b.pnl) / max));
}

/** Every hour 00-23, empty hours at zero (the by-hour chart shows the whole day). */
export function allHours(byHour: readonly ReviewBucket[]): ReviewBucket[] {
  const known = new Map(byHour.map((b) => [b.key, b]));
  return Array.from({ length: 24 }, (_, h) => {
    const key = String(h).padStart(2, '0');
    return known.get(key) ?? { key, pnl: 0, trips: 0, wins: 0 };
  });
}

/** Tags as typed ("breakout, news  fomo"): words split on commas and spaces, deduplicated. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((t) => t !== ''))];
}

/** A duration as "2d 3h", "4h 05m", "12m 30s" or "45s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
