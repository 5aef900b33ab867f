/**
 * Which time in force the single-order ticket offers for each order type.
 * The paper exchange accepts every pairing, but a MARKET order never rests:
 * whatever does not fill at once expires, so only the immediate values say
 * what will happen. Every pairing offered here is one the exchange accepts.
 */
import { TIME_IN_FORCE, type OrderType, type TimeInForce } from '../../../../shared/domain';

const IMMEDIATE: readonly TimeInForce[] = ['IOC', 'FOK'];

/** Time-in-force values the ticket offers for `type`, the first being its default. */
export function timeInForceFor(type: OrderType): readonly TimeInForce[] {
  return type === 'MARKET' ? IMMEDIATE : TIME_IN_FORCE;
}

/** The time in force to keep when the type changes: the one wanted if allowed, else the default. */
export function fitTimeInForce(type: OrderType, wanted: TimeInForce): TimeInForce {
  const allowed = timeInForceFor(type);
  return allowed.includes(wanted) ? wanted : (allowed[0] ?? 'GTC');
}

/** The error for a time in force `type` does not take, or null. */
export function timeInForceError(type: OrderType, tif: TimeInForce): string | null {
  const allowed = timeInForceFor(type);
  return allowed.includes(tif) ? null : `${type} orders take ${allowed.join(' or ')} only`;
}
