/** Builds wire shapes (decimals) from engine orders (integers). */
import type { Fill, Order } from '../../shared/protocol';
import type { ExecutionEvent, PersistedOrder } from './api';
import type { EngineOrder } from './order';
import { clientOrderIdOf } from './order';

/** A fill on the wire: the protocol's fill with the engine's tradeId and time always set. */
export type WireFill = Required<Fill>;

/**
 * The one payload builder: every key of an order and of an execution in one
 * literal, so every payload has one object shape. Keys an order lacks are
 * `undefined`, which `JSON.stringify` drops, so the wire text is the same as
 * adding only the present keys (in this order).
 */
function payloadOf(
  o: EngineOrder,
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
    clientOrderId: clientOrderIdOf(o),
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

/** An execution event for an order's current state; fill details when `lastLots` > 0. */
export function executionOf(
  o: EngineOrder,
  reason: string,
  lastTicks: number,
  lastLots: number,
  tradeId: number,
): ExecutionEvent {
  return { login: o.login, payload: payloadOf(o, reason, lastTicks, lastLots, tradeId) };
}

/** The persisted shape of an order. */
export function orderToPersisted(o: EngineOrder): PersistedOrder {
  return { ...orderToWire(o), login: o.login, fills: fillsToWire(o) };
}
