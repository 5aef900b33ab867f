/**
 * Which time in force the tickets offer. A connected server says which it
 * takes for each order type; the ticket offers exactly those, less any the
 * shared order rules refuse (a MARKET order never rests, so only the
 * immediate values say what will happen). Until a server says, the ticket
 * offers our protocol's values.
 */
import {
  MARKET_TIMES_IN_FORCE,
  TIME_IN_FORCE,
  orderEntryIssues,
  type AnyTimeInForce,
  type OrderType,
} from '../../../../shared/domain';

/** True when the shared order rules let `type` carry `tif`. */
function rulesAllow(type: OrderType, tif: AnyTimeInForce): boolean {
  return orderEntryIssues({ type, timeInForce: tif }).every((i) => i.path[0] !== 'timeInForce');
}

/**
 * Time-in-force values the ticket offers for `type`, the first being its
 * default: the server's (`offered`) when it gave any, else our protocol's.
 */
export function timeInForceFor(
  type: OrderType,
  offered: readonly AnyTimeInForce[] = [],
): readonly AnyTimeInForce[] {
  const own = type === 'MARKET' ? MARKET_TIMES_IN_FORCE : TIME_IN_FORCE;
  if (offered.length === 0) return own;
  const allowed = offered.filter((tif) => rulesAllow(type, tif));
  // Never an empty picker: the server's own list, and the rules will say what is wrong.
  return allowed.length > 0 ? allowed : offered;
}

/** The time in force to use: the one wanted when offered, else the first offered. */
export function fitTimeInForce(
  type: OrderType,
  wanted: AnyTimeInForce,
  offered: readonly AnyTimeInForce[] = [],
): AnyTimeInForce {
  const allowed = timeInForceFor(type, offered);
  return allowed.includes(wanted) ? wanted : (allowed[0] ?? wanted);
}
