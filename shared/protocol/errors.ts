import type { Result as GenericResult } from '../domain/result';

/** Error codes of docs/protocol.md, by name. */
export const ErrorCode = {
  MALFORMED: 1000,
  UNKNOWN_EVENT: 1001,
  INVALID_FIELD: 1002,
  TOO_LARGE: 1003,
  DUPLICATE_REQUEST_ID: 1004,
  UNKNOWN_ORDER: 2000,
  ORDER_FINAL: 2001,
  DUPLICATE_CLIENT_ORDER_ID: 2002,
  UNKNOWN_SYMBOL: 2003,
  INVALID_PRICE: 2004,
  INVALID_QUANTITY: 2005,
  INVALID_TIME_IN_FORCE: 2006,
  INVALID_OCO: 2007,
  LOGIN_NOT_PERMITTED: 3000,
  RATE_LIMITED: 3001,
  INTERNAL: 5000,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A protocol-level failure: a code and one human-readable sentence. */
export interface ProtocolError {
  code: ErrorCode;
  error: string;
}

/** Result of an operation that fails with a protocol error (errors are values). */
export type Result<T> = GenericResult<T, ProtocolError>;

/** Builds a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed Result. */
export function fail<T = never>(code: ErrorCode, error: string): Result<T> {
  return { ok: false, error: { code, error } };
}
