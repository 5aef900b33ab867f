/**
 * Handlers of the account bar and the Review view: account figures from the
 * live positions and marks, account settings and paper resets, reviews
 * replayed from SQLite in keyset pages (the last one cached for paging,
 * excursions and exports), the journal, an order's audit trail and exports.
 */
import { markPrice } from '../../shared/domain';
import { toFixed } from '../../shared/domain/decimal';
import type {
  AccountFigures,
  AccountSettings,
  CommandOutput,
  IpcResult,
  ReviewQuery,
  TripExcursion,
} from '../../shared/ipc';
import { CSV_CHUNK_MAX_CHARS, ReviewQuery as ReviewQuerySchema } from '../../shared/ipc';
import {
  accountFigures,
  instrumentLedger,
  loadAccountSettings,
  resetPaperAccount as startPaperAccount,
  updateAccountSettings,
  utcDayStart,
  type Marks,
  type PositionLedger,
} from '../account';
import {
  fillPages,
  journalByTrip,
  orderAudit as auditOfOrder,
  saveJournalEntry,
  searchJournal as searchJournalEntries,
} from '../db/reviewQueries';
import {
  computeReview,
  excursion,
  excursionInterval,
  fillsCsv,
  inRange,
  newestFirst,
  presetRange,
  reviewReportHtml,
  reviewResult,
  toRoundTrip,
  tripsCsv,
  type ReviewComputed,
  type ReviewSpec,
} from '../review';
import { chartBar } from '../chart/chartClient';
import type { CoreContext, ParsedInput } from './context';
import type { PositionBook } from '../store';
import { failure, success } from './errors';
import { toFillRow } from './liveState';

/** Chart API requests an excursions command has in flight at once. */
const EXCURSION_CONCURRENCY = 4;

/** Fills per page a review reads from SQLite. */
export const REVIEW_PAGE_SIZE = 5000;

/** The latest mark of every quoted symbol (1e-8 units). */
function marksOf(ctx: CoreContext): Marks {
  const marks = new Map<string, bigint>();
  for (const [symbol, quote] of ctx.live().quotes) {
    const mark = markPrice(quote);
    if (mark !== null) marks.set(symbol, toFixed(mark));
  }
  return marks;
}

/** The account's settings, with the live positions following its method. */
function settingsOf(ctx: CoreContext): AccountSettings {
  const settings = loadAccountSettings(ctx.db, ctx.live().profileId);
  applyMethod(ctx, settings);
  return settings;
}

function applyMethod(ctx: CoreContext, settings: AccountSettings): void {
  const positions = ctx.live().positions;
  if (positions.method === settings.method) return;
  positions.setMethod(settings.method);
  ctx.batcher.positions(positions.rows(ctx.live().quotes));
}

/**
 * The account's ledgers of one book, method, epoch and day, each kept while its
 * position's fills stand (a fill replays its own position only; quotes only re-mark them).
 */
interface CachedLedgers {
  /** The live positions they replay (a profile switched back to has a new book). */
  book: PositionBook;
  key: string;
  byPosition: Map<string, { version: number; ledger: PositionLedger }>;
}

const ledgerCache = new WeakMap<CoreContext, CachedLedgers>();

function figures(ctx: CoreContext, settings: AccountSettings): AccountFigures {
  const now = ctx.now();
  const live = ctx.live();
  const dayStart = utcDayStart(now);
  const book = live.positions;
  const key = JSON.stringify([settings.method, settings.epochStart, dayStart]);
  let cached = ledgerCache.get(ctx);
  if (cached?.book !== book || cached.key !== key) {
    cached = { book, key, byPosition: new Map() };
    ledgerCache.set(ctx, cached);
  }
  const ledgers: PositionLedger[] = [];
  for (const { key: position, symbol, version } of book.positionVersions()) {
    let held = cached.byPosition.get(position);
    if (held?.version !== version) {
      const fills = book.positionFills(position);
      const ledger = instrumentLedger(fills, settings.method, settings.epochStart, dayStart);
      held = { version, ledger: { symbol, ledger } };
      cached.byPosition.set(position, held);
    }
    ledgers.push(held.ledger);
  }
  return accountFigures(settings, ledgers, marksOf(ctx), now);
}

/** getAccount: balance, equity, today's P&L and each instrument, in the account currency. */
export function getAccount(ctx: CoreContext): IpcResult<CommandOutput<'getAccount'>> {
  return success(figures(ctx, settingsOf(ctx)));
}

