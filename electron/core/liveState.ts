/**
 * The live state of one profile: orders and fills (loaded from the history
 * database, then kept current by the session), positions, quotes and
 * instruments. Every change is queued for persistence and for the renderer.
 */
import { isFinalStatus } from '../../shared/domain';
import type { FillRow, InstrumentInfo, Notification, OrderRow, Quote } from '../../shared/ipc';
import type {
  CanonicalExecution,
  CanonicalOrder,
  CanonicalOrderWithFills,
  QuotePayload,
} from '../../shared/protocol';
import { InstrumentInfo as InstrumentInfoSchema } from '../../shared/ipc';
import { loadAccountSettings } from '../account/settings';
import { isAudited, type HistoryDb, type WriteBatch } from '../db';
import { NOT_AT_EXCHANGE, OrderStore, PositionBook, precisionLookup } from '../store';
import type { StoreChange, StoredFill } from '../store';
import { fillSummary, unsolicitedChange, type UserAction } from './announcements';
import type { EventBatcher } from './eventBatcher';
import { localRejectRow, type RejectedRequest } from './localRejects';

/** Tells the user something; `id` set: a later note with the same id replaces this one. */
export type Notify = (
  kind: Notification['kind'],
  message: string,
  orderId: number | null,
  id?: string,
) => void;

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
  readonly instruments = new Map<string, InstrumentInfo>();
  readonly quotes = new Map<string, Quote>();
  readonly store: OrderStore;
  readonly positions: PositionBook;
  /** Login used for orders the server sends without one. */
  defaultLogin = '';
  private writes: WriteBatch = { orders: [], fills: [], removedFillIds: [], audit: [] };
  /** Orders whose derived fills need exact ones (`orderstatus`). */
  readonly needsExactFills = new Set<number>();
  /** What the user just asked of an order: its next change of that kind is not announced. */
  private readonly asked = new Map<number, UserAction>();
  /** The next local orderId (negative) for an order the exchange refused without one. */
  private nextLocalOrderId = -1;
  /** A profile switched away from: its writes still persist, the renderer hears no more of it. */
  private retired = false;

  constructor(
    readonly profileId: string,
    private readonly db: HistoryDb,
    private readonly batcher: EventBatcher,
    private readonly notify: Notify,
    private readonly now: () => number = Date.now,
  ) {
    const precision = precisionLookup(() => this.instruments);
    this.store = new OrderStore({
      precision,
      defaultLogin: () => this.defaultLogin,
      now: this.now,
    });
    // Realized P&L follows the account's method from the first position shown.
    this.positions = new PositionBook(precision, loadAccountSettings(db, profileId).method);
    this.loadFromDb();
  }

  /** Instruments as the renderer sees them. */
  instrumentList(): InstrumentInfo[] {
    return [...this.instruments.values()];
  }

  /** Replaces the instrument list (persisted per profile). */
  setInstruments(list: readonly InstrumentInfo[]): void {
    this.instruments.clear();
    for (const info of list) this.instruments.set(info.symbol, info);
    this.db.setProfileValue('instruments', this.profileId, list);
    this.batcher.instruments(this.instrumentList());
    this.batcher.positions(this.positions.rows(this.quotes));
  }

  /** Applies an execution (announcing fills, rejects and changes the user did not ask for). */
  applyExecution(execution: CanonicalExecution): void {
    const held = this.store.get(execution.orderId);
    const change = this.store.applyExecution(execution);
    // A derived fill without cumQuote has no reliable price yet: its exact fills will tell.
    const priced = change.fills.some(
      (f) => !f.derived || execution.cummulativeQuoteQty !== undefined,
    );
    this.commit(change, new Map([[execution.orderId, held]]), priced);
  }

  /** Applies order snapshots (a resync's `orders`): what changed meanwhile is announced. */
  applyOrders(orders: readonly CanonicalOrder[]): void {
    for (const order of orders) {
      const held = this.store.get(order.orderId);
      this.commit(this.store.apply(order), new Map([[order.orderId, held]]), true);
    }
  }

  /** Applies an `orderstatus` reply (exact fills replace derived ones). */
  applyOrderStatus(order: CanonicalOrderWithFills): void {
    this.needsExactFills.delete(order.orderId);
    const held = this.store.get(order.orderId);
    this.commit(this.store.applyOrderStatus(order), new Map([[order.orderId, held]]), true);
  }

  /**
   * Closes an order held as working that the exchange answered it does not know
   * (a lookup at the resync): it lost the order (a reset) or the profile now
   * signs in to another account. Nothing can cancel or fill it through this
   * session, so it must not stay in Working, on the chart or in a plan for good
   * (nor be looked up at every reconnect). It becomes CANCELED with the local
   * reason NOT_AT_EXCHANGE, and the user is told once in those words.
   */
  closeUnknownOrder(orderId: number): void {
    const held = this.store.get(orderId);
    if (!held || isFinalStatus(held.status)) return;
    const closed: CanonicalOrder = {
      symbol: held.symbol,
      type: held.type,
      orderId,
      clientOrderId: held.clientOrderId,
      // Its last exchange time: a local time must not steer a resync (lastExecutionTime).
      transactTime: held.updatedAt,
      price: held.price ?? 0,
      ...(held.stopPrice === null ? {} : { stopPrice: held.stopPrice }),
      origQty: held.origQty,
      executedQty: held.executedQty,
      cummulativeQuoteQty: held.cumQuote,
      status: 'CANCELED',
      timeInForce: held.timeInForce,
      ...(held.expiresAt === null
        ? {}
        : { timeInForceDate: new Date(held.expiresAt).toISOString() }),
      side: held.side,
      login: held.login,
      ...(held.ocoOrderId === null ? {} : { ocoOrderId: held.ocoOrderId }),
      triggered: held.triggered,
      reason: NOT_AT_EXCHANGE,
    };
    this.commit(this.store.apply(closed), new Map([[orderId, held]]), false);
  }

  /** The user is cancelling or modifying an order now: its result is no surprise to announce. */
  expectUserAction(orderId: number, action: UserAction): void {
    this.asked.set(orderId, action);
    // Cancelling one OCO leg cancels its sibling: the user caused that too.
    const sibling = this.store.get(orderId)?.ocoOrderId;
    if (action === 'cancel' && sibling) this.asked.set(sibling, 'cancel');
  }

  /** The user's request failed: the order's next change is again the exchange's own. */
  forgetUserAction(orderId: number): void {
    this.asked.delete(orderId);
  }

  /**
   * Records an order the exchange refused with an error reply (no execution, no
   * orderId) as a REJECTED row under a local negative orderId, and announces it once.
   */
  recordRejected(request: RejectedRequest, reason: string): OrderRow {
    if (this.nextLocalOrderId === -1) {
      const lowest = this.db.lowestOrderId(this.profileId);
      this.nextLocalOrderId = Math.min(-1, (lowest ?? 0) - 1);
    }
    const row = localRejectRow(request, this.nextLocalOrderId, reason, this.now());
    this.nextLocalOrderId -= 1;
    // Not in the order store: it never trades, and its local time must not steer a resync.
    this.writes.orders.push(row);
    this.announceReject(row, reason);
    if (!this.retired) this.batcher.orders([row]);
    return row;
  }

  private announceReject(row: OrderRow, reason: string): void {
    const what = `${row.side} ${row.origQty} ${row.symbol}`;
    this.notify('reject', `${what} rejected: ${reason}`, row.orderId);
  }

  /** Stops talking to the renderer (the user switched profiles); writes still persist. */
  retire(): void {
    this.retired = true;
  }

  /** True when writes wait for the database. */
  get hasUnsavedWrites(): boolean {
    const w = this.writes;
    return w.orders.length + w.fills.length + w.removedFillIds.length + w.audit.length > 0;
  }

  /** Applies a quote (and re-marks the symbol's positions). */
  applyQuote(quote: QuotePayload): void {
    this.quotes.set(quote.symbol, quote);
    if (this.retired) return;
    this.batcher.quote(quote);
    const rows = this.positions
      .keysOfSymbol(quote.symbol)
      .flatMap((key) => this.positions.row(key, this.quotes) ?? []);
    this.batcher.positions(rows);
  }

  /** Queues a protocol frame for the audit table (market data is not audited). */
  audit(direction: 'in' | 'out', frame: string, time: number): void {
    if (!isAudited(frame)) return;
    this.writes.audit.push({ direction, frame, time });
    this.batcher.touch();
  }

  /** Writes queued changes in one transaction; on failure they stay queued (throws). */
  persist(): void {
    const batch = this.writes;
    // Cleared only after the commit: a failed write keeps everything for the retry.
    this.db.write(this.profileId, batch);
    this.writes = { orders: [], fills: [], removedFillIds: [], audit: [] };
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

  private commit(
    change: StoreChange,
    held: ReadonlyMap<number, OrderRow | undefined>,
    announceFills: boolean,
  ): void {
    if (change.orders.length + change.fills.length + change.removedFillIds.length === 0) return;
    this.announce(change, held, announceFills);
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
    if (this.retired) return;
    this.batcher.orders(change.orders);
    this.batcher.fills(change.fills.map(toFillRow));
    this.batcher.positions(
      [...touched].flatMap((key) => this.positions.row(key, this.quotes) ?? []),
    );
  }

  /** Announces once what a change did: fills (one updating note per order), rejects, surprises. */
  private announce(
    change: StoreChange,
    held: ReadonlyMap<number, OrderRow | undefined>,
    announceFills: boolean,
  ): void {
    const filled = new Set(change.fills.map((f) => f.orderId));
    if (announceFills) {
      for (const orderId of filled) {
        const row = this.store.get(orderId);
        if (!row) continue;
        const info = this.instruments.get(row.symbol);
        const count = this.store.fillCount(orderId);
        this.notify('fill', fillSummary(row, count, info), orderId, this.fillNoteId(orderId));
      }
    }
    for (const row of change.orders) {
      const before = held.get(row.orderId);
      if (row.status === 'REJECTED') {
        if (before?.status !== 'REJECTED')
          this.announceReject(row, row.lastReason ?? 'no reason given');
        continue;
      }
      const asked = this.asked.get(row.orderId);
      const message = unsolicitedChange(before, row, asked, this.instruments.get(row.symbol));
      if (message) this.notify('order', message, row.orderId);
      // A cancel is answered by the order closing, a modify by its terms changing (a fill
      // meanwhile answers neither).
      const terms = (r: OrderRow): string => `${r.price}/${r.stopPrice}/${r.origQty}`;
      if (
        asked &&
        (isFinalStatus(row.status) ||
          (asked === 'modify' && before !== undefined && terms(before) !== terms(row)))
      )
        this.asked.delete(row.orderId);
    }
  }

  /** One notification per order's fills, updated by each new one. */
  private fillNoteId(orderId: number): string {
    return `fills-${this.profileId}-${orderId}`;
  }

  private loadFromDb(): void {
    const stored = this.db.getProfileValue('instruments', this.profileId);
    const parsed = InstrumentInfoSchema.array().safeParse(stored);
    if (parsed.success) for (const info of parsed.data) this.instruments.set(info.symbol, info);
    const recent = this.db.queryOrders(this.profileId, { limit: RECENT_ORDERS });
    const working = this.db.workingOrders(this.profileId);
    const fills = this.db.queryFills(this.profileId, {});
    // Local reject rows never trade and carry local time: the store holds exchange orders only.
    this.store.load(
      [...recent, ...working].filter((row) => row.orderId > 0),
      fills,
    );
    for (const fill of [...fills].reverse()) this.positions.upsert(fill);
  }
}
