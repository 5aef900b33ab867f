/**
 * Currencies of instruments and conversion between them with live marks:
 * a 6-letter FX symbol is base + quote (USDJPY: USD/JPY), a symbol ending in
 * a USD stablecoin is base + that coin (BTCUSDT: BTC/USDT). Rates are exact
 * fractions of the marks; a missing rate is null, never a guess.
 */
import { divRound } from '../../shared/domain/decimal';
import { FIXED } from '../../shared/domain/decimal';

/** The base and quote currency of an instrument (P&L is in the quote). */
export interface InstrumentCurrencies {
  base: string;
  quote: string;
}

/**
 * Coins counted as one US dollar. A stated assumption: USDT is taken at par
 * with USD (a depeg is not modelled); no other coin is.
 */
export const USD_STABLECOINS: readonly string[] = ['USDT'];

const FX_PAIR = /^([A-Z]{3})([A-Z]{3})$/;

/** Base and quote of a symbol, or null when the name does not say. */
export function instrumentCurrencies(symbol: string): InstrumentCurrencies | null {
  for (const coin of USD_STABLECOINS) {
    if (symbol.length > coin.length && symbol.endsWith(coin)) {
      const base = symbol.slice(0, -coin.length);
      if (/^[A-Z0-9]{2,10}$/.test(base)) return { base, quote: coin };
    }
  }
  const fx = FX_PAIR.exec(symbol);
  return fx?.[1] && fx[2] ? { base: fx[1], quote: fx[2] } : null;
}

/** An exact conversion rate: amount x num / den. */
export interface Rate {
  num: bigint;
  den: bigint;
}

/** Latest mark per symbol (1e-8 units). */
export type Marks = ReadonlyMap<string, bigint>;

const ONE = 10n ** BigInt(FIXED);
const PAR: Rate = { num: 1n, den: 1n };

/** USD stands for itself and its stablecoins when looking up or matching currencies. */
function dollarOf(currency: string): string {
  return USD_STABLECOINS.includes(currency) ? 'USD' : currency;
}

/** Every spelling of a currency in symbol names (USD is also USDT). */
function spellings(currency: string): string[] {
  return currency === 'USD' ? ['USD', ...USD_STABLECOINS] : [currency];
}

/** The mark of base/quote directly, or inverted from quote/base; null when neither is quoted. */
function directRate(from: string, to: string, marks: Marks): Rate | null {
  for (const f of spellings(from))
    for (const t of spellings(to)) {
      const direct = marks.get(`${f}${t}`);
      if (direct !== undefined && direct > 0n) return { num: direct, den: ONE };
      const inverse = marks.get(`${t}${f}`);
      if (inverse !== undefined && inverse > 0n) return { num: ONE, den: inverse };
    }
  return null;
}

/** The rate from one currency to another: par, a quoted pair, or a cross via USD; null = no rate. */
export function conversionRate(from: string, to: string, marks: Marks): Rate | null {
  const a = dollarOf(from);
  const b = dollarOf(to);
  if (a === b) return PAR;
  const direct = directRate(a, b, marks);
  if (direct) return direct;
  if (a === 'USD' || b === 'USD') return null;
  const toUsd = directRate(a, 'USD', marks);
  const fromUsd = directRate('USD', b, marks);
  if (!toUsd || !fromUsd) return null;
  return { num: toUsd.num * fromUsd.num, den: toUsd.den * fromUsd.den };
}

/** An amount (any fixed-point scale) converted at a rate, rounded half away from zero. */
export function convert(amount: bigint, rate: Rate): bigint {
  return divRound(amount * rate.num, rate.den);
}
