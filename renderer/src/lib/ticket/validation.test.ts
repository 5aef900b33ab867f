import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, type Instrument } from '../../../../shared/domain';
import { toDateTimeLocal } from '../format';
import {
  estimateNotional,
  ocoRuleError,
  parseDecimal,
  stepPrice,
  stepQuantity,
  unknownRulesLine,
  ocoTimesInForce,
  validateOco,
  validateOrder,
  type OcoDraft,
  type OrderDraft,
  type TicketInstrument,
} from './validation';
import { UNKNOWN_TERMS, type ServerTerms } from './serverTerms';

const EURUSD = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'EURUSD') as Instrument;
const BTC = DEFAULT_INSTRUMENTS.find((i) => i.symbol === 'BTCUSDT') as Instrument;
const NOW = new Date(2030, 0, 15, 12, 0).getTime();

const draft = (patch: Partial<OrderDraft> = {}): OrderDraft => ({
  symbol: 'EURUSD',
  type: 'LIMIT',
  quantity: '2000',
  price: '1.08500',
  stopPrice: '',
  timeInForce: 'GTC',
  expires: '',
  note: '',
  ...patch,
});

function errorsOf(
  d: OrderDraft,
  inst: TicketInstrument | undefined = EURUSD,
  terms: ServerTerms = UNKNOWN_TERMS,
) {
  const r = validateOrder(d, 'BUY', inst, NOW, terms);
  return r.ok ? {} : r.errors;
}

/** The venue's current revision, as the core reports it. */
const CURRENT: ServerTerms = {
  timesInForce: {
    MARKET: ['AON', 'FOK', 'IOC'],
    LIMIT: ['AON', 'FOK', 'IOC', 'TPI'],
    STOP: ['AON', 'FOK', 'IOC'],
    STOP_LIMIT: ['AON', 'FOK', 'IOC'],
  },
  till: true,
  notes: true,
};

/** A Chart API name with no rules known (as the core lists it). */
const UNRULED: TicketInstrument = {
  symbol: 'XAUUSD',
  tickSize: 0.01,
  stepSize: 1e-8,
  minQty: 1e-8,
  maxQty: Number.MAX_SAFE_INTEGER,
  pricePrecision: 2,
  qtyPrecision: 8,
  rules: 'unknown',
};

describe('validateOrder', () => {
  it('accepts a valid limit order and builds the contract input', () => {
    const r = validateOrder(draft(), 'SELL', EURUSD, NOW);
    expect(r).toEqual({
      ok: true,
      input: {
        symbol: 'EURUSD',
        side: 'SELL',
        type: 'LIMIT',
        quantity: 2000,
        price: 1.085,
        timeInForce: 'GTC',
      },
    });
  });

  it('rejects a price off the tick', () => {
    expect(errorsOf(draft({ price: '1.085005' })).price).toBe(
      'Limit price is off the tick size 0.00001',
    );
  });

  it('rejects a quantity off the lot step', () => {
    expect(errorsOf(draft({ quantity: '1500' })).quantity).toBe(
      'Quantity must be a multiple of the lot step 1000',
    );
  });

  it('rejects a quantity below the minimum', () => {
    expect(
      errorsOf(draft({ symbol: 'BTCUSDT', quantity: '0.00005', price: '100.00' }), BTC).quantity,
    ).toBe('Quantity is below the minimum of 0.0001');
  });

  it('asks for a limit price when the type needs one', () => {
    expect(errorsOf(draft({ price: '' })).price).toBe('Enter a limit price');
    expect(errorsOf(draft({ type: 'STOP_LIMIT', price: '', stopPrice: '' }))).toMatchObject({
      price: 'Enter a limit price',
      stopPrice: 'Enter a stop price',
    });
  });

  it('ignores the price fields a type does not use', () => {
    const r = validateOrder(
      draft({ type: 'MARKET', price: 'junk', timeInForce: 'IOC' }),
      'BUY',
      EURUSD,
      NOW,
    );
    expect(r.ok && r.input).toMatchObject({ type: 'MARKET' });
    expect(r.ok && 'price' in r.input).toBe(false);
  });

  it('rejects a GTT expiry in the past and accepts one in the future', () => {
    const past = toDateTimeLocal(NOW - 60_000);
    expect(errorsOf(draft({ timeInForce: 'GTT', expires: past })).expires).toBe(
      'Expiry must be in the future',
    );
    // The shared order rule's words (main checks the same rule).
    expect(errorsOf(draft({ timeInForce: 'GTT', expires: '' })).expires).toBe(
      'GTT needs an expiry time',
    );
    const future = toDateTimeLocal(NOW + 3_600_000);
    const r = validateOrder(draft({ timeInForce: 'GTT', expires: future }), 'BUY', EURUSD, NOW);
    expect(r.ok && r.input.timeInForceDate).toBe(new Date(NOW + 3_600_000).toISOString());
  });

  it('names an unknown symbol', () => {
    const r = validateOrder(draft({ symbol: 'XAUUSD' }), 'BUY', undefined, NOW);
    expect(r.ok ? null : r.errors.symbol).toBe('Unknown symbol XAUUSD');
  });

  it('sends the first time in force the type takes when the one picked is not offered', () => {
    const market = draft({ type: 'MARKET', price: '', timeInForce: 'GTT', expires: '' });
    const r = validateOrder(market, 'BUY', EURUSD, NOW);
    expect(r.ok && r.input.timeInForce).toBe('IOC');
    expect(validateOrder({ ...market, timeInForce: 'FOK' }, 'BUY', EURUSD, NOW)).toMatchObject({
      ok: true,
      input: { timeInForce: 'FOK' },
    });
  });

  it('refuses what the shared order rules refuse even when the server offers it', () => {
    const onlyAon: ServerTerms = { ...CURRENT, timesInForce: { MARKET: ['AON'] } };
    const market = draft({ type: 'MARKET', price: '', timeInForce: 'AON' });
    expect(errorsOf(market, EURUSD, onlyAon)).toEqual({
      timeInForce: 'MARKET orders take IOC or FOK only',
    });
  });

  it('names the real problem of a number', () => {
    expect(errorsOf(draft({ quantity: '-2000' })).quantity).toBe('Quantity must be positive');
    expect(errorsOf(draft({ price: '0' })).price).toBe('Limit price must be positive');
    expect(errorsOf(draft({ price: '1e9999' })).price).toBe('Limit price is not a number');
    expect(errorsOf(draft({ price: '9'.repeat(400) })).price).toBe('Limit price is too large');
    expect(errorsOf(draft({ price: '99999999999' })).price).toBe('Limit price is too large');
    expect(errorsOf(draft({ quantity: '1,5' })).quantity).toBe('Use a dot for decimals: 1.5');
  });

  it('rejects text that is not a number', () => {
    expect(errorsOf(draft({ quantity: '1e3' })).quantity).toBe('Quantity is not a number');
  });
});

