/** The rules that tie an order's fields together, as every side checks them. */
import { typeNeedsPrice, typeNeedsStopPrice, type AnyTimeInForce, type OrderType } from './enums';

/** The fields the rules read. */
export interface OrderFields {
  type: OrderType;
  price?: number | undefined;
  stopPrice?: number | undefined;
  timeInForce?: AnyTimeInForce | undefined;
  timeInForceDate?: string | undefined;
}

/** One broken rule: the field at fault and a sentence. */
export interface OrderIssue {
  path: [string];
  message: string;
}

/** Times in force that make sense for a market order (it never rests). */
export const MARKET_TIMES_IN_FORCE: readonly AnyTimeInForce[] = ['IOC', 'FOK'];

/** Every rule the order breaks (empty when it is consistent). */
export function orderEntryIssues(order: OrderFields): OrderIssue[] {
  const issues: OrderIssue[] = [];
  if (typeNeedsPrice(order.type) && order.price === undefined)
    issues.push({ path: ['price'], message: `A ${order.type} order needs a limit price` });
  if (!typeNeedsPrice(order.type) && order.price !== undefined)
    issues.push({ path: ['price'], message: `A ${order.type} order takes no limit price` });
  if (typeNeedsStopPrice(order.type) && order.stopPrice === undefined)
    issues.push({ path: ['stopPrice'], message: `A ${order.type} order needs a stop price` });
  if (!typeNeedsStopPrice(order.type) && order.stopPrice !== undefined)
    issues.push({ path: ['stopPrice'], message: `A ${order.type} order takes no stop price` });
  if (order.timeInForce === 'GTT' && order.timeInForceDate === undefined)
    issues.push({ path: ['timeInForceDate'], message: 'GTT needs an expiry time' });
  if (
    order.type === 'MARKET' &&
    order.timeInForce !== undefined &&
    !MARKET_TIMES_IN_FORCE.includes(order.timeInForce)
  )
    issues.push({
      path: ['timeInForce'],
      message: `MARKET orders take ${MARKET_TIMES_IN_FORCE.join(' or ')} only`,
    });
  return issues;
}
