/**
 * Types of the exchange session: its options, status stream, results and
 * the handlers through which it reports what the exchange sends.
 */
import type {
  CanonicalExecution,
  CanonicalOrder,
  CanonicalOrderWithFills,
  DepthSnapshot,
  QuotePayload,
  SymbolInfo,
} from '../../shared/protocol';
import type { Result } from '../../shared/domain';
import type { SessionFeatures } from '../../shared/ipc';
import type { Revision } from '../../shared/protocol/revisions';
import type { ErrorMeaning } from './dialect';
import type { LinkFactory } from './link';

/** What the connected server supports (the IPC contract's shape). */
export type { SessionFeatures };

/** The link's state, as a status bar shows it. */
export type SessionStatus =
  | { state: 'connecting' }
  | { state: 'connected'; latencyMs: number | null; features: SessionFeatures }
  | { state: 'reconnecting'; retryInMs: number; reason: string }
  | { state: 'disconnected'; reason: string | null };

/** Why a request failed (errors are values). */
export type SessionError =
  | {
      kind: 'exchange';
      /** The server's number, when it gave one. */
      code: number | null;
      /** What the reply means, whatever its spelling. */
      meaning: ErrorMeaning;
      /** The server's own words. */
      message: string;
    }
  | { kind: 'unreadable'; message: string }
  | { kind: 'not_connected'; message: string }
  | { kind: 'timeout'; message: string };

/** Outcome of one request. */
export type SessionResult<T> = Result<T, SessionError>;

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
  execution?(execution: CanonicalExecution): void;
  /** A `quote` arrived. */
  quote?(quote: QuotePayload): void;
  /** A `depth` snapshot arrived. */
  depth?(depth: DepthSnapshot): void;
  /** The server's instruments (`symbols`). */
  instruments?(instruments: SymbolInfo[]): void;
  /** Order snapshots from `orders` during a resync. */
  orders?(orders: CanonicalOrder[]): void;
  /** One order with its exact fills (`orderstatus`). */
  orderStatus?(order: CanonicalOrderWithFills): void;
  /** An order held as working that a resync's lookup found the exchange does not know. */
  unknownOrder?(orderId: number): void;
  /** A sentence for the user (timeouts, reconciliation outcomes). */
  notice?(message: string, kind: 'info' | 'error'): void;
  /** What the session found out about the server (revision detection), in words. */
  discovered?(message: string): void;
  /** A resync finished after a (re)connect. */
  resynced?(): void;
  /** Every frame sent or received, as text (tokens are never in frames). */
  audit?(direction: AuditDirection, frame: string, time: number): void;
}

/** Timeouts and backoff of a session, in ms: the one home of their defaults. */
export const SESSION_TIMING = {
  /** Per-request timeout. */
  requestTimeoutMs: 5000,
  /** Ping interval. */
  heartbeatIntervalMs: 1000,
  /** A link with no pong (and no frame) for this long is dead. */
  heartbeatTimeoutMs: 3000,
  /** First reconnect delay. */
  backoffInitialMs: 250,
  /** Largest reconnect delay. */
  backoffMaxMs: 10_000,
  /** Margin subtracted from the last execution held when asking `orders` since then. */
  resyncMarginMs: 60_000,
};
/** Timeouts and backoff a caller may override (tests shorten them). */
export type SessionTuning = Partial<typeof SESSION_TIMING>;

/** Settings of an exchange session. */
export interface SessionOptions extends SessionTuning {
  /** ws:// or wss:// URL of the exchange. */
  url: string;
  /** Bearer token (sent only in the upgrade request). */
  token: string;
  handlers: SessionHandlers;
  /** Which kind of server this is (default `auto`: found out on each connect). */
  revision?: Revision | 'auto';
  /** Opens the transport (default: a ws WebSocket; tests pass an in-memory link). */
  link?: LinkFactory;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
  timers?: Timers;
  now?: () => number;
  log?: (line: string) => void;
  /** Epoch ms (exchange time) of the last execution already held, or null. */
  lastExecutionTime?: () => number | null;
  /** Orders held locally as working (resync checks those the exchange no longer lists). */
  workingOrderIds?: () => number[];
  /** Symbols to subscribe to when the server has no `symbols` extension. */
  knownSymbols?: () => string[];
}
