/**
 * Checks of wire decimals against an instrument's rules, turning them into
 * integers. Each check returns the integer or a ProtocolError (never rounds).
 */
import type { Instrument, OrderType } from '../../shared/domain';
import { priceToTicks, qtyToLots, typeNeedsPrice, typeNeedsStopPrice } from '../../shared/domain';
import type { ProtocolError } from '../../shared/protocol';
import { ErrorCode } from '../../shared/protocol';

/** A ProtocolError value. */
export function protocolError(code: ErrorCode, error: string): ProtocolError {
  return { code, error };
}

/** True when a check returned an error rather than a value. */
export function isError(v: unknown): v is ProtocolError {
  return typeof v === 'object' && v !== null && 'code' in v;
}

/** A price field in ticks, or 2004 when not positive or off the tick grid. */
export function checkPrice(
  field: 'price' | 'stopPrice',
  value: number,
  inst: Instrument,
): number | ProtocolError {
  if (!(value > 0)) {
    return protocolError(ErrorCode.INVALID_PRICE, `${field} ${value} must be greater than zero`);
  }
  const ticks = priceToTicks(value, inst);
  if (ticks === null || ticks <= 0) {
    return protocolError(
      ErrorCode.INVALID_PRICE,
      `${field} ${value} is not a multiple of the tick size ${inst.tickSize.toFixed(inst.pricePrecision)} for ${inst.symbol}`,
    );
  }
  return ticks;
}

/** A quantity in lots, or 2005 when off step, below minQty or above maxQty. */
export function checkQuantity(value: number, inst: Instrument): number | ProtocolError {
  const lots = value > 0 ? qtyToLots(value, inst) : null;
  if (lots === null || lots <= 0) {
    return protocolError(
      ErrorCode.INVALID_QUANTITY,
      `quantity ${value} is not a positive multiple of the step size ${inst.stepSize.toFixed(inst.qtyPrecision)} for ${inst.symbol}`,
    );
  }
  const eps = inst.stepSize * 1e-7;
  if (value < inst.minQty - eps) {
    return protocolError(
      ErrorCode.INVALID_QUANTITY,
      `quantity ${value} is below the minimum quantity ${inst.minQty} for ${inst.symbol}`,
    );
  }
  if (value > inst.maxQty + eps) {
    return protocolError(
      ErrorCode.INVALID_QUANTITY,
      `quantity ${value} is above the maximum quantity ${inst.maxQty} for ${inst.symbol}`,
    );
  }
  return lots;
}

/** Limit and stop prices of a new order in ticks (0 when absent), checked against its type. */
export function checkPrices(
  type: OrderType,
  price: number | undefined,
  stopPrice: number | undefined,
  inst: Instrument,
): { price: number; stop: number } | ProtocolError {
  const rule = checkPriceRules(type, price, stopPrice);
  if (rule !== null) return rule;
  let priceTicks = 0;
  let stopTicks = 0;
  if (price !== undefined) {
    const t = checkPrice('price', price, inst);
    if (isError(t)) return t;
    priceTicks = t;
  }
  if (stopPrice !== undefined) {
    const t = checkPrice('stopPrice', stopPrice, inst);
    if (isError(t)) return t;
    stopTicks = t;
  }
  return { price: priceTicks, stop: stopTicks };
}

/** Which of price / stopPrice a new order of `type` must and must not have; null when both fit. */
export function checkPriceRules(
  type: OrderType,
  price: number | undefined,
  stopPrice: number | undefined,
): ProtocolError | null {
  if (typeNeedsPrice(type) && price === undefined) {
    return protocolError(ErrorCode.INVALID_PRICE, `price is required for ${type} orders`);
  }
  if (!typeNeedsPrice(type) && price !== undefined) {
    return protocolError(ErrorCode.INVALID_PRICE, `price is not allowed for ${type} orders`);
  }
  if (typeNeedsStopPrice(type) && stopPrice === undefined) {
    return protocolError(ErrorCode.INVALID_PRICE, `stopPrice is required for ${type} orders`);
  }
  if (!typeNeedsStopPrice(type) && stopPrice !== undefined) {
    return protocolError(ErrorCode.INVALID_PRICE, `stopPrice is not allowed for ${type} orders`);
  }
  return null;
}

/** An ISO-8601 instant strictly after `now` (epoch ms), or 2006 naming the field. */
export function checkFutureInstant(
  field: 'timeInForceDate' | 'lifeTime',
  iso: string,
  now: number,
): number | ProtocolError {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return protocolError(
      ErrorCode.INVALID_TIME_IN_FORCE,
      `${field} ${iso} is not a valid ISO-8601 time`,
    );
  }
  if (ms <= now) {
    return protocolError(ErrorCode.INVALID_TIME_IN_FORCE, `${field} ${iso} is not in the future`);
  }
  return ms;
}

/** Whether a stop at `stop` ticks would trigger at once against `last` (-1 = no trade yet). */
export function wouldTrigger(isBuy: boolean, stop: number, last: number): boolean {
  if (last < 0) return false;
  return isBuy ? last >= stop : last <= stop;
}

/** The 2004 error for a stop that would trigger immediately. */
export function immediateTriggerError(
  isBuy: boolean,
  stopPrice: number,
  lastPrice: number,
): ProtocolError {
  return protocolError(
    ErrorCode.INVALID_PRICE,
    `stopPrice ${stopPrice} would trigger immediately: the last price ${lastPrice} is already ${isBuy ? 'at or above' : 'at or below'} it`,
  );
}
