/**
 * MatchingEngine: the Engine of api.ts. Validates commands, turns wire
 * decimals into integers, and drives the state transitions of core.ts.
 * Pure and synchronous; `now` is always passed in.
 */
import type { TimeInForce } from '../../shared/domain';
import { priceToTicks } from '../../shared/domain';
import type {
  NewOrderOcoReplyPayload,
  NewOrderSingleReplyPayload,
  ModifyOrderPayload,
  NewOrderOcoPayload,
  NewOrderSinglePayload,
  OrderOut,
  OrderRef,
  ProtocolError,
  Result,
} from '../../shared/protocol';
import { ErrorCode, fail, ok } from '../../shared/protocol';
import type {
  BookSnapshot,
  Engine,
  EngineOptions,
  ExecutionEvent,
  ExecutionView,
  PersistedOrder,
  TradeEvent,
} from './api';
import type { SymbolBook } from './book';
import { EngineCore } from './core';
import { LogView } from './executionLog';
import type { OrderStore } from './order';
import { NONE, generatedClientOrderId } from './order';
import { exportBook, importBook } from './persist';
import {
  checkFutureInstant,
  checkPrice,
  checkPriceRules,
  checkPrices,
  checkQuantity,
  immediateTriggerError,
  isError,
  protocolError,
  wouldTrigger,
} from './validate';
import type { WireFill } from './wire';
import { fillsToWire, orderToWire } from './wire';

const GENERATED_ID = /^ex-(\d+)$/;
/** What `drainTrades` returns when there is nothing to drain (frozen: shared by every caller). */
const NO_TRADES: readonly TradeEvent[] = Object.freeze([]);
/** The result of a modify or cancel that succeeded: one frozen value, not one per command. */
const DONE: Result<void> = Object.freeze(ok(undefined));

/** The `newordersingle` reply payload, with the clientOrderId the engine kept. */
type PlaceReply = NewOrderSingleReplyPayload & { clientOrderId: string };
/** The `neworderoco` reply payload. */
type OcoReply = NewOrderOcoReplyPayload;

/** The mock exchange's matching engine (see README.md for its rules). */
export class MatchingEngine extends EngineCore implements Engine {
  /** The one view `drainEach` shows every execution through. */
  private readonly view = new LogView(this.executions);

  /** Creates an engine for `options.instruments`. */
  constructor(options: EngineOptions) {
    super(options);
  }

  /** The next orderId the engine will hand out. */
  get nextOrderId(): number {
    return this.nextId;
  }

  /** Places a single order for `login`. */
  placeOrder(login: string, payload: NewOrderSinglePayload, now: number): Result<PlaceReply> {
    this.applyExpiries(now);
    const book = this.bookOf(payload.symbol);
    if (book === undefined) return unknownSymbol(payload.symbol);
    const inst = book.inst;
    // checkPrices without its result object: rules, then price, then stopPrice.
    const rule = checkPriceRules(payload.type, payload.price, payload.stopPrice);
    if (rule !== null) return failWith(rule);
    let priceTicks = 0;
    let stopTicks = 0;
    if (payload.price !== undefined) {
      const t = checkPrice('price', payload.price, inst);
      if (isError(t)) return failWith(t);
      priceTicks = t;
    }
    if (payload.stopPrice !== undefined) {
      const t = checkPrice('stopPrice', payload.stopPrice, inst);
      if (isError(t)) return failWith(t);
      stopTicks = t;
    }
    const lots = checkQuantity(payload.quantity, inst);
    if (isError(lots)) return failWith(lots);
    const tif = payload.timeInForce ?? 'GTC';
    let expireAt = 0;
    if (tif === 'GTT') {
      if (payload.timeInForceDate === undefined) {
        return fail(ErrorCode.INVALID_TIME_IN_FORCE, 'timeInForceDate is required for GTT orders');
      }
      const at = checkFutureInstant('timeInForceDate', payload.timeInForceDate, now);
      if (isError(at)) return failWith(at);
      expireAt = at;
    } else if (payload.timeInForceDate !== undefined) {
      return fail(
        ErrorCode.INVALID_TIME_IN_FORCE,
        `timeInForceDate is only allowed with timeInForce GTT, not ${tif}`,
      );
    } else if (tif === 'DAY') expireAt = this.nextRollover(now);
    const cid = payload.clientOrderId ?? null;
    if (cid !== null && this.workingByClientId(login, cid)) return duplicateClientId(cid);
    const isBuy = payload.side === 'BUY';
    if (stopTicks !== 0 && wouldTrigger(isBuy, stopTicks, book.last)) {
      return failWith(
        immediateTriggerError(isBuy, payload.stopPrice ?? 0, book.units.price(book.last)),
      );
    }
    const s = this.s;
    const o = s.create(
      this.nextId++,
      this.accountOf(login),
      book,
      isBuy,
      payload.type,
      tif,
      priceTicks,
      stopTicks,
      lots,
      cid,
      now,
      expireAt,
    );
    this.register(o);
    this.emit(o, 'NEW', now);
    if (s.isStopType(o)) book.stopsOf(isBuy).add(o);
    else this.execute(o, now);
    this.runTriggeredStops(now);
    // The order's slot keeps its fields until a later command reuses it, so
    // it still describes this order even when the order ended and was forgotten.
    const orderId = s.id[o] as number;
    return ok({
      orderId,
      status: s.statusOf(o),
      clientOrderId: cid ?? generatedClientOrderId(orderId),
    });
  }

