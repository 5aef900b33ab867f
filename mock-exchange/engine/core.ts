/**
 * The engine's state and its transitions: indexes, matching (price-time
 * priority, AON, FOK, self-trade prevention), stop triggering, OCO links,
 * expiry and the execution/trade queues. MatchingEngine (engine.ts) adds the
 * public commands and queries on top. Orders are slots of the order store
 * (order.ts).
 */
import type { Instrument } from '../../shared/domain';
import type { EngineOptions, TradeEvent } from './api';
import type { BookSide, Level } from './book';
import { SymbolBook } from './book';
import { ExpiryQueue } from './expiry';
import { Account } from './account';
import { NONE, OrderStore } from './order';
import { OrderIndex } from './orderIndex';
import { ExecutionLog } from './executionLog';

const DAY_MS = 86_400_000;

/** Outcome of an all-or-nothing look-ahead. */
type Reach = 'fillable' | 'short' | 'self-trade';

/** Engine state and transitions shared by the commands. */
export class EngineCore {
  readonly instruments: readonly Instrument[];
  /** Every order's fields, by slot. */
  protected readonly s = new OrderStore();
  protected readonly books = new Map<string, SymbolBook>();
  /** Every retained order's slot by orderId. */
  protected readonly orders = new OrderIndex();
  /** Every login seen, with its retained orders. */
  protected readonly accounts = new Map<string, Account>();
  protected readonly expiries = new ExpiryQueue();
  /** Queued executions: rows of copied order state, no object each (executionLog.ts). */
  protected readonly executions = new ExecutionLog(this.s);
  /**
   * Queued trades: the first `tradeCount` slots of a reused buffer (drained
   * into an exactly sized array; drained slots are nulled).
   */
  protected trades: Array<TradeEvent | null> = [];
  protected tradeCount = 0;
  protected nextId: number;
  protected nextTradeId = 1;
  protected readonly rolloverOffsetMs: number;
  private readonly retainFinal: ((login: string) => boolean) | undefined;
  /** Stops triggered by trades, waiting to execute (in trigger order). */
  private readonly pending: number[] = [];
  /** Scratch list for stops triggered by one trade. */
  private readonly triggeredNow: number[] = [];
  /** Price (ticks) of the latest trade. */
  private lastTicks = 0;
  /** The accounts `accountOf` returned last and the one before (commands come from few logins in turn). */
  private lastAccount: Account | null = null;
  private priorAccount: Account | null = null;
  /** The book `bookOf` returned last. */
  private lastBook: SymbolBook | null = null;
  /** Which logins' executions someone reads (`watchLogins`); null: every login's. */
  private isWatched: ((login: string) => boolean) | null = null;

  constructor(options: EngineOptions) {
    this.instruments = options.instruments;
    for (const inst of options.instruments) {
      const book = new SymbolBook(inst, this.s.books.length, this.s);
      this.s.books.push(book);
      this.books.set(inst.symbol, book);
    }
    this.nextId = options.firstOrderId ?? 1;
    this.rolloverOffsetMs = (options.dayRolloverUtcMinutes ?? 0) * 60_000;
    this.retainFinal = options.retainFinal;
  }

  /**
   * Which logins' executions someone reads; null (the default): every
   * login's. The executions of a login `isWatched` rejects are queued bare,
   * with only the orderId and login (what a journal needs), without copying
   * the order. Asked now for every login seen and later once for each new
   * login: call again whenever its answers change.
   */
  watchLogins(isWatched: ((login: string) => boolean) | null): void {
    this.isWatched = isWatched;
    for (const account of this.s.accounts) account.watched = isWatched?.(account.login) ?? true;
  }

  /** The next DAY expiry strictly after `now`. */
  protected nextRollover(now: number): number {
    const off = this.rolloverOffsetMs;
    return Math.floor((now - off) / DAY_MS) * DAY_MS + off + DAY_MS;
  }

