import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_INSTRUMENTS,
  lotsToQty,
  priceToTicks,
  qtyToLots,
  tickLotsToQuote,
  ticksToPrice,
} from './instrument';

const eurusd = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'EURUSD')!;
const btc = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'BTCUSDT')!;

describe('tick and lot math', () => {
  it('reads on-tick prices as integer ticks', () => {
    expect(priceToTicks(1.08512, eurusd)).toBe(108512);
    expect(priceToTicks(64000.01, btc)).toBe(6400001);
  });

  it('rejects prices off the tick instead of rounding them', () => {
    expect(priceToTicks(1.085125, eurusd)).toBeNull();
    expect(priceToTicks(64000.005, btc)).toBeNull();
    expect(priceToTicks(Number.NaN, btc)).toBeNull();
  });

  it('rejects quantities off the step', () => {
    expect(qtyToLots(10_000, eurusd)).toBe(10);
    expect(qtyToLots(10_500, eurusd)).toBeNull();
    expect(qtyToLots(0.0003, btc)).toBe(3);
    expect(qtyToLots(0.00035, btc)).toBeNull();
  });

  it('round-trips every tick count exactly', () => {
    for (const inst of DEFAULT_INSTRUMENTS) {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 50_000_000 }), (ticks) => {
          expect(priceToTicks(ticksToPrice(ticks, inst), inst)).toBe(ticks);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('round-trips every lot count exactly', () => {
    for (const inst of DEFAULT_INSTRUMENTS) {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 10_000_000 }), (lots) => {
          expect(qtyToLots(lotsToQty(lots, inst), inst)).toBe(lots);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('computes notional exactly from ticks x lots', () => {
    // 0.1 BTC at 64000.01 = 6400.001
    expect(tickLotsToQuote(6400001 * 1000, btc)).toBe(6400.001);
    // 10,000 EURUSD at 1.08512 = 10851.2
    expect(tickLotsToQuote(108512 * 10, eurusd)).toBe(10851.2);
  });
});
