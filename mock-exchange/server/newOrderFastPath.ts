/**
 * A hand-written check of the hottest request's payload (`newordersingle`).
 * It only ever accepts: a payload it is sure of comes out as the schema's
 * own output (known keys only, unknown ones dropped); anything else (a
 * missing or wrong field, a `timeInForceDate`, a value it does not know how
 * to judge) returns null and goes through the zod schema, which stays the
 * single source of truth for every error code and message. The property
 * test holds it to the schema's decisions on random payloads.
 */
import { ORDER_TYPES, TIME_IN_FORCE, type OrderType, type TimeInForce } from '../../shared/domain';
import { Login, SymbolName, type NewOrderSinglePayload } from '../../shared/protocol';

// Bounds read from the schemas themselves; the clientOrderId pattern is
// ClientOrderId's (zod does not expose it), held to it by the property test.
const SYMBOL_MAX = SymbolName.maxLength ?? 0;
const LOGIN_MAX = Login.maxLength ?? 0;
const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,36}$/;

const isPositive = (v: unknown): v is number =>
  typeof v === 'number' && v > 0 && v !== Number.POSITIVE_INFINITY;

const isString = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= max;

const isOrderType = (v: unknown): v is OrderType =>
  typeof v === 'string' && (ORDER_TYPES as readonly string[]).includes(v);

const isTimeInForce = (v: unknown): v is TimeInForce =>
  typeof v === 'string' && (TIME_IN_FORCE as readonly string[]).includes(v);

/**
 * The parsed `newordersingle` payload when the fast check is sure it is
 * valid (equal to the schema's output), else null: parse it with the schema.
 */
export function fastNewOrderSingle(payload: unknown): NewOrderSinglePayload | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  const { symbol, side, type, price, stopPrice, quantity, clientOrderId, timeInForce, login } = p;
  if (!isString(symbol, SYMBOL_MAX)) return null;
  if (side !== 'BUY' && side !== 'SELL') return null;
  if (!isOrderType(type) || !isPositive(quantity)) return null;
  // An ISO instant has rules of its own: the schema judges it (GTT is off the hot path).
  if (p.timeInForceDate !== undefined || Object.hasOwn(p, 'timeInForceDate')) return null;
  const out: NewOrderSinglePayload = { symbol, side, type, quantity };
  if (Object.hasOwn(p, 'price')) {
    if (!isPositive(price)) return null;
    out.price = price;
  }
  if (Object.hasOwn(p, 'stopPrice')) {
    if (!isPositive(stopPrice)) return null;
    out.stopPrice = stopPrice;
  }
  if (Object.hasOwn(p, 'clientOrderId')) {
    if (typeof clientOrderId !== 'string' || !CLIENT_ORDER_ID.test(clientOrderId)) return null;
    out.clientOrderId = clientOrderId;
  }
  if (Object.hasOwn(p, 'timeInForce')) {
    if (!isTimeInForce(timeInForce)) return null;
    out.timeInForce = timeInForce;
  }
  if (Object.hasOwn(p, 'login')) {
    if (!isString(login, LOGIN_MAX)) return null;
    out.login = login;
  }
  return out;
}
