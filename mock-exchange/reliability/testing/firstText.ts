/**
 * The first public revision (acttrader/swagger README.md of January 2022, the
 * "websocket protocol (BETA)" text) as shapes: field names and JSON types
 * exactly as its examples print them. Where the text lists no enum, the
 * values come from the team's protocol notes (statuses, time in force).
 */
import { listProblems, opt, req, shapeProblems, type Shape } from './shapes';

export const FIRST_SIDES = ['BUY', 'SELL'] as const;
export const FIRST_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
// The text prints NEW, FILLED and CANCELED; the rest are the notes' (Binance's) spellings.
export const FIRST_STATUSES = [
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
] as const;
// The text prints GTT, AON and GTC.
export const FIRST_TIFS = ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'] as const;

/** A reply that carries a payload: `{event, requestId, payload}`. */
export const FIRST_REPLY: Shape = {
  event: req('nonEmptyString'),
  requestId: req('string'),
  payload: req('object'),
};
/** A reply whose payload is a list (`orders`, `neworderoco`). */
export const FIRST_LIST_REPLY: Shape = { ...FIRST_REPLY, payload: req('array') };
/** The bare acknowledgement of `modifyordersingle` and `ordercancel`: no payload at all. */
export const FIRST_BARE_REPLY: Shape = {
  event: req('nonEmptyString'),
  requestId: req('string'),
};

/** `newordersingle` reply payload: `{orderId, status}`. */
export const FIRST_PLACED: Shape = {
  orderId: req('positiveInteger'),
  status: req(FIRST_STATUSES),
};

/** One leg of a `neworderoco` reply. */
export const FIRST_OCO_LEG: Shape = {
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  status: req(FIRST_STATUSES),
  type: req(FIRST_TYPES),
};

/** The order object of `orders` items and `execution` payloads. */
export const FIRST_ORDER: Shape = {
  symbol: req('nonEmptyString'),
  type: req(FIRST_TYPES),
  orderId: req('positiveInteger'),
  clientOrderId: req('string'),
  transactTime: req('epochMs'),
  price: req('number'),
  // Not printed in an order object, but the request carries them (STOP orders, GTT orders and
  // OCO legs with a lifeTime): an order object echoing its own request fields is tolerated.
  stopPrice: opt('number'),
  timeInForceDate: opt('isoUtc'),
  origQty: req('number'),
  executedQty: req('number'),
  cummulativeQuoteQty: opt('number'),
  status: req(FIRST_STATUSES),
  timeInForce: req(FIRST_TIFS),
  side: req(FIRST_SIDES),
};

/** The `orderstatus` payload: the order plus its fills. */
export const FIRST_ORDER_WITH_FILLS: Shape = { ...FIRST_ORDER, fills: req('array') };

/** One fill: `{price, qty}`. */
export const FIRST_FILL: Shape = { price: req('number'), qty: req('number') };

/** The `error` payload: `{code, error}`. */
export const FIRST_ERROR: Shape = { code: req('number'), error: req('nonEmptyString') };

/** An `error` reply (requestId null when the frame could not be read). */
export const FIRST_ERROR_REPLY: Shape = {
  event: req(['error']),
  requestId: req('string'),
  payload: req('object'),
};

/** An `execution` message: the order object, no requestId. */
export const FIRST_EXECUTION: Shape = { event: req(['execution']), payload: req('object') };

/** Problems of an `orderstatus` payload, fills included. */
export function firstOrderStatusProblems(payload: unknown, where: string): string[] {
  const problems = shapeProblems(payload, FIRST_ORDER_WITH_FILLS, where);
  const fills = (payload as { fills?: unknown } | null)?.fills;
  if (Array.isArray(fills)) problems.push(...listProblems(fills, FIRST_FILL, `${where}.fills`));
  return problems;
}
