/**
 * The live state of one profile: orders and fills (loaded from the history
 * database, then kept current by the session), positions, quotes and
 * instruments. Every change is queued for persistence and for the renderer.
 */
import { formatPrice } from '../../shared/domain';
import type { FillRow, InstrumentInfo, Notification, OrderRow, Quote } from '../../shared/ipc';
import type {
  CanonicalExecution,
  CanonicalOrder,
  CanonicalOrderWithFills,
  QuotePayload,
  SymbolInfo,
} from '../../shared/protocol';
import { SymbolInfo as SymbolInfoSchema } from '../../shared/protocol';
import type { HistoryDb, WriteBatch } from '../db';
import { OrderStore, PositionBook, precisionLookup } from '../store';
import type { StoreChange, StoredFill } from '../store';
import type { EventBatcher } from './eventBatcher';

/** Recent orders loaded at start besides the working ones. */
const RECENT_ORDERS = 2000;

/** A fill row without the store's bookkeeping fields. */
export function toFillRow(fill: StoredFill | FillRow): FillRow {
  return {
    fillId: fill.fillId,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    login: fill.login,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    qty: fill.qty,
    time: fill.time,
    tradeId: fill.tradeId,
  };
}

/** State of the profile the user works with. */
export class LiveState {
  readonly instruments = new Map<string, SymbolInfo>();
  readonly quotes = new Map<string, Quote>();
  readonly store: OrderStore;
  readonly positions: PositionBook;
  /** Login used for orders the server sends without one. */
  defaultLogin = '';
  private writes: WriteBatch = { orders: [], fills: [], removedFillIds: [], audit: [] };
  /** Orders whose derived fills need exact ones (`orderstatus`). */
  readonly needsExactFills = new Set<number>();

  constructor(
    readonly profileId: string,
    private readonly db: HistoryDb,
    private readonly batcher: EventBatcher,
    private readonly notify: (
      kind: Notification['kind'],
      message: string,
      orderId: number | null,
    ) => void,
    private readonly now: () => number = Date.now,
  ) {
    const precision = precisionLookup(() => this.instruments);
    this.store = new OrderStore({
      precision,
      defaultLogin: () => this.defaultLogin,
      now: this.now,
    });
    this.positions = new PositionBook(precision);
    this.loadFromDb();
  }

  /** Instruments as the renderer sees them. */
  instrumentList(): InstrumentInfo[] {
    return [...this.instruments.values()];
  }

  /** Replaces the instrument list (persisted per profile). */
  setInstruments(list: readonly SymbolInfo[]): void {
    this.instruments.clear();
    for (const info of list) this.instruments.set(info.symbol, info);
    this.db.setValue(`instruments:${this.profileId}`, list);
    this.batcher.instruments(this.instrumentList());
    this.batcher.positions(this.positions.rows(this.quotes));
  }

  /** Applies an execution (notifying fills and rejects). */
  applyExecution(execution: CanonicalExecution): void {
    const change = this.store.applyExecution(execution);
    this.commit(change);
    for (const fill of change.fills) {
      // A derived fill without cumQuote has no reliable price yet: its exact fills will tell.
      if (fill.derived && execution.cummulativeQuoteQty === undefined) continue;
      const verb = fill.side === 'BUY' ? 'Bought' : 'Sold';
      this.notify('fill', `${verb} ${this.formatFill(fill)}`, fill.orderId);
    }
    if (execution.status === 'REJECTED' && change.orders.length > 0) {
      const why = execution.reason ? ` (${execution.reason})` : '';
      this.notify('reject', `Order ${execution.clientOrderId} rejected${why}`, execution.orderId);
    }
  }

