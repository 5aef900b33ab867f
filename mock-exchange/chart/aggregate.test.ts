import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHART_INTERVALS } from '../../shared/protocol';
import { aggregateRange } from './aggregate';
import { intervalRule } from './intervals';
import { MinuteSeries, type MinuteCandle } from './minuteSeries';
import { candle, minuteOf, seriesOf } from './testing/series';

/** Minutes with trades: sorted distinct offsets from a Wednesday, spread over about 3 months. */
const minuteCandles = fc
  .uniqueArray(fc.integer({ min: 0, max: 130_000 }), { minLength: 1, maxLength: 200 })
  .chain((offsets) =>
    fc.tuple(
      fc.constant(offsets.sort((a, b) => a - b)),
      fc.array(
        fc.record({
          a: fc.integer({ min: 1, max: 1_000_000 }),
          b: fc.integer({ min: 1, max: 1_000_000 }),
          up: fc.integer({ min: 0, max: 500 }),
          down: fc.integer({ min: 0, max: 500 }),
          volume: fc.integer({ min: 1, max: 10_000 }),
          count: fc.integer({ min: 1, max: 100 }),
        }),
        { minLength: offsets.length, maxLength: offsets.length },
      ),
    ),
  )
  .map(([offsets, shapes]) => {
    const base = minuteOf('2025-10-15T13:37:00Z');
    return offsets.map((offset, i): MinuteCandle => {
      const s = shapes[i]!;
      return {
        minute: base + offset,
        open: s.a,
        close: s.b,
        high: Math.max(s.a, s.b) + s.up,
        low: Math.max(1, Math.min(s.a, s.b) - s.down),
        volume: s.volume,
        count: s.count,
      };
    });
  });

describe('aggregation', () => {
  it('every interval is the exact aggregate of its 1-minute candles', () => {
    fc.assert(
      fc.property(minuteCandles, fc.constantFrom(...CHART_INTERVALS), (candles, interval) => {
        const series = seriesOf(candles);
        const rule = intervalRule(interval);
        const out = aggregateRange(series, 0, series.length, rule);
        // Reference: group by bucket the slow way.
        const groups = new Map<number, MinuteCandle[]>();
        for (const c of candles) {
          const start = rule.start(c.minute);
          groups.set(start, [...(groups.get(start) ?? []), c]);
        }
        expect(out.map((c) => c.minute)).toEqual([...groups.keys()]);
        for (const agg of out) {
          const members = groups.get(agg.minute)!;
          expect(agg.open).toBe(members[0]!.open);
          expect(agg.close).toBe(members[members.length - 1]!.close);
          expect(agg.high).toBe(Math.max(...members.map((m) => m.high)));
          expect(agg.low).toBe(Math.min(...members.map((m) => m.low)));
          expect(agg.volume).toBe(members.reduce((s, m) => s + m.volume, 0));
          expect(agg.count).toBe(members.reduce((s, m) => s + m.count, 0));
          // Every member lies inside its bucket.
          for (const m of members) {
            expect(m.minute).toBeGreaterThanOrEqual(agg.minute);
            expect(m.minute).toBeLessThan(rule.next(agg.minute));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('folds trades into minute candles: first is open, last is close, extremes, sums', () => {
    const series = new MinuteSeries();
    const m = minuteOf('2026-01-05T09:00:00Z');
    series.addTrade(m, 100, 2);
    series.addTrade(m, 105, 1);
    series.addTrade(m, 98, 3);
    series.addTrade(m, 101, 4);
    expect(series.at(0)).toEqual({
      minute: m,
      open: 100,
      high: 105,
      low: 98,
      close: 101,
      volume: 10,
      count: 4,
    });
  });

  it('keeps minutes strictly increasing when a trade lands before the newest minute', () => {
    const series = seriesOf([
      candle('2026-01-05T09:00:00Z', 1, 1, 1, 1),
      candle('2026-01-05T09:05:00Z', 5, 5, 5, 5),
    ]);
    series.addTrade(minuteOf('2026-01-05T09:02:00Z'), 2, 1);
    series.addTrade(minuteOf('2026-01-05T09:05:00Z'), 6, 1);
    const minutes = Array.from(series.columns.minute.subarray(0, series.length));
    expect(minutes).toEqual(
      ['09:00', '09:02', '09:05'].map((t) => minuteOf(`2026-01-05T${t}:00Z`)),
    );
    expect(series.at(2)).toMatchObject({ open: 5, close: 6, high: 6, count: 2 });
  });

  it('prepends older history in one piece', () => {
    const live = seriesOf([candle('2026-01-05T09:00:00Z', 9, 9, 9, 9)]);
    const older = seriesOf([
      candle('2026-01-05T08:58:00Z', 7, 7, 7, 7),
      candle('2026-01-05T08:59:00Z', 8, 8, 8, 8),
    ]);
    live.prependOlder({ ...older.columns, length: older.length });
    expect([0, 1, 2].map((i) => live.at(i).close)).toEqual([7, 8, 9]);
  });
});
