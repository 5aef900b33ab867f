/** Builds wire shapes (decimals) from engine orders (integers). */
import type { Fill, Order } from '../../shared/protocol';
import type { ExecutionEvent, PersistedOrder } from './api';
import type { EngineOrder } from './order';
import { generatedClientOrderId, isBuyOf, isTriggeredOf, statusOf, tifOf, typeOf } from './order';

/** A fill on the wire: the protocol's fill with the engine's tradeId and time always set. */
export type WireFill = Required<Fill>;

/** What a payload is built from: an order, or an execution's copy of one. */
type OrderView = Pick<
  EngineOrder,
  | 'book'
  | 'id'
  | 'cid'
  | 'login'
  | 'type'
  | 'tif'
  | 'isBuy'
  | 'status'
  | 'triggered'
  | 'price'
  | 'stop'
  | 'qty'
  | 'filled'
  | 'quote'
  | 'time'
  | 'expireAt'
  | 'oco'
>;

/**
 * The one payload builder: every key of an order and of an execution in one
 * literal, so every payload has one object shape. Keys an order lacks are
 * `undefined`, which `JSON.stringify` drops, so the wire text is the same as
 * adding only the present keys (in this order).
 */
function payloadOf(
  o: OrderView,
  reason: string | undefined,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): ExecutionEvent['payload'] {
  const u = o.book.units;
  const isStop = o.type === 'STOP' || o.type === 'STOP_LIMIT';
  const filled = lastLots > 0;
  return {
    symbol: o.book.inst.symbol,
    type: o.type,
    orderId: o.id,
    clientOrderId: o.cid ?? generatedClientOrderId(o.id),
    transactTime: o.time,
    price: o.price === 0 ? 0 : u.price(o.price),
    origQty: u.qty(o.qty),
    executedQty: u.qty(o.filled),
    cummulativeQuoteQty: u.quote(o.quote),
    status: o.status,
    timeInForce: o.tif,
    side: o.isBuy ? 'BUY' : 'SELL',
    login: o.login,
    reason,
    stopPrice: isStop ? u.price(o.stop) : undefined,
    triggered: isStop ? o.triggered : undefined,
    timeInForceDate: o.expireAt !== 0 ? new Date(o.expireAt).toISOString() : undefined,
    ocoOrderId: o.oco !== 0 ? o.oco : undefined,
    lastPrice: filled ? u.price(lastTicks) : undefined,
    lastQty: filled ? u.qty(lastLots) : undefined,
    tradeId: filled ? tradeId : undefined,
  };
}

/**
 * The JSON text of `payloadOf(o, reason, ...)`, key for key in the same
 * order. Numbers are finite, so a template's `${n}` is JSON's spelling;
 * strings that may need escaping (symbol, ids, login, reason) go through
 * `JSON.stringify`, the enumerations are plain identifiers.
 */
function payloadJsonOf(
  o: OrderView,
  reason: string,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): string {
  const u = o.book.units;
  const type = o.type;
  const cid = o.cid ?? generatedClientOrderId(o.id);
  let text =
    `{"symbol":${JSON.stringify(o.book.inst.symbol)},"type":"${type}","orderId":${o.id}` +
    `,"clientOrderId":${JSON.stringify(cid)},"transactTime":${o.time}` +
    `,"price":${o.price === 0 ? 0 : u.price(o.price)},"origQty":${u.qty(o.qty)}` +
    `,"executedQty":${u.qty(o.filled)},"cummulativeQuoteQty":${u.quote(o.quote)}` +
    `,"status":"${o.status}","timeInForce":"${o.tif}","side":"${o.isBuy ? 'BUY' : 'SELL'}"` +
    `,"login":${JSON.stringify(o.login)},"reason":${JSON.stringify(reason)}`;
  if (type === 'STOP' || type === 'STOP_LIMIT') {
    text += `,"stopPrice":${u.price(o.stop)},"triggered":${o.triggered}`;
  }
  if (o.expireAt !== 0) text += `,"timeInForceDate":"${new Date(o.expireAt).toISOString()}"`;
  if (o.oco !== 0) text += `,"ocoOrderId":${o.oco}`;
  if (lastLots > 0) {
    text += `,"lastPrice":${u.price(lastTicks)},"lastQty":${u.qty(lastLots)},"tradeId":${tradeId}`;
  }
  return `${text}}`;
}

