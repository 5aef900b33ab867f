/**
 * The queue of executions: each one a row of typed-array columns holding a
 * copy of its order's state at that moment (the engine reuses the slots of
 * orders it forgets, so nothing may read the store later). Queuing writes a
 * row and allocates nothing; an object exists only when someone asks for
 * one: `drainExecutions()` materialises one copy per row (the API tests and
 * the market driver use), `drainEach` shows every row through one reused
 * view (the server and the bench), so executions nobody reads cost no
 * object and no garbage. The executions of a login nobody watches
 * (`Account.watched`, set by `Engine.watchLogins`) are bare rows: the
 * orderId and the account only, which is all a journal needs.
 */
import type { ExecutionEvent, ExecutionView } from './api';
import type { Account } from './account';
import type { SymbolBook } from './book';
import type { OrderExtra, OrderStore } from './order';
import type { OrderView } from './wire';
import { QueuedExecution, payloadJsonOf, payloadOf } from './wire';

// A row's numbers, at these offsets of its stride in `rows`.
const ID = 0;
/** The order's packed side, type, TIF, status and flags (order.ts). */
const PACKED = 1;
const BOOK = 2;
const ACCOUNT = 3;
const PRICE = 4;
const QTY = 5;
const FILLED = 6;
const QUOTE = 7;
const TIME = 8;
const LAST_TICKS = 9;
const LAST_LOTS = 10;
const TRADE_ID = 11;
const STRIDE = 12;
/** PACKED of a bare row (a real one is a 16-bit pattern, never negative). */
const BARE = -1;

const FIRST_CAPACITY = 64;

/**
 * Queued executions as rows (reused after every drain, never shrunk). A
 * row's numbers sit side by side in one Float64Array (row-major: queuing one
 * touches one or two cache lines and one buffer, not a column each); the
 * reason and the extra record, which are references, in two plain arrays.
 */
export class ExecutionLog {
  /** Queued rows: [0, count). */
  count = 0;
  rows = new Float64Array(FIRST_CAPACITY * STRIDE);
  /** References, no allocation: reasons are the callers' strings, extras are never changed (order.ts). */
  readonly reason: string[] = [];
  readonly extra: Array<OrderExtra | undefined> = [];

  constructor(readonly store: OrderStore) {}

  /**
   * Queues the current state of order `o`; fill details when `lastLots` > 0.
   * For a login nobody watches, only its orderId and account (a bare row).
   */
  append(o: number, reason: string, lastTicks: number, lastLots: number, tradeId: number): void {
    const s = this.store;
    const r = this.count;
    const at = r * STRIDE;
    if (at === this.rows.length) this.grow();
    const rows = this.rows;
    this.count = r + 1;
    const account = s.accountNo[o] as number;
    rows[at + ID] = s.id[o] as number;
    rows[at + ACCOUNT] = account;
    if (!(s.accounts[account] as Account).watched) {
      // No reason or extra either: `clear` left the row's extra undefined,
      // and nothing reads the reason of a bare row.
      rows[at + PACKED] = BARE;
      return;
    }
    rows[at + PACKED] = s.packed[o] as number;
    rows[at + BOOK] = s.bookNo[o] as number;
    rows[at + PRICE] = s.price[o] as number;
    rows[at + QTY] = s.qty[o] as number;
    rows[at + FILLED] = s.filled[o] as number;
    rows[at + QUOTE] = s.quoteOf(o);
    rows[at + TIME] = s.time[o] as number;
    rows[at + LAST_TICKS] = lastTicks;
    rows[at + LAST_LOTS] = lastLots;
    rows[at + TRADE_ID] = tradeId;
    this.reason[r] = reason;
    this.extra[r] = s.extraOf(o);
  }

  /** Number `field` of row `r`. */
  at(r: number, field: number): number {
    return this.rows[r * STRIDE + field] as number;
  }

  /** Whether row `r` is bare: orderId and login only, no payload. */
  isBare(r: number): boolean {
    return this.rows[r * STRIDE + PACKED] === BARE;
  }

  /** The book of row `r`. */
  bookAt(r: number): SymbolBook {
    return this.store.books[this.at(r, BOOK)] as SymbolBook;
  }

