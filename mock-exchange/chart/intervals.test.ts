import { describe, expect, it } from 'vitest';
import { intervalRule, minuteToIso } from './intervals';
import { minuteOf } from './testing/series';

const startIso = (interval: Parameters<typeof intervalRule>[0], iso: string): string =>
  minuteToIso(intervalRule(interval).start(minuteOf(iso)));
const nextIso = (interval: Parameters<typeof intervalRule>[0], iso: string): string =>
  minuteToIso(intervalRule(interval).next(minuteOf(iso)));

describe('interval alignment (UTC)', () => {
  it('fixed intervals align to multiples of their length since midnight', () => {
    expect(startIso('1m', '2026-01-05T09:07:30Z')).toBe('2026-01-05T09:07:00Z');
    expect(startIso('3m', '2026-01-05T09:07:00Z')).toBe('2026-01-05T09:06:00Z');
    expect(startIso('5m', '2026-01-05T09:07:00Z')).toBe('2026-01-05T09:05:00Z');
    expect(startIso('10m', '2026-01-05T09:07:00Z')).toBe('2026-01-05T09:00:00Z');
    expect(startIso('15m', '2026-01-05T09:59:00Z')).toBe('2026-01-05T09:45:00Z');
    expect(startIso('30m', '2026-01-05T09:59:00Z')).toBe('2026-01-05T09:30:00Z');
    expect(startIso('1h', '2026-01-05T09:59:00Z')).toBe('2026-01-05T09:00:00Z');
    expect(startIso('2h', '2026-01-05T09:59:00Z')).toBe('2026-01-05T08:00:00Z');
    expect(startIso('4h', '2026-01-05T09:59:00Z')).toBe('2026-01-05T08:00:00Z');
    expect(startIso('8h', '2026-01-05T07:59:00Z')).toBe('2026-01-05T00:00:00Z');
    expect(startIso('8h', '2026-01-05T23:59:00Z')).toBe('2026-01-05T16:00:00Z');
    expect(startIso('1day', '2026-01-05T23:59:00Z')).toBe('2026-01-05T00:00:00Z');
  });

  it('weeks start on Monday 00:00 UTC', () => {
    // 2026-01-04 is a Sunday, 2026-01-05 a Monday.
    expect(startIso('1week', '2026-01-04T23:59:00Z')).toBe('2025-12-29T00:00:00Z');
    expect(startIso('1week', '2026-01-05T00:00:00Z')).toBe('2026-01-05T00:00:00Z');
    expect(startIso('1week', '2026-01-11T12:00:00Z')).toBe('2026-01-05T00:00:00Z');
    expect(nextIso('1week', '2026-01-05T00:00:00Z')).toBe('2026-01-12T00:00:00Z');
  });

  it('months start on the 1st and years on 1 January', () => {
    expect(startIso('1month', '2024-02-29T23:59:00Z')).toBe('2024-02-01T00:00:00Z');
    expect(nextIso('1month', '2024-02-01T00:00:00Z')).toBe('2024-03-01T00:00:00Z');
    expect(nextIso('1month', '2025-12-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(startIso('1year', '2025-12-31T23:59:00Z')).toBe('2025-01-01T00:00:00Z');
    expect(nextIso('1year', '2025-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
  });

  it('formats open times as ISO UTC without milliseconds', () => {
    expect(minuteToIso(minuteOf('2023-03-23T03:00:00Z'))).toBe('2023-03-23T03:00:00Z');
  });
});
