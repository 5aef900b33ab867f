/** Builds a blotter row (OrderRow) from the exchange's order object. */
import type { OrderRow } from '../../shared/ipc';
import { isFinalStatus } from '../../shared/domain';
import type { CanonicalOrder } from '../../shared/protocol';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import type { Precision } from './precision';

/**
 * The newest version of an order, as a row; `cumQuoteFromFills` serves servers
 * without cummulativeQuoteQty, `at` is the order's time (its transactTime, or
 * when it was seen for a server that sends none).
 */
export function toOrderRow(
  order: CanonicalOrder,
  previous: OrderRow | undefined,
  login: string,
  precision: Precision,
  cumQuoteFromFills: bigint,
  at: number,
): OrderRow {
  const executed = toFixed(order.executedQty);
  const final = isFinalStatus(order.status);
  const leaves = final ? 0n : toFixed(order.origQty) - executed;
  const quoteScale = Math.min(16, precision.price + precision.qty);
  const cumQuote =
    order.cummulativeQuoteQty !== undefined
      ? toFixed(order.cummulativeQuoteQty, 16)
      : cumQuoteFromFills;
  const avg =
    executed > 0n
      ? fromFixed(divRound(cumQuote, executed), 8, Math.min(8, precision.price + 2))
      : null;
  const expiry = order.timeInForceDate ?? order.tillTime;
  const expiresAt = expiry ? Date.parse(expiry) : NaN;
  const reason = order.reason ?? null;
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    login: order.login ?? previous?.login ?? login,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    expiresAt: Number.isNaN(expiresAt) ? null : expiresAt,
    price: order.price > 0 ? order.price : null,
    stopPrice: order.stopPrice !== undefined && order.stopPrice > 0 ? order.stopPrice : null,
    origQty: order.origQty,
    executedQty: order.executedQty,
    leavesQty: fromFixed(leaves > 0n ? leaves : 0n, 8, precision.qty),
    avgPrice: avg,
    cumQuote: fromFixed(cumQuote, 16, quoteScale),
    status: order.status,
    createdAt: previous ? Math.min(previous.createdAt, at) : at,
    updatedAt: at,
    ocoOrderId: order.ocoOrderId ?? previous?.ocoOrderId ?? null,
    triggered: order.triggered ?? previous?.triggered ?? false,
    // The same instant's reason carries over; the app's own close does not outlive it.
    lastReason:
      reason ??
      (previous && previous.updatedAt === at && !closedHere(previous) ? previous.lastReason : null),
  };
}

/**
 * The local reason of an order the app closed itself: held as working, but the
 * exchange answered at a resync that it does not know it (LiveState.closeUnknownOrder).
 */
export const NOT_AT_EXCHANGE = 'NOT_AT_EXCHANGE';

/** True when the app closed this row itself, not the exchange (see NOT_AT_EXCHANGE). */
export function closedHere(held: OrderRow): boolean {
  return held.status === 'CANCELED' && held.lastReason === NOT_AT_EXCHANGE;
}

/**
 * True when `incoming` is another order under the orderId of a row the app
 * closed as no longer at the exchange: a venue that was reset handed the id out
 * again (another clientOrderId). It inherits nothing from the held row. (A
 * working row's clientOrderId may change: the current revision renames orders.)
 */
export function isReusedId(incoming: CanonicalOrder, held: OrderRow): boolean {
  return (
    closedHere(held) &&
    incoming.clientOrderId !== '' &&
    incoming.clientOrderId !== held.clientOrderId
  );
}

/** True when `incoming` is older than the row held (it must not replace it). */
export function isStale(incoming: CanonicalOrder, held: OrderRow | undefined): boolean {
  if (!held) return false;
  // A row the app closed itself yields to what the exchange now says of that id: the order
  // after all (the profile's account came back), or a new one under a reused id.
  if (isReusedId(incoming, held)) return false;
  if (closedHere(held)) return toFixed(incoming.executedQty) < toFixed(held.executedQty);
  // Without a time (some revisions' lists), only quantity and finality can tell.
  if (incoming.transactTime !== undefined && incoming.transactTime < held.updatedAt) return true;
  if (toFixed(incoming.executedQty) < toFixed(held.executedQty)) return true;
  // Same instant and quantity: a final state is never undone by a working one.
  return isFinalStatus(held.status) && !isFinalStatus(incoming.status);
}