  /** The login of row `r`. */
  loginAt(r: number): string {
    return (this.store.accounts[this.at(r, ACCOUNT)] as { login: string }).login;
  }

  /** An execution object of row `r` that stays valid after the drain (not of a bare row). */
  copyOf(r: number): ExecutionEvent {
    if (this.isBare(r)) throw new Error(bareError(this.loginAt(r)));
    const at = r * STRIDE;
    const rows = this.rows;
    return new QueuedExecution(
      this.bookAt(r),
      rows[at + ID] as number,
      this.loginAt(r),
      rows[at + PACKED] as number,
      rows[at + PRICE] as number,
      rows[at + QTY] as number,
      rows[at + FILLED] as number,
      rows[at + QUOTE] as number,
      rows[at + TIME] as number,
      this.extra[r],
      this.reason[r] as string,
      rows[at + LAST_TICKS] as number,
      rows[at + LAST_LOTS] as number,
      rows[at + TRADE_ID] as number,
    );
  }

  /** Forgets every row (dropping the references they held). */
  clear(): void {
    const n = this.count;
    const extra = this.extra;
    for (let r = 0; r < n; r++) extra[r] = undefined;
    this.count = 0;
  }

  private grow(): void {
    const rows = new Float64Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }
}

/**
 * One row of the log seen through a reused object: what `drainEach` hands
 * its visitor. Valid only during the call (the next row moves it).
 */
export class LogView implements ExecutionView, OrderView {
  /** The row shown. */
  row = 0;

  constructor(private readonly log: ExecutionLog) {}

  get login(): string {
    return this.log.loginAt(this.row);
  }

  /** True when nobody watches the login: the row has its orderId and login, nothing else. */
  get bare(): boolean {
    return this.log.isBare(this.row);
  }

  get orderId(): number {
    return this.log.at(this.row, ID);
  }

  get id(): number {
    return this.log.at(this.row, ID);
  }

  get book(): SymbolBook {
    return this.log.bookAt(this.row);
  }

  get cid(): string | null {
    return this.log.extra[this.row]?.cid ?? null;
  }

  get stop(): number {
    return this.log.extra[this.row]?.stop ?? 0;
  }

  get expireAt(): number {
    return this.log.extra[this.row]?.expireAt ?? 0;
  }

  get oco(): number {
    return this.log.extra[this.row]?.oco ?? 0;
  }

  get packed(): number {
    return this.log.at(this.row, PACKED);
  }

  get price(): number {
    return this.log.at(this.row, PRICE);
  }

  get qty(): number {
    return this.log.at(this.row, QTY);
  }

  get filled(): number {
    return this.log.at(this.row, FILLED);
  }

  get quote(): number {
    return this.log.at(this.row, QUOTE);
  }

  get time(): number {
    return this.log.at(this.row, TIME);
  }

  /** `JSON.stringify(payload)`, written straight from the row (not of a bare row). */
  get payloadJson(): string {
    const log = this.log;
    const r = this.row;
    if (log.isBare(r)) throw new Error(bareError(log.loginAt(r)));
    return payloadJsonOf(
      this,
      log.reason[r] as string,
      log.at(r, LAST_TICKS),
      log.at(r, LAST_LOTS),
      log.at(r, TRADE_ID),
    );
  }

  /** The wire payload, a new object on every read (not of a bare row). */
  get payload(): ExecutionEvent['payload'] {
    const log = this.log;
    const r = this.row;
    if (log.isBare(r)) throw new Error(bareError(log.loginAt(r)));
    return payloadOf(
      this,
      log.reason[r] as string,
      log.at(r, LAST_TICKS),
      log.at(r, LAST_LOTS),
      log.at(r, TRADE_ID),
    );
  }

  toEvent(): ExecutionEvent {
    return this.log.copyOf(this.row);
  }
}

/** Why a bare row has no payload: a mistake of the caller's watch filter, so say whose. */
function bareError(login: string): string {
  return `execution of ${JSON.stringify(login)} is bare: nobody watches that login (Engine.watchLogins)`;
}
