/**
 * What the user is told about order changes, as words. Pure: the live state
 * decides when (once per change: a version is compared with the one held);
 * these say what.
 */
import { decimalsOf, formatGrouped, formatPrice, isFinalStatus } from '../../shared/domain';
import type { InstrumentInfo as SymbolInfo, OrderRow } from '../../shared/ipc';
import { NOT_AT_EXCHANGE } from '../store';

/** What the user asked of an order just now (its next change is no surprise). */
export type UserAction = 'cancel' | 'modify';

/** Reasons in the exchange's words, as a clause. */
const REASON_WORDS: Record<string, string> = {
  OCO_CONDITION: 'its OCO sibling traded',
  LIFETIME_EXPIRED: 'its lifetime ended',
  DAY_EXPIRED: 'the trading day ended',
  IOC_REMAINDER: 'unfilled remainder of an IOC order',
  USER: 'cancelled by another session',
};

/** "2,000" at the instrument's quantity precision, digits grouped. */
function formatQuantity(qty: number, info: SymbolInfo | undefined): string {
  return formatGrouped(qty, info?.qtyPrecision ?? decimalsOf(qty));
}

function price(value: number, info: SymbolInfo | undefined): string {
  return info ? formatPrice(value, info) : String(value);
}

function label(row: OrderRow, info: SymbolInfo | undefined): string {
  return `${row.side} ${formatQuantity(row.origQty, info)} ${row.symbol} (${row.clientOrderId})`;
}

/**
 * One line for every fill of an order so far: "Bought 3,000 EURUSD @ 1.08510 avg
 * (3 fills), 1,000 left" — the grouped notification that each new fill updates.
 */
export function fillSummary(
  row: OrderRow,
  fillCount: number,
  info: SymbolInfo | undefined,
): string {
  const verb = row.side === 'BUY' ? 'Bought' : 'Sold';
  const avg = row.avgPrice === null ? '' : ` @ ${price(row.avgPrice, info)}`;
  const many = fillCount > 1 ? ` avg (${fillCount} fills)` : '';
  const left = isFinalStatus(row.status) ? '' : `, ${formatQuantity(row.leavesQty, info)} left`;
  return `${verb} ${formatQuantity(row.executedQty, info)} ${row.symbol}${avg}${many}${left}`;
}

/**
 * The announcement of a change the user did not cause just then (expired,
 * cancelled, modified, triggered), or null when there is none to make.
 */
export function unsolicitedChange(
  held: OrderRow | undefined,
  next: OrderRow,
  asked: UserAction | undefined,
  info: SymbolInfo | undefined,
): string | null {
  // A first sight or a version of an order already closed has nothing new to say.
  if (!held || isFinalStatus(held.status)) return null;
  const why = next.lastReason ? REASON_WORDS[next.lastReason] : undefined;
  const because = why ? `: ${why}` : '';
  if (next.status === 'EXPIRED') return `Order ${label(next, info)} expired${because}`;
  if (next.status === 'CANCELED') {
    if (next.lastReason === NOT_AT_EXCHANGE)
      return `Order ${label(next, info)} is no longer at the exchange (it answered "unknown order" on reconnect): closed here`;
    if (asked === 'cancel') return null;
    return `Order ${label(next, info)} cancelled${because || ' by the exchange'}`;
  }
  if (isFinalStatus(next.status)) return null;
  if (!held.triggered && next.triggered) return `Stop order ${label(next, info)} triggered`;
  if (asked === 'modify') return null;
  const changes: string[] = [];
  if (held.price !== next.price && next.price !== null)
    changes.push(
      `price ${held.price === null ? '—' : price(held.price, info)} → ${price(next.price, info)}`,
    );
  if (held.stopPrice !== next.stopPrice && next.stopPrice !== null)
    changes.push(
      `stop ${held.stopPrice === null ? '—' : price(held.stopPrice, info)} → ${price(next.stopPrice, info)}`,
    );
  if (held.origQty !== next.origQty)
    changes.push(
      `quantity ${formatQuantity(held.origQty, info)} → ${formatQuantity(next.origQty, info)}`,
    );
  return changes.length > 0 ? `Order ${label(next, info)} modified: ${changes.join(', ')}` : null;
}
