/** Orders, fills and positions as the blotters see them. */
import type { FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import { isFinalStatus } from '../../../../shared/domain';
import { isWorking } from '../blotter/blotters';
import { RowStore } from './row-store.svelte';

/** True when `next` is not older than `prev` (a final order never goes back to working). */
export function isNewerOrder(next: OrderRow, prev: OrderRow): boolean {
  if (isFinalStatus(prev.status) && !isFinalStatus(next.status)) return false;
  return next.updatedAt >= prev.updatedAt || isFinalStatus(next.status);
}

export class TradingStore {
  readonly orders: RowStore<number, OrderRow>;
  readonly fills: RowStore<string, FillRow>;
  readonly positions: RowStore<string, PositionRow>;

  /** Orders that can still trade. */
  readonly working = $derived.by(() => this.orders.rows.filter(isWorking));

  constructor(schedule?: (flush: () => void) => void) {
    const opts = schedule ? { schedule } : {};
    this.orders = new RowStore((o: OrderRow) => o.orderId, { ...opts, accept: isNewerOrder });
    this.fills = new RowStore((f: FillRow) => f.fillId, opts);
    this.positions = new RowStore((p: PositionRow) => `${p.login}\u0000${p.symbol}`, opts);
  }
}
