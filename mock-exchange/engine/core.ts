/**
 * The engine's state and its transitions: indexes, matching (price-time
 * priority, AON, FOK, self-trade prevention), stop triggering, OCO links,
 * expiry and the execution/trade queues. MatchingEngine (engine.ts) adds the
 * public commands and queries on top.
 */
import type { Instrument, OrderType, TimeInForce } from '../../shared/domain';
import type { EngineOptions, ExecutionEvent, TradeEvent } from './api';
import type { BookSide } from './book';
import { SymbolBook } from './book';
import { ExpiryQueue } from './expiry';
import { Account } from './account';
import { EngineOrder, isMarketLike, isWorking } from './order';
import { OrderIndex } from './orderIndex';
import { executionOf } from './wire';

const DAY_MS = 86_400_000;
/** Records of forgotten orders kept for reuse (see settle). */
const SPARE_RECORDS = 4096;

/** Outcome of an all-or-nothing look-ahead. */
type Reach = 'fillable' | 'short' | 'self-trade';

/** Engine state and transitions shared by the commands. */
export class EngineCore {
  readonly instruments: readonly Instrument[];
  protected readonly books = new Map<string, SymbolBook>();
  /** Every retained order by orderId. */
  protected readonly orders = new OrderIndex();
  /** Every login seen, with its retained orders. */
  protected readonly accounts = new Map<string, Account>();
  protected readonly expiries = new ExpiryQueue();
  /**
   * Queued executions: the first `executionCount` slots of a reused buffer
   * (drained into an exactly sized array; drained slots are nulled).
   */
  protected executions: Array<ExecutionEvent | null> = [];
  protected executionCount = 0;
  /** Queued trades, as `executions`. */
  protected trades: Array<TradeEvent | null> = [];
  protected tradeCount = 0;
  protected nextId: number;
  protected nextTradeId = 1;
  protected readonly rolloverOffsetMs: number;
  private readonly retainFinal: ((login: string) => boolean) | undefined;
  /** Stops triggered by trades, waiting to execute (in trigger order). */
  private readonly pending: EngineOrder[] = [];
  /** Scratch list for stops triggered by one trade. */
  private readonly triggeredNow: EngineOrder[] = [];
  /** Price (ticks) of the latest trade. */
  private lastTicks = 0;
  /** Records of forgotten orders, reused by new ones (fewer allocations, less GC). */
  private readonly spare: EngineOrder[] = [];

  constructor(options: EngineOptions) {
    this.instruments = options.instruments;
    for (const inst of options.instruments) this.books.set(inst.symbol, new SymbolBook(inst));
    this.nextId = options.firstOrderId ?? 1;
    this.rolloverOffsetMs = (options.dayRolloverUtcMinutes ?? 0) * 60_000;
    this.retainFinal = options.retainFinal;
  }

  /** The next DAY expiry strictly after `now`. */
  protected nextRollover(now: number): number {
    const off = this.rolloverOffsetMs;
    return Math.floor((now - off) / DAY_MS) * DAY_MS + off + DAY_MS;
  }

  /** The account of a login, created on first use. */
  protected accountOf(login: string): Account {
    let account = this.accounts.get(login);
    if (account === undefined) {
      account = new Account(login, this.retainFinal?.(login) ?? true);
      this.accounts.set(login, account);
    }
    return account;
  }

  /** A new order record (a reused one when the engine has one spare). */
  protected createOrder(
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
  ): EngineOrder {
    const o = this.spare.pop();
    return o === undefined
      ? new EngineOrder(id, account, book, isBuy, type, tif, price, stop, qty, cid, time, expireAt)
      : o.reuse(id, account, book, isBuy, type, tif, price, stop, qty, cid, time, expireAt);
  }

  /** Adds a new order to the indexes and the expiry queue. */
  protected register(o: EngineOrder): void {
    this.orders.set(o);
    o.account.add(o);
    if (o.expireAt !== 0 && isWorking(o)) this.expiries.push(o);
  }

  /** Drops a final order from the indexes when its login's final orders are not retained. */
  private settle(o: EngineOrder): void {
    if (o.account.retainFinal) return;
    this.orders.delete(o.id);
    o.account.remove(o);
    // Nothing reaches a forgotten order now: it left the book, its stop list
    // and the indexes, executions hold copies, a sibling finds it by id, and
    // records are only handed out when a command starts, after every use of
    // it in this one. Only an order with an expiry may still sit in the heap.
    if (o.expireAt === 0 && this.spare.length < SPARE_RECORDS) this.spare.push(o);
  }