  /** Places an OCO pair (one LIMIT leg, one STOP or STOP_LIMIT leg); legs come back in request order. */
  placeOco(login: string, payload: NewOrderOcoPayload, now: number): Result<OcoReply> {
    this.applyExpiries(now);
    const book = this.books.get(payload.symbol);
    if (book === undefined) return unknownSymbol(payload.symbol);
    const inst = book.inst;
    const tif: TimeInForce = payload.timeInForce ?? 'GTC';
    if (tif === 'IOC' || tif === 'FOK') {
      return fail(
        ErrorCode.INVALID_TIME_IN_FORCE,
        `timeInForce ${tif} is not allowed for OCO orders`,
      );
    }
    let expireAt = 0;
    if (payload.lifeTime !== undefined) {
      const at = checkFutureInstant('lifeTime', payload.lifeTime, now);
      if (isError(at)) return failWith(at);
      expireAt = at;
    } else if (tif === 'GTT') {
      return fail(ErrorCode.INVALID_TIME_IN_FORCE, 'lifeTime is required for a GTT OCO order');
    }
    if (tif === 'DAY') {
      const rollover = this.nextRollover(now);
      if (expireAt === 0 || rollover < expireAt) expireAt = rollover;
    }
    const lots = checkQuantity(payload.quantity, inst);
    if (isError(lots)) return failWith(lots);
    const legs = payload.orders;
    const limitIndex = legs.findIndex((l) => l.type === 'LIMIT');
    const stopIndex = legs.findIndex((l) => l.type === 'STOP' || l.type === 'STOP_LIMIT');
    if (limitIndex < 0 || stopIndex < 0) {
      return fail(
        ErrorCode.INVALID_OCO,
        'orders must be one LIMIT leg and one STOP or STOP_LIMIT leg',
      );
    }
    const parsed: Array<{ price: number; stop: number }> = [];
    for (const leg of legs) {
      const p = checkPrices(leg.type, leg.price, leg.stopPrice, inst);
      if (isError(p)) return failWith(p);
      parsed.push(p);
    }
    const limitTicks = (parsed[limitIndex] as { price: number }).price;
    const stopTicks = (parsed[stopIndex] as { stop: number }).stop;
    if (book.last < 0) {
      return fail(
        ErrorCode.INVALID_OCO,
        `OCO prices cannot be checked: ${inst.symbol} has no last price yet`,
      );
    }
    const isBuy = payload.side === 'BUY';
    const ordered = isBuy
      ? limitTicks < book.last && book.last < stopTicks
      : limitTicks > book.last && book.last > stopTicks;
    if (!ordered) {
      const last = book.units.price(book.last);
      return fail(
        ErrorCode.INVALID_OCO,
        isBuy
          ? `for a BUY OCO the limit price must be below the last price ${last} and the stopPrice above it`
          : `for a SELL OCO the limit price must be above the last price ${last} and the stopPrice below it`,
      );
    }
    const [first, second] = legs;
    if (first.clientOrderId !== undefined && first.clientOrderId === second.clientOrderId) {
      return duplicateClientId(first.clientOrderId);
    }
    for (const leg of legs) {
      if (leg.clientOrderId !== undefined && this.workingByClientId(login, leg.clientOrderId)) {
        return duplicateClientId(leg.clientOrderId);
      }
    }
    const account = this.accountOf(login);
    const s = this.s;
    const created = legs.map((leg, i) => {
      const p = parsed[i] as { price: number; stop: number };
      return s.create(
        this.nextId++,
        account,
        book,
        isBuy,
        leg.type,
        tif,
        p.price,
        p.stop,
        lots,
        leg.clientOrderId ?? null,
        now,
        expireAt,
      );
    });
    const limitLeg = created[limitIndex] as number;
    const stopLeg = created[stopIndex] as number;
    s.setOco(limitLeg, s.id[stopLeg] as number);
    s.setOco(stopLeg, s.id[limitLeg] as number);
    for (const o of created) this.register(o);
    for (const o of created) this.emit(o, 'NEW', now);
    book.stopsOf(isBuy).add(stopLeg);
    this.execute(limitLeg, now);
    this.runTriggeredStops(now);
    return ok(
      created.map((o) => ({
        orderId: s.id[o] as number,
        clientOrderId: s.clientOrderIdOf(o),
        status: s.statusOf(o),
        type: s.typeOf(o),
      })),
    );
  }

