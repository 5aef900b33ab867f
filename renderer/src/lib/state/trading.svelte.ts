/**
 * Orders, fills and positions as main sends them. Main's order store decides
 * which version of an order is the newest and sends only that, so rows are
 * applied as given: the renderer has no staleness rule of its own.
 *
 * Only the working orders are kept: the Order history reads main's database,
 * and keeping every order of a session made each batch's rows outlive the
 * garbage collector's young generation (bench/README.md, fifth session).
 */
import type { FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import { isWorkingStatus, positionKey } from '../../../../shared/domain';
import { FrameQueue, nextFrame } from './frame';
import { RowStore } from './row-store.svelte';

/** An order's key in every order store and blotter. */
export const orderKey = (row: OrderRow): number => row.orderId;
/** A fill's key. */
export const fillKey = (row: FillRow): string => row.fillId;
/** A position's key: one per login and symbol. */
/** A position row's key (shared/domain's rule, as main keys positions). */
export { positionKey };

/** A count bumped at most once a frame, in the frame that publishes the rows it stands for. */
export class FrameCounter {
  #version = $state(0);
  readonly #changes: FrameQueue<null>;

  constructor(schedule: (flush: () => void) => void = nextFrame) {
    this.#changes = new FrameQueue(() => (this.#version += 1), schedule);
  }

  /** How many frames had a change (reactive). */
  get version(): number {
    return this.#version;
  }

  /** Counts a change in the next frame (once, however many changes come before it). */
  note(): void {
    this.#changes.push([null]);
  }
}

/**
 * Fills the page keeps, the newest: a day of a busy account would otherwise hold
 * every fill of the session in the page (65,000 in the app bench's stream). The
 * Fills blotter pages them from main's database, and the chart asks main for the
 * fills of the bars it shows; the page needs only the recent ones.
 */
export const KEPT_FILLS = 5_000;

/**
 * A fill main derived from an order's executed quantity (executions missed while
 * disconnected): it has no trade id, and main replaces it with the exchange's own.
 */
export const isDerivedFill = (f: FillRow): boolean => f.tradeId === null;

export class TradingStore {
  /** Main sent order versions (any order, working or not): what the Order history follows. */
  readonly orderChanges: FrameCounter;
  /** The orders that can still trade, in O(changed orders) per batch, with a delta for the blotter. */
  readonly workingOrders: RowStore<number, OrderRow>;
  readonly fills: RowStore<string, FillRow>;
  readonly positions: RowStore<string, PositionRow>;

  constructor(schedule?: (flush: () => void) => void) {
    const opts = schedule ? { schedule } : {};
    this.orderChanges = new FrameCounter(schedule);
    this.workingOrders = new RowStore(orderKey, opts);
    // A fill main derived (executions missed while disconnected) is kept until main replaces
    // it with the exchange's exact ones: the chart counts it out when the store removes it.
    this.fills = new RowStore(fillKey, {
      ...opts,
      limit: KEPT_FILLS,
      keep: isDerivedFill,
    });
    this.positions = new RowStore<string, PositionRow>(positionKey, opts);
  }

  /** Orders that can still trade (published once per frame). */
  get working(): readonly OrderRow[] {
    return this.workingOrders.rows;
  }

  /** Replaces every order (a snapshot). */
  resetOrders(rows: readonly OrderRow[]): void {
    // The newest version of each order: the last one given.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const newest = new Map(rows.map((row) => [row.orderId, row]));
    this.workingOrders.reset([...newest.values()].filter((row) => isWorkingStatus(row.status)));
    this.orderChanges.note();
  }

  /** Applies changed orders as main sent them, in order: O(changed orders) for both stores. */
  upsertOrders(rows: readonly OrderRow[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const lastOf = new Map<number, OrderRow>();
    for (const row of rows) lastOf.set(row.orderId, row);
    const working: OrderRow[] = [];
    const done: number[] = [];
    // The last version of an order in the list is the one that counts.
    for (const row of rows) {
      if (lastOf.get(row.orderId) !== row) continue;
      if (isWorkingStatus(row.status)) working.push(row);
      else done.push(row.orderId);
    }
    if (working.length > 0) this.workingOrders.upsert(working);
    if (done.length > 0) this.workingOrders.remove(done);
    if (rows.length > 0) this.orderChanges.note();
  }
}