  /** Queues an execution for the order's current state at `now`. */
  protected emit(
    o: EngineOrder,
    reason: string,
    now: number,
    lastTicks = 0,
    lastLots = 0,
    tradeId = 0,
  ): void {
    o.time = now;
    this.executions[this.executionCount++] = executionOf(o, reason, lastTicks, lastLots, tradeId);
  }

  /** Ends a working order (CANCELED or EXPIRED): detaches it, reports it, and ends its OCO sibling. */
  protected finish(
    o: EngineOrder,
    status: 'CANCELED' | 'EXPIRED',
    reason: string,
    now: number,
    endSibling = true,
  ): void {
    if (o.level !== null) o.book.sideOf(o.isBuy).remove(o);
    if (o.armed) o.book.stopsOf(o.isBuy).remove(o);
    o.status = status;
    this.emit(o, reason, now);
    this.settle(o);
    if (o.oco === 0 || !endSibling) return;
    const sibling = this.orders.get(o.oco);
    if (sibling === undefined || !isWorking(sibling)) return;
    if (status === 'CANCELED') this.finish(sibling, 'CANCELED', reason, now, false);
    else if (reason === 'LIFETIME_EXPIRED' || reason === 'DAY_EXPIRED') {
      this.finish(sibling, 'EXPIRED', reason, now, false);
    } else this.finish(sibling, 'CANCELED', 'OCO_CONDITION', now, false);
  }

  /** Cancels the working OCO sibling of an order that filled or triggered. */
  private releaseSibling(o: EngineOrder, now: number): void {
    const sibling = this.orders.get(o.oco);
    if (sibling !== undefined && isWorking(sibling)) {
      this.finish(sibling, 'CANCELED', 'OCO_CONDITION', now, false);
    }
  }

  /** Expires every working order whose expiry instant is at or before `now`. */
  protected applyExpiries(now: number): void {
    for (let o = this.expiries.popDue(now); o !== undefined; o = this.expiries.popDue(now)) {
      if (!isWorking(o)) continue;
      const dayExpiry = o.tif === 'DAY' && (o.expireAt - this.rolloverOffsetMs) % DAY_MS === 0;
      this.finish(o, 'EXPIRED', dayExpiry ? 'DAY_EXPIRED' : 'LIFETIME_EXPIRED', now);
    }
  }

  /**
   * Runs an order against the opposite side as the incoming order, then rests
   * it or expires its remainder according to its type and time in force.
   */
  protected execute(t: EngineOrder, now: number): void {
    const book = t.book;
    const opp = t.isBuy ? book.asks : book.bids;
    const market = isMarketLike(t);
    if (t.tif === 'FOK' || t.tif === 'AON') {
      const reach = this.lookAhead(t, opp, market);
      if (reach !== 'fillable') {
        if (t.tif === 'AON' && !market) book.sideOf(t.isBuy).append(t);
        else if (reach === 'self-trade') this.finish(t, 'EXPIRED', 'SELF_TRADE_PREVENTION', now);
        else this.finish(t, 'EXPIRED', t.tif === 'FOK' ? 'FOK_UNFILLED' : 'NO_LIQUIDITY', now);
        return;
      }
    }
    const selfTrade = this.sweep(t, opp, market, now);
    if (t.filled === t.qty) return;
    if (selfTrade) this.finish(t, 'EXPIRED', 'SELF_TRADE_PREVENTION', now);
    else if (market) this.finish(t, 'EXPIRED', 'NO_LIQUIDITY', now);
    else if (t.tif === 'IOC') this.finish(t, 'EXPIRED', 'IOC_REMAINDER', now);
    else if (t.tif === 'FOK') this.finish(t, 'EXPIRED', 'FOK_UNFILLED', now);
    else book.sideOf(t.isBuy).append(t);
  }

  /** Whether the incoming order's limit reaches a resting price. */
  private static crosses(t: EngineOrder, market: boolean, price: number): boolean {
    return market || (t.isBuy ? price <= t.price : price >= t.price);
  }

  /** Whether the whole remainder of `t` could fill now, walking the book as `sweep` would. */
  private lookAhead(t: EngineOrder, opp: BookSide, market: boolean): Reach {
    let need = t.qty - t.filled;
    for (let i = 0; i < opp.depth; i++) {
      const level = opp.levelAt(i);
      if (level === undefined || !EngineCore.crosses(t, market, level.price)) break;
      for (let m = level.head; m !== null; m = m.next) {
        const rem = m.qty - m.filled;
        if (m.aon && rem > need) continue;
        if (m.account === t.account) return 'self-trade';
        if (rem >= need) return 'fillable';
        need -= rem;
      }
    }
    return 'short';
  }