/** saveAccountSettings: currency, paper starting balance, accounting method. */
export function saveAccountSettings(
  ctx: CoreContext,
  input: ParsedInput<'saveAccountSettings'>,
): IpcResult<CommandOutput<'saveAccountSettings'>> {
  const settings = updateAccountSettings(ctx.db, ctx.live().profileId, input);
  applyMethod(ctx, settings);
  reviews.delete(ctx);
  return success(figures(ctx, settings));
}

/** resetPaperAccount: a new paper account from now (history kept); refused on a live profile. */
export function resetPaperAccount(
  ctx: CoreContext,
  input: ParsedInput<'resetPaperAccount'>,
): IpcResult<CommandOutput<'resetPaperAccount'>> {
  if (ctx.profiles.get(ctx.live().profileId)?.kind !== 'paper')
    return failure({ code: 'FORBIDDEN', message: 'Only a paper account can be reset' });
  const settings = startPaperAccount(
    ctx.db,
    ctx.live().profileId,
    ctx.now(),
    input.startingBalance,
  );
  reviews.delete(ctx);
  return success(figures(ctx, settings));
}

/** The last review of a core: what it was of, and its result. */
interface CachedReview {
  key: string;
  spec: ReviewSpec;
  computed: ReviewComputed;
}

const reviews = new WeakMap<CoreContext, CachedReview>();

/** Reviews a query, or returns the cached review of the same query, profile and settings. */
function review(ctx: CoreContext, query: ReviewQuery): CachedReview {
  // Fills queued for the database are part of the history the user has seen.
  ctx.batcher.flush();
  const parsed = ReviewQuerySchema.parse(query);
  const profileId = ctx.live().profileId;
  const settings = settingsOf(ctx);
  const range = presetRange(parsed.preset, ctx.now(), parsed);
  // The fills' version too: the same query after a trade must see the trade.
  const key = JSON.stringify([profileId, settings, parsed, range, ctx.db.fillWrites]);
  const cached = reviews.get(ctx);
  if (cached?.key === key) return cached;
  const spec: ReviewSpec = {
    method: settings.method,
    currency: settings.currency,
    startingBalance: settings.startingBalance,
    range,
    symbol: parsed.symbol,
    direction: parsed.direction,
    tag: parsed.tag,
    marks: marksOf(ctx),
    journal: journalByTrip(ctx.db.connection, profileId),
  };
  const pages = fillPages(
    ctx.db.connection,
    profileId,
    { symbol: parsed.symbol, to: range.to },
    REVIEW_PAGE_SIZE,
  );
  const fresh = { key, spec, computed: computeReview(pages, spec) };
  reviews.set(ctx, fresh);
  return fresh;
}

/** reviewRange: statistics, curves, groupings and the newest trips of a range. */
export function reviewRange(
  ctx: CoreContext,
  input: ParsedInput<'reviewRange'>,
): IpcResult<CommandOutput<'reviewRange'>> {
  const { limit, ...query } = input;
  const { spec, computed } = review(ctx, query);
  const equity = figures(ctx, settingsOf(ctx)).equity;
  return success(reviewResult(computed, spec, equity, limit));
}

/** reviewTrips: a further page of trips, newest exit first. */
export function reviewTrips(
  ctx: CoreContext,
  input: ParsedInput<'reviewTrips'>,
): IpcResult<CommandOutput<'reviewTrips'>> {
  const { spec, computed } = review(ctx, input.query);
  return success({
    trips: newestFirst(computed, spec, input.offset, input.limit),
    total: computed.kept.length,
  });
}

/** reviewExcursions: MAE/MFE of trips of the last review from the Chart API's candles. */
export async function reviewExcursions(
  ctx: CoreContext,
  input: ParsedInput<'reviewExcursions'>,
): Promise<IpcResult<CommandOutput<'reviewExcursions'>>> {
  const cached = reviews.get(ctx);
  const wanted = new Set(input.tripIds);
  const found = cached?.computed.kept.filter((k) => wanted.has(k.core.id)) ?? [];
  const byId = new Map(
    found.map((k) => [k.core.id, toRoundTrip(k.core, k.pnl, cached?.spec.journal.get(k.core.id))]),
  );
  const client = ctx.connection.chartClient;
  const one = async (tripId: string): Promise<TripExcursion> => {
    const trip = byId.get(tripId);
    const unknown = (reason: string) => ({ tripId, mae: null, mfe: null, reason });
    if (!trip) return unknown('Not in the last review: review again');
    if (!client) return unknown('No Chart API on this profile: excursions unavailable');
    const { interval, ms } = excursionInterval(trip.durationMs);
    const reply = await client.candles({
      symbol: trip.symbol,
      interval,
      from: Math.floor(trip.entryTime / ms) * ms,
      till: trip.exitTime,
    });
    if (!reply.ok) return unknown(reply.error);
    const bars = reply.value.map(chartBar);
    const found = excursion({ ...trip, long: trip.direction === 'LONG' }, bars, ms);
    return found
      ? { tripId, ...found, reason: null }
      : unknown('The Chart API has no candles for this trip');
  };
  // A few requests at a time: a page of trips must not flood the venue's Chart API.
  const results: TripExcursion[] = [];
  for (let i = 0; i < input.tripIds.length; i += EXCURSION_CONCURRENCY)
    results.push(
      ...(await Promise.all(input.tripIds.slice(i, i + EXCURSION_CONCURRENCY).map(one))),
    );
  return success(results);
}