/** The order object of the protocol for an engine order. */
export function orderToWire(o: EngineOrder): Order {
  return payloadOf(o, undefined, 0, 0, 0);
}

/** The fills of an order on the wire. */
export function fillsToWire(o: EngineOrder): WireFill[] {
  const f = o.fills;
  const out: WireFill[] = [];
  if (f === null) return out;
  const u = o.book.units;
  for (let i = 0; i < f.length; i += 4) {
    out.push({
      price: u.price(f[i] as number),
      qty: u.qty(f[i + 1] as number),
      tradeId: f[i + 2] as number,
      time: f[i + 3] as number,
    });
  }
  return out;
}

/**
 * An execution as the engine queues it: a copy of the order as it is at that
 * moment (the engine reuses the records of orders it forgets, so nothing
 * points back at the order), its wire payload built only when first read.
 * Most executions (the market maker's, logins no session holds) are never
 * read, so they cost this one object instead of a payload of decimals.
 */
class QueuedExecution implements OrderView {
  readonly book: EngineOrder['book'];
  readonly id: number;
  readonly cid: string | null;
  readonly login: string;
  private readonly packed: number;
  readonly price: number;
  readonly stop: number;
  readonly qty: number;
  readonly filled: number;
  readonly quote: number;
  readonly time: number;
  readonly expireAt: number;
  readonly oco: number;
  private built: ExecutionEvent['payload'] | null = null;

  constructor(
    o: EngineOrder,
    private readonly reason: string,
    private readonly lastTicks: number,
    private readonly lastLots: number,
    private readonly tradeId: number,
  ) {
    this.book = o.book;
    this.id = o.id;
    this.cid = o.cid;
    this.login = o.account.login;
    this.packed = o.packed;
    this.price = o.price;
    this.stop = o.stop;
    this.qty = o.qty;
    this.filled = o.filled;
    this.quote = o.quote;
    this.time = o.time;
    this.expireAt = o.expireAt;
    this.oco = o.oco;
  }

  get orderId(): number {
    return this.id;
  }

  get type(): EngineOrder['type'] {
    return typeOf(this.packed);
  }

  get tif(): EngineOrder['tif'] {
    return tifOf(this.packed);
  }

  get isBuy(): boolean {
    return isBuyOf(this.packed);
  }

  get status(): EngineOrder['status'] {
    return statusOf(this.packed);
  }

  get triggered(): boolean {
    return isTriggeredOf(this.packed);
  }

  /**
   * The text `JSON.stringify(this.payload)` gives, written directly (the
   * server sends it): no payload object, no generic serializer.
   */
  get payloadJson(): string {
    return payloadJsonOf(this, this.reason, this.lastTicks, this.lastLots, this.tradeId);
  }

  /** The wire payload (without `seq`), built on first use and kept. */
  get payload(): ExecutionEvent['payload'] {
    this.built ??= payloadOf(this, this.reason, this.lastTicks, this.lastLots, this.tradeId);
    return this.built;
  }
}

/** An execution event for an order's current state; fill details when `lastLots` > 0. */
export function executionOf(
  o: EngineOrder,
  reason: string,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): ExecutionEvent {
  return new QueuedExecution(o, reason, lastTicks, lastLots, tradeId);
}

/** The persisted shape of an order. */
export function orderToPersisted(o: EngineOrder): PersistedOrder {
  return { ...orderToWire(o), login: o.login, fills: fillsToWire(o) };
}