  /** The book of a symbol, or undefined when it is not traded here. */
  protected bookOf(symbol: string): SymbolBook | undefined {
    // Commands come in runs on one symbol: remember the last one (no hashing).
    const last = this.lastBook;
    if (last !== null && last.inst.symbol === symbol) return last;
    const book = this.books.get(symbol);
    if (book !== undefined) this.lastBook = book;
    return book;
  }

  /** The account of a login, created on first use. */
  protected accountOf(login: string): Account {
    // Commands come in runs from one or two logins (a user and the market
    // maker, the two sides of a flow): remember the last two (no hashing).
    const last = this.lastAccount;
    if (last !== null && last.login === login) return last;
    const prior = this.priorAccount;
    this.priorAccount = last;
    if (prior !== null && prior.login === login) return (this.lastAccount = prior);
    let account = this.accounts.get(login);
    if (account === undefined) {
      const s = this.s;
      account = new Account(login, this.retainFinal?.(login) ?? true, s.accounts.length, s);
      account.watched = this.isWatched?.(login) ?? true;
      s.accounts.push(account);
      this.accounts.set(login, account);
    }
    this.lastAccount = account;
    return account;
  }

  /** Adds a new order to the indexes and the expiry queue. */
  protected register(o: number): void {
    const s = this.s;
    this.orders.set(s.id[o] as number, o);
    s.accountOf(o).add(o);
    const expireAt = s.expireAtOf(o);
    if (expireAt !== 0 && s.working(o)) this.expiries.push(o, s.id[o] as number, expireAt);
  }

  /** Drops a final order from the indexes when its login's final orders are not retained. */
  private settle(o: number): void {
    const s = this.s;
    const account = s.accountOf(o);
    if (account.retainFinal) return;
    this.orders.delete(s.id[o] as number);
    account.remove(o);
    // Nothing reaches a forgotten order now: it left the book, its stop list
    // and the indexes, executions hold copies, a sibling finds it by id, the
    // expiry queue checks the id of the slot it pops, and slots are only
    // handed out when a command starts, after every use of it in this one.
    s.release(o);
  }

  /** Queues an execution for the order's current state at `now`. */
  protected emit(
    o: number,
    reason: string,
    now: number,
    lastTicks = 0,
    lastLots = 0,
    tradeId = 0,
  ): void {
    this.s.time[o] = now;
    this.executions.append(o, reason, lastTicks, lastLots, tradeId);
  }

  /** Ends a working order (CANCELED or EXPIRED): detaches it, reports it, and ends its OCO sibling. */
  protected finish(
    o: number,
    status: 'CANCELED' | 'EXPIRED',
    reason: string,
    now: number,
    endSibling = true,
  ): void {
    const s = this.s;
    const book = s.bookOf(o);
    const isBuy = s.isBuy(o);
    if (s.resting(o)) book.sideOf(isBuy).remove(o);
    if (s.armed(o)) book.stopsOf(isBuy).remove(o);
    s.setStatus(o, status);
    this.emit(o, reason, now);
    const oco = s.ocoOf(o);
    this.settle(o);
    if (oco === 0 || !endSibling) return;
    const sibling = this.orders.get(oco);
    if (sibling === NONE || !s.working(sibling)) return;
    if (status === 'CANCELED') this.finish(sibling, 'CANCELED', reason, now, false);
    else if (reason === 'LIFETIME_EXPIRED' || reason === 'DAY_EXPIRED') {
      this.finish(sibling, 'EXPIRED', reason, now, false);
    } else this.finish(sibling, 'CANCELED', 'OCO_CONDITION', now, false);
  }

  /** Cancels the working OCO sibling (orderId `oco`) of an order that filled or triggered. */
  private releaseSibling(oco: number, now: number): void {
    const sibling = this.orders.get(oco);
    if (sibling !== NONE && this.s.working(sibling)) {
      this.finish(sibling, 'CANCELED', 'OCO_CONDITION', now, false);
    }
  }