  /**
   * Matches `t` against resting orders in price-time priority until it is
   * filled, its limit is reached, or it meets its own login (returns true).
   * A resting AON is skipped unless `t` can take all of it.
   */
  private sweep(t: EngineOrder, opp: BookSide, market: boolean, now: number): boolean {
    const coalesce = t.aon;
    let swept = 0;
    let level = opp.best();
    while (level !== undefined && t.filled < t.qty && EngineCore.crosses(t, market, level.price)) {
      const remaining = t.qty - t.filled;
      let m = level.head;
      while (m !== null && m.aon && m.qty - m.filled > remaining) m = m.next;
      if (m === null) {
        level = opp.after(level.price);
        continue;
      }
      if (m.account === t.account) {
        if (coalesce && swept > 0)
          this.emit(t, 'FILL', now, this.lastTicks, swept, this.nextTradeId - 1);
        return true;
      }
      const lots = Math.min(remaining, m.qty - m.filled);
      this.trade(t, m, lots, now, coalesce);
      swept += lots;
      if (level.count === 0) level = opp.after(level.price);
    }
    if (coalesce && swept > 0)
      this.emit(t, 'FILL', now, this.lastTicks, swept, this.nextTradeId - 1);
    return false;
  }

  /** One trade of `lots` at the resting order's price. */
  private trade(
    t: EngineOrder,
    m: EngineOrder,
    lots: number,
    now: number,
    quietTaker: boolean,
  ): void {
    const book = t.book;
    const price = m.price;
    const tradeId = this.nextTradeId++;
    this.lastTicks = price;
    // Resting order first: it keeps its place unless fully filled.
    const side = book.sideOf(m.isBuy);
    if (m.filled + lots === m.qty) side.remove(m);
    else side.shrink(m, lots);
    this.fill(m, price, lots, tradeId, now, false);
    this.fill(t, price, lots, tradeId, now, quietTaker);
    const u = book.units;
    this.trades[this.tradeCount++] = {
      symbol: book.inst.symbol,
      price: u.price(price),
      qty: u.qty(lots),
      tradeId,
      time: now,
      buyOrderId: t.isBuy ? t.id : m.id,
      sellOrderId: t.isBuy ? m.id : t.id,
    };
    book.last = price;
    this.collectStops(book);
  }

  /** Applies a fill to one order and reports it (unless `quiet`). */
  private fill(
    o: EngineOrder,
    price: number,
    lots: number,
    tradeId: number,
    now: number,
    quiet: boolean,
  ): void {
    const firstFill = o.filled === 0;
    o.filled += lots;
    o.quote += price * lots;
    // An order that fills completely in a login whose final orders are not
    // retained is forgotten just below (settle), so nobody can read its fills.
    if (o.filled !== o.qty || o.account.retainFinal) {
      if (o.fills === null) o.fills = [price, lots, tradeId, now];
      else o.fills.push(price, lots, tradeId, now);
    }
    o.status = o.filled === o.qty ? 'FILLED' : 'PARTIALLY_FILLED';
    if (quiet) o.time = now;
    else this.emit(o, 'FILL', now, price, lots, tradeId);
    if (firstFill && o.oco !== 0) this.releaseSibling(o, now);
    if (o.filled === o.qty) this.settle(o);
  }

  /** Moves stops triggered by the symbol's new last price to the pending queue. */
  private collectStops(book: SymbolBook): void {
    const out = this.triggeredNow;
    book.buyStops.takeAtOrBelow(book.last, out);
    book.sellStops.takeAtOrAbove(book.last, out);
    if (out.length === 0) return;
    if (out.length > 1) out.sort((a, b) => a.id - b.id);
    for (const o of out) this.pending.push(o);
    out.length = 0;
  }

  /** Triggers and executes pending stops (and the stops they trigger) in order. */
  protected runTriggeredStops(now: number): void {
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const s = pending[i] as EngineOrder;
      if (!isWorking(s)) continue; // its OCO sibling filled meanwhile
      s.triggered = true;
      this.emit(s, 'TRIGGERED', now);
      if (s.oco !== 0) this.releaseSibling(s, now);
      this.execute(s, now);
    }
    if (pending.length !== 0) pending.length = 0;
  }
}
