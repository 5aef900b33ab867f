import { describe, expect, it } from 'vitest';
import { limitsFor } from '../../shared/ipc/tools';
import { checkOrderLimits } from './limits';

describe('safety limits', () => {
  it('refuses a quantity above the maximum and names the quantity field', () => {
    const breach = checkOrderLimits({ symbol: 'EURUSD', quantity: 5000 }, { maxQty: 1000 }, 1.1);
    expect(breach?.limit).toBe('maxQty');
    expect(breach?.field).toBe('quantity');
  });

  it('lets an order at exactly the maximum quantity through', () => {
    expect(checkOrderLimits({ symbol: 'EURUSD', quantity: 1000 }, { maxQty: 1000 }, 1.1)).toBe(
      null,
    );
  });

  it('values a market order at the last price for the notional limit', () => {
    const limits = { maxNotional: 1000 };
    expect(checkOrderLimits({ symbol: 'X', quantity: 10 }, limits, 99)).toBe(null);
    expect(checkOrderLimits({ symbol: 'X', quantity: 10 }, limits, 101)?.limit).toBe('maxNotional');
  });

  it('values a limit order at its own price, not the market', () => {
    const breach = checkOrderLimits(
      { symbol: 'X', quantity: 10, price: 200 },
      { maxNotional: 1000 },
      50,
    );
    expect(breach?.limit).toBe('maxNotional');
  });

  it('refuses a limit price too far through the last price', () => {
    const breach = checkOrderLimits(
      { symbol: 'X', quantity: 1, price: 110 },
      { maxDistancePct: 5 },
      100,
    );
    expect(breach).toMatchObject({ limit: 'maxDistancePct', field: 'price' });
    expect(
      checkOrderLimits({ symbol: 'X', quantity: 1, price: 104 }, { maxDistancePct: 5 }, 100),
    ).toBe(null);
  });

  it('checks a stop price for distance too', () => {
    const breach = checkOrderLimits(
      { symbol: 'X', quantity: 1, stopPrice: 80 },
      { maxDistancePct: 5 },
      100,
    );
    expect(breach).toMatchObject({ limit: 'maxDistancePct', field: 'stopPrice' });
  });

  it('cannot judge distance or a market notional without a last price, so lets them pass', () => {
    const limits = { maxDistancePct: 1, maxNotional: 1 };
    expect(checkOrderLimits({ symbol: 'X', quantity: 5 }, limits, null)).toBe(null);
  });

  it('uses the * entry for instruments without their own limits', () => {
    const settings = { oneClick: false, limits: { '*': { maxQty: 5 }, EURUSD: { maxQty: 50 } } };
    expect(limitsFor(settings.limits, 'EURUSD').maxQty).toBe(50);
    expect(limitsFor(settings.limits, 'GBPUSD').maxQty).toBe(5);
    expect(limitsFor({}, 'GBPUSD')).toEqual({});
  });

  it('writes quantities, prices and money in its messages as the desk shows them', () => {
    const eurusd = { pricePrecision: 5, qtyPrecision: 0 };
    expect(
      checkOrderLimits({ symbol: 'EURUSD', quantity: 12_000 }, { maxQty: 10_000 }, null, eurusd)
        ?.message,
    ).toBe('Quantity 12,000 is above the EURUSD limit of 10,000');
    // 1.08185 x 19,000 in floating point is 20555.149999999998.
    expect(
      checkOrderLimits(
        { symbol: 'EURUSD', quantity: 19_000, price: 1.08185 },
        { maxNotional: 20_000 },
        1.0818,
        eurusd,
      )?.message,
    ).toBe('Notional 20,555.15 is above the EURUSD limit of 20,000.00');
    expect(
      checkOrderLimits(
        { symbol: 'BTCUSDT', quantity: 0.5, price: 60_000 },
        { maxDistancePct: 5 },
        63_987.2,
        { pricePrecision: 2, qtyPrecision: 4 },
      )?.message,
    ).toBe('Price 60,000.00 is 6.23% from the last price 63,987.20 (limit 5%)');
  });

  it("an instrument's own limit never lifts the * limits it leaves empty", () => {
    const settings = {
      oneClick: false,
      limits: {
        '*': { maxQty: 10_000, maxNotional: 20_000, maxDistancePct: 1 },
        EURUSD: { maxNotional: 50_000, defaultQty: 2000 },
      },
    };
    expect(limitsFor(settings.limits, 'EURUSD')).toEqual({
      maxQty: 10_000,
      maxNotional: 50_000,
      maxDistancePct: 1,
      defaultQty: 2000,
    });
    // A buy limit 10% under the last price is still far from the market for EURUSD.
    const far = checkOrderLimits(
      { symbol: 'EURUSD', quantity: 1000, price: 0.97353 },
      limitsFor(settings.limits, 'EURUSD'),
      1.0817,
    );
    expect(far).toMatchObject({ limit: 'maxDistancePct', field: 'price' });
  });
});
