/**
 * Candle intervals on the UTC calendar, in epoch minutes: fixed lengths
 * (1m to 1day) align to multiples of their length since the epoch (which
 * began at midnight), weeks start on Monday, months on the 1st, years on
 * 1 January.
 */
import type { ChartInterval, ChartPivotInterval } from '../../shared/protocol';

/** Minutes in a day. */
export const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MS_PER_MINUTE = 60_000;

/** How an interval cuts time into buckets. */
export interface IntervalRule {
  /** Open time (epoch minute) of the bucket holding `minute`. */
  start(minute: number): number;
  /** Open time of the bucket after the one opening at `start`. */
  next(start: number): number;
}

const fixed = (minutes: number): IntervalRule => ({
  start: (minute) => minute - (((minute % minutes) + minutes) % minutes),
  next: (start) => start + minutes,
});

const week: IntervalRule = {
  start: (minute) => {
    const day = Math.floor(minute / MINUTES_PER_DAY);
    // Day 0 (1970-01-01) was a Thursday: (day + 3) % 7 is the days since Monday.
    return (day - ((((day + 3) % 7) + 7) % 7)) * MINUTES_PER_DAY;
  },
  next: (start) => start + MINUTES_PER_WEEK,
};

const calendar = (months: 1 | 12): IntervalRule => {
  const startOf = (minute: number, shift: number): number => {
    const d = new Date(minute * MS_PER_MINUTE);
    const month = months === 12 ? 0 : d.getUTCMonth();
    return Date.UTC(d.getUTCFullYear(), month + shift, 1) / MS_PER_MINUTE;
  };
  return { start: (minute) => startOf(minute, 0), next: (start) => startOf(start, months) };
};

const RULES: Record<ChartInterval, IntervalRule> = {
  '1m': fixed(1),
  '3m': fixed(3),
  '5m': fixed(5),
  '10m': fixed(10),
  '15m': fixed(15),
  '30m': fixed(30),
  '1h': fixed(60),
  '2h': fixed(120),
  '4h': fixed(240),
  '8h': fixed(480),
  '1day': fixed(MINUTES_PER_DAY),
  '1week': week,
  '1month': calendar(1),
  '1year': calendar(12),
};

/** The bucket rule of a candle interval. */
export function intervalRule(interval: ChartInterval): IntervalRule {
  return RULES[interval];
}

/** The bucket rule of a pivot period (1D, 1W, 1M). */
export function pivotPeriodRule(period: ChartPivotInterval): IntervalRule {
  return period === '1D' ? RULES['1day'] : period === '1W' ? RULES['1week'] : RULES['1month'];
}

/** Epoch minute holding an epoch-ms instant. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MS_PER_MINUTE);
}

/** ISO UTC time of an epoch minute, without milliseconds (`2023-03-23T03:00:00Z`). */
export function minuteToIso(minute: number): string {
  return `${new Date(minute * MS_PER_MINUTE).toISOString().slice(0, 19)}Z`;
}
