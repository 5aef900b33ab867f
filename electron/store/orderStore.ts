/**
 * The local copy of the exchange's orders: one row per orderId (its newest
 * version) and its fills. Pure: no I/O, no clock reads.
 */
import type { OrderRow } from '../../shared/ipc';
import { isWorkingStatus } from '../../shared/domain';
import type {
  CanonicalExecution,
  CanonicalOrder,
  CanonicalOrderWithFills,
} from '../../shared/protocol';
import { toFixed } from '../../shared/domain/decimal';
import { addReportedFill, coverTo, coveredQuote, replaceWithExact } from './orderFills';
import type { FillOwner, OrderFills } from './orderFills';
import { isReusedId, isStale, toOrderRow } from './orderRow';
import type { Precision } from './precision';
import { emptyChange } from './types';
import type { StoreChange, StoredFill } from './types';

/** Settings of an order store. */
export interface OrderStoreOptions {
  /** Precision by symbol. */
  precision: (symbol: string) => Precision;
  /** Login of orders the server sends without one. */
  defaultLogin: () => string;
  /** The time to give an order a server sent without one, when none is held (the receipt time). */
  now: () => number;
}

/** Orders and fills of one profile. */
export class OrderStore {
  private readonly rowsById = new Map<number, OrderRow>();
  private readonly fillsById = new Map<number, OrderFills>();

  constructor(private readonly options: OrderStoreOptions) {}

  /** Loads persisted rows and fills (no change is reported). */
  load(rows: readonly OrderRow[], fills: readonly StoredFill[]): void {
    for (const row of rows) {
      const held = this.rowsById.get(row.orderId);
      if (!held || held.updatedAt <= row.updatedAt) this.rowsById.set(row.orderId, row);
    }
    for (const fill of fills) {
      const list = this.fillsById.get(fill.orderId) ?? [];
      if (!list.some((f) => f.fillId === fill.fillId)) list.push(fill);
      this.fillsById.set(fill.orderId, list);
    }
    for (const list of this.fillsById.values()) list.sort((a, b) => a.cumQty - b.cumQty);
  }

  /** Applies an execution: with a `fills` list (current revision) the list is exact, else as `apply`. */
  applyExecution(execution: CanonicalExecution): StoreChange {
    const { fills } = execution;
    return fills ? this.applyOrderStatus({ ...execution, fills }) : this.apply(execution);
  }

  /** Applies an order snapshot or execution; stale versions change the row not, but their fill still counts. */
  apply(order: CanonicalOrder | CanonicalExecution): StoreChange {
    const change = emptyChange();
    const held = this.rowsById.get(order.orderId);
    const at = order.transactTime ?? held?.updatedAt ?? this.options.now();
    const login = order.login ?? held?.login ?? this.options.defaultLogin();
    const owner: FillOwner = {
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      login,
      symbol: order.symbol,
      side: order.side,
    };
    const precision = this.options.precision(order.symbol);
    // Another order under a reused id starts its own fills (the old ones stay where they are).
    const reused = held !== undefined && isReusedId(order, held);
    const fills = (reused ? undefined : this.fillsById.get(order.orderId)) ?? [];
    this.fillsById.set(order.orderId, fills);

    const lastQty = 'lastQty' in order ? order.lastQty : undefined;
    const lastPrice = 'lastPrice' in order ? order.lastPrice : undefined;
    if (lastQty !== undefined && lastPrice !== undefined && lastQty > 0) {
      const tradeId = 'tradeId' in order && order.tradeId !== undefined ? order.tradeId : null;
      const { upserted, removed } = addReportedFill(
        fills,
        owner,
        {
          price: lastPrice,
          qty: lastQty,
          cumQty: order.executedQty,
          tradeId,
          time: at,
        },
        order.cummulativeQuoteQty,
        precision,
      );
      change.fills.push(...upserted);
      change.removedFillIds.push(...removed);
    }
    if (toFixed(order.executedQty) > 0n) {
      const fallback = order.price > 0 ? order.price : null;
      const derived = coverTo(
        fills,
        owner,
        order.executedQty,
        order.cummulativeQuoteQty,
        fallback,
        at,
        precision,
      );
      if (derived) {
        change.fills.push(derived);
        // Executions were missed: ask for the exact fills (tradeIds, one row per trade) even
        // when cumQuote prices the derived one right.
        change.needsExactFills.push(order.orderId);
      }
    }

    if (!isStale(order, held)) {
      // Another order under a reused id inherits nothing from the one held (its time, OCO link).
      const previous = reused ? undefined : held;
      const row = toOrderRow(order, previous, login, precision, coveredQuote(fills), at);
      if (!held || !sameRow(held, row)) {
        this.rowsById.set(order.orderId, row);
        change.orders.push(row);
      }
    } else if (held && at < held.createdAt) {
      // An older version still tells when the order was first seen.
      const row = { ...held, createdAt: at };
      this.rowsById.set(order.orderId, row);
      change.orders.push(row);
    }
    return change;
  }

