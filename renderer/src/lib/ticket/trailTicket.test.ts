import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import {
  emptyTrailDraft,
  previewTrail,
  trailInputError,
  trailOffer,
  trailRefused,
  trailStarted,
  validateTrail,
  type TrailDraft,
} from './trailTicket';
import type { TicketInstrument } from './validation';

const base = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'EURUSD');
if (!base) throw new Error('EURUSD is a default instrument');
const eurusd: TicketInstrument = { ...base, rules: 'exchange' };
const unruled: TicketInstrument = { ...base, symbol: 'XYZ', rules: 'unknown' };

const draft = (patch: Partial<TrailDraft>): TrailDraft => ({ ...emptyTrailDraft(), ...patch });
const errorOf = (d: TrailDraft, inst = eurusd) => {
  const v = validateTrail(d, inst);
  return v.ok ? null : v.errors.trail;
};

describe('trail offered by order type', () => {
  it('is shown and usable for stop and stop-limit orders only', () => {
    expect(trailOffer('STOP', false)).toEqual({ shown: true, disabledWhy: null });
    expect(trailOffer('STOP_LIMIT', false)).toEqual({ shown: true, disabledWhy: null });
    expect(trailOffer('LIMIT', false).shown).toBe(false);
    expect(trailOffer('MARKET', false).shown).toBe(false);
  });

  it('is shown but disabled with the reason while TP/SL is attached', () => {
    expect(trailOffer('STOP', true).disabledWhy).toMatch(/while TP\/SL is attached/);
    expect(trailOffer('STOP_LIMIT', true).disabledWhy).toMatch(/while TP\/SL is attached/);
  });
});

describe('trail distance', () => {
  it('sends nothing when off', () => {
    expect(validateTrail(emptyTrailDraft(), eurusd)).toEqual({ ok: true, input: null });
  });

  it('takes whole ticks above zero', () => {
    expect(validateTrail(draft({ mode: 'ticks', ticks: ' 10 ' }), eurusd)).toEqual({
      ok: true,
      input: { kind: 'ticks', ticks: 10 },
    });
    expect(errorOf(draft({ mode: 'ticks', ticks: '' }))).toBe('Enter a trail distance in ticks');
    expect(errorOf(draft({ mode: 'ticks', ticks: '2.5' }))).toMatch(/whole number of ticks/);
    expect(errorOf(draft({ mode: 'ticks', ticks: '0' }))).toMatch(/at least 1 tick/);
    expect(errorOf(draft({ mode: 'ticks', ticks: '1000001' }))).toMatch(/at most 1,000,000/);
  });

  it('refuses ticks where no tick size is known', () => {
    expect(errorOf(draft({ mode: 'ticks', ticks: '10' }), unruled)).toMatch(/trail by percent/);
  });

  it('takes a percent above 0 and at most 50', () => {
    expect(validateTrail(draft({ mode: 'percent', percent: '0.5' }), eurusd)).toEqual({
      ok: true,
      input: { kind: 'percent', percent: 0.5 },
    });
    expect(validateTrail(draft({ mode: 'percent', percent: '50' }), eurusd).ok).toBe(true);
    expect(errorOf(draft({ mode: 'percent', percent: '50.01' }))).toMatch(/at most 50%/);
    expect(errorOf(draft({ mode: 'percent', percent: '0' }))).toMatch(/above 0%/);
    expect(errorOf(draft({ mode: 'percent', percent: '-1' }))).toMatch(/above 0%/);
    expect(errorOf(draft({ mode: 'percent', percent: 'abc' }))).toMatch(/not a number/);
    expect(errorOf(draft({ mode: 'percent', percent: '' }))).toMatch(/in percent/);
  });

  it('says at once when typed text cannot be read, and nothing more before a send', () => {
    expect(trailInputError(draft({ mode: 'ticks', ticks: '1.5' }))).toMatch(/whole number/);
    expect(trailInputError(draft({ mode: 'ticks', ticks: '' }))).toBeNull();
    expect(trailInputError(draft({ mode: 'percent', percent: '0,5' }))).toMatch(/0\.5/);
    expect(trailInputError(draft({ mode: 'percent', percent: '80' }))).toBeNull();
  });
});

describe('trail preview', () => {
  const quote = { bid: 1.08498, ask: 1.08502, last: 1.085 };

  it('a sell stop moves up to the distance under the last trade at once', () => {
    const p = previewTrail(1.084, 'SELL', { kind: 'ticks', ticks: 10 }, quote, eurusd);
    expect(p).toEqual({
      side: 'SELL',
      start: 1.084,
      market: 1.085,
      next: 1.0849,
      nextLimit: null,
    });
  });

  it("a stop limit's limit moves with its stop, as many ticks (main's own rule)", () => {
    const sell = previewTrail(1.084, 'SELL', { kind: 'ticks', ticks: 10 }, quote, eurusd, 1.08395);
    expect([sell.next, sell.nextLimit]).toEqual([1.0849, 1.08485]);
    // A stop that stays keeps its limit where it is.
    const buy = previewTrail(1.086, 'BUY', { kind: 'ticks', ticks: 200 }, quote, eurusd, 1.0861);
    expect([buy.next, buy.nextLimit]).toEqual([1.086, 1.0861]);
  });

  it('a stop already tighter than the distance stays where it is', () => {
    const p = previewTrail(1.08495, 'SELL', { kind: 'ticks', ticks: 10 }, quote, eurusd);
    expect(p.next).toBe(1.08495);
    const buy = previewTrail(1.086, 'BUY', { kind: 'ticks', ticks: 200 }, quote, eurusd);
    expect(buy.next).toBe(1.086);
  });

  it('a buy stop moves down to the percent over the market, rounded away from it', () => {
    const p = previewTrail(1.2, 'BUY', { kind: 'percent', percent: 1 }, quote, eurusd);
    // 1.085 * 1.01 = 1.09585 exactly on the grid; a hair more would round up.
    expect(p.next).toBe(1.09585);
  });

  it('follows the side the stop triggers on when there is no last trade', () => {
    const noLast = { bid: 1.08498, ask: 1.08502, last: null };
    expect(previewTrail(1.08, 'SELL', { kind: 'ticks', ticks: 8 }, noLast, eurusd).next).toBe(
      1.0849,
    );
    expect(previewTrail(1.09, 'BUY', { kind: 'ticks', ticks: 8 }, noLast, eurusd).next).toBe(
      1.0851,
    );
  });

  it('shows no move without a quote', () => {
    const p = previewTrail(1.084, 'SELL', { kind: 'ticks', ticks: 10 }, undefined, eurusd);
    expect(p).toEqual({ side: 'SELL', start: 1.084, market: null, next: null, nextLimit: null });
  });
});

describe('trail outcome words', () => {
  it('names the distance and the start, or the reason and where the stop stays', () => {
    expect(trailStarted({ kind: 'ticks', ticks: 1 }, 1.084, eurusd)).toBe(
      'trailing 1 tick from 1.08400 (only while this app runs)',
    );
    expect(trailStarted({ kind: 'percent', percent: 0.5 }, 1.084, eurusd)).toMatch(
      /^trailing 0.5%/,
    );
    expect(trailRefused('No working order 7', 1.084, eurusd)).toBe(
      'trail not started: No working order 7. The stop stays at 1.08400',
    );
  });
});