describe("validateOrder on the connected server's terms", () => {
  it('sends the Till as the order lifetime where the server has one, and nothing when empty', () => {
    const till = toDateTimeLocal(NOW + 3_600_000);
    const r = validateOrder(
      draft({ timeInForce: 'AON', expires: till }),
      'BUY',
      EURUSD,
      NOW,
      CURRENT,
    );
    expect(r.ok && r.input).toMatchObject({
      timeInForce: 'AON',
      timeInForceDate: new Date(NOW + 3_600_000).toISOString(),
    });
    const none = validateOrder(draft({ timeInForce: 'AON' }), 'BUY', EURUSD, NOW, CURRENT);
    expect(none.ok && 'timeInForceDate' in none.input).toBe(false);
    expect(
      errorsOf(draft({ timeInForce: 'AON', expires: toDateTimeLocal(NOW - 1) }), EURUSD, CURRENT)
        .expires,
    ).toBe('Till must be in the future');
  });

  it('ignores a typed lifetime the order does not carry', () => {
    const r = validateOrder(draft({ expires: toDateTimeLocal(NOW - 1) }), 'BUY', EURUSD, NOW);
    expect(r.ok && 'timeInForceDate' in r.input).toBe(false);
  });

  it('sends a trimmed note only where the server keeps notes, and refuses a long one', () => {
    const r = validateOrder(draft({ note: '  hedge  ' }), 'BUY', EURUSD, NOW, CURRENT);
    expect(r.ok && r.input.note).toBe('hedge');
    const noNotes = validateOrder(draft({ note: 'hedge' }), 'BUY', EURUSD, NOW);
    expect(noNotes.ok && 'note' in noNotes.input).toBe(false);
    expect(errorsOf(draft({ note: 'x'.repeat(257) }), EURUSD, CURRENT).note).toBe(
      'Note must be at most 256 characters',
    );
  });
});

