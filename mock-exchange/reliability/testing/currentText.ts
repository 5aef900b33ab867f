/**
 * The current public revision (acttrader/swagger pages/clearing-service.md)
 * as shapes: field names, enums and JSON types exactly as it prints them.
 */
import { listProblems, opt, req, shapeProblems, type Shape } from './shapes';

export const CURRENT_SIDES = ['SELL', 'BUY'] as const;
export const CURRENT_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
export const CURRENT_TIFS = ['AON', 'FOK', 'IOC', 'TPI'] as const;
export const CURRENT_STATUSES = ['NEW', 'REJECTED', 'FILLED', 'PARTIAL_FILL', 'CANCELED'] as const;
export const CURRENT_REASONS = ['OCO_CONDITION', 'LIFETIME_EXPIRED', 'USER'] as const;

/** A reply: `{event, requestId, payload}` (every current reply has a payload). */
export const CURRENT_REPLY: Shape = {
  event: req('nonEmptyString'),
  requestId: req('string'),
  payload: req('object'),
};
/** A reply whose payload is a list (`orders`, `neworderoco`). */
export const CURRENT_LIST_REPLY: Shape = { ...CURRENT_REPLY, payload: req('array') };

/** `newordersingle` reply payload, and each leg of a `neworderoco` reply. */
export const CURRENT_PLACED: Shape = {
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  status: req(CURRENT_STATUSES),
  type: req(CURRENT_TYPES),
  login: req('positiveInteger'),
};

/** `modifyordersingle` reply payload: the order's values. */
export const CURRENT_MODIFIED: Shape = {
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  price: opt('number'),
  stopPrice: opt('number'),
  quantity: req('number'),
  tillTime: opt('isoUtc'),
};

/** `ordercancel` reply payload. */
export const CURRENT_CANCELED: Shape = {
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  status: req(['CANCELED']),
  reason: req(['USER']),
};

/** An `orders` item (the text prints no transactTime and no reason there; both are tolerated). */
export const CURRENT_ORDERS_ITEM: Shape = {
  orderId: req('positiveInteger'),
  symbol: req('nonEmptyString'),
  type: req(CURRENT_TYPES),
  side: req(CURRENT_SIDES),
  clientOrderId: req('string'),
  price: opt('number'),
  stopPrice: opt('number'),
  origQty: req('number'),
  executedQty: req('number'),
  status: req(CURRENT_STATUSES),
  timeInForce: req(CURRENT_TIFS),
  tillTime: opt('isoUtc'),
  transactTime: opt('isoUtc'),
  reason: opt('string'),
};

/** An `execution` payload: ISO transactTime, fills, and a reason on a closed order. */
export const CURRENT_EXECUTION_ORDER: Shape = {
  symbol: req('nonEmptyString'),
  type: req(CURRENT_TYPES),
  side: req(CURRENT_SIDES),
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  timeInForce: req(CURRENT_TIFS),
  tillTime: opt('isoUtc'),
  transactTime: req('isoUtc'),
  price: opt('number'),
  stopPrice: opt('number'),
  origQty: req('number'),
  executedQty: req('number'),
  status: req(CURRENT_STATUSES),
  reason: opt('string'),
  fills: opt('array'),
};

/** The `orderstatus` payload: like an execution's, fills always there. */
export const CURRENT_ORDER_STATUS: Shape = { ...CURRENT_EXECUTION_ORDER, fills: req('array') };

/** One fill: `{price, qty}`. */
export const CURRENT_FILL: Shape = { price: req('number'), qty: req('number') };

/** A coded error payload: the request's event, a numeric code and a message. */
export const CURRENT_CODED_ERROR: Shape = {
  event: req('string'),
  code: req('number'),
  error: req('nonEmptyString'),
};
/** A named error payload, e.g. ORDER_NOT_EXISTS: the request's event and the name. */
export const CURRENT_NAMED_ERROR: Shape = { event: req('string'), error: req('nonEmptyString') };

/** Problems of an order object with fills (execution or orderstatus), the fills checked too. */
export function currentOrderProblems(payload: unknown, shape: Shape, where: string): string[] {
  const problems = shapeProblems(payload, shape, where);
  const o = payload as { fills?: unknown; executedQty?: unknown } | null;
  if (o && Array.isArray(o.fills)) {
    problems.push(...listProblems(o.fills, CURRENT_FILL, `${where}.fills`));
  } else if (o && typeof o.executedQty === 'number' && o.executedQty > 0) {
    problems.push(`${where}.fills: missing on an order with executedQty ${o.executedQty}`);
  }
  return problems;
}

/** Problems of an error payload: coded (event, code, error) or named (event, error). */
export function currentErrorProblems(payload: unknown, where: string): string[] {
  const coded = payload !== null && typeof payload === 'object' && 'code' in payload;
  return shapeProblems(payload, coded ? CURRENT_CODED_ERROR : CURRENT_NAMED_ERROR, where);
}