  /** Applies an `orderstatus` reply: the row, and its exact fills replacing derived ones. */
  applyOrderStatus(order: CanonicalOrderWithFills): StoreChange {
    const change = this.apply(order);
    const held = this.rowsById.get(order.orderId);
    const fills = this.fillsById.get(order.orderId) ?? [];
    const owner: FillOwner = {
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      login: held?.login ?? order.login ?? this.options.defaultLogin(),
      symbol: order.symbol,
      side: order.side,
    };
    // Only a list covering what is known is authoritative (a stale reply is not).
    const exactQty = order.fills.reduce((sum, f) => sum + toFixed(f.qty), 0n);
    if (held && exactQty >= toFixed(held.executedQty) && exactQty === toFixed(order.executedQty)) {
      const { upserted, removed } = replaceWithExact(fills, owner, order.fills, held.updatedAt);
      this.fillsById.set(order.orderId, fills);
      const upsertedIds = new Set(upserted.map((f) => f.fillId));
      change.fills = [...change.fills.filter((f) => !upsertedIds.has(f.fillId)), ...upserted];
      change.fills = change.fills.filter((f) => fills.some((g) => g.fillId === f.fillId));
      change.removedFillIds.push(...removed);
      change.needsExactFills = [];
      // Without cummulativeQuoteQty the row's quote amount and average come from the exact fills.
      if (order.cummulativeQuoteQty === undefined && fills.length > 0) {
        const row = toOrderRow(
          order,
          held,
          held.login,
          this.options.precision(order.symbol),
          coveredQuote(fills),
          held.updatedAt,
        );
        this.rowsById.set(order.orderId, row);
        change.orders = [row];
      }
    }
    return change;
  }

  /** The newest version of one order. */
  get(orderId: number): OrderRow | undefined {
    return this.rowsById.get(orderId);
  }

  /** Finds an order by its clientOrderId. */
  byClientOrderId(clientOrderId: string): OrderRow | undefined {
    for (const row of this.rowsById.values()) if (row.clientOrderId === clientOrderId) return row;
    return undefined;
  }

  /** Every order held. */
  rows(): OrderRow[] {
    return [...this.rowsById.values()];
  }

  /** Orders held as working (NEW, PARTIALLY_FILLED). */
  workingOrders(): OrderRow[] {
    return this.rows().filter((row) => isWorkingStatus(row.status));
  }

  /** Fills of one order, by cumulative quantity. */
  fillsOf(orderId: number): StoredFill[] {
    return [...(this.fillsById.get(orderId) ?? [])];
  }

  /** How many fills one order has (no copy: it runs for every filled order of a batch). */
  fillCount(orderId: number): number {
    return this.fillsById.get(orderId)?.length ?? 0;
  }

  /** Every fill held. */
  allFills(): StoredFill[] {
    return [...this.fillsById.values()].flat();
  }

  /** Latest transactTime held (exchange time), or null when empty. */
  lastUpdate(): number | null {
    let last: number | null = null;
    for (const row of this.rowsById.values())
      if (last === null || row.updatedAt > last) last = row.updatedAt;
    return last;
  }
}

function sameRow(a: OrderRow, b: OrderRow): boolean {
  return (Object.keys(a) as Array<keyof OrderRow>).every((key) => a[key] === b[key]);
}