describe('validateOrder without known rules', () => {
  it('checks no tick, lot or minimum: only positive numbers', () => {
    const r = validateOrder(
      draft({ symbol: 'XAUUSD', quantity: '0.5', price: '2345.678' }),
      'BUY',
      UNRULED,
      NOW,
    );
    expect(r.ok && r.input).toMatchObject({ symbol: 'XAUUSD', quantity: 0.5, price: 2345.678 });
    expect(errorsOf(draft({ quantity: '0', price: '-1' }), UNRULED)).toEqual({
      quantity: 'Quantity must be positive',
      price: 'Limit price must be positive',
    });
  });

  it('still applies the cross-field rules', () => {
    expect(
      errorsOf(draft({ symbol: 'XAUUSD', timeInForce: 'GTT', expires: '' }), UNRULED).expires,
    ).toBe('GTT needs an expiry time');
  });

  it('checks as usual when the rules come from the profile', () => {
    expect(errorsOf(draft({ price: '1.085005' }), { ...EURUSD, rules: 'profile' }).price).toBe(
      'Limit price is off the tick size 0.00001',
    );
  });

  it('names the instrument without rules in one line', () => {
    expect(unknownRulesLine(UNRULED)).toBe(
      'No trading rules known for XAUUSD: the exchange will judge the price and quantity.',
    );
    expect(unknownRulesLine({ ...EURUSD, rules: 'profile' })).toBeNull();
  });
});

describe('OCO', () => {
  const oco = (patch: Partial<OcoDraft> = {}): OcoDraft => ({
    symbol: 'EURUSD',
    side: 'SELL',
    quantity: '1000',
    limitPrice: '1.08600',
    stopType: 'STOP',
    stopPrice: '1.08400',
    stopLimitPrice: '',
    timeInForce: 'GTC',
    expires: '',
    ...patch,
  });

  it('SELL needs limit > last > stop', () => {
    expect(validateOco(oco(), EURUSD, 1.085, NOW).ok).toBe(true);
    const r = validateOco(oco({ limitPrice: '1.08400', stopPrice: '1.08300' }), EURUSD, 1.085, NOW);
    expect(r.ok ? null : r.errors.rule).toBe('Limit 1.08400 must be above the last price 1.08500');
  });

  it('BUY needs limit < last < stop', () => {
    expect(ocoRuleError('BUY', 1.084, 1.086, 1.085, EURUSD)).toBeNull();
    expect(ocoRuleError('BUY', 1.084, 1.0845, 1.085, EURUSD)).toBe(
      'Stop 1.08450 must be above the last price 1.08500',
    );
  });

  it('offers the OCO values the server has for both legs', () => {
    expect(ocoTimesInForce('STOP')).toEqual(['GTC', 'GTT', 'DAY', 'AON']);
    expect(ocoTimesInForce('STOP', CURRENT)).toEqual(['AON']);
    const r = validateOco(oco(), EURUSD, 1.085, NOW, CURRENT);
    expect(r.ok && r.input.timeInForce).toBe('AON');
  });

  it("sends the Till as both legs' lifetime on the current revision", () => {
    const till = toDateTimeLocal(NOW + 60_000);
    const r = validateOco(oco({ expires: till }), EURUSD, 1.085, NOW, CURRENT);
    expect(r.ok && r.input.lifeTime).toBe(new Date(NOW + 60_000).toISOString());
  });

  it('needs an expiry for GTT', () => {
    const r = validateOco(oco({ timeInForce: 'GTT' }), EURUSD, 1.085, NOW);
    expect(r.ok ? null : r.errors.expires).toBe('GTT needs an expiry time');
  });

  it('checks no tick or lot without known rules', () => {
    const r = validateOco(
      oco({ symbol: 'XAUUSD', quantity: '0.3', limitPrice: '2400.123', stopPrice: '2300.5' }),
      UNRULED,
      2350,
      NOW,
    );
    expect(r.ok).toBe(true);
  });

  it('a stop-limit leg needs its own limit price', () => {
    const r = validateOco(oco({ stopType: 'STOP_LIMIT' }), EURUSD, 1.085, NOW);
    expect(r.ok ? null : r.errors.stopLimitPrice).toBe('Enter a stop leg limit');
  });
});

describe('helpers', () => {
  it('reads plain decimals and refuses separators rather than guess', () => {
    expect(parseDecimal(' 10000.5 ')).toBe(10000.5);
    expect(parseDecimal('10,000')).toBeNull();
    expect(parseDecimal('1,5')).toBeNull();
    expect(parseDecimal('-1')).toBeNull();
  });
  it('steps prices by ticks and quantities by lots', () => {
    expect(stepPrice('1.08500', 1, EURUSD, null)).toBe('1.08501');
    expect(stepPrice('', -10, EURUSD, 1.085)).toBe('1.08490');
    expect(stepQuantity('0.0003', -5, BTC)).toBe('0.0001');
    expect(stepQuantity('1000', 1, EURUSD)).toBe('2000');
  });
  it('estimates notional from the price the order would trade near', () => {
    expect(
      estimateNotional({ type: 'LIMIT', quantity: '2000', price: '1.5', stopPrice: '' }, 9),
    ).toBe(3000);
    expect(estimateNotional({ type: 'MARKET', quantity: '2', price: '', stopPrice: '' }, 9)).toBe(
      18,
    );
  });
});
