/** Test helpers of the tools: order rows as the store would hold them. */
import type { OrderRow } from '../../../shared/ipc';

/** A working LIMIT order row; `fields` override any column. */
export function orderRow(
  fields: Partial<OrderRow> & Pick<OrderRow, 'orderId' | 'clientOrderId'>,
): OrderRow {
  const origQty = fields.origQty ?? 10;
  const executedQty = fields.executedQty ?? 0;
  return {
    login: 'trader',
    symbol: 'EURUSD',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    expiresAt: null,
    price: 1.1,
    stopPrice: null,
    origQty,
    executedQty,
    leavesQty: origQty - executedQty,
    avgPrice: executedQty > 0 ? 1.1 : null,
    cumQuote: 0,
    status: executedQty === 0 ? 'NEW' : executedQty < origQty ? 'PARTIALLY_FILLED' : 'FILLED',
    createdAt: 0,
    updatedAt: 0,
    ocoOrderId: null,
    triggered: false,
    lastReason: null,
    ...fields,
  };
}
