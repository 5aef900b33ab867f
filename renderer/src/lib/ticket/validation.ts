/**
 * Order ticket validation: pure functions of the draft, the instrument's
 * rules and the time. Invalid input produces field errors and no order.
 */
import {
  OrderNote,
  PlaceOcoInput,
  PlaceOrderInput,
  type InstrumentInfo,
  type PlaceOcoInput as PlaceOcoInputT,
  type PlaceOrderInput as PlaceOrderInputT,
} from '../../../../shared/ipc';
import {
  formatPrice,
  formatQty,
  lotsToQty,
  orderEntryIssues,
  priceToTicks,
  qtyToLots,
  ticksToPrice,
  typeNeedsPrice,
  typeNeedsStopPrice,
  type AnyTimeInForce,
  type Instrument,
  type OrderType,
  type Side,
} from '../../../../shared/domain';
import { fromDateTimeLocal } from '../format';
import { parseDecimal, readDecimal, separatorError } from './decimalInput';
import { UNKNOWN_TERMS, type ServerTerms } from './serverTerms';
import { fitTimeInForce } from './timeInForce';

export { parseDecimal } from './decimalInput';

/** An instrument's rules and where they come from (`unknown`: no tick or lot is checked). */
export type TicketInstrument = Instrument & Pick<InstrumentInfo, 'rules'>;

/** The line a ticket shows when no rules are known for its instrument, else null. */
export function unknownRulesLine(inst: TicketInstrument | undefined): string | null {
  return inst?.rules === 'unknown'
    ? `No trading rules known for ${inst.symbol}: the exchange will judge the price and quantity.`
    : null;
}

/** What the user typed into the single-order ticket (strings as typed). */
export interface OrderDraft {
  symbol: string;
  type: OrderType;
  quantity: string;
  price: string;
  stopPrice: string;
  /** The time in force picked (the ticket sends the first offered when the server lacks it). */
  timeInForce: AnyTimeInForce;
  /** datetime-local value (local time): the GTT expiry, or the optional Till where the server has one. */
  expires: string;
  /** Free text, sent where the server keeps notes. */
  note: string;
}

/** Fields of the single-order ticket that can carry an inline error. */
export type OrderField =
  'symbol' | 'quantity' | 'price' | 'stopPrice' | 'timeInForce' | 'expires' | 'note' | 'form';
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Either the order to send or the reasons it cannot be sent. */
export type Validated<F extends string, T> =
  { ok: true; input: T } | { ok: false; errors: FieldErrors<F> };

/** The error for a typed number that cannot be read, naming `label`; null when it reads. */
export function unreadableError(text: string, label: string): string | null {
  const r = readDecimal(text);
  if (r.ok) return r.value > 0 ? null : `${label} must be positive`;
  switch (r.problem) {
    case 'empty':
      return `Enter a ${label.toLowerCase()}`;
    case 'negative':
      return `${label} must be positive`;
    case 'separator':
      return r.message;
    case 'notANumber':
      return `${label} is not a number`;
  }
}

/** The error for a quantity, or null when it fits the instrument's rules. */
export function quantityError(
  text: string,
  inst: TicketInstrument,
  label = 'Quantity',
): string | null {
  const unreadable = unreadableError(text, label);
  if (unreadable !== null || inst.rules === 'unknown') return unreadable;
  const qty = parseDecimal(text) ?? 0;
  if (qty < inst.minQty) return `${label} is below the minimum of ${formatQty(inst.minQty, inst)}`;
  if (qty > inst.maxQty) return `${label} is above the maximum of ${formatQty(inst.maxQty, inst)}`;
  if (qtyToLots(qty, inst) === null)
    return `${label} must be a multiple of the lot step ${formatQty(inst.stepSize, inst)}`;
  return null;
}

/** The error for a price, or null when it sits on the instrument's tick grid. */
export function priceError(text: string, inst: TicketInstrument, label: string): string | null {
  const unreadable = unreadableError(text, label);
  if (unreadable !== null || inst.rules === 'unknown') return unreadable;
  const price = parseDecimal(text) ?? 0;
  // Beyond a safe integer of ticks no tick check means anything: say what is wrong.
  if (!Number.isSafeInteger(Math.round(price / inst.tickSize))) return `${label} is too large`;
  if (priceToTicks(price, inst) === null)
    return `${label} is off the tick size ${formatPrice(inst.tickSize, inst)}`;
  return null;
}

/**
 * The error for a lifetime (datetime-local value) named `label`, or null when
 * it is empty (the order rules say whether one is needed) or in the future.
 */
