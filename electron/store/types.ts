/** Types of the order store. */
import type { FillRow, OrderRow } from '../../shared/ipc';

/** A fill as the store keeps it: the blotter row plus where it sits in its order. */
export interface StoredFill extends FillRow {
  /** The order's executedQty right after this fill. */
  cumQty: number;
  /** True when inferred from executedQty/cummulativeQuoteQty deltas (an exact fill replaces it). */
  derived: boolean;
}

/** What one update changed. */
export interface StoreChange {
  /** Newest versions of orders that changed. */
  orders: OrderRow[];
  /** Fills added or replaced (same fillId: replace). */
  fills: StoredFill[];
  /** Fills that no longer exist (a derived fill an exact list did not confirm). */
  removedFillIds: string[];
  /** Orders whose fills were derived without a price: ask `orderstatus` for the exact ones. */
  needsExactFills: number[];
}

/** An empty change. */
export function emptyChange(): StoreChange {
  return { orders: [], fills: [], removedFillIds: [], needsExactFills: [] };
}