/** saveJournal: a trip's note and tags (the next review shows them). */
export function saveJournal(
  ctx: CoreContext,
  input: ParsedInput<'saveJournal'>,
): IpcResult<CommandOutput<'saveJournal'>> {
  const entry = { ...input, updatedAt: ctx.now() };
  saveJournalEntry(ctx.db.connection, ctx.live().profileId, entry);
  reviews.delete(ctx);
  return success(entry);
}

/** searchJournal: entries whose note or tags contain the text. */
export function searchJournal(
  ctx: CoreContext,
  input: ParsedInput<'searchJournal'>,
): IpcResult<CommandOutput<'searchJournal'>> {
  return success(searchJournalEntries(ctx.db.connection, ctx.live().profileId, input.text));
}

/** orderAudit: an order's requests, replies and executions from the audit table. */
export function orderAudit(
  ctx: CoreContext,
  input: ParsedInput<'orderAudit'>,
): IpcResult<CommandOutput<'orderAudit'>> {
  ctx.batcher.flush();
  const profileId = ctx.live().profileId;
  const order = ctx.live().store.get(input.orderId) ?? ctx.db.order(profileId, input.orderId);
  if (!order) return failure({ code: 'NOT_FOUND', message: `No order ${input.orderId}` });
  return success(auditOfOrder(ctx.db.connection, profileId, input.orderId, order.clientOrderId));
}

/** The file of the last export asked for, kept while its pieces are fetched. */
const exportsMade = new WeakMap<CoreContext, { key: string; fileName: string; content: string }>();

/** reviewExport: the range's round trips or fills as CSV, or its HTML report, piece by piece. */
export function reviewExport(
  ctx: CoreContext,
  input: ParsedInput<'reviewExport'>,
): IpcResult<CommandOutput<'reviewExport'>> {
  const key = JSON.stringify([ctx.live().profileId, input.query, input.kind]);
  let made = exportsMade.get(ctx);
  if (input.offset === 0 || made?.key !== key) {
    made = { key, ...exportFile(ctx, input.query, input.kind) };
    exportsMade.set(ctx, made);
  }
  const end = Math.min(made.content.length, input.offset + CSV_CHUNK_MAX_CHARS);
  const next = end < made.content.length ? end : null;
  if (next === null) exportsMade.delete(ctx);
  return success({
    fileName: made.fileName,
    content: made.content.slice(input.offset, end),
    next,
  });
}

/** The whole file of an export. */
function exportFile(
  ctx: CoreContext,
  query: ReviewQuery,
  kind: 'trips' | 'fills' | 'report',
): { fileName: string; content: string } {
  const { spec, computed } = review(ctx, query);
  const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
  switch (kind) {
    case 'trips':
      return {
        fileName: `round-trips-${stamp}.csv`,
        content: tripsCsv(computed.trips, spec.currency),
      };
    case 'fills': {
      const pages = fillPages(
        ctx.db.connection,
        ctx.live().profileId,
        { symbol: spec.symbol, to: spec.range.to },
        REVIEW_PAGE_SIZE,
      );
      const inRangePages = (function* () {
        for (const page of pages)
          yield page.filter((f) => inRange(spec.range, f.time)).map(toFillRow);
      })();
      return { fileName: `fills-${stamp}.csv`, content: fillsCsv(inRangePages) };
    }
    case 'report': {
      const equity = figures(ctx, settingsOf(ctx)).equity;
      const result = reviewResult(computed, spec, equity, 0);
      return {
        fileName: `review-${stamp}.html`,
        content: reviewReportHtml(result, computed.trips, `Trade review ${stamp}`, (symbol) =>
          ctx.live().instruments.get(symbol),
        ),
      };
    }
  }
}
