import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { buildLadder } from './ladder';
import { DEFAULT_MARKET_SETTINGS, symbolParams } from './params';

const eurusd = DEFAULT_INSTRUMENTS[0];

describe('maker ladder', () => {
  it('bids sit below the reference, asks above, never crossing, `levels` each side', () => {
    if (!eurusd) throw new Error('no instrument');
    const params = symbolParams(eurusd, 108_500, DEFAULT_MARKET_SETTINGS);
    fc.assert(
      fc.property(fc.integer({ min: params.floorTicks, max: 10_000_000 }), (ref) => {
        const ladder = buildLadder(ref, params, 8);
        expect(ladder.bids).toHaveLength(8);
        expect(ladder.asks).toHaveLength(8);
        expect(Math.max(...ladder.bids)).toBeLessThan(ref);
        expect(Math.min(...ladder.asks)).toBeGreaterThan(ref);
        expect(Math.min(...ladder.bids)).toBeGreaterThan(0);
      }),
    );
  });

  it('a one-tick move of the reference usually keeps the quotes', () => {
    if (!eurusd) throw new Error('no instrument');
    const params = symbolParams(eurusd, 108_500, DEFAULT_MARKET_SETTINGS);
    const a = buildLadder(108_501, params, 8);
    const b = buildLadder(108_502, params, 8);
    expect(b).toEqual(a);
  });
});
