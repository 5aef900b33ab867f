/**
 * The engine's lean per-order record. Integers only (ticks, lots); the wire
 * shape is built on demand (wire.ts). Book and stop-list links are intrusive
 * so removal is O(1) and nothing is allocated per order beyond this object.
 */
import type { OrderStatus, OrderType, TimeInForce } from '../../shared/domain';
import type { Account } from './account';
import type { Level, SymbolBook } from './book';

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
  status: OrderStatus = 'NEW';
  /** orderId of the OCO sibling, 0 when none. */
  oco = 0;
  /** True once a stop order has triggered. */
  triggered = false;
  /** True while an untriggered stop sits in its symbol's stop list. */
  armed = false;

  constructor(
    readonly id: number,
    /** The login's account. */
    readonly account: Account,
    readonly book: SymbolBook,
    readonly isBuy: boolean,
    readonly type: OrderType,
    readonly tif: TimeInForce,
    /** Limit price in ticks; 0 for MARKET and STOP. */
    public price: number,
    /** Stop price in ticks; 0 when none. */
    public stop: number,
    /** Total quantity in lots. */
    public qty: number,
    /** Client order id, or null when generated (`ex-<orderId>`). */
    readonly cid: string | null,
    /** transactTime: epoch ms of the last change. */
    public time: number,
    /** Expiry instant (epoch ms), 0 when none. */
    readonly expireAt: number,
  ) {}

  /** The login the order belongs to. */
  get login(): string {
    return this.account.login;
  }
}

/** Memo of generated clientOrderIds by orderId (see clientOrderIdOf). */
const CID_SLOTS = 1024;
const cidIds: number[] = new Array<number>(CID_SLOTS).fill(-1);
const cidStrings: string[] = new Array<string>(CID_SLOTS).fill('');

/** The wire clientOrderId of an order (generated ids are `ex-<orderId>`). */
export function clientOrderIdOf(o: EngineOrder): string {
  if (o.cid !== null) return o.cid;
  // A small direct-mapped memo (the string depends on the id alone, so it is
  // shared safely by every engine): an order's events and its reply reuse one
  // string without every resting order holding one.
  const slot = o.id & (CID_SLOTS - 1);
  if (cidIds[slot] === o.id) return cidStrings[slot] as string;
  const generated = `ex-${o.id}`;
  cidIds[slot] = o.id;
  cidStrings[slot] = generated;
  return generated;
}

/** True for NEW and PARTIALLY_FILLED. */
export function isWorking(o: EngineOrder): boolean {
  return o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';
}

/** True when the order executes at market (MARKET, and STOP once triggered). */
export function isMarketLike(o: EngineOrder): boolean {
  return o.type === 'MARKET' || o.type === 'STOP';
}

/** True for STOP and STOP_LIMIT. */
export function isStopType(o: EngineOrder): boolean {
  return o.type === 'STOP' || o.type === 'STOP_LIMIT';
}