  /** Modifies price, stopPrice and/or total quantity of a working order of one of `logins`. */
  modifyOrder(logins: readonly string[], payload: ModifyOrderPayload, now: number): Result<void> {
    this.applyExpiries(now);
    const o = this.findOrder(logins, payload);
    if (o === NONE) return unknownOrder(payload);
    const s = this.s;
    if (!s.working(o)) return orderFinal(s, o);
    const book = s.bookOf(o);
    const inst = book.inst;
    const type = s.typeOf(o);
    const isBuy = s.isBuy(o);
    let price = s.price[o] as number;
    let stop = s.stopOf(o);
    let qty = s.qty[o] as number;
    if (payload.price !== undefined) {
      if (type !== 'LIMIT' && type !== 'STOP_LIMIT') {
        return fail(ErrorCode.INVALID_PRICE, `price is not allowed for ${type} orders`);
      }
      const t = checkPrice('price', payload.price, inst);
      if (isError(t)) return failWith(t);
      price = t;
    }
    if (payload.stopPrice !== undefined) {
      if (!s.isStopType(o)) {
        return fail(ErrorCode.INVALID_PRICE, `stopPrice is not allowed for ${type} orders`);
      }
      if (s.triggered(o)) {
        return fail(
          ErrorCode.INVALID_PRICE,
          `stopPrice cannot change: order ${s.id[o]} has already triggered`,
        );
      }
      const t = checkPrice('stopPrice', payload.stopPrice, inst);
      if (isError(t)) return failWith(t);
      if (wouldTrigger(isBuy, t, book.last)) {
        return failWith(
          immediateTriggerError(isBuy, payload.stopPrice, book.units.price(book.last)),
        );
      }
      stop = t;
    }
    if (payload.quantity !== undefined) {
      const t = checkQuantity(payload.quantity, inst);
      if (isError(t)) return failWith(t);
      if (t <= (s.filled[o] as number)) {
        return fail(
          ErrorCode.INVALID_QUANTITY,
          `quantity ${payload.quantity} must be greater than the executed quantity ${book.units.qty(s.filled[o] as number)}`,
        );
      }
      qty = t;
    }
    if (s.armed(o)) {
      // An untriggered stop: re-sort it by its new stop price.
      const stops = book.stopsOf(isBuy);
      stops.remove(o);
      s.price[o] = price;
      s.setStop(o, stop);
      s.qty[o] = qty;
      stops.add(o);
      this.emit(o, 'MODIFIED', now);
    } else if (price !== s.price[o] || qty > (s.qty[o] as number)) {
      // Loses time priority: leave the book and come back as an incoming order.
      book.sideOf(isBuy).remove(o);
      s.price[o] = price;
      s.qty[o] = qty;
      this.emit(o, 'MODIFIED', now);
      this.execute(o, now);
    } else {
      book.sideOf(isBuy).shrink(o, (s.qty[o] as number) - qty);
      s.qty[o] = qty;
      this.emit(o, 'MODIFIED', now);
    }
    this.runTriggeredStops(now);
    return DONE;
  }

  /** Cancels a working order of one of `logins` (and its OCO sibling). */
  cancelOrder(
    logins: readonly string[],
    ref: OrderRef,
    now: number,
    reason = 'USER',
  ): Result<void> {
    this.applyExpiries(now);
    const o = this.findOrder(logins, ref);
    if (o === NONE) return unknownOrder(ref);
    if (!this.s.working(o)) return orderFinal(this.s, o);
    this.finish(o, 'CANCELED', reason, now);
    return DONE;
  }

