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

/** The always-present fields of an order on the wire, in one literal (one object shape). */
function wireFields(o: EngineOrder): Order {
  const u = o.book.units;
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
  };
}

/** Adds the optional wire fields an order has: stop, expiry, OCO link. */
function addOptionalFields(out: Order, o: EngineOrder): void {
  if (o.type === 'STOP' || o.type === 'STOP_LIMIT') {
    out.stopPrice = o.book.units.price(o.stop);
    out.triggered = o.triggered;
  }
  if (o.expireAt !== 0) out.timeInForceDate = new Date(o.expireAt).toISOString();
  if (o.oco !== 0) out.ocoOrderId = o.oco;
}

/** The order object of the protocol for an engine order. */
export function orderToWire(o: EngineOrder): Order {
  const out = wireFields(o);
  addOptionalFields(out, o);
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
  if (o.expireAt === 0 && o.oco === 0 && o.type !== 'STOP' && o.type !== 'STOP_LIMIT') {
    // Hot path: no optional order fields, so the whole payload is one literal
    // (same keys in the same order as the general path below).
    const login = o.login;
    const payload: ExecutionEvent['payload'] =
      lastLots > 0
        ? {
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
            login,
            reason,
            lastPrice: u.price(lastTicks),
            lastQty: u.qty(lastLots),
            tradeId,
          }
        : {
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
            login,
            reason,
          };
    return { login, payload };
  }
  // The order's fields (one literal, one shape), then the reason, then the optional ones.
  const payload: ExecutionEvent['payload'] = wireFields(o);
  payload.reason = reason;
  addOptionalFields(payload, o);
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