  /** "2,000 EURUSD @ 1.08500": quantity grouped, price at the instrument's precision. */
  private formatFill(fill: { qty: number; symbol: string; price: number }): string {
    const info = this.instruments.get(fill.symbol);
    const qty = fill.qty.toLocaleString('en-US', {
      minimumFractionDigits: info?.qtyPrecision ?? 0,
      maximumFractionDigits: info?.qtyPrecision ?? 8,
    });
    const price = info ? formatPrice(fill.price, info) : String(fill.price);
    return `${qty} ${fill.symbol} @ ${price}`;
  }

  /** Applies order snapshots (a resync's `orders`). */
  applyOrders(orders: readonly CanonicalOrder[]): void {
    for (const order of orders) this.commit(this.store.apply(order));
  }

  /** Applies an `orderstatus` reply (exact fills replace derived ones). */
  applyOrderStatus(order: CanonicalOrderWithFills): void {
    this.needsExactFills.delete(order.orderId);
    this.commit(this.store.applyOrderStatus(order));
  }

  /** Applies a quote (and re-marks the symbol's positions). */
  applyQuote(quote: QuotePayload): void {
    this.quotes.set(quote.symbol, quote);
    this.batcher.quote(quote);
    const rows = this.positions
      .keysOfSymbol(quote.symbol)
      .flatMap((key) => this.positions.row(key, this.quotes) ?? []);
    this.batcher.positions(rows);
  }

  /** Queues a protocol frame for the audit table. */
  audit(direction: 'in' | 'out', frame: string, time: number): void {
    this.writes.audit.push({ direction, frame, time });
    this.batcher.touch();
  }

  /** Writes queued changes in one transaction. */
  persist(): void {
    const batch = this.writes;
    this.writes = { orders: [], fills: [], removedFillIds: [], audit: [] };
    this.db.write(this.profileId, batch);
  }

  /** Latest order change held (exchange time), from memory and database. */
  lastExecutionTime(): number | null {
    const fromStore = this.store.lastUpdate();
    const fromDb = this.db.lastUpdate(this.profileId);
    if (fromStore === null) return fromDb;
    return fromDb === null ? fromStore : Math.max(fromStore, fromDb);
  }

  /** Orders held as working, newest first. */
  workingOrders(): OrderRow[] {
    return this.store.workingOrders().sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private commit(change: StoreChange): void {
    if (change.orders.length + change.fills.length + change.removedFillIds.length === 0) return;
    this.writes.orders.push(...change.orders);
    if (change.removedFillIds.length > 0) {
      // A fill both written and removed within one batch must end removed.
      const removed = new Set(change.removedFillIds);
      this.writes.fills = this.writes.fills.filter((f) => !removed.has(f.fillId));
    }
    const upserted = new Set(change.fills.map((f) => f.fillId));
    this.writes.removedFillIds = this.writes.removedFillIds.filter((id) => !upserted.has(id));
    this.writes.removedFillIds.push(...change.removedFillIds.filter((id) => !upserted.has(id)));
    this.writes.fills.push(...change.fills);
    for (const id of change.needsExactFills) this.needsExactFills.add(id);
    const touched = new Set<string>();
    for (const id of change.removedFillIds) {
      const key = this.positions.remove(id);
      if (key) touched.add(key);
    }
    for (const fill of change.fills) touched.add(this.positions.upsert(fill));
    this.batcher.orders(change.orders);
    this.batcher.fills(change.fills.map(toFillRow));
    this.batcher.positions(
      [...touched].flatMap((key) => this.positions.row(key, this.quotes) ?? []),
    );
  }

  private loadFromDb(): void {
    const stored = this.db.getValue(`instruments:${this.profileId}`);
    const parsed = SymbolInfoSchema.array().safeParse(stored);
    if (parsed.success) for (const info of parsed.data) this.instruments.set(info.symbol, info);
    const recent = this.db.queryOrders(this.profileId, { limit: RECENT_ORDERS });
    const working = this.db.workingOrders(this.profileId);
    const fills = this.db.queryFills(this.profileId, {});
    this.store.load([...recent, ...working], fills);
    for (const fill of [...fills].reverse()) this.positions.upsert(fill);
  }
}
