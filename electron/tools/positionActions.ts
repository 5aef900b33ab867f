/**
 * Position actions as orders: Close (a market order for the net quantity),
 * Reverse (twice the net, the other way) and Flatten (cancel the working
 * orders, then close). Pure: main sends what these functions return.
 */
import type { OrderRow, PositionRow } from '../../shared/ipc';
import type { PositionActionReport } from '../../shared/ipc/tools';
import { cmpDecimal, type Side } from '../../shared/domain';

/** A market order a position action sends. */
export interface ActionOrder {
  symbol: string;
  login: string;
  side: Side;
  quantity: number;
}

/** What a position action does to each position it covers. */
export type PositionAction = 'close' | 'reverse';

/** The positions an action covers: one symbol (one login, or all), or every symbol. */
export interface ActionScope {
  symbol?: string | undefined;
  login?: string | undefined;
}

const covers = (scope: ActionScope, row: { symbol: string; login: string }): boolean =>
  (scope.symbol === undefined || row.symbol === scope.symbol) &&
  (scope.login === undefined || row.login === scope.login);

/** The market orders that close (or reverse) every open position in scope. */
export function positionOrders(
  positions: readonly PositionRow[],
  scope: ActionScope,
  action: PositionAction,
  doubled: (qty: number) => number = (qty) => qty * 2,
): ActionOrder[] {
  const orders: ActionOrder[] = [];
  for (const row of positions) {
    if (!covers(scope, row) || cmpDecimal(row.netQty, 0) === 0) continue;
    const open = Math.abs(row.netQty);
    orders.push({
      symbol: row.symbol,
      login: row.login,
      side: row.netQty > 0 ? 'SELL' : 'BUY',
      quantity: action === 'reverse' ? doubled(open) : open,
    });
  }
  return orders;
}

/** The working orders a flatten cancels: one leg per OCO pair (the exchange cancels its sibling). */
export function ordersToCancel(working: readonly OrderRow[], scope: ActionScope): number[] {
  const targets: number[] = [];
  const covered = new Set<number>();
  for (const row of working) {
    if (!covers(scope, row) || covered.has(row.orderId) || row.orderId <= 0) continue;
    targets.push(row.orderId);
    if (row.ocoOrderId !== null) covered.add(row.ocoOrderId);
  }
  return targets;
}

/** An empty report, to be filled in as the orders go. */
export function emptyReport(): PositionActionReport {
  return { sent: 0, filled: 0, failed: [], cancelled: 0, cancelFailed: [] };
}
