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
  /**
   * The orders that can still trade, kept beside `orders` in O(changed orders) per
   * batch (not filtered from every order each frame), with a delta for the blotter.
   */
  readonly workingOrders: RowStore<number, OrderRow>;
  readonly fills: RowStore<string, FillRow>;
  readonly positions: RowStore<string, PositionRow>;

  constructor(schedule?: (flush: () => void) => void) {
    const opts = schedule ? { schedule } : {};
    this.orders = new RowStore((o: OrderRow) => o.orderId, { ...opts, accept: isNewerOrder });
    this.workingOrders = new RowStore((o: OrderRow) => o.orderId, opts);
    this.fills = new RowStore((f: FillRow) => f.fillId, opts);
    this.positions = new RowStore((p: PositionRow) => `${p.login}\u0000${p.symbol}`, opts);
  }

  /** Orders that can still trade (published with `orders`, once per frame). */
  get working(): readonly OrderRow[] {
    return this.workingOrders.rows;
  }

  /** Replaces every order (a snapshot). */
  resetOrders(rows: readonly OrderRow[]): void {
    this.orders.reset(rows);
    this.workingOrders.reset(this.orders.current().filter(isWorking));
  }

  /** Applies changed orders: O(changed orders) for both stores. */
  upsertOrders(rows: readonly OrderRow[]): void {
    this.orders.upsert(rows);
    const working: OrderRow[] = [];
    const done: number[] = [];
    for (const row of rows) {
      // The newest accepted version decides (an older one in the batch may have been refused).
      const now = this.orders.get(row.orderId);
      if (now !== row) continue;
      if (isWorking(now)) working.push(now);
      else done.push(now.orderId);
    }
    if (working.length > 0) this.workingOrders.upsert(working);
    if (done.length > 0) this.workingOrders.remove(done);
  }
}