export function expiryError(value: string, now: number, label = 'Expiry'): string | null {
  if (value.trim() === '') return null;
  const at = fromDateTimeLocal(value);
  if (at === null) return `${label} is not a valid date and time`;
  if (at <= now) return `${label} must be in the future`;
  return null;
}

/** Which lifetime field the ticket shows: GTT's expiry, the server's optional Till, or none. */
export function lifetimeField(
  tif: AnyTimeInForce,
  terms: Pick<ServerTerms, 'till'>,
): 'expires' | 'till' | null {
  if (tif === 'GTT') return 'expires';
  return terms.till ? 'till' : null;
}

/** The note to send, or null when there is none (or the server keeps none). */
function noteOf(draft: Pick<OrderDraft, 'note'>, terms: ServerTerms): string | null {
  const note = draft.note.trim();
  return terms.notes && note !== '' ? note : null;
}

/** The ISO instant of a typed lifetime, or undefined when empty or unreadable. */
function isoOf(value: string): string | undefined {
  const at = value.trim() === '' ? null : fromDateTimeLocal(value);
  return at === null ? undefined : new Date(at).toISOString();
}

/**
 * Validates the single-order ticket for `side` against the instrument's rules
 * (none when they are unknown), the order rules every side checks and the
 * connected server's terms; returns the order to send or field errors.
 */
export function validateOrder(
  draft: OrderDraft,
  side: Side,
  inst: TicketInstrument | undefined,
  now: number,
  terms: ServerTerms = UNKNOWN_TERMS,
): Validated<OrderField, PlaceOrderInputT> {
  const errors: FieldErrors<OrderField> = {};
  if (!inst) {
    errors.symbol = draft.symbol ? `Unknown symbol ${draft.symbol}` : 'Choose a symbol';
    return { ok: false, errors };
  }
  const offered = terms.timesInForce[draft.type];
  const timeInForce = fitTimeInForce(draft.type, draft.timeInForce, offered);
  const qtyErr = quantityError(draft.quantity, inst);
  if (qtyErr) errors.quantity = qtyErr;
  if (typeNeedsPrice(draft.type)) {
    const e = priceError(draft.price, inst, 'Limit price');
    if (e) errors.price = e;
  }
  if (typeNeedsStopPrice(draft.type)) {
    const e = priceError(draft.stopPrice, inst, 'Stop price');
    if (e) errors.stopPrice = e;
  }
  const lifetime = lifetimeField(timeInForce, terms);
  if (lifetime !== null) {
    const e = expiryError(draft.expires, now, lifetime === 'till' ? 'Till' : 'Expiry');
    if (e) errors.expires = e;
  }
  const note = noteOf(draft, terms);
  if (note !== null && !OrderNote.safeParse(note).success)
    errors.note = `Note must be at most ${NOTE_MAX} characters`;

  const candidate: PlaceOrderInputT = {
    symbol: inst.symbol,
    side,
    type: draft.type,
    quantity: parseDecimal(draft.quantity) ?? 0,
    timeInForce,
    ...(typeNeedsPrice(draft.type) ? { price: parseDecimal(draft.price) ?? 0 } : {}),
    ...(typeNeedsStopPrice(draft.type) ? { stopPrice: parseDecimal(draft.stopPrice) ?? 0 } : {}),
    ...(lifetime !== null && isoOf(draft.expires) ? { timeInForceDate: isoOf(draft.expires) } : {}),
    ...(note !== null ? { note } : {}),
  };
  // The rules that tie the fields together are the shared ones (main checks them again).
  for (const issue of orderEntryIssues(candidate)) {
    const field = FIELD_OF[issue.path[0]] ?? 'form';
    errors[field] ??= issue.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The contract's schema is the last word on shape, as main will check it again.
  const parsed = PlaceOrderInput.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues, FIELD_OF) };
  return { ok: true, input: candidate };
}

/** Longest note an order carries (the contract's). */
export const NOTE_MAX = OrderNote.maxLength ?? 256;

/** Errors shown while typing, before any send: separators in the number fields in use. */
export function orderInputErrors(draft: OrderDraft): FieldErrors<OrderField> {
  return separatorErrors({
    quantity: draft.quantity,
    ...(typeNeedsPrice(draft.type) ? { price: draft.price } : {}),
    ...(typeNeedsStopPrice(draft.type) ? { stopPrice: draft.stopPrice } : {}),
  });
}

/** The separator error of each typed number, by field. */
function separatorErrors<F extends string>(typed: Partial<Record<F, string>>): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const [field, text] of Object.entries(typed) as [F, string][]) {
    const e = separatorError(text);
    if (e !== null) errors[field] = e;
  }
  return errors;
}

const FIELD_OF: Record<string, OrderField> = {
  symbol: 'symbol',
  quantity: 'quantity',
  price: 'price',
  stopPrice: 'stopPrice',
  timeInForce: 'timeInForce',
  timeInForceDate: 'expires',
  note: 'note',
};