  /** Expires every working order whose expiry instant is at or before `now`. */
  protected applyExpiries(now: number): void {
    const s = this.s;
    for (let id = this.expiries.peekDue(now); id !== -1; id = this.expiries.peekDue(now)) {
      const o = this.expiries.pop();
      // The slot may have been released (and reused) since the entry was made.
      if (s.id[o] !== id || !s.working(o)) continue;
      const expireAt = s.expireAtOf(o);
      const dayExpiry = s.tifOf(o) === 'DAY' && (expireAt - this.rolloverOffsetMs) % DAY_MS === 0;
      this.finish(o, 'EXPIRED', dayExpiry ? 'DAY_EXPIRED' : 'LIFETIME_EXPIRED', now);
    }
  }

  /**
   * Runs an order against the opposite side as the incoming order, then rests
   * it or expires its remainder according to its type and time in force.
   */
  protected execute(t: number, now: number): void {
    const s = this.s;
    const book = s.bookOf(t);
    const isBuy = s.isBuy(t);
    const opp = isBuy ? book.asks : book.bids;
    const market = s.marketLike(t);
    const tif = s.tifOf(t);
    if (tif === 'FOK' || tif === 'AON') {
      const reach = this.lookAhead(t, opp, market);
      if (reach !== 'fillable') {
        if (tif === 'AON' && !market) book.sideOf(isBuy).append(t);
        else if (reach === 'self-trade') this.finish(t, 'EXPIRED', 'SELF_TRADE_PREVENTION', now);
        else this.finish(t, 'EXPIRED', tif === 'FOK' ? 'FOK_UNFILLED' : 'NO_LIQUIDITY', now);
        return;
      }
    }
    const selfTrade = this.sweep(t, opp, market, now);
    if (s.filled[t] === s.qty[t]) return;
    if (selfTrade) this.finish(t, 'EXPIRED', 'SELF_TRADE_PREVENTION', now);
    else if (market) this.finish(t, 'EXPIRED', 'NO_LIQUIDITY', now);
    else if (tif === 'IOC') this.finish(t, 'EXPIRED', 'IOC_REMAINDER', now);
    else if (tif === 'FOK') this.finish(t, 'EXPIRED', 'FOK_UNFILLED', now);
    else book.sideOf(isBuy).append(t);
  }

  /** Whether the incoming order's limit reaches a resting price. */
  private crosses(t: number, market: boolean, price: number): boolean {
    if (market) return true;
    const limit = this.s.price[t] as number;
    return this.s.isBuy(t) ? price <= limit : price >= limit;
  }

