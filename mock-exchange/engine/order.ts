/**
 * The engine's lean per-order record. Integers only (ticks, lots); the wire
 * shape is built on demand (wire.ts). Book and stop-list links are intrusive
 * so removal is O(1) and nothing is allocated per order beyond this object.
 */
import type { OrderStatus, OrderType, TimeInForce } from '../../shared/domain';
import { ORDER_STATUSES, ORDER_TYPES, TIME_IN_FORCE } from '../../shared/domain';
import type { Account } from './account';
import type { Level, SymbolBook } from './book';

// The small enumerations of an order share one integer field (`packed`): on a
// 64-bit heap every field costs 8 bytes, and a million resting orders each
// carried six of them. Layout: side | type | timeInForce | status | flags.
const BUY = 1;
const TYPE_SHIFT = 1;
const TIF_SHIFT = 3;
const STATUS_SHIFT = 6;
const STATUS_MASK = 7 << STATUS_SHIFT;
const TRIGGERED = 1 << 9;
const ARMED = 1 << 10;
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

/** One order inside the engine. */
export class EngineOrder {
  /** Previous order in its price level (older). */
  prev: EngineOrder | null = null;
  /** Next order in its price level (newer). */
  next: EngineOrder | null = null;
  /** Previous / next order of the same login (Account). */
  loginPrev: EngineOrder | null = null;
  loginNext: EngineOrder | null = null;
  /** The level it rests in, or null when not in the book. */
  level: Level | null = null;
  /** Fills, flat: [priceTicks, lots, tradeId, time] per fill; created on the first fill. */
  fills: number[] | null = null;
  /** Executed lots. */
  filled = 0;
  /** Sum of fill ticks x lots (exact integer). */
  quote = 0;
  /** orderId of the OCO sibling, 0 when none. */
  oco = 0;
  /** Side, type, time in force, status, triggered and armed, packed (see the layout above). */
  packed: number;

  constructor(
    public id: number,
    /** The login's account. */
    public account: Account,
    public book: SymbolBook,
    isBuy: boolean,
    type: OrderType,
    tif: TimeInForce,
    /** Limit price in ticks; 0 for MARKET and STOP. */
    public price: number,
    /** Stop price in ticks; 0 when none. */
    public stop: number,
    /** Total quantity in lots. */
    public qty: number,
    /** Client order id, or null when generated (`ex-<orderId>`). */
    public cid: string | null,
    /** transactTime: epoch ms of the last change. */
    public time: number,
    /** Expiry instant (epoch ms), 0 when none. */
    public expireAt: number,
  ) {
    this.packed = packedOf(isBuy, type, tif);
  }

  /**
   * Makes this record, of an order the engine has forgotten, a new order
   * (the engine reuses records: see EngineCore.settle). Same fields as the constructor.
   */
  reuse(
    id: number,
    account: Account,
    book: SymbolBook,
    isBuy: boolean,
    type: OrderType,
    tif: TimeInForce,
    price: number,
    stop: number,
    qty: number,
    cid: string | null,
    time: number,
    expireAt: number,
  ): this {
    this.prev = this.next = this.loginPrev = this.loginNext = null;
    this.level = null;
    this.fills = null;
    this.filled = this.quote = this.oco = 0;
    this.packed = packedOf(isBuy, type, tif);
    this.id = id;
    this.account = account;
    this.book = book;
    this.price = price;
    this.stop = stop;
    this.qty = qty;
    this.cid = cid;
    this.time = time;
    this.expireAt = expireAt;
    return this;
  }

  /** True for a BUY order. */
  get isBuy(): boolean {
    return (this.packed & BUY) !== 0;
  }

  /** The order type. */
  get type(): OrderType {
    return typeOf(this.packed);
  }

  /** The time in force. */
  get tif(): TimeInForce {
    return tifOf(this.packed);
  }

  /** The order status (NEW until it fills or ends). */
  get status(): OrderStatus {
    return statusOf(this.packed);
  }

  set status(status: OrderStatus) {
    this.packed = (this.packed & ~STATUS_MASK) | (statusCode(status) << STATUS_SHIFT);
  }

  /** True once a stop order has triggered. */
  get triggered(): boolean {
    return (this.packed & TRIGGERED) !== 0;
  }

  set triggered(on: boolean) {
    this.packed = on ? this.packed | TRIGGERED : this.packed & ~TRIGGERED;
  }

  /** True while an untriggered stop sits in its symbol's stop list. */
  get armed(): boolean {
    return (this.packed & ARMED) !== 0;
  }

  set armed(on: boolean) {
    this.packed = on ? this.packed | ARMED : this.packed & ~ARMED;
  }

  /** True for NEW and PARTIALLY_FILLED (status codes 0 and 1). */
  get working(): boolean {
    return (this.packed & STATUS_MASK) >> STATUS_SHIFT <= 1;
  }

  /** True for the all-or-nothing time in force (AON): not displayed, skipped by smaller orders. */
  get aon(): boolean {
    return (this.packed & (7 << TIF_SHIFT)) === AON_CODE << TIF_SHIFT;
  }

  /** True for MARKET and STOP (codes 0 and 2): they execute at market. */
  get marketLike(): boolean {
    return (this.packed & (1 << TYPE_SHIFT)) === 0;
  }

  /** The login the order belongs to. */
  get login(): string {
    return this.account.login;
  }
}

/** The wire clientOrderId of an order (generated ids are `ex-<orderId>`). */
export function clientOrderIdOf(o: EngineOrder): string {
  return o.cid ?? generatedClientOrderId(o.id);
}

/** The generated clientOrderId of an order without one. */
export function generatedClientOrderId(id: number): string {
  // Made when asked (the reply, a payload someone reads), never kept: a
  // memo of them kept young strings alive across collections.
  return `ex-${id}`;
}

/** True for NEW and PARTIALLY_FILLED. */
export function isWorking(o: EngineOrder): boolean {
  return o.working;
}

/** True when the order executes at market (MARKET, and STOP once triggered). */
export function isMarketLike(o: EngineOrder): boolean {
  return o.marketLike;
}

/** True for STOP and STOP_LIMIT. */
export function isStopType(o: EngineOrder): boolean {
  return o.type === 'STOP' || o.type === 'STOP_LIMIT';
}
