/**
 * Order ticket validation: pure functions of the draft, the instrument's
 * rules and the time. Invalid input produces field errors and no order.
 */
import {
  PlaceOcoInput,
  PlaceOrderInput,
  type PlaceOcoInput as PlaceOcoInputT,
  type PlaceOrderInput as PlaceOrderInputT,
} from '../../../../shared/ipc';
import {
  formatPrice,
  formatQty,
  lotsToQty,
  priceToTicks,
  qtyToLots,
  ticksToPrice,
  typeNeedsPrice,
  typeNeedsStopPrice,
  type Instrument,
  type OrderType,
  type Side,
  type TimeInForce,
} from '../../../../shared/domain';
import { fromDateTimeLocal } from '../format';
import { parseDecimal, readDecimal, separatorError } from './decimalInput';
import { timeInForceError } from './timeInForce';

export { parseDecimal } from './decimalInput';

/** What the user typed into the single-order ticket (strings as typed). */
export interface OrderDraft {
  symbol: string;
  type: OrderType;
  quantity: string;
  price: string;
  stopPrice: string;
  timeInForce: TimeInForce;
  /** datetime-local value (local time), used for GTT. */
  expires: string;
}

/** Fields of the single-order ticket that can carry an inline error. */
export type OrderField =
  'symbol' | 'quantity' | 'price' | 'stopPrice' | 'timeInForce' | 'expires' | 'form';
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Either the order to send or the reasons it cannot be sent. */
export type Validated<F extends string, T> =
  { ok: true; input: T } | { ok: false; errors: FieldErrors<F> };

/** The error for a typed number that cannot be read, naming `label`; null when it reads. */
function unreadableError(text: string, label: string): string | null {
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
export function quantityError(text: string, inst: Instrument, label = 'Quantity'): string | null {
  const unreadable = unreadableError(text, label);
  if (unreadable !== null) return unreadable;
  const qty = parseDecimal(text) ?? 0;
  if (qty < inst.minQty) return `${label} is below the minimum of ${formatQty(inst.minQty, inst)}`;
  if (qty > inst.maxQty) return `${label} is above the maximum of ${formatQty(inst.maxQty, inst)}`;
  if (qtyToLots(qty, inst) === null)
    return `${label} must be a multiple of the lot step ${formatQty(inst.stepSize, inst)}`;
  return null;
}

/** The error for a price, or null when it sits on the instrument's tick grid. */
export function priceError(text: string, inst: Instrument, label: string): string | null {
  const unreadable = unreadableError(text, label);
  if (unreadable !== null) return unreadable;
  const price = parseDecimal(text) ?? 0;
  // Beyond a safe integer of ticks no tick check means anything: say what is wrong.
  if (!Number.isSafeInteger(Math.round(price / inst.tickSize))) return `${label} is too large`;
  if (priceToTicks(price, inst) === null)
    return `${label} is off the tick size ${formatPrice(inst.tickSize, inst)}`;
  return null;
}

/** The error for a GTT expiry (datetime-local value), or null when it is in the future. */
export function expiryError(value: string, now: number): string | null {
  if (value.trim() === '') return 'Choose an expiry time for GTT';
  const at = fromDateTimeLocal(value);
  if (at === null) return 'Expiry is not a valid date and time';
  if (at <= now) return 'Expiry must be in the future';
  return null;
}

/** Validates the single-order ticket for `side`; returns the order to send or field errors. */
export function validateOrder(
  draft: OrderDraft,
  side: Side,
  inst: Instrument | undefined,
  now: number,
): Validated<OrderField, PlaceOrderInputT> {
  const errors: FieldErrors<OrderField> = {};
  if (!inst) {
    errors.symbol = draft.symbol ? `Unknown symbol ${draft.symbol}` : 'Choose a symbol';
    return { ok: false, errors };
  }
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
  const tifErr = timeInForceError(draft.type, draft.timeInForce);
  if (tifErr) errors.timeInForce = tifErr;
  else if (draft.timeInForce === 'GTT') {
    const e = expiryError(draft.expires, now);
    if (e) errors.expires = e;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const expiresAt = draft.timeInForce === 'GTT' ? fromDateTimeLocal(draft.expires) : null;
  const candidate: PlaceOrderInputT = {
    symbol: inst.symbol,
    side,
    type: draft.type,
    quantity: parseDecimal(draft.quantity) ?? 0,
    timeInForce: draft.timeInForce,
    ...(typeNeedsPrice(draft.type) ? { price: parseDecimal(draft.price) ?? 0 } : {}),
    ...(typeNeedsStopPrice(draft.type) ? { stopPrice: parseDecimal(draft.stopPrice) ?? 0 } : {}),
    ...(expiresAt !== null ? { timeInForceDate: new Date(expiresAt).toISOString() } : {}),
  };
  // The contract's schema is the last word on shape, as main will check it again.
  const parsed = PlaceOrderInput.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues, FIELD_OF) };
  return { ok: true, input: candidate };
}

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
  timeInForce: (typeof OCO_TIME_IN_FORCE)[number];
  expires: string;
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

/** Validates the OCO ticket against the instrument and the current last price. */
export function validateOco(
  draft: OcoDraft,
  inst: Instrument | undefined,
  last: number | null,
  now: number,
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
  if (draft.timeInForce === 'GTT') {
    const e = expiryError(draft.expires, now);
    if (e) errors.expires = e;
  }
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

  const expiresAt = draft.timeInForce === 'GTT' ? fromDateTimeLocal(draft.expires) : null;
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
    timeInForce: draft.timeInForce,
    ...(expiresAt !== null ? { lifeTime: new Date(expiresAt).toISOString() } : {}),
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
