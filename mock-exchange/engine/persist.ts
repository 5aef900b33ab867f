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
import { EngineOrder, isStopType, isWorking } from './order';
import { orderToPersisted } from './wire';

/** Every order of the included logins: non-resting ones by orderId, then each book's queues. */
export function exportBook(
  books: Iterable<SymbolBook>,
  orders: Iterable<EngineOrder>,
  include: (login: string) => boolean,
): PersistedOrder[] {
  const out: PersistedOrder[] = [];
  for (const o of orders) if (o.level === null && include(o.login)) out.push(orderToPersisted(o));
  for (const book of books) {
    exportSide(book.bids, include, out);
    exportSide(book.asks, include, out);
  }
  return out;
}

function exportSide(
  side: BookSide,
  include: (login: string) => boolean,
  out: PersistedOrder[],
): void {
  for (let i = 0; i < side.depth; i++) {
    for (let o = side.levelAt(i)?.head ?? null; o !== null; o = o.next) {
      if (include(o.login)) out.push(orderToPersisted(o));
    }
  }
}

/** Engine orders rebuilt from persisted ones (stops re-armed), plus the highest ids seen. */
export function importBook(
  persisted: readonly PersistedOrder[],
  books: ReadonlyMap<string, SymbolBook>,
  accountOf: (login: string) => Account,
): { orders: EngineOrder[]; maxOrderId: number; maxTradeId: number } {
  const orders: EngineOrder[] = [];
  let maxOrderId = 0;
  let maxTradeId = 0;
  const lastTrade = new Map<SymbolBook, { tradeId: number; price: number }>();
  for (const p of persisted) {
    const book = books.get(p.symbol);
    if (book === undefined) throw new Error(`importOrders: unknown symbol ${p.symbol}`);
    const inst = book.inst;
    const o = new EngineOrder(
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
    o.status = canonicalStatus(p.status);
    o.filled = lots(p.executedQty, inst);
    o.oco = p.ocoOrderId ?? 0;
    o.triggered = p.triggered ?? false;
    for (const f of p.fills) {
      const price = ticks(f.price, inst);
      const qty = lots(f.qty, inst);
      o.quote += price * qty;
      if (o.fills === null) o.fills = [];
      o.fills.push(price, qty, f.tradeId, f.time);
      maxTradeId = Math.max(maxTradeId, f.tradeId);
      const seen = lastTrade.get(book);
      if (seen === undefined || seen.tradeId < f.tradeId) {
        lastTrade.set(book, { tradeId: f.tradeId, price });
      }
    }
    if (isWorking(o) && isStopType(o) && !o.triggered) book.stopsOf(o.isBuy).add(o);
    maxOrderId = Math.max(maxOrderId, o.id);
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
