/** Order side, as spelled on the wire. */
export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];

/** Order types of the protocol. */
export const ORDER_TYPES = ['MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** Time-in-force values of our protocol (GTC is the default). */
export const TIME_IN_FORCE = ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];
/** Every time-in-force an order may carry in any revision (the current one adds TPI). */
export const ANY_TIME_IN_FORCE = [...TIME_IN_FORCE, 'TPI'] as const;
export type AnyTimeInForce = (typeof ANY_TIME_IN_FORCE)[number];

/** Canonical order statuses (clients also read the later revision's PARTIAL_FILL). */
export const ORDER_STATUSES = [
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses after which an order never changes again. */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
]);

/** True when no change can follow this status. */
export function isFinalStatus(status: OrderStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** True for a working order (NEW, incl. an untriggered stop, or PARTIALLY_FILLED): not final. */
export function isWorkingStatus(status: OrderStatus): boolean {
  return !FINAL_STATUSES.has(status);
}

/** Why an execution happened (the `reason` extension of `execution`). */
export const EXEC_REASONS = [
  'NEW',
  'FILL',
  'TRIGGERED',
  'MODIFIED',
  'USER',
  'OCO_CONDITION',
  'LIFETIME_EXPIRED',
  'DAY_EXPIRED',
  'IOC_REMAINDER',
  'FOK_UNFILLED',
  'SELF_TRADE_PREVENTION',
  'NO_LIQUIDITY',
  'CANCEL_ON_DISCONNECT',
  'REJECTED',
] as const;
export type ExecReason = (typeof EXEC_REASONS)[number];

/** Order types that need a limit `price`. */
export function typeNeedsPrice(type: OrderType): boolean {
  return type === 'LIMIT' || type === 'STOP_LIMIT';
}

/** Order types that need a `stopPrice`. */
export function typeNeedsStopPrice(type: OrderType): boolean {
  return type === 'STOP' || type === 'STOP_LIMIT';
}
