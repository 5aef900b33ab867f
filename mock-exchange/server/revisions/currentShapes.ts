/**
 * Canonical orders in the `current` revision's shapes (pure): status
 * PARTIAL_FILL, EXPIRED shown as CANCELED with its reason, GTC shown as TPI,
 * ISO times, `price` only on priced orders, `fills` as price and qty.
 */
import { typeNeedsPrice, typeNeedsStopPrice } from '../../../shared/domain';
import type { OrderOut } from '../../../shared/protocol';
import type {
  CurrentFill,
  CurrentOrder,
  CurrentOrderStatus,
  CurrentOrderWithFills,
  CurrentTimeInForce,
} from '../../../shared/protocol/revisions';

/** What the revision adds to a canonical order: its client-visible cid, lifetime and closing reason. */
export interface CurrentExtras {
  cid?: string;
  tillTime?: number;
  reason?: string;
}

/** The revision's spelling of a canonical status (it has no EXPIRED: an expired order is CANCELED). */
export function currentStatus(status: OrderOut['status']): CurrentOrderStatus {
  switch (status) {
    case 'PARTIALLY_FILLED':
    case 'PARTIAL_FILL':
      return 'PARTIAL_FILL';
    case 'EXPIRED':
      return 'CANCELED';
    case 'NEW':
    case 'FILLED':
    case 'CANCELED':
    case 'REJECTED':
      return status;
    default:
      return 'NEW';
  }
}

/** The revision's time in force: GTC (the only resting canonical TIF it places) reads as TPI. */
function currentTimeInForce(tif: OrderOut['timeInForce']): CurrentTimeInForce {
  return tif === 'AON' || tif === 'FOK' || tif === 'IOC' ? tif : 'TPI';
}

/** The reason a closed order shows: canonical reasons, DAY_EXPIRED read as LIFETIME_EXPIRED. */
function currentReason(status: OrderOut['status'], reason: string | undefined): string | undefined {
  if (status !== 'CANCELED' && status !== 'EXPIRED' && status !== 'REJECTED') return undefined;
  if (reason === undefined || reason === '') return undefined;
  return reason === 'DAY_EXPIRED' ? 'LIFETIME_EXPIRED' : reason;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A canonical order as `orders` lists it. */
export function currentOrder(order: OrderOut, extras: CurrentExtras): CurrentOrder {
  return {
    orderId: order.orderId,
    symbol: order.symbol,
    type: order.type,
    side: order.side,
    clientOrderId: extras.cid ?? order.clientOrderId,
    price: typeNeedsPrice(order.type) ? order.price : undefined,
    stopPrice: typeNeedsStopPrice(order.type) ? order.stopPrice : undefined,
    origQty: order.origQty,
    executedQty: order.executedQty,
    status: currentStatus(order.status),
    timeInForce: currentTimeInForce(order.timeInForce),
    tillTime: extras.tillTime === undefined ? undefined : iso(extras.tillTime),
    reason: currentReason(order.status, extras.reason),
  };
}

/** A canonical order with its fills as `orderstatus` and `execution` show it. */
export function currentOrderWithFills(
  order: OrderOut,
  fills: readonly CurrentFill[],
  extras: CurrentExtras,
): CurrentOrderWithFills {
  const time =
    typeof order.transactTime === 'string'
      ? Date.parse(order.transactTime)
      : (order.transactTime ?? 0);
  return {
    ...currentOrder(order, extras),
    transactTime: iso(time),
    fills: fills.map(({ price, qty }) => ({ price, qty })),
  };
}

/**
 * The fills that make up `executedQty`, oldest first: an execution is
 * completed from the order's fills as they are when it is sent, which may
 * already include later fills of the same batch.
 */
export function fillsUpTo(fills: readonly CurrentFill[], executedQty: number): CurrentFill[] {
  const out: CurrentFill[] = [];
  const tolerance = Math.max(1, Math.abs(executedQty)) * 1e-9;
  let sum = 0;
  for (const fill of fills) {
    if (sum + fill.qty > executedQty + tolerance) break;
    sum += fill.qty;
    out.push(fill);
  }
  return out;
}
