/**
 * Coalesces core events into one EventBatch at most every `intervalMs`, so
 * a busy market cannot flood the renderer: the latest connection status,
 * instruments, order rows, positions and quotes win; fills and
 * notifications are kept in order (a notification sent again under its id
 * replaces the earlier one in place).
 *
 * Nothing the database must hold is shown before it committed: each flush
 * first persists; when that fails, order rows, fills, positions and trade
 * notifications stay held (the writes stay queued in the live state) and the
 * persist is retried with backoff; the renderer gets a `storage` status
 * meanwhile and everything held once a retry commits.
 */
import type { Timers } from '../session';
import type {
  EventBatch,
  EventPayload,
  FillRow,
  Notification,
  OrderRow,
  PositionRow,
  Quote,
  StorageStatus,
} from '../../shared/ipc';

/** Retry delays of a failing persist: doubling from `initialMs` up to `maxMs`. */
export interface PersistRetry {
  initialMs: number;
  maxMs: number;
}

/** Default persist retry: 250 ms doubling to 5 s. */
const PERSIST_RETRY: PersistRetry = { initialMs: 250, maxMs: 5000 };

/** Notifications about trades: held with the rows they describe until those are committed. */
const TRADE_NOTES: ReadonlySet<Notification['kind']> = new Set(['fill', 'reject', 'order']);

/** What the batcher tells its owner about persistence. */
export interface PersistHooks {
  /** Writes everything queued; throws when the database refused. */
  persist(): void;
  /** Called when saving starts failing (`error`) and when it recovers (null). */
  onStorageChange?(error: Error | null): void;
}

/** The platform's timers (tests inject their own clock). */
const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A batcher of events with a persist hook (writes commit before listeners see the batch). */
export class EventBatcher {
  private connectionStatus: EventPayload<'connection'> | null = null;
  private instrumentList: EventPayload<'instruments'> | null = null;
  private storageStatus: StorageStatus | null = null;
  private profileChange: EventPayload<'profileChanged'> | null = null;
  private readonly orderRows = new Map<number, OrderRow>();
  private fillRows: FillRow[] = [];
  private readonly positionRows = new Map<string, PositionRow>();
  private readonly quoteRows = new Map<string, Quote>();
  /** By id, in the order first queued (a note sent again replaces its entry in place). */
  private notes = new Map<string, Notification>();
  private timer: unknown = null;
  private retryTimer: unknown = null;
  private retryDelay = 0;
  /** The error of the failing episode, or null while saving works. */
  private failure: Error | null = null;
  private readonly listeners = new Set<(batch: EventBatch) => void>();
  private readonly hooks: PersistHooks;

  constructor(
    private readonly intervalMs: number,
    hooks: PersistHooks | (() => void),
    private readonly log: (line: string) => void,
    private readonly retry: PersistRetry = PERSIST_RETRY,
    private readonly timers: Timers = REAL_TIMERS,
  ) {
    this.hooks = typeof hooks === 'function' ? { persist: hooks } : hooks;
  }

  /** The current saving state. */
  get storage(): StorageStatus {
    return this.failure
      ? {
          state: 'failing',
          message: storageMessage(this.failure),
          retryInMs: this.retryTimer ? this.retryDelay : null,
        }
      : { state: 'ok', message: null, retryInMs: null };
  }

