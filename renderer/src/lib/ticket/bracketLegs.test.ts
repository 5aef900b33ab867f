import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, type Side } from '../../../../shared/domain';
import {
  bracketInputErrors,
  describeSpec,
  emptyBracketDraft,
  entryPrice,
  exitPriceFromTicks,
  pnlAt,
  previewSide,
  validateBracket,
  type BracketDraft,
  type ExitDraft,
} from './bracketLegs';
import type { TicketInstrument } from './validation';

const known = (symbol: string): TicketInstrument => {
  const inst = DEFAULT_INSTRUMENTS.find((i) => i.symbol === symbol);
  if (!inst) throw new Error(`no ${symbol}`);
  return { ...inst, rules: 'exchange' };
};
const EURUSD = known('EURUSD');
const BTCUSDT = known('BTCUSDT');

const price = (text: string): ExitDraft => ({ mode: 'price', price: text, ticks: '' });
const ticks = (text: string): ExitDraft => ({ mode: 'ticks', price: '', ticks: text });
const OFF: ExitDraft = { mode: 'off', price: '', ticks: '' };
const legs = (takeProfit: ExitDraft, stopLoss: ExitDraft): BracketDraft => ({
  takeProfit,
  stopLoss,
});

describe('exit prices from a distance in ticks', () => {
  it.each<[Side, number, number]>([
    ['BUY', 1.0853, 1.0848],
    ['SELL', 1.0847, 1.0852],
  ])('a %s entry at 1.08500: TP 30 ticks, SL 20 ticks', (side, tp, sl) => {
    expect(exitPriceFromTicks(1.085, side, 'takeProfit', 30, EURUSD)).toBe(tp);
    expect(exitPriceFromTicks(1.085, side, 'stopLoss', 20, EURUSD)).toBe(sl);
  });

  it('rounds an entry off the grid toward the exit first, as main does with an average fill', () => {
    // 1.085004 lies between 1.08500 and 1.08501.
    expect(exitPriceFromTicks(1.085004, 'BUY', 'takeProfit', 1, EURUSD)).toBe(1.08502);
    expect(exitPriceFromTicks(1.085004, 'BUY', 'stopLoss', 1, EURUSD)).toBe(1.08499);
  });

  it('uses the instrument tick (BTCUSDT 0.01)', () => {
    expect(exitPriceFromTicks(64000, 'SELL', 'takeProfit', 150, BTCUSDT)).toBe(63998.5);
  });
});

describe('which price the entry is measured from', () => {
  const quote = { bid: 1.08498, ask: 1.08502, last: 1.085 };
  const entry = (type: 'MARKET' | 'LIMIT' | 'STOP' | 'STOP_LIMIT') => ({
    type,
    price: '1.08400',
    stopPrice: '1.08600',
  });

  it('a limit and a stop-limit order: the limit; a stop order: the stop', () => {
    expect(entryPrice(entry('LIMIT'), 'BUY', quote)).toBe(1.084);
    expect(entryPrice(entry('STOP_LIMIT'), 'SELL', quote)).toBe(1.084);
    expect(entryPrice(entry('STOP'), 'BUY', quote)).toBe(1.086);
  });

  it('a market order: the side it takes, else the last price, else unknown', () => {
    expect(entryPrice(entry('MARKET'), 'BUY', quote)).toBe(1.08502);
    expect(entryPrice(entry('MARKET'), 'SELL', quote)).toBe(1.08498);
    expect(entryPrice(entry('MARKET'), 'BUY', { bid: null, ask: null, last: 1.085 })).toBe(1.085);
    expect(entryPrice(entry('MARKET'), 'BUY', undefined)).toBeNull();
  });

  it('an unreadable limit price: unknown', () => {
    expect(entryPrice({ ...entry('LIMIT'), price: '1,084' }, 'BUY', quote)).toBeNull();
  });
});

