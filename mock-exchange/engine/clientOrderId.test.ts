/**
 * The generated clientOrderId (`ex-<orderId>`) is built from a cached
 * thousand prefix and the last three digits (order.ts): it must read exactly
 * as the plain decimal id, in sequence and out of it, at every boundary.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scale } from '../testing/env';
import { generatedClientOrderId } from './order';

describe('generated clientOrderId', () => {
  it('reads as ex- and the decimal orderId across thousand boundaries, in sequence', () => {
    for (let id = 1; id <= 25_000; id++) expect(generatedClientOrderId(id)).toBe(`ex-${id}`);
  });

  it('reads as ex- and the decimal orderId for ids in any order', () => {
    const id = fc.oneof(
      fc.integer({ min: 1, max: 2_000 }),
      fc.integer({ min: 1, max: 2 ** 31 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 20 }), (ids) => {
        for (const i of ids) expect(generatedClientOrderId(i)).toBe(`ex-${i}`);
      }),
      { numRuns: scale(300, 10_000) },
    );
    for (const i of [999, 1_000, 1_001, 1_999, 2_000, 100_000, 100_001, 1_000_000]) {
      expect(generatedClientOrderId(i)).toBe(`ex-${i}`);
    }
  });
});
