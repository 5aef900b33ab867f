import { describe, expect, it } from 'vitest';
import { TIME_IN_FORCE } from '../../../../shared/domain';
import { fitTimeInForce, timeInForceFor } from './timeInForce';

describe('time in force by order type', () => {
  it('offers only immediate values for MARKET and all values for resting types', () => {
    expect(timeInForceFor('MARKET')).toEqual(['IOC', 'FOK']);
    for (const type of ['LIMIT', 'STOP', 'STOP_LIMIT'] as const)
      expect(timeInForceFor(type)).toEqual(TIME_IN_FORCE);
  });

  it('keeps a wanted value the type takes and falls back to the first one otherwise', () => {
    expect(fitTimeInForce('MARKET', 'GTT')).toBe('IOC');
    expect(fitTimeInForce('MARKET', 'FOK')).toBe('FOK');
    expect(fitTimeInForce('LIMIT', 'GTT')).toBe('GTT');
  });

  it("offers exactly the server's list when it gives one", () => {
    expect(timeInForceFor('LIMIT', ['AON', 'FOK', 'IOC', 'TPI'])).toEqual([
      'AON',
      'FOK',
      'IOC',
      'TPI',
    ]);
    expect(fitTimeInForce('LIMIT', 'GTC', ['AON', 'FOK', 'IOC', 'TPI'])).toBe('AON');
    expect(fitTimeInForce('LIMIT', 'TPI', ['AON', 'FOK', 'IOC', 'TPI'])).toBe('TPI');
  });

  it('leaves out what the shared order rules refuse: a MARKET order never rests', () => {
    expect(timeInForceFor('MARKET', ['AON', 'FOK', 'IOC'])).toEqual(['FOK', 'IOC']);
    // Never an empty picker: the rules then say what is wrong.
    expect(timeInForceFor('MARKET', ['AON'])).toEqual(['AON']);
  });
});
