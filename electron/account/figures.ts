/**
 * The account bar's figures: balance (starting + realized since the epoch),
 * equity (+ unrealized), today's P&L (realized since 00:00 UTC or the epoch, if later, + unrealized
 * now) and each instrument's exposure, all in the account currency with live
 * rates. An amount with no rate makes its totals "no rate" (null). Each
 * instrument's amounts are rounded to the account's cents before they are
 * summed, so every total is exactly the sum of the lines the user reads.
 */
import type { AccountFigures, AccountSettings, InstrumentFigures } from '../../shared/ipc';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import { conversionRate, convert, instrumentCurrencies, type Marks, type Rate } from './currency';
import { ledgerAmounts, type InstrumentLedger } from './ledger';

/** Decimals the account currency is shown and summed to. */
export const ACCOUNT_DECIMALS = 2;
/** Decimals instrument-currency P&L is reported with (its own precision is applied by the UI). */
const PNL_DECIMALS = 8;

/** The rate from an instrument's quote currency to the account currency; null = no rate. */
export function accountRate(symbol: string, currency: string, marks: Marks): Rate | null {
  const quote = instrumentCurrencies(symbol)?.quote;
  return quote ? conversionRate(quote, currency, marks) : null;
}

/** One cent of the account currency in 1e-16 units. */
const CENT = 10n ** BigInt(16 - ACCOUNT_DECIMALS);

/** An account amount (1e-16 units) rounded to whole cents, half away from zero. */
function toCents(units: bigint | null): bigint | null {
  return units === null ? null : divRound(units, CENT) * CENT;
}

/** Converts 1e-16 units of an instrument's quote currency to the account currency; null = no rate. */
export function toAccount(
  amount: bigint,
  symbol: string,
  currency: string,
  marks: Marks,
): bigint | null {
  if (amount === 0n) return 0n;
  const rate = accountRate(symbol, currency, marks);
  return rate ? convert(amount, rate) : null;
}

/** One position's ledger (several logins of a symbol are netted into one instrument). */
export interface PositionLedger {
  symbol: string;
  ledger: InstrumentLedger;
}

interface SymbolAmounts {
  sinceEpoch: bigint;
  today: bigint;
  unrealized: bigint | null;
  net: bigint;
  everTraded: boolean;
}

/** The account's figures from each position's ledger and the latest marks. */
export function accountFigures(
  settings: AccountSettings,
  ledgers: readonly PositionLedger[],
  marks: Marks,
  now: number,
): AccountFigures {
  const money = (units: bigint): number => fromFixed(units, 16, ACCOUNT_DECIMALS);
  const bySymbol = new Map<string, SymbolAmounts>();
  for (const { symbol, ledger } of ledgers) {
    const a = ledgerAmounts(ledger, marks.get(symbol) ?? null);
    const sum = bySymbol.get(symbol) ?? {
      sinceEpoch: 0n,
      today: 0n,
      unrealized: 0n,
      net: 0n,
      everTraded: false,
    };
    sum.sinceEpoch += a.sinceEpoch;
    sum.today += a.today;
    sum.unrealized =
      sum.unrealized === null || a.unrealized === null ? null : sum.unrealized + a.unrealized;
    sum.net += a.net;
    sum.everTraded ||= a.net !== 0n || ledger.state.realized !== 0n;
    bySymbol.set(symbol, sum);
  }
  let realized = 0n;
  let unrealized = 0n;
  let today = 0n;
  let complete = true;
  let todayKnown = true;
  let unrealizedKnown = true;
  const noRate: string[] = [];
  const instruments: InstrumentFigures[] = [];
  for (const [symbol, amounts] of [...bySymbol].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mark = marks.get(symbol) ?? null;
    // Rounded per line: the totals below then equal the sum of the lines shown.
    const conv = (units: bigint | null): bigint | null =>
      units === null ? null : toCents(toAccount(units, symbol, settings.currency, marks));
    const realizedAcc = conv(amounts.sinceEpoch);
    const todayAcc = conv(amounts.today);
    const unrealizedAcc = conv(amounts.unrealized);
    const absNet = amounts.net < 0n ? -amounts.net : amounts.net;
    const exposure = mark === null ? null : conv(absNet * mark);
    const missingRate =
      realizedAcc === null ||
      todayAcc === null ||
      (amounts.unrealized !== null && unrealizedAcc === null) ||
      (mark !== null && exposure === null);
    if (missingRate) noRate.push(symbol);
    if (realizedAcc === null) complete = false;
    else realized += realizedAcc;
    if (todayAcc === null) todayKnown = false;
    else today += todayAcc;
    if (unrealizedAcc === null) unrealizedKnown = false;
    else unrealized += unrealizedAcc;
    if (!amounts.everTraded) continue;
    instruments.push({
      symbol,
      currency: instrumentCurrencies(symbol)?.quote ?? null,
      netQty: fromFixed(amounts.net, 8),
      realized: fromFixed(amounts.sinceEpoch, 16, PNL_DECIMALS),
      unrealized:
        amounts.net === 0n || amounts.unrealized === null
          ? null
          : fromFixed(amounts.unrealized, 16, PNL_DECIMALS),
      realizedAccount: realizedAcc === null ? null : money(realizedAcc),
      unrealizedAccount: amounts.net === 0n || unrealizedAcc === null ? null : money(unrealizedAcc),
      exposureAccount: exposure === null ? null : money(exposure),
      noRate: missingRate,
    });
  }
  // Via 1e-8 (a double's exact decimal digits), then scaled: no binary drift.
  const start = toFixed(settings.startingBalance) * 10n ** 8n;
  const balance = complete ? start + realized : null;
  const equity = balance !== null && unrealizedKnown ? balance + unrealized : null;
  return {
    settings,
    balance: balance === null ? null : money(balance),
    equity: equity === null ? null : money(equity),
    todayPnl: todayKnown && unrealizedKnown ? money(today + unrealized) : null,
    realized: complete ? money(realized) : null,
    unrealized: unrealizedKnown ? money(unrealized) : null,
    noRate,
    instruments,
    asOf: now,
  };
}

/** 00:00 UTC of the day `now` falls in (the daily rollover). */
export function utcDayStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
