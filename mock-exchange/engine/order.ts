/**
 * The engine's order storage: struct-of-arrays. An order is a slot number;
 * its fields are entries of typed arrays at that slot, so a million resting
 * orders cost a few flat buffers instead of a million objects (no per-order
 * header, no boxed doubles, no pointers for the collector to trace). The
 * links of price-level queues and login lists are slot numbers too (NONE = -1).
 *
 * Fields most orders never use (stopPrice, expiry, OCO link, clientOrderId)
 * live in a small record kept in a Map only for the orders that have
 * one, flagged in `packed` so the others never pay a lookup. Fills go to a
 * FillLog: columns again, each order's fills chained from its latest one,
 * which also carries the order's running quote (so no column for it).
 *
 * Slots of orders the engine forgets (`retainFinal` false) go back to a
 * free list and are handed to new orders; nothing can tell, because
 * executions hold copies, OCO siblings refer to each other by orderId and
 * the expiry queue checks the orderId of each slot it pops. A slot keeps its
 * fields until it is handed out again, which happens only when a command
 * starts, so the command that forgot an order may still read and report it.
 */
import type { OrderStatus, OrderType, TimeInForce } from '../../shared/domain';
import { ORDER_STATUSES, ORDER_TYPES, TIME_IN_FORCE } from '../../shared/domain';
import type { Account } from './account';
import type { SymbolBook } from './book';

/** No order (an empty link). */
export const NONE = -1;

// The small enumerations and flags of an order share one 16-bit field.
// Layout: side | type | timeInForce | status | triggered | armed | resting | extra.
const BUY = 1;
const TYPE_SHIFT = 1;
const TIF_SHIFT = 3;
const STATUS_SHIFT = 6;
const STATUS_MASK = 7 << STATUS_SHIFT;
const TRIGGERED = 1 << 9;
const ARMED = 1 << 10;
const RESTING = 1 << 11;
const EXTRA = 1 << 12;
const AON_CODE = TIME_IN_FORCE.indexOf('AON');

/** The status's number in `packed` (a switch: no search, no hashing on the hot path). */
function statusCode(status: OrderStatus): number {
  switch (status) {
    case 'NEW':
      return 0;
    case 'PARTIALLY_FILLED':
      return 1;
    case 'FILLED':
      return 2;
    default:
      return ORDER_STATUSES.indexOf(status);
  }
}

/** The type's number in `packed`. */
function typeCode(type: OrderType): number {
  switch (type) {
    case 'MARKET':
      return 0;
    case 'LIMIT':
      return 1;
    case 'STOP':
      return 2;
    default:
      return 3;
  }
}

/** The time in force's number in `packed`. */
function tifCode(tif: TimeInForce): number {
  switch (tif) {
    case 'GTC':
      return 0;
    case 'GTT':
      return 1;
    case 'IOC':
      return 2;
    default:
      return TIME_IN_FORCE.indexOf(tif);
  }
}

/** The packed side, type and time in force of a new order (status NEW, no flags). */
function packedOf(isBuy: boolean, type: OrderType, tif: TimeInForce): number {
  return (isBuy ? BUY : 0) | (typeCode(type) << TYPE_SHIFT) | (tifCode(tif) << TIF_SHIFT);
}

/** The status packed in `packed`. */
export function statusOf(packed: number): OrderStatus {
  return ORDER_STATUSES[(packed & STATUS_MASK) >> STATUS_SHIFT] as OrderStatus;
}

/** The order type packed in `packed`. */
export function typeOf(packed: number): OrderType {
  return ORDER_TYPES[(packed >> TYPE_SHIFT) & 3] as OrderType;
}

/** The time in force packed in `packed`. */
export function tifOf(packed: number): TimeInForce {
  return TIME_IN_FORCE[(packed >> TIF_SHIFT) & 7] as TimeInForce;
}

/** Whether `packed` says BUY. */
export function isBuyOf(packed: number): boolean {
  return (packed & BUY) !== 0;
}

/** Whether `packed` says triggered. */
export function isTriggeredOf(packed: number): boolean {
  return (packed & TRIGGERED) !== 0;
}

/** Whether `packed` is a STOP or STOP_LIMIT (type codes 2 and 3). */
function isStopPacked(packed: number): boolean {
  return (packed & (2 << TYPE_SHIFT)) !== 0;
}

/**
 * The rarely used fields of an order (present only when one of them is
 * set). Never changed once made: a change replaces the record, so an
 * execution may keep it as its copy.
 */
