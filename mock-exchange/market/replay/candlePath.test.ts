import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WAYPOINT_OFFSETS_MS, pathTicks, waypoints } from './candlePath';

const candle = fc
  .tuple(fc.integer({ min: 1, max: 1e6 }), fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500))
  .map(([low, span, a, b]) => {
    const high = low + span;
    return { low, high, open: low + (a % (span + 1)), close: low + (b % (span + 1)) };
  });

describe('the intra-candle path', () => {
  it('passes exactly through open, high, low and close and never leaves high-low', () => {
    fc.assert(
      fc.property(candle, (c) => {
        const seen = new Set<number>();
        for (let t = 0; t < 60_000; t += 250) seen.add(pathTicks(c, t));
        expect(pathTicks(c, 0)).toBe(c.open);
        expect(pathTicks(c, 59_999)).toBe(c.close);
        for (const price of [c.open, c.high, c.low, c.close]) expect(seen.has(price)).toBe(true);
        expect(Math.max(...seen)).toBe(c.high);
        expect(Math.min(...seen)).toBe(c.low);
      }),
    );
  });

  it('meets the low first on a rising candle and the high first on a falling one', () => {
    const rising = waypoints({ open: 10, high: 15, low: 8, close: 14 });
    expect(rising.map((w) => w.ticks)).toEqual([10, 8, 15, 14]);
    const falling = waypoints({ open: 14, high: 15, low: 8, close: 10 });
    expect(falling.map((w) => w.ticks)).toEqual([14, 15, 8, 10]);
    expect(falling.map((w) => w.atMs)).toEqual([...WAYPOINT_OFFSETS_MS]);
  });

  it('is the same path every time', () => {
    const c = { open: 100, high: 130, low: 90, close: 120 };
    const a = Array.from({ length: 240 }, (_, i) => pathTicks(c, i * 250));
    const b = Array.from({ length: 240 }, (_, i) => pathTicks(c, i * 250));
    expect(a).toEqual(b);
  });
});
