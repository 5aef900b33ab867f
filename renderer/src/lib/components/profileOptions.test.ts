import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import { REMOTE_PROFILE } from '../testing/fixtures';
import { emptyRow, optionsDraft, rowOf, validateOptions } from './profileOptions';

const EURUSD = DEFAULT_INSTRUMENTS[0]!;

describe('profile options', () => {
  it('seeds a new profile with the common instruments and auto-detect', () => {
    const r = validateOptions(optionsDraft(null));
    expect(r).toEqual({
      ok: true,
      options: { revision: 'auto', chartUrl: null, instruments: DEFAULT_INSTRUMENTS },
    });
  });

  it("keeps an existing profile's list, carrying the maximum quantity it cannot edit", () => {
    const draft = optionsDraft({ ...REMOTE_PROFILE, instruments: [EURUSD] });
    const r = validateOptions(draft);
    expect(r.ok && r.options.instruments).toEqual([EURUSD]);
  });

  it('refuses a tick finer than the price precision and a lot finer than the quantity precision', () => {
    const row = { ...rowOf(EURUSD), pricePrecision: '4', qtyPrecision: '0', stepSize: '0.5' };
    const r = validateOptions({ revision: 'auto', chartUrl: '', instruments: [row] });
    expect(r.ok ? null : r.errors.rows[row.key]).toEqual({
      pricePrecision: 'Price precision must be at least 5 for tick size 0.00001',
      qtyPrecision: 'Quantity precision must be at least 1 for lot step 0.5',
    });
  });

  it('names every empty field of a new row and refuses a fractional precision', () => {
    const row = { ...emptyRow(), pricePrecision: '1.5' };
    const r = validateOptions({ revision: 'auto', chartUrl: '', instruments: [row] });
    expect(r.ok ? null : r.errors.rows[row.key]).toEqual({
      symbol: 'Enter a symbol',
      tickSize: 'Enter a tick size',
      stepSize: 'Enter a lot step',
      minQty: 'Enter a minimum quantity',
      pricePrecision: 'Price precision must be a whole number from 0 to 15',
      qtyPrecision: 'Enter a quantity precision',
    });
  });

  it('refuses a Chart API address with credentials or another scheme', () => {
    for (const chartUrl of ['https://user:pw@chart.example.com', 'ftp://chart.example.com']) {
      const r = validateOptions({ revision: 'current', chartUrl, instruments: [] });
      expect(r.ok ? null : r.errors.chartUrl).toBe(
        'Chart API URL must start with http:// or https://',
      );
    }
  });
});
