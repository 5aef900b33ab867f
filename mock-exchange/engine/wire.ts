/** Builds wire shapes (decimals) from engine orders (integers). */
import type { Fill, Order } from '../../shared/protocol';
import type { ExecutionEvent, PersistedOrder } from './api';
import type { SymbolBook } from './book';
import type { OrderExtra, OrderStore } from './order';
import { generatedClientOrderId, isBuyOf, isTriggeredOf, statusOf, tifOf, typeOf } from './order';

/** A fill on the wire: the protocol's fill with the engine's tradeId and time always set. */
export type WireFill = Required<Fill>;

/** What a payload is built from: a copy of an order's state at one moment. */
export interface OrderView {
  readonly book: SymbolBook;
  readonly id: number;
  readonly cid: string | null;
  readonly login: string;
  /** Side, type, time in force, status and flags in one field (order.ts packs and reads it). */
  readonly packed: number;
  readonly price: number;
  readonly stop: number;
  readonly qty: number;
  readonly filled: number;
  readonly quote: number;
  readonly time: number;
  readonly expireAt: number;
  readonly oco: number;
}

/**
 * The one payload builder: every key of an order and of an execution in one
 * literal, so every payload has one object shape. Keys an order lacks are
 * `undefined`, which `JSON.stringify` drops, so the wire text is the same as
 * adding only the present keys (in this order).
 */
export function payloadOf(
  o: OrderView,
  reason: string | undefined,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): ExecutionEvent['payload'] {
  const u = o.book.units;
  const type = typeOf(o.packed);
  const isStop = type === 'STOP' || type === 'STOP_LIMIT';
  const filled = lastLots > 0;
  return {
    symbol: o.book.inst.symbol,
    type,
    orderId: o.id,
    clientOrderId: o.cid ?? generatedClientOrderId(o.id),
    transactTime: o.time,
    price: o.price === 0 ? 0 : u.price(o.price),
    origQty: u.qty(o.qty),
    executedQty: u.qty(o.filled),
    cummulativeQuoteQty: u.quote(o.quote),
    status: statusOf(o.packed),
    timeInForce: tifOf(o.packed),
    side: isBuyOf(o.packed) ? 'BUY' : 'SELL',
    login: o.login,
    reason,
    stopPrice: isStop ? u.price(o.stop) : undefined,
    triggered: isStop ? isTriggeredOf(o.packed) : undefined,
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
export function payloadJsonOf(
  o: OrderView,
  reason: string,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): string {
  const u = o.book.units;
  const packed = o.packed;
  const type = typeOf(packed);
  const cid = o.cid ?? generatedClientOrderId(o.id);
  let text =
    `{"symbol":${JSON.stringify(o.book.inst.symbol)},"type":"${type}","orderId":${o.id}` +
    `,"clientOrderId":${JSON.stringify(cid)},"transactTime":${o.time}` +
    `,"price":${o.price === 0 ? 0 : u.price(o.price)},"origQty":${u.qty(o.qty)}` +
    `,"executedQty":${u.qty(o.filled)},"cummulativeQuoteQty":${u.quote(o.quote)}` +
    `,"status":"${statusOf(packed)}","timeInForce":"${tifOf(packed)}","side":"${isBuyOf(packed) ? 'BUY' : 'SELL'}"` +
    `,"login":${JSON.stringify(o.login)},"reason":${JSON.stringify(reason)}`;
  if (type === 'STOP' || type === 'STOP_LIMIT') {
    text += `,"stopPrice":${u.price(o.stop)},"triggered":${isTriggeredOf(packed)}`;
  }
  if (o.expireAt !== 0) text += `,"timeInForceDate":"${new Date(o.expireAt).toISOString()}"`;
  if (o.oco !== 0) text += `,"ocoOrderId":${o.oco}`;
  if (lastLots > 0) {
    text += `,"lastPrice":${u.price(lastTicks)},"lastQty":${u.qty(lastLots)},"tradeId":${tradeId}`;
  }
  return `${text}}`;
}

/**
 * A copy of an order's state at one moment: what payloads are built from.
 * The engine reuses the slots of orders it forgets, so nothing built for the
 * wire may read the store later.
 */
class OrderCopy implements OrderView {
  readonly book: SymbolBook;
  readonly id: number;
  readonly cid: string | null;
  readonly login: string;
  readonly packed: number;
  readonly price: number;
  readonly stop: number;
  readonly qty: number;
  readonly filled: number;
  readonly quote: number;
  readonly time: number;
  readonly expireAt: number;
  readonly oco: number;

  constructor(s: OrderStore, o: number) {
    this.book = s.bookOf(o);
    this.id = s.id[o] as number;
    this.login = s.loginOf(o);
    this.packed = s.packed[o] as number;
    this.price = s.price[o] as number;
    this.qty = s.qty[o] as number;
    this.filled = s.filled[o] as number;
    this.quote = s.quoteOf(o);
    this.time = s.time[o] as number;
    const x = s.extraOf(o);
    if (x === undefined) {
      this.cid = null;
      this.stop = this.expireAt = this.oco = 0;
    } else {
      this.cid = x.cid;
      this.stop = x.stop;
      this.expireAt = x.expireAt;
      this.oco = x.oco;
    }
  }
}

/** The order object of the protocol for an order's current state. */
export function orderToWire(s: OrderStore, o: number): Order {
  return payloadOf(new OrderCopy(s, o), undefined, 0, 0, 0);
}

/** The fills of an order on the wire. */
export function fillsToWire(s: OrderStore, o: number): WireFill[] {
  const f = s.fillsOf(o);
  const out: WireFill[] = [];
  if (f === null) return out;
  const u = s.bookOf(o).units;
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
 * An execution that outlives the drain (what `drainExecutions()` hands out):
 * a copy of its log row (executionLog.ts), its wire payload built only when
 * first read. The rarely used fields come as the order's extra record, which
 * the store replaces rather than changes, so holding it is a copy.
 */
export class QueuedExecution implements OrderView {
  private built: ExecutionEvent['payload'] | null = null;

  constructor(
    readonly book: SymbolBook,
    readonly id: number,
    readonly login: string,
    readonly packed: number,
    readonly price: number,
    readonly qty: number,
    readonly filled: number,
    readonly quote: number,
    readonly time: number,
    private readonly extra: OrderExtra | undefined,
    private readonly reason: string,
    private readonly lastTicks: number,
    private readonly lastLots: number,
    private readonly tradeId: number,
  ) {}

  get orderId(): number {
    return this.id;
  }

  get cid(): string | null {
    return this.extra?.cid ?? null;
  }

  get stop(): number {
    return this.extra?.stop ?? 0;
  }

  get expireAt(): number {
    return this.extra?.expireAt ?? 0;
  }

  get oco(): number {
    return this.extra?.oco ?? 0;
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

/** The persisted shape of an order. */
export function orderToPersisted(s: OrderStore, o: number): PersistedOrder {
  return { ...orderToWire(s, o), login: s.loginOf(o), fills: fillsToWire(s, o) };
}
