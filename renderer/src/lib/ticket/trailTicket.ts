/**
 * A trailing stop set from the order ticket: the distance as typed, its
 * check, where the stop starts and where main would move it at the market
 * now. Pure functions of the draft, the instrument and the quote; the order
 * ticket is their one user.
 *
 * Main trails the stop (`electron/tools/trailingStop.ts`): it starts at the
 * order's stop price and, on each quote, moves it to the distance behind the
 * best price seen when that is tighter, never back. The arithmetic here
 * uses main's own rules (`shared/domain/trailing.ts`), so the preview shows the price main will ask for.
 */
import type { TrailDistance as TrailDistanceT } from '../../../../shared/ipc';
import {
  formatPrice,
  formatStopDistance,
  isTrailableType,
  limitWithStop,
  stopBehind,
  tighterStop,
  trailPrice,
  type Instrument,
  type OrderType,
  type Side,
  type TopOfBook,
} from '../../../../shared/domain';
import { readTrailDistance, trailTypingError } from '../tools/trailDistance';
import type { TicketInstrument, Validated } from './validation';

/** How the trail is given: not at all, in ticks, or in percent of the market price. */
export type TrailMode = 'off' | 'ticks' | 'percent';

/** The trail as typed; each unit keeps its own text so switching back brings it back. */
export interface TrailDraft {
  mode: TrailMode;
  ticks: string;
  percent: string;
}

/** The one field the trail's errors go to. */
export type TrailField = 'trail';

/** A fresh draft: no trail. */
export function emptyTrailDraft(): TrailDraft {
  return { mode: 'off', ticks: '', percent: '' };
}

/** Whether the ticket shows the Trail choice for an order type, and why it cannot be used. */
export interface TrailOffer {
  shown: boolean;
  /** Why the choice is disabled (null: it can be used). */
  disabledWhy: string | null;
}

/**
 * Trail is a choice of stop and stop-limit orders (main moves a stop-limit's
 * limit with its stop). A trailing entry with bracket exits would have two
 * plans fighting over one position's protection (the stop-loss leg already
 * protects it), so Trail is off while TP/SL is attached.
 */
export function trailOffer(type: OrderType, bracketOn: boolean): TrailOffer {
  if (!isTrailableType(type)) return { shown: false, disabledWhy: null };
  if (bracketOn)
    return {
      shown: true,
      disabledWhy: 'Off while TP/SL is attached: the stop-loss already protects the entry.',
    };
  return { shown: true, disabledWhy: null };
}

/**
 * Validates the trail: the distance to send (null when off: a plain stop) or
 * the field's error. The contract's schema is the last word, as main checks
 * the input again.
 */
export function validateTrail(
  draft: TrailDraft,
  inst: TicketInstrument,
): Validated<TrailField, TrailDistanceT | null> {
  if (draft.mode === 'off') return { ok: true, input: null };
  if (draft.mode === 'ticks' && inst.rules === 'unknown')
    return {
      ok: false,
      errors: { trail: `No tick size known for ${inst.symbol}: trail by percent` },
    };
  const read = readTrailDistance(draft.mode === 'ticks' ? draft.ticks : draft.percent, draft.mode);
  return read.ok
    ? { ok: true, input: read.distance }
    : { ok: false, errors: { trail: read.error } };
}

/**
 * The error shown while typing, before any send, as for the ticket's other
 * numbers: text that cannot be read. The rest waits for a send attempt.
 */
export function trailInputError(draft: TrailDraft): string | null {
  if (draft.mode === 'off') return null;
  return trailTypingError(draft.mode === 'ticks' ? draft.ticks : draft.percent, draft.mode);
}

/** Where a trailed stop on one side starts and where the market now would put it. */
export interface TrailPreview {
  side: Side;
  /** The stop price the order is placed at: the trail's start. */
  start: number;
  /** The price the trail follows now (null: no quote yet). */
  market: number | null;
  /** The stop after the next quote at that price (null: no quote); equal to `start` when it stays. */
  next: number | null;
  /** A stop limit's limit once the stop is at `next` (null: a stop order, or no quote). */
  nextLimit: number | null;
}

/**
 * What a trail of `distance` from a stop at `stop` comes to on `side` at the
 * market now; `limit` is a stop limit's limit price (null for a stop order).
 */
export function previewTrail(
  stop: number,
  side: Side,
  distance: TrailDistanceT,
  quote: TopOfBook | undefined,
  rules: Pick<Instrument, 'tickSize' | 'pricePrecision'>,
  limit: number | null = null,
): TrailPreview {
  const market = trailPrice(side, quote);
  if (market === null) return { side, start: stop, market, next: null, nextLimit: null };
  const target = stopBehind(market, side, distance, rules);
  const next = tighterStop(target, stop, side) ? target : stop;
  return {
    side,
    start: stop,
    market,
    next,
    nextLimit: limit === null ? null : limitWithStop(limit, stop, next, rules),
  };
}

/** A price as the instrument writes it (as given when the instrument is not known). */
function priceText(price: number, inst: Pick<Instrument, 'pricePrecision'> | undefined): string {
  return inst ? formatPrice(price, inst) : String(price);
}

/** The status line's words for a trail that started: "trailing 10 ticks from 1.08300". */
export function trailStarted(
  distance: TrailDistanceT,
  stop: number | undefined,
  inst: Pick<Instrument, 'pricePrecision'> | undefined,
): string {
  const from = stop === undefined ? '' : ` from ${priceText(stop, inst)}`;
  return `trailing ${formatStopDistance(distance)}${from} (only while this app runs)`;
}

/** The status line's words for a trail that could not start: the reason and where the stop stays. */
export function trailRefused(
  reason: string,
  stop: number | undefined,
  inst: Pick<Instrument, 'pricePrecision'> | undefined,
): string {
  const where = stop === undefined ? 'where it was placed' : `at ${priceText(stop, inst)}`;
  return `trail not started: ${reason}. The stop stays ${where}`;
}