export interface OrderExtra {
  /** Stop price in ticks; 0 when none. */
  readonly stop: number;
  /** Expiry instant (epoch ms), 0 when none. */
  readonly expireAt: number;
  /** orderId of the OCO sibling, 0 when none. */
  readonly oco: number;
  /** Client order id, or null when generated (`ex-<orderId>`). */
  readonly cid: string | null;
}

const NO_EXTRA: OrderExtra = Object.freeze({ stop: 0, expireAt: 0, oco: 0, cid: null });

const FIRST_CAPACITY = 1024;

function grownF64(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

function grownI32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

function grownU16(a: Uint16Array, cap: number): Uint16Array<ArrayBuffer> {
  const b = new Uint16Array(cap);
  b.set(a);
  return b;
}

/**
 * Fills of every order: entries in columns, each linked to the order's
 * previous fill, with a free list for the entries of forgotten orders.
 */
export class FillLog {
  private price = new Float64Array(FIRST_CAPACITY);
  private lots = new Float64Array(FIRST_CAPACITY);
  private tradeId = new Float64Array(FIRST_CAPACITY);
  private time = new Float64Array(FIRST_CAPACITY);
  private prev = new Int32Array(FIRST_CAPACITY);
  /** Sum of ticks x lots of this fill and every earlier fill of its order. */
  private quote = new Float64Array(FIRST_CAPACITY);
  private used = 0;
  /** First free entry (free entries chain through `prev`), NONE when none. */
  private free = NONE;

  /** Adds a fill after entry `last` (NONE for a first fill); returns the new entry. */
  add(last: number, price: number, lots: number, tradeId: number, time: number): number {
    let f = this.free;
    if (f !== NONE) this.free = this.prev[f] as number;
    else {
      if (this.used === this.price.length) this.grow();
      f = this.used++;
    }
    this.price[f] = price;
    this.lots[f] = lots;
    this.tradeId[f] = tradeId;
    this.time[f] = time;
    this.prev[f] = last;
    this.quote[f] = (last === NONE ? 0 : (this.quote[last] as number)) + price * lots;
    return f;
  }

  /** The order's quote (sum of ticks x lots) up to and including entry `f`. */
  quoteAt(f: number): number {
    return this.quote[f] as number;
  }

  /** Frees entry `last` and every entry before it. */
  releaseChain(last: number): void {
    let f = last;
    while (f !== NONE) {
      const prev = this.prev[f] as number;
      this.prev[f] = this.free;
      this.free = f;
      f = prev;
    }
  }

  /** The fills ending at entry `last`, flat and oldest first. */
  chain(last: number): number[] {
    const out: number[] = [];
    for (let f = last; f !== NONE; f = this.prev[f] as number) {
      out.push(this.time[f] as number, this.tradeId[f] as number, this.lots[f] as number);
      out.push(this.price[f] as number);
    }
    return out.reverse();
  }

  private grow(): void {
    const cap = this.price.length * 2;
    this.price = grownF64(this.price, cap);
    this.lots = grownF64(this.lots, cap);
    this.tradeId = grownF64(this.tradeId, cap);
    this.time = grownF64(this.time, cap);
    this.prev = grownI32(this.prev, cap);
    this.quote = grownF64(this.quote, cap);
  }
}

/** Every order of one engine, column by column. */
export class OrderStore {
  /** orderId. */
  id = new Float64Array(FIRST_CAPACITY);
  /** Limit price in ticks; 0 for MARKET and STOP. */
  price = new Float64Array(FIRST_CAPACITY);
  /** Total quantity in lots. */
  qty = new Float64Array(FIRST_CAPACITY);
  /** Executed lots. */
  filled = new Float64Array(FIRST_CAPACITY);
  /** transactTime: epoch ms of the last change. */
  time = new Float64Array(FIRST_CAPACITY);
  /** Side, type, time in force, status and flags (see the layout above). */
  packed = new Uint16Array(FIRST_CAPACITY);
  /** Index of the order's book in `books`. */
  bookNo = new Uint16Array(FIRST_CAPACITY);
  /** Index of the order's account in `accounts`. */
  accountNo = new Int32Array(FIRST_CAPACITY);
  /** Previous (older) / next (newer) order in its price level. */
  prev = new Int32Array(FIRST_CAPACITY);
  next = new Int32Array(FIRST_CAPACITY);
  /** Previous / next order of the same login (Account). */
  loginPrev = new Int32Array(FIRST_CAPACITY);
  loginNext = new Int32Array(FIRST_CAPACITY);
  /** The order's latest fill in `fillLog` (its fills chain back from it), NONE before the first. */
  lastFill = new Int32Array(FIRST_CAPACITY);
  /** Every recorded fill (a column store of its own, no array per order). */
  readonly fillLog = new FillLog();
  /** Books and accounts by the numbers the columns hold. */
  readonly books: SymbolBook[] = [];
  readonly accounts: Account[] = [];
  private readonly extras = new Map<number, OrderExtra>();
  /** Slots handed out so far (the high-water mark). */
  private used = 0;
  /** Slots of forgotten orders, reused first. */
  private readonly free: number[] = [];

  /** A slot holding a new order (a forgotten order's slot when one is free). */
  create(
    id: number,
    account: Account,
    book: SymbolBook,
    isBuy: boolean,
    type: OrderType,
    tif: TimeInForce,
    /** Limit price in ticks; 0 for MARKET and STOP. */
    price: number,
    /** Stop price in ticks; 0 when none. */
    stop: number,
    /** Total quantity in lots. */
    qty: number,
    /** Client order id, or null when generated (`ex-<orderId>`). */
    cid: string | null,
    /** transactTime: epoch ms. */
    time: number,
    /** Expiry instant (epoch ms), 0 when none. */
    expireAt: number,
  ): number {
    let o = this.free.pop();
    if (o === undefined) {
      if (this.used === this.id.length) this.grow();
      o = this.used++;
    } else {
      if ((this.packed[o] as number) & EXTRA) this.extras.delete(o);
      this.fillLog.releaseChain(this.lastFill[o] as number);
    }
    this.id[o] = id;
    this.price[o] = price;
    this.qty[o] = qty;
    this.filled[o] = 0;
    this.time[o] = time;
    this.packed[o] = packedOf(isBuy, type, tif);
    this.bookNo[o] = book.no;
    this.accountNo[o] = account.no;
    this.prev[o] = this.next[o] = this.loginPrev[o] = this.loginNext[o] = NONE;
    this.lastFill[o] = NONE;
    if (stop !== 0 || expireAt !== 0 || cid !== null) {
      this.extras.set(o, { stop, expireAt, oco: 0, cid });
      this.packed[o] = packedOf(isBuy, type, tif) | EXTRA;
    }
    return o;
  }

  /** Gives back the slot of an order the engine has forgotten (reused by a later `create`). */
  release(o: number): void {
    // Its fields stay readable until a later command reuses the slot (the
    // command that forgot it may still report it).
    this.free.push(o);
  }

  private grow(): void {
    // Four times the size: fewer copies, and fewer freed old buffers left
    // for the allocator to hold on to. Pages of a new buffer that no order
    // has reached yet are never written, so they take no memory.
    const cap = this.id.length * 4;
    this.id = grownF64(this.id, cap);
    this.price = grownF64(this.price, cap);
    this.qty = grownF64(this.qty, cap);
    this.filled = grownF64(this.filled, cap);
    this.time = grownF64(this.time, cap);
    this.packed = grownU16(this.packed, cap);
    this.bookNo = grownU16(this.bookNo, cap);
    this.accountNo = grownI32(this.accountNo, cap);
    this.prev = grownI32(this.prev, cap);
    this.next = grownI32(this.next, cap);
    this.loginPrev = grownI32(this.loginPrev, cap);
    this.loginNext = grownI32(this.loginNext, cap);
    this.lastFill = grownI32(this.lastFill, cap);
  }

  /** The order's rarely used fields, or undefined when it has none. */
  extraOf(o: number): OrderExtra | undefined {
    return (this.packed[o] as number) & EXTRA ? this.extras.get(o) : undefined;
  }

  /** Replaces the order's rarely used fields with `x` changed by `change`. */
  private changeExtra(o: number, change: Partial<OrderExtra>): void {
    this.extras.set(o, { ...(this.extraOf(o) ?? NO_EXTRA), ...change });
    this.packed[o] = (this.packed[o] as number) | EXTRA;
  }

  bookOf(o: number): SymbolBook {
    return this.books[this.bookNo[o] as number] as SymbolBook;
  }

  accountOf(o: number): Account {
    return this.accounts[this.accountNo[o] as number] as Account;
  }

  /** The login the order belongs to. */
  loginOf(o: number): string {
    return this.accountOf(o).login;
  }

  stopOf(o: number): number {
    return this.extraOf(o)?.stop ?? 0;
  }

  setStop(o: number, stop: number): void {
    if (stop !== this.stopOf(o)) this.changeExtra(o, { stop });
  }

  expireAtOf(o: number): number {
    return this.extraOf(o)?.expireAt ?? 0;
  }

  ocoOf(o: number): number {
    return this.extraOf(o)?.oco ?? 0;
  }

  setOco(o: number, sibling: number): void {
    this.changeExtra(o, { oco: sibling });
  }

  cidOf(o: number): string | null {
    return this.extraOf(o)?.cid ?? null;
  }

  /** The order's fills, flat: [priceTicks, lots, tradeId, time] per fill, oldest first; null when none. */
  fillsOf(o: number): number[] | null {
    const last = this.lastFill[o] as number;
    return last === NONE ? null : this.fillLog.chain(last);
  }

  /** Records one fill of the order. */
  addFill(o: number, price: number, lots: number, tradeId: number, time: number): void {
    this.lastFill[o] = this.fillLog.add(this.lastFill[o] as number, price, lots, tradeId, time);
  }

  /** Sum of the order's fill ticks x lots (exact integer), 0 before the first fill. */
  quoteOf(o: number): number {
    const last = this.lastFill[o] as number;
    return last === NONE ? 0 : this.fillLog.quoteAt(last);
  }

  isBuy(o: number): boolean {
    return ((this.packed[o] as number) & BUY) !== 0;
  }

  typeOf(o: number): OrderType {
    return typeOf(this.packed[o] as number);
  }

  tifOf(o: number): TimeInForce {
    return tifOf(this.packed[o] as number);
  }

  statusOf(o: number): OrderStatus {
    return statusOf(this.packed[o] as number);
  }

  setStatus(o: number, status: OrderStatus): void {
    this.packed[o] =
      ((this.packed[o] as number) & ~STATUS_MASK) | (statusCode(status) << STATUS_SHIFT);
  }

  /** True once a stop order has triggered. */
  triggered(o: number): boolean {
    return ((this.packed[o] as number) & TRIGGERED) !== 0;
  }

  setTriggered(o: number, on: boolean): void {
    this.setFlag(o, TRIGGERED, on);
  }

  /** True while an untriggered stop sits in its symbol's stop list. */
  armed(o: number): boolean {
    return ((this.packed[o] as number) & ARMED) !== 0;
  }

  setArmed(o: number, on: boolean): void {
    this.setFlag(o, ARMED, on);
  }

  /** True while the order rests in a price level of its book. */
  resting(o: number): boolean {
    return ((this.packed[o] as number) & RESTING) !== 0;
  }

  setResting(o: number, on: boolean): void {
    this.setFlag(o, RESTING, on);
  }

  /** True for NEW and PARTIALLY_FILLED (status codes 0 and 1). */
  working(o: number): boolean {
    return ((this.packed[o] as number) & STATUS_MASK) >> STATUS_SHIFT <= 1;
  }

  /** True for the all-or-nothing time in force (AON): not displayed, skipped by smaller orders. */
  aon(o: number): boolean {
    return ((this.packed[o] as number) & (7 << TIF_SHIFT)) === AON_CODE << TIF_SHIFT;
  }

  /** True for MARKET and STOP (codes 0 and 2): they execute at market. */
  marketLike(o: number): boolean {
    return ((this.packed[o] as number) & (1 << TYPE_SHIFT)) === 0;
  }

  /** True for STOP and STOP_LIMIT. */
  isStopType(o: number): boolean {
    return isStopPacked(this.packed[o] as number);
  }

  /** The wire clientOrderId of an order (generated ids are `ex-<orderId>`). */
  clientOrderIdOf(o: number): string {
    return this.cidOf(o) ?? generatedClientOrderId(this.id[o] as number);
  }

  private setFlag(o: number, flag: number, on: boolean): void {
    const p = this.packed[o] as number;
    this.packed[o] = on ? p | flag : p & ~flag;
  }
}

/** '000' ... '999': the last three digits of a generated clientOrderId. */
const LAST_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** `ex-<id / 1000>` for the thousand of ids handed out last (ids come in sequence). */
let thousandNo = -1;
let thousandPrefix = '';

/** The generated clientOrderId of an order without one. */
export function generatedClientOrderId(id: number): string {
  // Made when asked (the reply, a payload someone reads), never kept: a
  // memo of them kept young strings alive across collections. Turning the
  // number into digits is the costly part (a runtime call for a number
  // not in V8's small cache), so the prefix is made once per thousand ids
  // and joined to the last three digits, which copies 9 or so characters.
  if (!(id >= 1000 && id <= Number.MAX_SAFE_INTEGER && Number.isInteger(id))) return `ex-${id}`;
  const k = Math.floor(id / 1000);
  if (k !== thousandNo) {
    thousandNo = k;
    thousandPrefix = `ex-${k}`;
  }
  return thousandPrefix + (LAST_DIGITS[id - k * 1000] as string);
}