  /** One order of `logins` in any state, with its fills. */
  orderStatus(logins: readonly string[], ref: OrderRef): Result<OrderOut & { fills: WireFill[] }> {
    const o = this.findOrder(logins, ref);
    if (o === NONE) return unknownOrder(ref);
    return ok({ ...orderToWire(this.s, o), fills: fillsToWire(this.s, o) });
  }

  /** Working orders of `logins` (NEW incl. untriggered stops, PARTIALLY_FILLED), by orderId. */
  workingOrders(logins: readonly string[]): OrderOut[] {
    const s = this.s;
    const found = this.ordersOf(logins, (o) => s.working(o));
    return found.map((o) => orderToWire(s, o));
  }

  /** Every order of `logins` changed at or after `fromTime`, any state, oldest change first. */
  ordersChangedSince(logins: readonly string[], fromTime: number): OrderOut[] {
    const s = this.s;
    const found = this.ordersOf(logins, (o) => (s.time[o] as number) >= fromTime);
    found.sort(
      (a, b) =>
        (s.time[a] as number) - (s.time[b] as number) || (s.id[a] as number) - (s.id[b] as number),
    );
    return found.map((o) => orderToWire(s, o));
  }

  /** Expires GTT/lifeTime/DAY orders whose time has come. */
  advanceTime(now: number): void {
    this.applyExpiries(now);
  }

  /**
   * Execution events queued since the last drain, in order (one object
   * each); bare ones (of logins nobody watches, `watchLogins`) are left out.
   */
  drainExecutions(): ExecutionEvent[] {
    const log = this.executions;
    const n = log.count;
    if (n === 0) return [];
    // The usual drain (the server drains after every request): a literal, no loop.
    if (n === 1) {
      const only = log.isBare(0) ? [] : [log.copyOf(0)];
      log.clear();
      return only;
    }
    const out: ExecutionEvent[] = [];
    for (let r = 0; r < n; r++) if (!log.isBare(r)) out.push(log.copyOf(r));
    log.clear();
    return out;
  }

  /**
   * Shows each queued execution to `visit`, in order, through one reused
   * view valid only during the call, then forgets them: no object per
   * execution. `visit` must not call the engine's commands. With `skipBare`,
   * bare executions (`watchLogins`) are not shown at all.
   */
  drainEach(visit: (execution: ExecutionView) => void, skipBare = false): void {
    const log = this.executions;
    const n = log.count;
    if (n === 0) return;
    const view = this.view;
    let queued: boolean;
    try {
      for (let r = 0; r < n; r++) {
        if (skipBare && log.isBare(r)) continue;
        view.row = r;
        visit(view);
      }
      queued = log.count !== n;
    } finally {
      // A visitor that throws loses the rest of the batch, as a consumer of
      // `drainExecutions()` that throws would: rows are never shown twice.
      log.clear();
    }
    if (queued) throw new Error('drainEach: the visitor called an engine command');
  }

  /** Trades since the last drain, in order. */
  drainTrades(): readonly TradeEvent[] {
    const n = this.tradeCount;
    // Most commands trade nothing: one shared, frozen empty array, not one each.
    if (n === 0) return NO_TRADES;
    const q = this.trades;
    const out = new Array<TradeEvent>(n);
    for (let i = 0; i < n; i++) {
      out[i] = q[i] as TradeEvent;
      q[i] = null;
    }
    this.tradeCount = 0;
    return out;
  }

  /** Sets a symbol's last price (rounded to its tick) without triggering stops. */
  seedLastPrice(symbol: string, price: number): void {
    const book = this.books.get(symbol);
    if (book === undefined) return;
    book.last = priceToTicks(price, book.inst) ?? Math.round(price / book.inst.tickSize);
  }

  /** Last trade price of a symbol, or null. */
  lastPrice(symbol: string): number | null {
    const book = this.books.get(symbol);
    return book === undefined || book.last < 0 ? null : book.units.price(book.last);
  }

  /** Displayed depth of a symbol, `levels` per side, best first (AON orders are not displayed). */
  book(symbol: string, levels: number): BookSnapshot {
    const book = this.books.get(symbol);
    if (book === undefined) return { symbol, bids: [], asks: [], last: null };
    return {
      symbol,
      bids: depthOf(book, true, levels),
      asks: depthOf(book, false, levels),
      last: this.lastPrice(symbol),
    };
  }

  /** Every order of the logins accepted by `include`, resting ones in queue order. */
  exportOrders(include: (login: string) => boolean): PersistedOrder[] {
    return exportBook(this.s, this.books.values(), this.orders.values(), include);
  }

