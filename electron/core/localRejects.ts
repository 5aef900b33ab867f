/**
 * Orders the exchange refused with an error reply, before it gave them an
 * orderId, kept as REJECTED rows so they stay in Orders (and survive a
 * restart). Their orderId is local and negative: exchange orderIds are
 * positive integers, so the two never collide. Pure.
 */
import type { OrderRow } from '../../shared/ipc';

/** What the app sent in the refused request. */
export interface RejectedRequest {
  clientOrderId: string;
  login: string;
  symbol: string;
  side: OrderRow['side'];
  type: OrderRow['type'];
  timeInForce: OrderRow['timeInForce'];
  quantity: number;
  price?: number | undefined;
  stopPrice?: number | undefined;
}

/** The REJECTED row of a refused request under the local `orderId` (negative), at `time`. */
export function localRejectRow(
  request: RejectedRequest,
  orderId: number,
  reason: string,
  time: number,
): OrderRow {
  if (orderId >= 0) throw new Error(`a local orderId must be negative, got ${orderId}`);
  return {
    orderId,
    clientOrderId: request.clientOrderId,
    login: request.login,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    expiresAt: null,
    price: request.price ?? null,
    stopPrice: request.stopPrice ?? null,
    origQty: request.quantity,
    executedQty: 0,
    leavesQty: 0,
    avgPrice: null,
    cumQuote: 0,
    status: 'REJECTED',
    createdAt: time,
    updatedAt: time,
    ocoOrderId: null,
    triggered: false,
    lastReason: reason,
  };
}