describe('validateBracket', () => {
  it('sends nothing extra when no leg is set', () => {
    expect(validateBracket(emptyBracketDraft(), 'BUY', 1.085, EURUSD)).toEqual({
      ok: true,
      input: null,
    });
  });

  it('accepts a buy with TP above and SL below the entry, as the contract spells them', () => {
    expect(validateBracket(legs(ticks('30'), price('1.08400')), 'BUY', 1.085, EURUSD)).toEqual({
      ok: true,
      input: {
        takeProfit: { kind: 'ticks', ticks: 30 },
        stopLoss: { kind: 'price', price: 1.084 },
      },
    });
  });

  it('refuses a buy whose TP is below and whose SL is above the entry', () => {
    const r = validateBracket(legs(price('1.08400'), price('1.08600')), 'BUY', 1.085, EURUSD);
    expect(r).toEqual({
      ok: false,
      errors: {
        takeProfit: 'Take profit must be above the entry price 1.08500 for a buy',
        stopLoss: 'Stop loss must be below the entry price 1.08500 for a buy',
      },
    });
  });

  it('refuses a sell whose TP is above and whose SL is below the entry; the same prices suit a buy', () => {
    const draft = legs(price('1.08600'), price('1.08400'));
    expect(validateBracket(draft, 'SELL', 1.085, EURUSD)).toEqual({
      ok: false,
      errors: {
        takeProfit: 'Take profit must be below the entry price 1.08500 for a sell',
        stopLoss: 'Stop loss must be above the entry price 1.08500 for a sell',
      },
    });
    expect(validateBracket(draft, 'BUY', 1.085, EURUSD).ok).toBe(true);
  });

  it('refuses an exit at the entry price itself', () => {
    const r = validateBracket(legs(price('1.08500'), ticks('10')), 'SELL', 1.085, EURUSD);
    expect(r.ok ? null : r.errors.takeProfit).toBe(
      'Take profit must be below the entry price 1.08500 for a sell',
    );
  });

  it('refuses a price off the tick grid and a distance that is not whole ticks', () => {
    const r = validateBracket(legs(price('1.085305'), ticks('2.5')), 'BUY', 1.085, EURUSD);
    expect(r).toEqual({
      ok: false,
      errors: {
        takeProfit: 'Take profit price is off the tick size 0.00001',
        stopLoss: 'Stop loss distance is a whole number of ticks',
      },
    });
  });

  it.each([
    ['', 'Enter a take profit distance in ticks'],
    ['0', 'Take profit distance must be at least 1 tick'],
    ['1000001', 'Take profit distance is at most 1,000,000 ticks'],
  ])('refuses the tick distance %j', (text, message) => {
    const r = validateBracket(legs(ticks(text), ticks('10')), 'BUY', 1.085, EURUSD);
    expect(r.ok ? null : r.errors.takeProfit).toBe(message);
  });

  it('sends one leg alone: a stop loss only, or a take profit only, with no other leg in the spec', () => {
    const stopOnly = validateBracket(legs(OFF, price('1.08400')), 'BUY', 1.085, EURUSD);
    expect(stopOnly).toEqual({ ok: true, input: { stopLoss: { kind: 'price', price: 1.084 } } });
    expect(stopOnly.ok && 'takeProfit' in (stopOnly.input ?? {})).toBe(false);
    expect(validateBracket(legs(ticks('30'), OFF), 'SELL', null, EURUSD)).toEqual({
      ok: true,
      input: { takeProfit: { kind: 'ticks', ticks: 30 } },
    });
  });

  it('still checks a lone leg against the entry', () => {
    expect(validateBracket(legs(OFF, price('1.08600')), 'BUY', 1.085, EURUSD)).toEqual({
      ok: false,
      errors: { stopLoss: 'Stop loss must be below the entry price 1.08500 for a buy' },
    });
  });

  it('without an entry price still puts a buy SL below its TP', () => {
    const r = validateBracket(legs(price('1.08400'), price('1.08600')), 'BUY', null, EURUSD);
    expect(r).toEqual({
      ok: false,
      errors: { stopLoss: 'Stop loss must be below the take profit' },
    });
    expect(validateBracket(legs(price('1.08400'), price('1.08600')), 'SELL', null, EURUSD).ok).toBe(
      true,
    );
  });

  it('refuses tick distances where no tick size is known, and a loss below zero', () => {
    const unknown: TicketInstrument = { ...EURUSD, rules: 'unknown' };
    const r = validateBracket(legs(ticks('30'), price('1.08')), 'BUY', 1.085, unknown);
    expect(r.ok ? null : r.errors.takeProfit).toBe(
      'Take profit: no tick size known for EURUSD; enter a price',
    );
    const deep = validateBracket(legs(ticks('5'), ticks('200000')), 'BUY', 1.085, EURUSD);
    expect(deep.ok ? null : deep.errors.stopLoss).toBe(
      'Stop loss 200000 ticks below the entry is not a price',
    );
  });
});

describe('while typing', () => {
  it('shows unreadable text at once, the other errors only on a send', () => {
    expect(bracketInputErrors(legs(price('1,08'), ticks('x')))).toEqual({
      takeProfit: 'Use a dot for decimals: 1.08',
      stopLoss: 'Stop loss distance is a whole number of ticks',
    });
    // Missing, off the grid or on the wrong side: said when the user sends, as for the order's fields.
    expect(bracketInputErrors(legs(price(''), ticks('')))).toEqual({});
    expect(bracketInputErrors(legs(price('1.085305'), ticks('0')))).toEqual({});
  });
});

describe('the P&L at each exit', () => {
  it('is the distance times the quantity, signed for the side', () => {
    expect(pnlAt(1.085, 1.0853, 1000, 'BUY', EURUSD)).toBe(0.3);
    expect(pnlAt(1.085, 1.0848, 1000, 'BUY', EURUSD)).toBe(-0.2);
    expect(pnlAt(1.085, 1.0847, 3000, 'SELL', EURUSD)).toBe(0.9);
    expect(pnlAt(64000, 64100.5, 0.5, 'SELL', BTCUSDT)).toBe(-50.25);
  });

  it('is previewed for each side with the prices it leads to', () => {
    const draft = legs(ticks('30'), price('1.08400'));
    expect(previewSide(draft, 'BUY', 1.085, 2000, EURUSD).legs).toEqual({
      takeProfit: { level: { kind: 'ticks', ticks: 30 }, price: 1.0853, error: null, pnl: 0.6 },
      stopLoss: { level: { kind: 'price', price: 1.084 }, price: 1.084, error: null, pnl: -2 },
    });
    const sell = previewSide(draft, 'SELL', 1.085, 2000, EURUSD).legs;
    expect(sell.takeProfit?.price).toBe(1.0847);
    expect(sell.stopLoss?.error).toBe('Stop loss must be above the entry price 1.08500 for a sell');
  });
});

describe('describeSpec', () => {
  it('says each leg as a price or a distance', () => {
    expect(
      describeSpec(
        { takeProfit: { kind: 'ticks', ticks: 1 }, stopLoss: { kind: 'price', price: 1.084 } },
        EURUSD,
      ),
    ).toBe('TP 1 tick / SL 1.08400');
  });

  it('says only the leg a one-leg spec has', () => {
    expect(describeSpec({ stopLoss: { kind: 'price', price: 1.084 } }, EURUSD)).toBe('SL 1.08400');
    expect(describeSpec({ takeProfit: { kind: 'ticks', ticks: 30 } }, EURUSD)).toBe('TP 30 ticks');
  });
});
