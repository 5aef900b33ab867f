import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, fromFixed, roundTo, toFixed } from './decimal';

describe('decimal', () => {
  it('converts decimals to integers and back exactly', () => {
    expect(toFixed(1.08501)).toBe(108_501_000n);
    expect(toFixed(-0.0001)).toBe(-10_000n);
    expect(fromFixed(108_501_000n)).toBe(1.08501);
    expect(fromFixed(-10_000n)).toBe(-0.0001);
    expect(fromFixed(123_456_789n, 8, 2)).toBe(1.23);
    expect(roundTo(0.1 + 0.2, 8)).toBe(0.3);
    expect(divRound(7n, 2n)).toBe(4n);
    expect(divRound(-7n, 2n)).toBe(-4n);
  });

  it('round-trips any 8-decimal value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (units) => {
        expect(toFixed(fromFixed(BigInt(units)))).toBe(BigInt(units));
      }),
    );
  });
});
