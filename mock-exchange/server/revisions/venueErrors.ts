/**
 * The error numbers of a `first` or `current` revision server. Those servers
 * number their errors themselves (the source document shows 123345), so the
 * mock answers with its own six-digit "venue" numbers, never docs/protocol.md's
 * table: a client that relies on our codes against such a server is caught
 * by the tests. 10xxxx: the request; 20xxxx: the order; 30xxxx: the account
 * or session; 50xxxx: the server.
 */
import { ErrorCode } from '../../../shared/protocol';

/** Venue number of each canonical error code. */
export const VENUE_ERROR_CODES: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.MALFORMED]: 100400,
  [ErrorCode.UNKNOWN_EVENT]: 100404,
  [ErrorCode.INVALID_FIELD]: 100422,
  [ErrorCode.TOO_LARGE]: 100413,
  [ErrorCode.DUPLICATE_REQUEST_ID]: 100409,
  [ErrorCode.UNKNOWN_ORDER]: 200404,
  [ErrorCode.ORDER_FINAL]: 200410,
  [ErrorCode.DUPLICATE_CLIENT_ORDER_ID]: 200409,
  [ErrorCode.UNKNOWN_SYMBOL]: 200400,
  [ErrorCode.INVALID_PRICE]: 200421,
  [ErrorCode.INVALID_QUANTITY]: 200422,
  [ErrorCode.INVALID_TIME_IN_FORCE]: 200423,
  [ErrorCode.INVALID_OCO]: 200424,
  [ErrorCode.LOGIN_NOT_PERMITTED]: 300403,
  [ErrorCode.RATE_LIMITED]: 300429,
  [ErrorCode.INTERNAL]: 500500,
};

/** The venue number of a canonical code (codes injected by fault controls pass through). */
export function venueCode(code: number): number {
  return Object.hasOwn(VENUE_ERROR_CODES, code) ? VENUE_ERROR_CODES[code as ErrorCode] : code;
}
