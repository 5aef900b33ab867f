/**
 * Export and import of orders for the exchange's persistence. Exported
 * resting orders come in queue order per price level, so importing them in
 * sequence rebuilds identical queues.
 */
import type { Instrument, OrderStatus } from '../../shared/domain';
import { priceToTicks, qtyToLots } from '../../shared/domain';
import type { Account } from './account';
import type { PersistedOrder } from './api';
import type { BookSide, SymbolBook } from './book';
import type { OrderStore } from './order';
import { NONE } from './order';
import { orderToPersisted } from './wire';

/** Every order of the included logins: non-resting ones by orderId, then each book's queues. */
export function exportBook(
  s: OrderStore,
  books: Iterable<SymbolBook>,
  orders: Iterable<number>,
  include: (login: string) => boolean,
): PersistedOrder[] {
  const out: PersistedOrder[] = [];
  for (const o of orders) {
    if (!s.resting(o) && include(s.loginOf(o))) out.push(orderToPersisted(s, o));
  }
  for (const book of books) {
    exportSide(s, book.bids, include, out);
    exportSide(s, book.asks, include, out);
  }
  return out;
}

function exportSide(
  s: OrderStore,
  side: BookSide,
  include: (login: string) => boolean,
  out: PersistedOrder[],
): void {
  for (let level = side.best(); level !== undefined; level = side.after(level.price)) {
    for (let o = level.head; o !== NONE; o = s.next[o] as number) {
      if (include(s.loginOf(o))) out.push(orderToPersisted(s, o));
    }
  }
}

/** Slots of the orders rebuilt from persisted ones (stops re-armed), plus the highest ids seen. */
export function importBook(
  s: OrderStore,
  persisted: readonly PersistedOrder[],
  books: ReadonlyMap<string, SymbolBook>,
  accountOf: (login: string) => Account,
): { orders: number[]; maxOrderId: number; maxTradeId: number } {
  const orders: number[] = [];
  let maxOrderId = 0;
  let maxTradeId = 0;
  const lastTrade = new Map<SymbolBook, { tradeId: number; price: number }>();
  for (const p of persisted) {
    const book = books.get(p.symbol);
    if (book === undefined) throw new Error(`importOrders: unknown symbol ${p.symbol}`);
    const inst = book.inst;
    const o = s.create(
      p.orderId,
      accountOf(p.login),
      book,
      p.side === 'BUY',
      p.type,
      p.timeInForce,
      p.price === 0 ? 0 : ticks(p.price, inst),
      p.stopPrice === undefined ? 0 : ticks(p.stopPrice, inst),
      lots(p.origQty, inst),
      p.clientOrderId === `ex-${p.orderId}` ? null : p.clientOrderId,
      typeof p.transactTime === 'number' ? p.transactTime : Date.parse(p.transactTime),
      p.timeInForceDate === undefined ? 0 : Date.parse(p.timeInForceDate),
    );
    s.setStatus(o, canonicalStatus(p.status));
    s.filled[o] = lots(p.executedQty, inst);
    if (p.ocoOrderId !== undefined && p.ocoOrderId !== 0) s.setOco(o, p.ocoOrderId);
    s.setTriggered(o, p.triggered ?? false);
    for (const f of p.fills) {
      const price = ticks(f.price, inst);
      const qty = lots(f.qty, inst);
      s.addFill(o, price, qty, f.tradeId, f.time);
      maxTradeId = Math.max(maxTradeId, f.tradeId);
      const seen = lastTrade.get(book);
      if (seen === undefined || seen.tradeId < f.tradeId) {
        lastTrade.set(book, { tradeId: f.tradeId, price });
      }
    }
    if (s.working(o) && s.isStopType(o) && !s.triggered(o)) book.stopsOf(s.isBuy(o)).add(o);
    maxOrderId = Math.max(maxOrderId, p.orderId);
    orders.push(o);
  }
  for (const [book, trade] of lastTrade) if (book.last < 0) book.last = trade.price;
  return { orders, maxOrderId, maxTradeId };
}

function ticks(price: number, inst: Instrument): number {
  const t = priceToTicks(price, inst);
  if (t === null)
    throw new Error(`importOrders: price ${price} is off the tick grid of ${inst.symbol}`);
  return t;
}

function lots(qty: number, inst: Instrument): number {
  const l = qtyToLots(qty, inst);
  if (l === null)
    throw new Error(`importOrders: quantity ${qty} is off the step of ${inst.symbol}`);
  return l;
}

function canonicalStatus(status: unknown): OrderStatus {
  if (status === 'PARTIAL_FILL') return 'PARTIALLY_FILLED';
  return status as OrderStatus;
}
