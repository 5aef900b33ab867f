import { describe, expect, it } from 'vitest';
import {
  allHours,
  barShares,
  calendarMonths,
  curveSeries,
  formatDuration,
  parseTags,
} from './reviewData';

const bucket = (key: string, pnl: number) => ({ key, pnl, trips: 1, wins: pnl > 0 ? 1 : 0 });

describe('review data for the view', () => {
  it('lays a month out in weeks from Monday with each traded day in its cell', () => {
    // March 2026 starts on a Sunday: six padding cells before the 1st.
    const [march] = calendarMonths([bucket('2026-03-02', 65), bucket('2026-03-06', 37.5)]);
    expect(march?.month).toBe('2026-03');
    expect(march?.weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(march?.weeks[0]?.[6]).toMatchObject({ day: 1, bucket: null });
    expect(march?.weeks[1]?.[0]).toMatchObject({ day: 2, bucket: { pnl: 65 } });
    expect(march?.weeks[1]?.[4]).toMatchObject({ day: 6, bucket: { pnl: 37.5 } });
    expect(march?.weeks).toHaveLength(6);
    expect(march?.weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('gives one month grid per month traded, oldest first', () => {
    const months = calendarMonths([bucket('2026-04-01', 1), bucket('2026-02-10', -1)]);
    expect(months.map((m) => m.month)).toEqual(['2026-02', '2026-04']);
  });

  it('turns the balance curve into rising seconds, the last of a second winning', () => {
    expect(
      curveSeries([
        { time: 1_000, balance: 1 },
        { time: 1_500, balance: 2 },
        { time: 3_000, balance: 3 },
      ]),
    ).toEqual([
      { time: 1, value: 2 },
      { time: 3, value: 3 },
    ]);
  });

  it('scales bars to the largest result and fills in the hours without trips', () => {
    expect(barShares([bucket('a', 50), bucket('b', -100), bucket('c', 0)])).toEqual([0.5, 1, 0]);
    const hours = allHours([bucket('09', 100)]);
    expect(hours).toHaveLength(24);
    expect(hours[9]).toMatchObject({ key: '09', pnl: 100 });
    expect(hours[10]).toMatchObject({ key: '10', pnl: 0, trips: 0 });
  });

  it('reads tags as words and durations as the largest two units', () => {
    expect(parseTags(' breakout, news  news,fomo ')).toEqual(['breakout', 'news', 'fomo']);
    expect(formatDuration(3_600_000)).toBe('1h 00m');
    expect(formatDuration(90_061_000)).toBe('1d 1h');
    expect(formatDuration(750_000)).toBe('12m 30s');
    expect(formatDuration(4_000)).toBe('4s');
  });
});
