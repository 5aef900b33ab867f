/**
 * Safety limits on order entry: maximum quantity, maximum notional and "far
 * from the market" per instrument. Pure: main calls it before every order it
 * sends for the user, and only an explicit override (set by the renderer's
 * deliberate override dialog) lets a breaching order through.
 */
import { formatGrouped, shownPrice, shownQty, type Precision } from '../../shared/domain';
import type { InstrumentLimits } from '../../shared/ipc/tools';

/** The fields of an order the limits read. */
export interface LimitedOrder {
  symbol: string;
  quantity: number;
  price?: number | undefined;
  stopPrice?: number | undefined;
}

/** A breached limit: which one, the field at fault, and a sentence for the user. */
export interface LimitBreach {
  limit: 'maxQty' | 'maxNotional' | 'maxDistancePct';
  field: 'quantity' | 'price' | 'stopPrice';
  message: string;
}

/** How far `price` lies from `last`, in percent of `last`. */
function distancePct(price: number, last: number): number {
  return (Math.abs(price - last) / last) * 100;
}

/** Money in a breach message: to the cent, grouped. */
const money = (v: number): string => formatGrouped(v, 2);

/**
 * The first limit the order breaches (null: within every limit). `lastPrice`
 * is the market's (null: unknown, so the notional of a market order and the
 * distance check cannot be judged and pass).
 */
export function checkOrderLimits(
  order: LimitedOrder,
  limits: InstrumentLimits,
  lastPrice: number | null,
  precision?: Precision,
): LimitBreach | null {
  if (limits.maxQty !== undefined && order.quantity > limits.maxQty) {
    return {
      limit: 'maxQty',
      field: 'quantity',
      message: `Quantity ${shownQty(order.quantity, precision)} is above the ${order.symbol} limit of ${shownQty(limits.maxQty, precision)}`,
    };
  }
  const pricedAt = order.price ?? order.stopPrice ?? lastPrice;
  if (limits.maxNotional !== undefined && pricedAt !== null) {
    const notional = pricedAt * order.quantity;
    if (notional > limits.maxNotional) {
      return {
        limit: 'maxNotional',
        field: 'quantity',
        message: `Notional ${money(notional)} is above the ${order.symbol} limit of ${money(limits.maxNotional)}`,
      };
    }
  }
  if (limits.maxDistancePct !== undefined && lastPrice !== null && lastPrice > 0) {
    for (const field of ['price', 'stopPrice'] as const) {
      const price = order[field];
      if (price === undefined) continue;
      const pct = distancePct(price, lastPrice);
      if (pct > limits.maxDistancePct) {
        return {
          limit: 'maxDistancePct',
          field,
          message: `${field === 'price' ? 'Price' : 'Stop price'} ${shownPrice(price, precision)} is ${pct.toFixed(2)}% from the last price ${shownPrice(lastPrice, precision)} (limit ${limits.maxDistancePct}%)`,
        };
      }
    }
  }
  return null;
}
