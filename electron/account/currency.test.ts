import { describe, expect, it } from 'vitest';
import { toFixed } from '../../shared/domain/decimal';
import { conversionRate, convert, instrumentCurrencies } from './currency';

const marks = new Map([
  ['USDJPY', toFixed(150)],
  ['GBPUSD', toFixed(1.25)],
  ['BTCUSDT', toFixed(60_000)],
]);
const USD = (amount: bigint, from: string): bigint | null => {
  const rate = conversionRate(from, 'USD', marks);
  return rate ? convert(amount, rate) : null;
};

describe('instrument currencies', () => {
  it('reads a 6-letter FX symbol as base and quote', () => {
    expect(instrumentCurrencies('USDJPY')).toEqual({ base: 'USD', quote: 'JPY' });
    expect(instrumentCurrencies('EURGBP')).toEqual({ base: 'EUR', quote: 'GBP' });
  });

  it('reads a USDT symbol as the coin against USDT', () => {
    expect(instrumentCurrencies('BTCUSDT')).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(instrumentCurrencies('SOLUSDT')).toEqual({ base: 'SOL', quote: 'USDT' });
  });

  it('does not guess the currencies of other names', () => {
    expect(instrumentCurrencies('XAU')).toBeNull();
    expect(instrumentCurrencies('US500.cash')).toBeNull();
  });
});

describe('conversion to the account currency', () => {
  it('divides JPY by USDJPY', () => {
    expect(USD(15_000n, 'JPY')).toBe(100n);
  });

  it('multiplies GBP by GBPUSD', () => {
    expect(USD(-40n, 'GBP')).toBe(-50n);
  });

  it('crosses via USD when no pair joins the two currencies', () => {
    // 1 GBP = 1.25 USD = 187.5 JPY.
    const rate = conversionRate('GBP', 'JPY', marks);
    expect(rate && convert(1000n, rate)).toBe(187_500n);
  });

  it('takes USDT at par with USD (a stated assumption)', () => {
    expect(USD(12_345n, 'USDT')).toBe(12_345n);
    // BTC is found through BTCUSDT for a USD account.
    expect(USD(2n, 'BTC')).toBe(120_000n);
  });

  it('says there is no rate instead of guessing', () => {
    expect(conversionRate('CHF', 'USD', marks)).toBeNull();
    expect(conversionRate('CHF', 'JPY', marks)).toBeNull();
  });
});