  /** Whether the whole remainder of `t` could fill now, walking the book as `sweep` would. */
  private lookAhead(t: number, opp: BookSide, market: boolean): Reach {
    const s = this.s;
    const account = s.accountNo[t];
    let need = (s.qty[t] as number) - (s.filled[t] as number);
    for (let level = opp.best(); level !== undefined; level = opp.after(level.price)) {
      if (!this.crosses(t, market, level.price)) break;
      for (let m = level.head; m !== NONE; m = s.next[m] as number) {
        const rem = (s.qty[m] as number) - (s.filled[m] as number);
        if (s.aon(m) && rem > need) continue;
        if (s.accountNo[m] === account) return 'self-trade';
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
  private sweep(t: number, opp: BookSide, market: boolean, now: number): boolean {
    const s = this.s;
    const coalesce = s.aon(t);
    const account = s.accountNo[t];
    const qty = s.qty[t] as number;
    let swept = 0;
    let level = opp.best();
    while (
      level !== undefined &&
      (s.filled[t] as number) < qty &&
      this.crosses(t, market, level.price)
    ) {
      const remaining = qty - (s.filled[t] as number);
      let m = level.head;
      while (m !== NONE && s.aon(m) && (s.qty[m] as number) - (s.filled[m] as number) > remaining) {
        m = s.next[m] as number;
      }
      if (m === NONE) {
        level = opp.after(level.price);
        continue;
      }
      if (s.accountNo[m] === account) {
        if (coalesce && swept > 0) this.emitSwept(t, swept, now);
        return true;
      }
      const lots = Math.min(remaining, (s.qty[m] as number) - (s.filled[m] as number));
      // A slot keeps its fields until a later command reuses it, so `t` may be
      // read after this trade even when it filled completely and was forgotten.
      this.trade(t, m, level, opp, lots, now, coalesce);
      swept += lots;
      if (level.count === 0) level = opp.after(level.price);
    }
    if (coalesce && swept > 0) this.emitSwept(t, swept, now);
    return false;
  }

  /** The one FILL execution of an all-or-nothing order that swept `swept` lots. */
  private emitSwept(t: number, swept: number, now: number): void {
    this.emit(t, 'FILL', now, this.lastTicks, swept, this.nextTradeId - 1);
  }

  /** One trade of `lots` at the resting order's price. */
  private trade(
    t: number,
    m: number,
    level: Level,
    side: BookSide,
    lots: number,
    now: number,
    quietTaker: boolean,
  ): void {
    const s = this.s;
    const book = s.bookOf(t);
    const price = s.price[m] as number;
    const tradeId = this.nextTradeId++;
    this.lastTicks = price;
    const takerBuys = s.isBuy(t);
    const takerId = s.id[t] as number;
    const makerId = s.id[m] as number;
    // Resting order first: it keeps its place unless fully filled.
    if ((s.filled[m] as number) + lots === s.qty[m]) side.removeFrom(level, m);
    else side.shrinkIn(level, m, lots);
    this.fill(m, price, lots, tradeId, now, false);
    this.fill(t, price, lots, tradeId, now, quietTaker);
    const u = book.units;
    this.trades[this.tradeCount++] = {
      symbol: book.inst.symbol,
      price: u.price(price),
      qty: u.qty(lots),
      tradeId,
      time: now,
      buyOrderId: takerBuys ? takerId : makerId,
      sellOrderId: takerBuys ? makerId : takerId,
    };
    book.last = price;
    this.collectStops(book);
  }

  /** Applies a fill to one order and reports it (unless `quiet`). */
  private fill(
    o: number,
    price: number,
    lots: number,
    tradeId: number,
    now: number,
    quiet: boolean,
  ): void {
    const s = this.s;
    const firstFill = s.filled[o] === 0;
    const filled = (s.filled[o] as number) + lots;
    const done = filled === s.qty[o];
    s.filled[o] = filled;
    // Every fill is recorded, even of an order forgotten just below
    // (settle): its running quote is read from the fill log, and the
    // entries go back to the log when the slot is reused.
    s.addFill(o, price, lots, tradeId, now);
    s.setStatus(o, done ? 'FILLED' : 'PARTIALLY_FILLED');
    if (quiet) s.time[o] = now;
    else this.emit(o, 'FILL', now, price, lots, tradeId);
    if (firstFill) {
      const oco = s.ocoOf(o);
      if (oco !== 0) this.releaseSibling(oco, now);
    }
    if (done) this.settle(o);
  }

  /** Moves stops triggered by the symbol's new last price to the pending queue. */
  private collectStops(book: SymbolBook): void {
    const out = this.triggeredNow;
    book.buyStops.takeAtOrBelow(book.last, out);
    book.sellStops.takeAtOrAbove(book.last, out);
    if (out.length === 0) return;
    const id = this.s.id;
    if (out.length > 1) out.sort((a, b) => (id[a] as number) - (id[b] as number));
    for (const o of out) this.pending.push(o);
    out.length = 0;
  }

  /** Triggers and executes pending stops (and the stops they trigger) in order. */
  protected runTriggeredStops(now: number): void {
    const s = this.s;
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const o = pending[i] as number;
      if (!s.working(o)) continue; // its OCO sibling filled meanwhile
      s.setTriggered(o, true);
      this.emit(o, 'TRIGGERED', now);
      const oco = s.ocoOf(o);
      if (oco !== 0) this.releaseSibling(oco, now);
      this.execute(o, now);
    }
    if (pending.length !== 0) pending.length = 0;
  }
}
