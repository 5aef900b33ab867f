import { describe, expect, it } from 'vitest';
import { shownPrice, shownQty } from './format';

describe('shown numbers', () => {
  it("write the instrument's decimals grouped, else the value's own", () => {
    const eurusd = { pricePrecision: 5, qtyPrecision: 0 };
    expect([shownPrice(1.0825, eurusd), shownQty(7000, eurusd)]).toEqual(['1.08250', '7,000']);
    expect(shownPrice(63_987.2, { pricePrecision: 2 })).toBe('63,987.20');
    // Unknown instrument: its own digits, grouped, never a float's noise.
    expect([shownPrice(1.08123), shownQty(12_000), shownPrice(0.1 + 0.2)]).toEqual([
      '1.08123',
      '12,000',
      '0.3',
    ]);
  });
});
