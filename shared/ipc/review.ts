/**
 * IPC shapes of the account figures and the trade review: the account's
 * settings, the figures main computes (in the account currency, null where no
 * rate is known), round trips, statistics, the journal and the audit trail.
 */
import { z } from 'zod';
import { Num, Side, SymbolName } from '../protocol/schemas';

// ---------------------------------------------------------------- account

/** How realized P&L is counted: oldest lots first, or one netted lot at its average cost. */
export const AccountingMethod = z.enum(['FIFO', 'AVERAGE']);
export type AccountingMethod = z.infer<typeof AccountingMethod>;

/** A currency code as symbols spell it (USD, JPY, BTC, USDT). */
export const CurrencyCode = z.string().regex(/^[A-Z0-9]{2,10}$/, 'a currency code like USD');

/** The account of one profile: its currency, the paper starting balance, the method, the epoch. */
export const AccountSettings = z.object({
  /** Every P&L is converted to it (default USD). */
  currency: CurrencyCode.default('USD'),
  /** Paper: the balance the account started with (default 100,000). */
  startingBalance: Num.nonnegative().max(1e13).default(100_000),
  method: AccountingMethod.default('FIFO'),
  /** Which paper account this is: a reset starts the next one. */
  epochId: z.number().int().positive().default(1),
  /** Epoch ms the account's figures count realized P&L from (0: from the first fill). */
  epochStart: Num.nonnegative().default(0),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

/** What the user may change of the account (absent: keep). */
export const AccountSettingsUpdate = AccountSettings.pick({
  currency: true,
  startingBalance: true,
  method: true,
})
  .partial()
  .strict();
export type AccountSettingsUpdate = z.infer<typeof AccountSettingsUpdate>;

/** One instrument's figures: in its own (quote) currency and in the account currency. */
export const InstrumentFigures = z.object({
  symbol: SymbolName,
  /** The currency its P&L is in (the quote currency), null when the symbol does not say. */
  currency: CurrencyCode.nullable(),
  netQty: Num,
  /** Realized since the account's epoch, in the instrument's currency. */
  realized: Num,
  /** At the latest mark; null without a mark or when flat. */
  unrealized: Num.nullable(),
  /** The same in the account currency: null = no rate. */
  realizedAccount: Num.nullable(),
  unrealizedAccount: Num.nullable(),
  /** |netQty| x mark in the account currency (open exposure); null = no rate or no mark. */
  exposureAccount: Num.nullable(),
  /** True when an amount could not be converted for want of a rate. */
  noRate: z.boolean(),
});
export type InstrumentFigures = z.infer<typeof InstrumentFigures>;

/** The account bar: balance, equity, today's P&L, and each instrument's part. */
export const AccountFigures = z.object({
  settings: AccountSettings,
  /** Starting balance + realized since the epoch; null when an amount has no rate. */
  balance: Num.nullable(),
  /** Balance + unrealized. */
  equity: Num.nullable(),
  /** Realized since 00:00 UTC + unrealized now. */
  todayPnl: Num.nullable(),
  realized: Num.nullable(),
  unrealized: Num.nullable(),
  /** Instruments whose amounts have no rate to the account currency (left out: figures null). */
  noRate: z.array(SymbolName),
  instruments: z.array(InstrumentFigures),
  /** Epoch ms the figures were computed at. */
  asOf: Num,
});
export type AccountFigures = z.infer<typeof AccountFigures>;

// ---------------------------------------------------------------- review

/** A range preset: since 00:00 UTC, since Monday, since the 1st, everything. */
export const ReviewPreset = z.enum(['today', 'week', 'month', 'all', 'custom']);
export type ReviewPreset = z.infer<typeof ReviewPreset>;

/** A tag of the journal: a short word. */
export const JournalTag = z
  .string()
  .trim()
  .regex(/^[\w-]{1,32}$/, 'tags are words of letters, digits, - and _');

/** Which round trips to review: a range (by exit time) and filters. */
export const ReviewQuery = z.object({
  preset: ReviewPreset.default('all'),
  /** custom: epoch ms, inclusive. */
  from: Num.optional(),
  /** custom: epoch ms, exclusive. */
  to: Num.optional(),
  symbol: SymbolName.optional(),
  /** LONG: bought first; SHORT: sold first. */
  direction: z.enum(['LONG', 'SHORT']).optional(),
  tag: JournalTag.optional(),
});
export type ReviewQuery = z.input<typeof ReviewQuery>;

/** One round trip: flat to flat (average cost) or one closed lot (FIFO). */
export const RoundTrip = z.object({
  /** Stable id (the journal keys notes by it). */
  id: z.string(),
  login: z.string(),
  symbol: SymbolName,
  direction: z.enum(['LONG', 'SHORT']),
  /** The side that opened it. */
  entrySide: Side,
  entryTime: Num,
  exitTime: Num,
  /** Average entry and exit prices. */
  entryPrice: Num,
  exitPrice: Num,
  qty: Num,
  /** P&L in the instrument's currency. */
  pnl: Num,
  currency: CurrencyCode.nullable(),
  /** P&L in the account currency; null = no rate. */
  pnlAccount: Num.nullable(),
  durationMs: Num,
  /** Orders whose fills made it (for the audit trail). */
  orderIds: z.array(z.number().int()),
  note: z.string(),
  tags: z.array(z.string()),
});
export type RoundTrip = z.infer<typeof RoundTrip>;

/** The review's statistics (account currency; ratios null when undefined, e.g. no losses). */
export const ReviewStats = z.object({
  trips: z.number().int().nonnegative(),
  /** Trips left out of the money figures for want of a rate. */
  noRate: z.number().int().nonnegative(),
  netProfit: Num,
  grossProfit: Num,
  grossLoss: Num,
  profitFactor: Num.nullable(),
  expectedPayoff: Num.nullable(),
  winRate: Num.nullable(),
  avgWin: Num.nullable(),
  avgLoss: Num.nullable(),
  largestWin: Num.nullable(),
  largestLoss: Num.nullable(),
  longestWinStreak: z.number().int().nonnegative(),
  longestLossStreak: z.number().int().nonnegative(),
  maxDrawdown: Num,
  /** Of the running peak at the drawdown's low, in percent. */
  maxDrawdownPct: Num,
  recoveryFactor: Num.nullable(),
  sharpe: Num.nullable(),
});
export type ReviewStats = z.infer<typeof ReviewStats>;

/** One line per statistic: what it means (the view's tooltips and the report's notes). */
export const STAT_EXPLANATIONS: Readonly<Record<keyof ReviewStats, string>> = {
  trips: 'Round trips closed in the range.',
  noRate: 'Trips left out of the money figures: no rate to the account currency.',
  netProfit: 'Sum of every trip’s P&L: gross profit minus gross loss.',
  grossProfit: 'Sum of the winning trips’ P&L.',
  grossLoss: 'Sum of the losing trips’ P&L, as a positive amount.',
  profitFactor: 'Gross profit ÷ gross loss: above 1 the winners paid for the losers.',
  expectedPayoff: 'Net profit ÷ trips: what one trip made on average.',
  winRate: 'Winning trips ÷ trips, in percent (a trip at zero is no win).',
  avgWin: 'Gross profit ÷ winning trips.',
  avgLoss: 'Gross loss ÷ losing trips (negative).',
  largestWin: 'The best single trip.',
  largestLoss: 'The worst single trip.',
  longestWinStreak: 'Most winning trips in a row (by exit time).',
  longestLossStreak: 'Most losing trips in a row (by exit time).',
  maxDrawdown:
    'Largest fall of the balance curve from a running peak (starting balance + closed trips).',
  maxDrawdownPct: 'That fall as a percent of the peak it fell from.',
  recoveryFactor: 'Net profit ÷ max drawdown: how many times the worst fall was earned back.',
  sharpe:
    'Mean ÷ standard deviation of daily returns (UTC days from first to last exit, days without trips count 0), × √365.',
};

/** Labels of the statistics, in the order shown. */
export const STAT_LABELS: readonly [keyof ReviewStats, string][] = [
  ['netProfit', 'Net profit'],
  ['grossProfit', 'Gross profit'],
  ['grossLoss', 'Gross loss'],
  ['profitFactor', 'Profit factor'],
  ['expectedPayoff', 'Expected payoff'],
  ['winRate', 'Win rate %'],
  ['trips', 'Round trips'],
  ['avgWin', 'Average win'],
  ['avgLoss', 'Average loss'],
  ['largestWin', 'Largest win'],
  ['largestLoss', 'Largest loss'],
  ['longestWinStreak', 'Longest win streak'],
  ['longestLossStreak', 'Longest loss streak'],
  ['maxDrawdown', 'Max drawdown'],
  ['maxDrawdownPct', 'Max drawdown %'],
  ['recoveryFactor', 'Recovery factor'],
  ['sharpe', 'Sharpe (daily)'],
  ['noRate', 'Trips without a rate'],
];

/** A statistic as text (— where undefined). */
export function formatStat(key: keyof ReviewStats, value: number | null): string {
  if (value === null) return '—';
  if (
    Number.isInteger(value) &&
    ['trips', 'noRate', 'longestWinStreak', 'longestLossStreak'].includes(key)
  )
    return String(value);
  const digits = key === 'maxDrawdownPct' ? 4 : 2;
  return value.toFixed(digits);
}

/** A bucket of results: an instrument, a direction, an hour or a day. */
export const ReviewBucket = z.object({
  key: z.string(),
  pnl: Num,
  trips: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
});
export type ReviewBucket = z.infer<typeof ReviewBucket>;

/** A review of one range: statistics, curves, buckets and the first page of trips. */
export const ReviewResult = z.object({
  from: Num.nullable(),
  to: Num.nullable(),
  currency: CurrencyCode,
  method: AccountingMethod,
  stats: ReviewStats,
  /** Balance after each trip's exit (account currency), oldest first. */
  balanceCurve: z.array(z.object({ time: Num, balance: Num })),
  /** Equity now (balance + unrealized at the latest marks), null = no rate. */
  equityNow: Num.nullable(),
  /** Per UTC day (YYYY-MM-DD), per instrument, per direction, per UTC hour of exit (00-23). */
  daily: z.array(ReviewBucket),
  bySymbol: z.array(ReviewBucket),
  byDirection: z.array(ReviewBucket),
  byHour: z.array(ReviewBucket),
  /** Trips, newest exit first (the first page; reviewTrips pages on). */
  trips: z.array(RoundTrip),
  totalTrips: z.number().int().nonnegative(),
});
export type ReviewResult = z.infer<typeof ReviewResult>;

/** Maximum adverse and favourable excursion of a trip, or why it is unknown. */
export const TripExcursion = z.object({
  tripId: z.string(),
  /** Worst open P&L during the trip (instrument currency, <= 0); null: unavailable. */
  mae: Num.nullable(),
  /** Best open P&L during the trip (>= 0); null: unavailable. */
  mfe: Num.nullable(),
  /** Why unavailable (no Chart API, no candles). */
  reason: z.string().nullable(),
});
export type TripExcursion = z.infer<typeof TripExcursion>;

/** A journal entry: a note and tags on one round trip. */
export const JournalEntry = z.object({
  tripId: z.string().min(1).max(200),
  note: z.string().max(5000),
  tags: z.array(JournalTag).max(20),
  updatedAt: Num,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** One audited frame of an order: request, reply or execution. */
export const AuditRow = z.object({
  time: Num,
  direction: z.enum(['in', 'out']),
  event: z.string().nullable(),
  frame: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;
