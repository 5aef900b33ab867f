import { describe, expect, it } from 'vitest';
import { TIME_IN_FORCE } from '../../../../shared/domain';
import { fitTimeInForce, timeInForceError, timeInForceFor } from './timeInForce';

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

  it('refuses MARKET with GTT, naming what it takes', () => {
    expect(timeInForceError('MARKET', 'GTT')).toBe('MARKET orders take IOC or FOK only');
    expect(timeInForceError('STOP', 'GTT')).toBeNull();
  });
});