function schemaErrors<F extends string>(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fieldOf: Record<string, F>,
): FieldErrors<F | 'form'> {
  const errors: FieldErrors<F | 'form'> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    const field = fieldOf[key] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

// ---------------------------------------------------------------- OCO

/** Time-in-force values an OCO takes, as the contract's schema spells them. */
export const OCO_TIME_IN_FORCE = PlaceOcoInput.shape.timeInForce.unwrap().options;

/** What the user typed into the OCO ticket. */
export interface OcoDraft {
  symbol: string;
  side: Side;
  quantity: string;
  limitPrice: string;
  stopType: PlaceOcoInputT['stopType'];
  stopPrice: string;
  stopLimitPrice: string;
  /** The time in force picked (the ticket sends the first offered when the server lacks it). */
  timeInForce: OcoTimeInForce;
  /** datetime-local value: the GTT expiry, or the optional Till where the server has one. */
  expires: string;
}

export type OcoTimeInForce = (typeof OCO_TIME_IN_FORCE)[number];

/**
 * Time-in-force values the OCO ticket offers: those an OCO takes that the
 * server offers for both legs (all of them until a server says; the OCO's own
 * when none is left, so the picker is never empty and the exchange judges).
 */
export function ocoTimesInForce(
  stopType: OcoDraft['stopType'],
  terms: ServerTerms = UNKNOWN_TERMS,
): readonly OcoTimeInForce[] {
  const legs = [terms.timesInForce.LIMIT, terms.timesInForce[stopType]].filter(
    (list): list is AnyTimeInForce[] => list !== undefined && list.length > 0,
  );
  const offered = OCO_TIME_IN_FORCE.filter((tif) => legs.every((list) => list.includes(tif)));
  return offered.length > 0 ? offered : OCO_TIME_IN_FORCE;
}

/** The OCO's time in force: the one picked when offered, else the first offered. */
export function fitOcoTimeInForce(
  draft: Pick<OcoDraft, 'stopType' | 'timeInForce'>,
  terms: ServerTerms = UNKNOWN_TERMS,
): OcoTimeInForce {
  const offered = ocoTimesInForce(draft.stopType, terms);
  return offered.includes(draft.timeInForce) ? draft.timeInForce : (offered[0] ?? 'GTC');
}

export type OcoField =
  | 'symbol'
  | 'quantity'
  | 'limitPrice'
  | 'stopPrice'
  | 'stopLimitPrice'
  | 'expires'
  | 'rule'
  | 'form';

/** The OCO price rule in words for a side. */
export function ocoRuleText(side: Side): string {
  return side === 'SELL' ? 'SELL: limit > last > stop' : 'BUY: limit < last < stop';
}

/** Null when limit, last and stop are in the order the side needs; else the reason. */
export function ocoRuleError(
  side: Side,
  limit: number,
  stop: number,
  last: number | null,
  inst: Pick<Instrument, 'pricePrecision'>,
): string | null {
  const p = (v: number) => formatPrice(v, inst);
  if (last === null) {
    if (side === 'SELL' && !(limit > stop))
      return 'For a SELL OCO the limit must be above the stop';
    if (side === 'BUY' && !(limit < stop)) return 'For a BUY OCO the limit must be below the stop';
    return null;
  }
  if (side === 'SELL') {
    if (!(limit > last)) return `Limit ${p(limit)} must be above the last price ${p(last)}`;
    if (!(stop < last)) return `Stop ${p(stop)} must be below the last price ${p(last)}`;
  } else {
    if (!(limit < last)) return `Limit ${p(limit)} must be below the last price ${p(last)}`;
    if (!(stop > last)) return `Stop ${p(stop)} must be above the last price ${p(last)}`;
  }
  return null;
}

/** Validates the OCO ticket against the instrument, the current last price and the server's terms. */
export function validateOco(
  draft: OcoDraft,
  inst: TicketInstrument | undefined,
  last: number | null,
  now: number,
  terms: ServerTerms = UNKNOWN_TERMS,
): Validated<OcoField, PlaceOcoInputT> {
  const errors: FieldErrors<OcoField> = {};
  if (!inst) {
    errors.symbol = draft.symbol ? `Unknown symbol ${draft.symbol}` : 'Choose a symbol';
    return { ok: false, errors };
  }
  const qtyErr = quantityError(draft.quantity, inst);
  if (qtyErr) errors.quantity = qtyErr;
  const limitErr = priceError(draft.limitPrice, inst, 'Limit price');
  if (limitErr) errors.limitPrice = limitErr;
  const stopErr = priceError(draft.stopPrice, inst, 'Stop price');
  if (stopErr) errors.stopPrice = stopErr;
  if (draft.stopType === 'STOP_LIMIT') {
    const e = priceError(draft.stopLimitPrice, inst, 'Stop leg limit');
    if (e) errors.stopLimitPrice = e;
  }
  const timeInForce = fitOcoTimeInForce(draft, terms);
  const lifetime = lifetimeField(timeInForce, terms);
  const lifeTime = lifetime === null ? undefined : isoOf(draft.expires);
  if (lifetime !== null) {
    const e = expiryError(draft.expires, now, lifetime === 'till' ? 'Till' : 'Expiry');
    if (e) errors.expires = e;
  }
  // Both legs share the lifetime: the shared rule (GTT needs one) read on the limit leg.
  const gtt = orderEntryIssues({ type: 'LIMIT', timeInForce, timeInForceDate: lifeTime }).find(
    (issue) => issue.path[0] === 'timeInForceDate',
  );
  if (gtt) errors.expires ??= gtt.message;
  if (!limitErr && !stopErr) {
    const rule = ocoRuleError(
      draft.side,
      parseDecimal(draft.limitPrice) ?? 0,
      parseDecimal(draft.stopPrice) ?? 0,
      last,
      inst,
    );
    if (rule) errors.rule = rule;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const candidate: PlaceOcoInputT = {
    symbol: inst.symbol,
    side: draft.side,
    quantity: parseDecimal(draft.quantity) ?? 0,
    limitPrice: parseDecimal(draft.limitPrice) ?? 0,
    stopType: draft.stopType,
    stopPrice: parseDecimal(draft.stopPrice) ?? 0,
    ...(draft.stopType === 'STOP_LIMIT'
      ? { stopLimitPrice: parseDecimal(draft.stopLimitPrice) ?? 0 }
      : {}),
    timeInForce,
    ...(lifeTime !== undefined ? { lifeTime } : {}),
  };
  const parsed = PlaceOcoInput.safeParse(candidate);
  if (!parsed.success)
    return { ok: false, errors: schemaErrors(parsed.error.issues, OCO_FIELD_OF) };
  return { ok: true, input: candidate };
}

/** Errors shown while typing the OCO ticket: separators in its number fields. */
export function ocoInputErrors(draft: OcoDraft): FieldErrors<OcoField> {
  return separatorErrors({
    quantity: draft.quantity,
    limitPrice: draft.limitPrice,
    stopPrice: draft.stopPrice,
    ...(draft.stopType === 'STOP_LIMIT' ? { stopLimitPrice: draft.stopLimitPrice } : {}),
  });
}

const OCO_FIELD_OF: Record<string, OcoField> = {
  symbol: 'symbol',
  quantity: 'quantity',
  limitPrice: 'limitPrice',
  stopPrice: 'stopPrice',
  stopLimitPrice: 'stopLimitPrice',
  lifeTime: 'expires',
};

/** Moves a typed price by `ticks` ticks (arrow keys), formatted at the instrument's precision. */
export function stepPrice(
  text: string,
  ticks: number,
  inst: Instrument,
  fallback: number | null,
): string {
  const typed = readDecimal(text);
  // Never step from a guess: text that does not read stays as typed, with its error.
  if (!typed.ok && typed.problem !== 'empty') return text;
  const current = typed.ok ? typed.value : fallback;
  if (current === null) return text;
  const base = Math.round(current / inst.tickSize);
  const next = Math.max(1, base + ticks);
  return formatPrice(ticksToPrice(next, inst), inst);
}

/** Moves a typed quantity by `lots` lot steps (arrow keys), never below the minimum. */
export function stepQuantity(text: string, lots: number, inst: Instrument): string {
  const typed = readDecimal(text);
  if (!typed.ok && typed.problem !== 'empty') return text;
  const current = typed.ok ? typed.value : 0;
  const base = Math.round(current / inst.stepSize);
  const minLots = Math.ceil(inst.minQty / inst.stepSize - 1e-9);
  const next = Math.max(minLots, base + lots);
  return formatQty(lotsToQty(next, inst), inst);
}

/** Estimated notional of the draft (quantity x the price it would trade near), or null. */
export function estimateNotional(
  draft: Pick<OrderDraft, 'type' | 'quantity' | 'price' | 'stopPrice'>,
  marketPrice: number | null,
): number | null {
  const qty = parseDecimal(draft.quantity);
  if (qty === null) return null;
  const price = typeNeedsPrice(draft.type)
    ? parseDecimal(draft.price)
    : draft.type === 'STOP'
      ? parseDecimal(draft.stopPrice)
      : marketPrice;
  return price === null ? null : qty * price;
}
