import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed } from './prng';

describe('seeded random', () => {
  it('the same seed gives the same sequence; another seed another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('int stays within bounds and gaussian is finite', () => {
    const r = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      expect(Number.isFinite(r.gaussian())).toBe(true);
    }
  });

  it('derived seeds differ per stream name', () => {
    expect(deriveSeed(1, 'EURUSD')).not.toBe(deriveSeed(1, 'GBPUSD'));
    expect(deriveSeed(1, 'EURUSD')).toBe(deriveSeed(1, 'EURUSD'));
  });
});
