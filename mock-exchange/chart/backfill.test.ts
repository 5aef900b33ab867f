import { describe, expect, it } from 'vitest';
import { generateBackfill, type BackfillSpec } from './backfill';
import { BACKFILL_DAYS, backfillStart } from './chartService';
import { MINUTES_PER_DAY, minuteToIso } from './intervals';
import { minuteOf } from './testing/series';

const end = minuteOf('2026-01-05T09:00:00Z');
const spec: BackfillSpec = {
  seed: 7,
  startMinute: backfillStart(end),
  endMinute: end,
  referenceTicks: 108_500,
  sigmaTicks: 34,
  unitLots: 100,
};

describe('backfill', () => {
  it('covers at least 30 days of minutes, and the whole previous month', () => {
    expect(end - spec.startMinute).toBeGreaterThanOrEqual(BACKFILL_DAYS * MINUTES_PER_DAY);
    expect(minuteToIso(spec.startMinute)).toBe('2025-12-01T00:00:00Z');
    expect(end - backfillStart(minuteOf('2026-01-31T00:00:00Z'))).toBeGreaterThanOrEqual(
      BACKFILL_DAYS * MINUTES_PER_DAY,
    );
  });

  it('is the same for the same seed and different for another', () => {
    const a = generateBackfill(spec);
    const b = generateBackfill(spec);
    const c = generateBackfill({ ...spec, seed: 8 });
    expect(Array.from(a.close)).toEqual(Array.from(b.close));
    expect(Array.from(a.volume)).toEqual(Array.from(b.volume));
    expect(Array.from(a.close)).not.toEqual(Array.from(c.close));
  });

  it('ends exactly at the reference price, in the minute before the live market', () => {
    const cols = generateBackfill(spec);
    expect(cols.length).toBe(end - spec.startMinute);
    expect(cols.minute[cols.length - 1]).toBe(end - 1);
    expect(cols.close[cols.length - 1]).toBe(spec.referenceTicks);
  });

  it('is a continuous, well-formed tape: increasing minutes, open = previous close, low <= open/close <= high', () => {
    const cols = generateBackfill(spec);
    const bad: number[] = [];
    for (let i = 0; i < cols.length; i++) {
      const [o, h, l, c] = [cols.open[i]!, cols.high[i]!, cols.low[i]!, cols.close[i]!];
      const ok =
        cols.minute[i] === spec.startMinute + i &&
        (i === 0 || o === cols.close[i - 1]) &&
        l > 0 &&
        l <= Math.min(o, c) &&
        h >= Math.max(o, c) &&
        cols.count[i]! > 0 &&
        cols.volume[i]! > 0;
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
  });
});
