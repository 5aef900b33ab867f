/**
 * Coalesces core events into one EventBatch at most every `intervalMs`, so
 * a busy market cannot flood the renderer: the latest connection status,
 * instruments, order rows, positions and quotes win; fills and
 * notifications are kept in order.
 */
import type {
  EventBatch,
  EventPayload,
  FillRow,
  Notification,
  OrderRow,
  PositionRow,
  Quote,
} from '../../shared/ipc';

/** A batcher of events with a flush hook (persistence writes before listeners see the batch). */
export class EventBatcher {
  private connectionStatus: EventPayload<'connection'> | null = null;
  private instrumentList: EventPayload<'instruments'> | null = null;
  private readonly orderRows = new Map<number, OrderRow>();
  private fillRows: FillRow[] = [];
  private readonly positionRows = new Map<string, PositionRow>();
  private readonly quoteRows = new Map<string, Quote>();
  private notes: Notification[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(batch: EventBatch) => void>();

  constructor(
    private readonly intervalMs: number,
    private readonly beforeFlush: () => void,
    private readonly log: (line: string) => void,
  ) {}

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
    this.fillRows.push(...rows);
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

  /** Queues a notification. */
  notification(note: Notification): void {
    this.notes.push(note);
    this.schedule();
  }

  /** Marks that something (e.g. a persistence write) needs a flush. */
  touch(): void {
    this.schedule();
  }

  /** Flushes at once: persistence first, then one batch to every listener. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.beforeFlush();
    } catch (error) {
      this.log(
        `core: persistence failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const batch = this.take();
    if (!batch) return;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.log(
          `core: event listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  /** Drops a pending timer (on close, after a final flush). */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  private take(): EventBatch | null {
    const batch: EventBatch = {};
    if (this.connectionStatus) batch.connection = [this.connectionStatus];
    if (this.instrumentList) batch.instruments = [this.instrumentList];
    if (this.orderRows.size > 0) batch.orders = [[...this.orderRows.values()]];
    if (this.fillRows.length > 0) batch.fills = [this.fillRows];
    if (this.positionRows.size > 0) batch.positions = [[...this.positionRows.values()]];
    if (this.quoteRows.size > 0) batch.quotes = [[...this.quoteRows.values()]];
    if (this.notes.length > 0) batch.notification = this.notes;
    this.connectionStatus = null;
    this.instrumentList = null;
    this.orderRows.clear();
    this.fillRows = [];
    this.positionRows.clear();
    this.quoteRows.clear();
    this.notes = [];
    return Object.keys(batch).length > 0 ? batch : null;
  }
}
