/**
 * A review of one range, computed from pages of fills in time order: round
 * trips (by the account's method), statistics, the balance curve and the
 * groupings. Pure: fills, marks and the journal come in; nothing is read.
 */
import type { AccountingMethod, ReviewResult, ReviewStats, RoundTrip } from '../../shared/ipc';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import { ACCOUNT_DECIMALS, accountRate } from '../account/figures';
import { convert, instrumentCurrencies, type Marks, type Rate } from '../account/currency';
import { groupTrips, type ReviewGroups } from './buckets';
import { inRange, type TimeRange } from './range';
import { RoundTripBuilder, type TripCore, type TripFill } from './roundTrips';
import { reviewStats } from './stats';

/** A journal entry as the review joins it to trips. */
export interface JournalNote {
  note: string;
  tags: readonly string[];
}

/** What a review is of and how to count it. */
export interface ReviewSpec {
  method: AccountingMethod;
  currency: string;
  /** The balance curve starts here (account currency). */
  startingBalance: number;
  range: TimeRange;
  symbol?: string | undefined;
  direction?: 'LONG' | 'SHORT' | undefined;
  tag?: string | undefined;
  /** Live marks (1e-8) for converting to the account currency. */
  marks: Marks;
  journal: ReadonlyMap<string, JournalNote>;
}

/** A trip kept by the review's range and filters, with its P&L in account units (null: no rate). */
export interface KeptTrip {
  core: TripCore;
  pnl: bigint | null;
}

/** A computed review: the kept trips (oldest exit first) and the figures over them. */
export interface ReviewComputed {
  kept: readonly KeptTrip[];
  stats: ReviewStats;
  balanceCurve: { time: number; balance: number }[];
  groups: ReviewGroups;
  /** Every trip as a row, oldest exit first (made on first use: a page needs only its own rows). */
  readonly trips: RoundTrip[];
}

/** Most points the balance curve carries (beyond it: each stretch's lowest and highest). */
export const CURVE_MAX_POINTS = 2000;

/** Replays fill pages (time, orderId, fillId ascending) and reviews the trips that exit in range. */
export function computeReview(
  pages: Iterable<readonly TripFill[]>,
  spec: ReviewSpec,
): ReviewComputed {
  const builder = new RoundTripBuilder(spec.method);
  const kept: KeptTrip[] = [];
  // One rate per instrument: the marks are those of the moment the review began.
  const rates = new Map<string, Rate | null>();
  const toAccountUnits = (core: TripCore): bigint | null => {
    if (core.pnl === 0n) return 0n;
    let rate = rates.get(core.symbol);
    if (rate === undefined) {
      rate = accountRate(core.symbol, spec.currency, spec.marks);
      rates.set(core.symbol, rate);
    }
    return rate ? convert(core.pnl, rate) : null;
  };
  for (const page of pages) {
    for (const fill of page) {
      if (spec.symbol !== undefined && fill.symbol !== spec.symbol) continue;
      for (const core of builder.add(fill)) {
        if (!inRange(spec.range, core.exitTime)) continue;
        if (spec.direction !== undefined && (core.long ? 'LONG' : 'SHORT') !== spec.direction)
          continue;
        if (spec.tag !== undefined && !spec.journal.get(core.id)?.tags.includes(spec.tag)) continue;
        kept.push({ core, pnl: toAccountUnits(core) });
      }
    }
  }
  const start = toFixed(spec.startingBalance) * 10n ** 8n;
  let rows: RoundTrip[] | null = null;
  return {
    kept,
    stats: reviewStats(
      kept.map((k) => ({ exitTime: k.core.exitTime, pnl: k.pnl })),
      start,
    ),
    balanceCurve: balanceCurve(kept, start),
    groups: groupTrips(
      kept.map((k) => ({
        symbol: k.core.symbol,
        long: k.core.long,
        exitTime: k.core.exitTime,
        pnl: k.pnl,
      })),
    ),
    get trips(): RoundTrip[] {
      rows ??= kept.map((k) => toRoundTrip(k.core, k.pnl, spec.journal.get(k.core.id)));
      return rows;
    },
  };
}

/**
 * The balance after each trip from the starting balance; past CURVE_MAX_POINTS,
 * each stretch of trips gives its lowest and highest point (the drawdowns stay visible).
 */
function balanceCurve(
  kept: readonly KeptTrip[],
  start: bigint,
): { time: number; balance: number }[] {
  const points: { time: number; balance: bigint }[] = [];
  let balance = start;
  for (const k of kept) {
    if (k.pnl === null) continue;
    balance += k.pnl;
    points.push({ time: k.core.exitTime, balance });
  }
  const stretch = Math.ceil(points.length / (CURVE_MAX_POINTS / 2));
  const shown =
    stretch <= 1
      ? points
      : Array.from({ length: Math.ceil(points.length / stretch) }, (_, i) => {
          const part = points.slice(i * stretch, (i + 1) * stretch);
          let low = part[0]!;
          let high = part[0]!;
          for (const p of part) {
            if (p.balance < low.balance) low = p;
            if (p.balance > high.balance) high = p;
          }
          return low === high ? [low] : low.time <= high.time ? [low, high] : [high, low];
        }).flat();
  return shown.map((p) => ({ time: p.time, balance: fromFixed(p.balance, 16, ACCOUNT_DECIMALS) }));
}

/** A trip's row: decimals at the edge (prices 8 decimals, account money 2). */
export function toRoundTrip(
  core: TripCore,
  pnlAccount: bigint | null,
  note?: JournalNote,
): RoundTrip {
  const price = (notional: bigint): number =>
    core.qty === 0n ? 0 : fromFixed(divRound(notional, core.qty), 8);
  return {
    id: core.id,
    login: core.login,
    symbol: core.symbol,
    direction: core.long ? 'LONG' : 'SHORT',
    entrySide: core.long ? 'BUY' : 'SELL',
    entryTime: core.entryTime,
    exitTime: core.exitTime,
    entryPrice: price(core.entryNotional),
    exitPrice: price(core.exitNotional),
    qty: fromFixed(core.qty, 8),
    pnl: fromFixed(core.pnl, 16, 8),
    currency: instrumentCurrencies(core.symbol)?.quote ?? null,
    pnlAccount: pnlAccount === null ? null : fromFixed(pnlAccount, 16, ACCOUNT_DECIMALS),
    durationMs: core.exitTime - core.entryTime,
    orderIds: core.orderIds,
    note: note?.note ?? '',
    tags: [...(note?.tags ?? [])],
  };
}

/** The IPC reply of a computed review: newest trips first, `limit` of them. */
export function reviewResult(
  computed: ReviewComputed,
  spec: ReviewSpec,
  equityNow: number | null,
  limit: number,
): ReviewResult {
  return {
    from: spec.range.from,
    to: spec.range.to,
    currency: spec.currency,
    method: spec.method,
    stats: computed.stats,
    balanceCurve: computed.balanceCurve,
    equityNow,
    ...computed.groups,
    trips: newestFirst(computed, spec, 0, limit),
    totalTrips: computed.kept.length,
  };
}

/** A page of trips as rows, newest exit first (only the page's rows are made). */
export function newestFirst(
  computed: ReviewComputed,
  spec: ReviewSpec,
  offset: number,
  limit: number,
): RoundTrip[] {
  const end = computed.kept.length - offset;
  return computed.kept
    .slice(Math.max(0, end - limit), Math.max(0, end))
    .reverse()
    .map((k) => toRoundTrip(k.core, k.pnl, spec.journal.get(k.core.id)));
}
