/** Builds wire shapes (decimals) from engine orders (integers). */
import type { Order } from '../../shared/protocol';
import type { ExecutionEvent, PersistedOrder } from './api';
import type { EngineOrder } from './order';
import { clientOrderIdOf } from './order';

/** A fill on the wire. */
export interface WireFill {
  price: number;
  qty: number;
  tradeId: number;
  time: number;
}

/** The order object of the protocol for an engine order. */
export function orderToWire(o: EngineOrder): Order {
  const u = o.book.units;
  const out: Order = {
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
  };
  if (o.type === 'STOP' || o.type === 'STOP_LIMIT') {
    out.stopPrice = u.price(o.stop);
    out.triggered = o.triggered;
  }
  if (o.expireAt !== 0) out.timeInForceDate = new Date(o.expireAt).toISOString();
  if (o.oco !== 0) out.ocoOrderId = o.oco;
  return out;
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
  const u = o.book.units;
  // One literal with every always-present field keeps a single object shape on the hot path.
  const payload: ExecutionEvent['payload'] = {
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
  };
  if (o.type === 'STOP' || o.type === 'STOP_LIMIT') {
    payload.stopPrice = u.price(o.stop);
    payload.triggered = o.triggered;
  }
  if (o.expireAt !== 0) payload.timeInForceDate = new Date(o.expireAt).toISOString();
  if (o.oco !== 0) payload.ocoOrderId = o.oco;
  if (lastLots > 0) {
    payload.lastPrice = u.price(lastTicks);
    payload.lastQty = u.qty(lastLots);
    payload.tradeId = tradeId;
  }
  return { login: o.login, payload };
}

/** The persisted shape of an order. */
export function orderToPersisted(o: EngineOrder): PersistedOrder {
  return { ...orderToWire(o), login: o.login, fills: fillsToWire(o) };
}
