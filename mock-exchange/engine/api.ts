/**
 * The public face of the matching engine, as the server and the market
 * simulator use it. Pure and synchronous: no I/O, no clock reads (`now` is
 * always an argument, epoch ms). Wire shapes come from shared/protocol;
 * integers (ticks, lots) stay inside the engine.
 *
 * Ordering contract: a command returns its result (which the server sends as
 * the reply) and queues the execution events it caused; the server sends the
 * reply first, then the executions (`drainExecutions()` or `drainEach`).
 */
import type { Instrument } from '../../shared/domain';
import type {
  ExecutionPayload,
  ModifyOrderPayload,
  NewOrderOcoPayload,
  NewOrderSinglePayload,
  OrderOut,
  OrderRef,
  Result,
} from '../../shared/protocol';

/** Engine settings. */
export interface EngineOptions {
  instruments: readonly Instrument[];
  /** Minutes after 00:00 UTC of the daily rollover that expires DAY orders (default 0). */
  dayRolloverUtcMinutes?: number;
  /** First orderId to hand out (default 1); lets a restarted exchange keep ids increasing. */
  firstOrderId?: number;
  /**
   * Whether final orders of a login are kept for `orderStatus`/history
   * (default: all kept). Asked once per login. The market maker's churn is forgotten this way.
   */
  retainFinal?: (login: string) => boolean;
}

/** One execution to deliver: the wire payload (without `seq`, which the server adds per connection) and its owner. */
export interface ExecutionEvent {
  login: string;
  /** The order's id (`payload.orderId`, readable without building the payload). */
  readonly orderId: number;
  payload: Omit<ExecutionPayload, 'seq'>;
  /**
   * `JSON.stringify(payload)`, when the engine can write it without building
   * the payload (the server sends this text); absent: stringify `payload`.
   */
  readonly payloadJson?: string;
}

/**
 * One queued execution as `drainEach` shows it: a view of the engine's
 * execution log, valid only during the visit (the next execution moves the
 * same object), so reading nothing costs nothing.
 */
export interface ExecutionView {
  readonly login: string;
  readonly orderId: number;
  /**
   * True for an execution of a login nobody watches (`Engine.watchLogins`):
   * only `login` and `orderId` exist; `payloadJson`, `payload` and
   * `toEvent()` throw.
   */
  readonly bare: boolean;
  /** `JSON.stringify(payload)`, written straight from the log (a new string per read). */
  readonly payloadJson: string;
  /** The wire payload (without `seq`): a new object per read. */
  readonly payload: Omit<ExecutionPayload, 'seq'>;
  /** The execution as an object that stays valid after the visit. */
  toEvent(): ExecutionEvent;
}

/** A trade between two orders (for the market's last price and the quote stream). */
export interface TradeEvent {
  symbol: string;
  price: number;
  qty: number;
  tradeId: number;
  time: number;
  buyOrderId: number;
  sellOrderId: number;
}

/** Top of book and depth of one symbol, in decimals. */
export interface BookSnapshot {
  symbol: string;
  /** Best first: [price, total quantity at that price]. */
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  last: number | null;
}

/** What the server needs from an engine (implemented by MatchingEngine). */
export interface Engine {
  readonly instruments: readonly Instrument[];
  /** Places a single order for `login`; the reply payload is `{orderId, status, clientOrderId}`. */
  placeOrder(
    login: string,
    payload: NewOrderSinglePayload,
    now: number,
  ): Result<{ orderId: number; status: OrderOut['status']; clientOrderId: string }>;
  /** Places an OCO pair; legs come back in request order. */
  placeOco(
    login: string,
    payload: NewOrderOcoPayload,
    now: number,
  ): Result<
    Array<{
      orderId: number;
      clientOrderId: string;
      status: OrderOut['status'];
      type: OrderOut['type'];
    }>
  >;
  /** Modifies a working order of one of `logins`. */
  modifyOrder(logins: readonly string[], payload: ModifyOrderPayload, now: number): Result<void>;
  /** Cancels a working order of one of `logins` (and its OCO sibling). */
  cancelOrder(logins: readonly string[], ref: OrderRef, now: number, reason?: string): Result<void>;
  /** One order of `logins` in any state, with its fills. */
  orderStatus(
    logins: readonly string[],
    ref: OrderRef,
  ): Result<
    OrderOut & { fills: Array<{ price: number; qty: number; tradeId: number; time: number }> }
  >;
  /** Working orders of `logins` (NEW incl. untriggered stops, PARTIALLY_FILLED). */
  workingOrders(logins: readonly string[]): OrderOut[];
  /** Every order of `logins` changed at or after `fromTime`, any state. */
  ordersChangedSince(logins: readonly string[], fromTime: number): OrderOut[];
  /** Moves time forward: expires GTT/lifeTime/DAY orders whose time has come. */
  advanceTime(now: number): void;
  /**
   * Which logins' executions someone reads; null (the default): every
   * login's. An execution of a login `isWatched` rejects is queued bare
   * (orderId and login only, no copy of the order; `drainEach` shows it with
   * `bare` true, `drainExecutions` leaves it out). Asked at this call for
   * every login seen, then once per new login: call again when the answers
   * change, before the next command.
   */
  watchLogins(isWatched: ((login: string) => boolean) | null): void;
  /**
   * Execution events queued since the last drain, in order, one object
   * each (none for bare executions: see `watchLogins`).
   */
  drainExecutions(): ExecutionEvent[];
  /**
   * The same queue without an object per execution: calls `visit` with each
   * queued execution in order through one reused view (valid only during the
   * call), then forgets them. `visit` must not call the engine's commands.
   */
  drainEach(visit: (execution: ExecutionView) => void, skipBare?: boolean): void;
  /** Trades since the last drain, in order. */
  drainTrades(): readonly TradeEvent[];
  /** Sets the last trade price of a symbol before any trade (the market's opening price). */
  seedLastPrice(symbol: string, price: number): void;
  /** Last trade price of a symbol, or null. */
  lastPrice(symbol: string): number | null;
  /** Depth snapshot of a symbol, `levels` per side. */
  book(symbol: string, levels: number): BookSnapshot;
  /**
   * Every order of the logins accepted by `include`, any state, with fills,
   * for persistence. Working orders come in time-priority order per price
   * level, so `importOrders` rebuilds the same queues.
   */
  exportOrders(include: (login: string) => boolean): PersistedOrder[];
  /** Restores exported orders (working ones re-enter the book); call on a fresh engine. */
  importOrders(orders: readonly PersistedOrder[]): void;
  /** The next orderId the engine will hand out. */
  readonly nextOrderId: number;
}

/** An order as persisted by the exchange: wire shape plus fills and its internals. */
export type PersistedOrder = OrderOut & {
  login: string;
  fills: Array<{ price: number; qty: number; tradeId: number; time: number }>;
};
