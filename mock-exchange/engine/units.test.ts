import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INSTRUMENTS,
  DEFAULT_REFERENCE_PRICES,
  lotsToQty,
  ticksToPrice,
} from '../../shared/domain';
import { Units } from './units';

/** The double nearest to the decimal `units x 10^-decimals`, via exact BigInt text. */
function exact(units: bigint, decimals: number): number {
  const pow = 10n ** BigInt(decimals);
  return Number(`${units / pow}.${(units % pow).toString().padStart(decimals, '0')}`);
}

describe('fast decimal conversions', () => {
  it("are exact for prices, quantities and notionals within each instrument's range", () => {
    for (const inst of DEFAULT_INSTRUMENTS) {
      const u = new Units(inst);
      const maxTicks = Math.round(
        (10 * (DEFAULT_REFERENCE_PRICES[inst.symbol] ?? 1)) / inst.tickSize,
      );
      const maxLots = Math.round(inst.maxQty / inst.stepSize);
      const tickScale = BigInt(Math.round(inst.tickSize * 10 ** inst.pricePrecision));
      const stepScale = BigInt(Math.round(inst.stepSize * 10 ** inst.qtyPrecision));
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: maxTicks }),
          fc.integer({ min: 0, max: maxLots }),
          (t, l) => {
            expect(u.price(t)).toBe(ticksToPrice(t, inst));
            expect(u.qty(l)).toBe(lotsToQty(l, inst));
            const quote = BigInt(t) * BigInt(l) * tickScale * stepScale;
            expect(u.quote(t * l)).toBe(exact(quote, inst.pricePrecision + inst.qtyPrecision));
          },
        ),
        { numRuns: 500 },
      );
    }
  });
});
