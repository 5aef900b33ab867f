/**
 * Types of the exchange session: its options, status stream, results and
 * the handlers through which it reports what the exchange sends.
 */
import type {
  ExecutionPayload,
  Order,
  OrderWithFills,
  QuotePayload,
  SymbolInfo,
} from '../../shared/protocol';

/** Extensions the connected server supports. */
export interface SessionFeatures {
  symbols: boolean;
  quotes: boolean;
  history: boolean;
}

/** The link's state, as a status bar shows it. */
export type SessionStatus =
  | { state: 'connecting' }
  | { state: 'connected'; latencyMs: number | null; features: SessionFeatures }
  | { state: 'reconnecting'; retryInMs: number; reason: string }
  | { state: 'disconnected'; reason: string | null };

/** Why a request failed (errors are values). */
export type SessionError =
  | { kind: 'exchange'; code: number; message: string }
  | { kind: 'not_connected'; message: string }
  | { kind: 'timeout'; message: string };

/** Outcome of one request. */
export type SessionResult<T> = { ok: true; value: T } | { ok: false; error: SessionError };

/** Timer functions (tests inject fakes). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Direction of an audited frame. */
export type AuditDirection = 'out' | 'in';

/** What the session reports; every handler is optional. */
export interface SessionHandlers {
  /** The link's state changed (or latency was measured). */
  status?(status: SessionStatus): void;
  /** An `execution` arrived. */
  execution?(execution: ExecutionPayload): void;
  /** A `quote` arrived. */
  quote?(quote: QuotePayload): void;
  /** The server's instruments (`symbols`). */
  instruments?(instruments: SymbolInfo[]): void;
  /** Order snapshots from `orders` during a resync. */
  orders?(orders: Order[]): void;
  /** One order with its exact fills (`orderstatus`). */
  orderStatus?(order: OrderWithFills): void;
  /** A sentence for the user (timeouts, reconciliation outcomes). */
  notice?(message: string, kind: 'info' | 'error'): void;
  /** A resync finished after a (re)connect. */
  resynced?(): void;
  /** Every frame sent or received, as text (tokens are never in frames). */
  audit?(direction: AuditDirection, frame: string, time: number): void;
}

/** Settings of an exchange session. */
export interface SessionOptions {
  /** ws:// or wss:// URL of the exchange. */
  url: string;
  /** Bearer token (sent only in the upgrade header). */
  token: string;
  handlers: SessionHandlers;
  /** Per-request timeout (default 5000 ms). */
  requestTimeoutMs?: number;
  /** Ping interval (default 1000 ms). */
  heartbeatIntervalMs?: number;
  /** A link with no pong for this long is dead (default 3000 ms). */
  heartbeatTimeoutMs?: number;
  /** First reconnect delay (default 250 ms). */
  backoffInitialMs?: number;
  /** Largest reconnect delay (default 10000 ms). */
  backoffMaxMs?: number;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  timers?: Timers;
  now?: () => number;
  log?: (line: string) => void;
  /**
   * Epoch ms (exchange time) of the last execution already held, or null;
   * resync asks `orders` from this time minus `resyncMarginMs`.
   */
  lastExecutionTime?: () => number | null;
  /** Margin subtracted from lastExecutionTime (default 60000 ms). */
  resyncMarginMs?: number;
  /** History window asked on a first connect with no history (default 24 h). */
  initialHistoryMs?: number;
  /** Orders held locally as working (resync checks those the exchange no longer lists). */
  workingOrderIds?: () => number[];
  /** Symbols to subscribe to when the server has no `symbols` extension. */
  knownSymbols?: () => string[];
}
