/** Rows for tests. */
import type { OrderRow } from '../../../../shared/ipc';

/** An order row with defaults (EURUSD BUY LIMIT 1000 @ 1.085, NEW). */
export function order(patch: Partial<OrderRow>): OrderRow {
  return {
    orderId: 1,
    clientOrderId: 'c1',
    login: 'L1',
    symbol: 'EURUSD',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    expiresAt: null,
    price: 1.085,
    stopPrice: null,
    origQty: 1000,
    executedQty: 0,
    leavesQty: 1000,
    avgPrice: null,
    cumQuote: 0,
    status: 'NEW',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ocoOrderId: null,
    triggered: false,
    lastReason: null,
    ...patch,
  };
}
