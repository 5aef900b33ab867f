import { describe, expect, it } from 'vitest';
import { CHART_MAX_COUNT } from '../../shared/protocol';
import { intervalRule, minuteToIso } from './intervals';
import { selectCandles, type Selection } from './select';
import { candle, minuteOf, seriesOf } from './testing/series';

// 09:00 to 09:09 with no trade at 09:04; close = the minute number.
const series = seriesOf(
  [0, 1, 2, 3, 5, 6, 7, 8, 9].map((m) => candle(`2026-01-05T09:0${m}:00Z`, m, m, m, m)),
);
const at = (hhmm: string): number => minuteOf(`2026-01-05T${hhmm}:00Z`);
const pick = (interval: '1m' | '5m', selection: Partial<Selection>): string[] =>
  selectCandles(series, intervalRule(interval), {
    fromMinute: null,
    tillMinute: null,
    limit: CHART_MAX_COUNT,
    ...selection,
  }).map((c) => minuteToIso(c.minute).slice(11, 16));

describe('candle selection', () => {
  it('count alone answers the newest N', () => {
    expect(pick('1m', { limit: 3 })).toEqual(['09:07', '09:08', '09:09']);
  });

  it('from alone runs to the newest', () => {
    expect(pick('1m', { fromMinute: at('09:05') })).toEqual([
      '09:05',
      '09:06',
      '09:07',
      '09:08',
      '09:09',
    ]);
  });

  it('till with count answers the newest N at or before till', () => {
    expect(pick('1m', { tillMinute: at('09:03'), limit: 2 })).toEqual(['09:02', '09:03']);
    // 09:04 has no trade: the newest at or before it is 09:03.
    expect(pick('1m', { tillMinute: at('09:04'), limit: 1 })).toEqual(['09:03']);
  });

  it('from and till select by open time, both inclusive, minutes without trades left out', () => {
    expect(pick('1m', { fromMinute: at('09:02'), tillMinute: at('09:06') })).toEqual([
      '09:02',
      '09:03',
      '09:05',
      '09:06',
    ]);
  });

  it('never answers a longer candle that opens before from', () => {
    // The 09:00 bucket opens before 09:03: only the 09:05 bucket is in range.
    expect(pick('5m', { fromMinute: at('09:03') })).toEqual(['09:05']);
    expect(pick('5m', { fromMinute: at('09:05') })).toEqual(['09:05']);
  });

  it('a longer candle opening at or before till is answered whole', () => {
    const [bucket] = selectCandles(series, intervalRule('5m'), {
      fromMinute: null,
      tillMinute: at('09:02'),
      limit: 10,
    });
    expect(bucket).toMatchObject({ minute: at('09:00'), open: 0, close: 3, count: 4 });
  });

  it('answers nothing for an empty range', () => {
    expect(pick('1m', { fromMinute: at('10:00') })).toEqual([]);
    expect(pick('1m', { tillMinute: at('08:59') })).toEqual([]);
  });

  it('answers at most 1000 candles, the newest, when count is not given', () => {
    const long = seriesOf(
      Array.from({ length: 1500 }, (_, i) => ({
        ...candle('2026-01-05T00:00:00Z', i, i, i, i),
      })).map((c, i) => ({ ...c, minute: c.minute + i })),
    );
    const out = selectCandles(long, intervalRule('1m'), {
      fromMinute: null,
      tillMinute: null,
      limit: CHART_MAX_COUNT,
    });
    expect(out).toHaveLength(1000);
    expect(out[0]!.close).toBe(500);
    expect(out[999]!.close).toBe(1499);
  });
});