  /** Subscribes to batches; returns the unsubscribe function. */
  subscribe(listener: (batch: EventBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues the latest connection status. */
  connection(status: EventPayload<'connection'>): void {
    this.connectionStatus = status;
    this.schedule();
  }

  /** Queues the instrument list. */
  instruments(list: EventPayload<'instruments'>): void {
    this.instrumentList = list;
    this.schedule();
  }

  /** Queues changed order rows. */
  orders(rows: readonly OrderRow[]): void {
    for (const row of rows) this.orderRows.set(row.orderId, row);
    if (rows.length > 0) this.schedule();
  }

  /** Queues new fills. */
  fills(rows: readonly FillRow[]): void {
    // One by one: spreading a resync's hundreds of thousands of rows into push() overflows
    // the stack (each row becomes an argument).
    for (const row of rows) this.fillRows.push(row);
    if (rows.length > 0) this.schedule();
  }

  /** Queues changed positions. */
  positions(rows: readonly PositionRow[]): void {
    for (const row of rows) this.positionRows.set(`${row.login}\u0000${row.symbol}`, row);
    if (rows.length > 0) this.schedule();
  }

  /** Queues a quote. */
  quote(quote: Quote): void {
    this.quoteRows.set(quote.symbol, quote);
    this.schedule();
  }

  /** Queues a notification (one with a queued id replaces it in place). */
  notification(note: Notification): void {
    // A Map keeps a replaced entry where it was: no search through a busy batch's notes.
    this.notes.set(note.id, note);
    this.schedule();
  }

  /**
   * The connected profile changed: drops the rows queued for the old one (its
   * writes were persisted by the flush before) and tells the renderer to reload.
   */
  profileChanged(profileId: string): void {
    this.orderRows.clear();
    this.fillRows = [];
    this.positionRows.clear();
    this.quoteRows.clear();
    this.notes = this.keepNotes((n) => !TRADE_NOTES.has(n.kind));
    this.profileChange = { profileId };
    this.schedule();
  }

  /** Marks that something (e.g. a persistence write) needs a flush. */
  touch(): void {
    this.schedule();
  }

  /** Flushes at once: persistence first (retried now even while backing off), then one batch. */
  flush(): void {
    this.run(true);
  }

  /** Drops pending timers (on close, after a final flush). */
  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
    this.listeners.clear();
  }

  private run(attemptPersist: boolean): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    // While failing, only the retry timer (or an explicit flush) tries again: backoff.
    const committed = attemptPersist || this.failure === null ? this.persist() : false;
    const batch = this.take(committed);
    if (!batch) return;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.log(`core: event listener failed: ${messageOf(error)}`);
      }
    }
  }

  /** Persists; on failure enters (or stays in) the failing episode and schedules a retry. */
  private persist(): boolean {
    try {
      this.hooks.persist();
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const first = this.failure === null;
      this.failure = err;
      this.retryDelay =
        first || this.retryDelay === 0
          ? this.retry.initialMs
          : Math.min(this.retry.maxMs, this.retryDelay * 2);
      if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = this.timers.setTimeout(() => {
        this.retryTimer = null;
        this.run(true);
      }, this.retryDelay);
      this.log(`core: ${storageMessage(err)} (retrying in ${this.retryDelay} ms)`);
      this.storageStatus = this.storage;
      if (first) this.hooks.onStorageChange?.(err);
      return false;
    }
    if (this.failure !== null) {
      this.failure = null;
      this.retryDelay = 0;
      if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.log('core: history saved again');
      this.storageStatus = this.storage;
      this.hooks.onStorageChange?.(null);
    }
    return true;
  }

  private schedule(): void {
    if (this.timer === null)
      this.timer = this.timers.setTimeout(() => this.run(false), this.intervalMs);
  }

  /** The queued notes that pass `keep`, in their order. */
  private keepNotes(keep: (n: Notification) => boolean): Map<string, Notification> {
    return new Map([...this.notes].filter(([, n]) => keep(n)));
  }

  /** Takes what may be shown: everything when committed, else only what needs no commit. */
  private take(committed: boolean): EventBatch | null {
    const batch: EventBatch = {};
    if (this.profileChange) batch.profileChanged = [this.profileChange];
    if (this.storageStatus) batch.storage = [this.storageStatus];
    if (this.connectionStatus) batch.connection = [this.connectionStatus];
    if (this.instrumentList) batch.instruments = [this.instrumentList];
    if (this.quoteRows.size > 0) batch.quotes = [[...this.quoteRows.values()]];
    this.profileChange = null;
    this.storageStatus = null;
    this.connectionStatus = null;
    this.instrumentList = null;
    this.quoteRows.clear();
    if (committed) {
      if (this.orderRows.size > 0) batch.orders = [[...this.orderRows.values()]];
      if (this.fillRows.length > 0) batch.fills = [this.fillRows];
      if (this.positionRows.size > 0) batch.positions = [[...this.positionRows.values()]];
      if (this.notes.size > 0) batch.notification = [...this.notes.values()];
      this.orderRows.clear();
      this.fillRows = [];
      this.positionRows.clear();
      this.notes = new Map();
    } else {
      // Trade notes wait with their rows; the rest (the failure itself, links) go now.
      const now = [...this.notes.values()].filter((n) => !TRADE_NOTES.has(n.kind));
      if (now.length > 0) batch.notification = now;
      this.notes = this.keepNotes((n) => TRADE_NOTES.has(n.kind));
    }
    return Object.keys(batch).length > 0 ? batch : null;
  }
}

/** The banner's words for a failing save. */
export function storageMessage(error: Error): string {
  return `History cannot be saved: ${error.message}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
