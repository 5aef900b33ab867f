/**
 * Orders, fills and positions as main sends them. Main's order store decides
 * which version of an order is the newest and sends only that, so rows are
 * applied as given: the renderer has no staleness rule of its own.
 */
import type { FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import { isWorkingStatus, positionKey } from '../../../../shared/domain';
import { RowStore } from './row-store.svelte';

/** An order's key in every order store and blotter. */
export const orderKey = (row: OrderRow): number => row.orderId;
/** A fill's key. */
export const fillKey = (row: FillRow): string => row.fillId;
/** A position's key: one per login and symbol. */
/** A position row's key (shared/domain's rule, as main keys positions). */
export { positionKey };

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
    this.orders = new RowStore(orderKey, opts);
    this.workingOrders = new RowStore(orderKey, opts);
    this.fills = new RowStore(fillKey, opts);
    this.positions = new RowStore<string, PositionRow>(positionKey, opts);
  }

  /** Orders that can still trade (published with `orders`, once per frame). */
  get working(): readonly OrderRow[] {
    return this.workingOrders.rows;
  }

  /** Replaces every order (a snapshot). */
  resetOrders(rows: readonly OrderRow[]): void {
    this.orders.reset(rows);
    this.workingOrders.reset(this.orders.current().filter((row) => isWorkingStatus(row.status)));
  }

  /** Applies changed orders as main sent them, in order: O(changed orders) for both stores. */
  upsertOrders(rows: readonly OrderRow[]): void {
    this.orders.upsert(rows);
    const working: OrderRow[] = [];
    const done: number[] = [];
    // The last version of an order in the list is the one the order store now holds.
    for (const row of rows) {
      if (this.orders.get(row.orderId) !== row) continue;
      if (isWorkingStatus(row.status)) working.push(row);
      else done.push(row.orderId);
    }
    if (working.length > 0) this.workingOrders.upsert(working);
    if (done.length > 0) this.workingOrders.remove(done);
  }
}