  /** Restores exported orders into this (fresh) engine. */
  importOrders(orders: readonly PersistedOrder[]): void {
    const s = this.s;
    const restored = importBook(s, orders, this.books, (login) => this.accountOf(login));
    for (const o of restored.orders) {
      this.register(o);
      if (!s.resting(o) && s.working(o) && !s.armed(o)) s.bookOf(o).sideOf(s.isBuy(o)).append(o);
    }
    this.nextId = Math.max(this.nextId, restored.maxOrderId + 1);
    this.nextTradeId = Math.max(this.nextTradeId, restored.maxTradeId + 1);
  }

  /** The slot of the order `ref` names among `logins`' orders, or NONE. */
  private findOrder(logins: readonly string[], ref: OrderRef): number {
    if (ref.orderId !== undefined) {
      const o = this.orders.get(ref.orderId);
      return o !== NONE && logins.includes(this.s.loginOf(o)) ? o : NONE;
    }
    if (ref.clientOrderId === undefined) return NONE;
    const scope = ref.login !== undefined ? logins.filter((l) => l === ref.login) : logins;
    let found = NONE;
    for (const login of scope)
      found = preferred(this.s, found, this.byClientIdOf(login, ref.clientOrderId));
    return found;
  }

  /** The order of `login` with clientOrderId `cid`: the working one, else the latest (or NONE). */
  private byClientIdOf(login: string, cid: string): number {
    const s = this.s;
    let found = this.accounts.get(login)?.byClientId(cid) ?? NONE;
    const generated = GENERATED_ID.exec(cid);
    if (generated !== null) {
      const o = this.orders.get(Number(generated[1]));
      if (o !== NONE && s.cidOf(o) === null && s.loginOf(o) === login) {
        found = preferred(s, found, o);
      }
    }
    return found;
  }

  /** Whether `login` has a working order with clientOrderId `cid`. */
  private workingByClientId(login: string, cid: string): boolean {
    const o = this.byClientIdOf(login, cid);
    return o !== NONE && this.s.working(o);
  }

  /** Slots of the retained orders of `logins` that pass `keep`, by orderId. */
  private ordersOf(logins: readonly string[], keep: (o: number) => boolean): number[] {
    const out: number[] = [];
    for (const login of new Set(logins)) {
      this.accounts.get(login)?.collect(keep, out);
    }
    const id = this.s.id;
    if (logins.length > 1) out.sort((a, b) => (id[a] as number) - (id[b] as number));
    return out;
  }
}

/** Of two candidate slots for a clientOrderId, the working one, else the later. */
function preferred(s: OrderStore, a: number, b: number): number {
  if (a === NONE) return b;
  if (b === NONE) return a;
  const aw = s.working(a);
  if (aw !== s.working(b)) return aw ? a : b;
  return (s.id[a] as number) > (s.id[b] as number) ? a : b;
}

/** Displayed levels of one side, best first. */
function depthOf(book: SymbolBook, bids: boolean, levels: number): Array<[number, number]> {
  const side = bids ? book.bids : book.asks;
  const out: Array<[number, number]> = [];
  for (
    let level = side.best();
    level !== undefined && out.length < levels;
    level = side.after(level.price)
  ) {
    if (level.lots > 0) {
      out.push([book.units.price(level.price), book.units.qty(level.lots)]);
    }
  }
  return out;
}

function failWith<T>(error: ProtocolError): Result<T> {
  return { ok: false, error };
}

function unknownSymbol<T>(symbol: string): Result<T> {
  return fail(ErrorCode.UNKNOWN_SYMBOL, `symbol ${symbol} is not traded on this exchange`);
}

function duplicateClientId<T>(cid: string): Result<T> {
  return fail(
    ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
    `clientOrderId ${cid} is already used by a working order`,
  );
}

function unknownOrder<T>(ref: OrderRef): Result<T> {
  return failWith(
    protocolError(
      ErrorCode.UNKNOWN_ORDER,
      ref.orderId !== undefined
        ? `orderId ${ref.orderId} is not a known order`
        : `clientOrderId ${ref.clientOrderId ?? ''} is not a known order`,
    ),
  );
}

function orderFinal<T>(s: OrderStore, o: number): Result<T> {
  return fail(
    ErrorCode.ORDER_FINAL,
    `order ${s.id[o]} is ${s.statusOf(o)} and can no longer change`,
  );
}
