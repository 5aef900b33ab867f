/**
 * The ws client of one exchange: connects with a bearer token, keeps the
 * link alive, reconnects with backoff, correlates requests and replies, and
 * resyncs after every (re)connect. No Electron imports.
 */
import WebSocket from 'ws';
import type { z } from 'zod';
import { ReplySchemas, describeZodError } from '../../shared/protocol';
import type { RequestEvent, RequestPayloads, ReplyOf } from '../../shared/protocol';
import { backoffDelay } from './backoff';
import { createClientOrderIdFactory } from './clientOrderIds';
import { Heartbeat } from './heartbeat';
import { parseInbound } from './inbound';
import { PendingRequests } from './pending';
import { resync } from './resync';
import type {
  SessionError,
  SessionFeatures,
  SessionHandlers,
  SessionOptions,
  SessionResult,
  SessionStatus,
  Timers,
} from './types';

/** Payload a request of `E` takes (before defaults). */
export type PayloadOf<E extends RequestEvent> = z.input<(typeof RequestPayloads)[E]>;
/** Payload of the reply to `E`. */
export type ReplyPayloadOf<E extends RequestEvent> = ReplyOf<E>['payload'];

/** The sentence shown when an order command's outcome is unknown. */
export const UNKNOWN_ORDER_STATUS = 'No reply from the exchange; order status unknown — checking';

/** Lookups after a lost reply wait this many request timeouts. */
const RECONCILE_TIMEOUT_FACTOR = 3;
const NO_FEATURES: SessionFeatures = { symbols: false, quotes: false, history: false };
const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One exchange session (one profile). */
export class ExchangeSession {
  readonly nextClientOrderId: () => string;
  private readonly handlers: SessionHandlers;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly requestTimeoutMs: number;
  private ws: WebSocket | null = null;
  private pending: PendingRequests | null = null;
  private heartbeat: Heartbeat | null = null;
  private statusValue: SessionStatus = { state: 'disconnected', reason: null };
  private features: SessionFeatures = { ...NO_FEATURES };
  private latencyMs: number | null = null;
  private stopped = true;
  private fatalReason: string | null = null;
  private lastError: string | null = null;
  private deadReason: string | null = null;
  private attempt = 0;
  private retryTimer: unknown = null;
  private connectionId = 0;
  /** clientOrderIds sent whose outcome the exchange has not yet told us. */
  private readonly unconfirmed = new Set<string>();

  constructor(private readonly options: SessionOptions) {
    this.handlers = options.handlers;
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.nextClientOrderId = createClientOrderIdFactory(this.now);
  }

  /** The link's current state. */
  get status(): SessionStatus {
    return this.statusValue;
  }

  /** True while the link is open. */
  get connected(): boolean {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN && this.pending !== null;
  }

  /** clientOrderIds whose outcome is still unknown. */
  get unconfirmedClientOrderIds(): string[] {
    return [...this.unconfirmed];
  }

  /** Starts connecting (and reconnecting until stopped). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.fatalReason = null;
    this.attempt = 0;
    this.open();
  }

  /** Closes the link for good; resolves once the socket is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => ws.terminate(), 1000);
        ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'client closing');
      });
    }
    this.setStatus({ state: 'disconnected', reason: null });
  }

  /**
   * Sends one request and waits for its reply (or error, or timeout).
   * `onReply` runs synchronously when the reply frame is handled, before any
   * later frame (an `await` would run after the frames that followed it, so a
   * snapshot could overwrite a newer execution).
   */
  async request<E extends RequestEvent>(
    event: E,
    payload: PayloadOf<E>,
    timeoutMs = this.requestTimeoutMs,
    onReply?: (value: ReplyPayloadOf<E>) => void,
  ): Promise<SessionResult<ReplyPayloadOf<E>>> {
    const ws = this.ws;
    const pending = this.pending;
    if (!ws || !pending || ws.readyState !== WebSocket.OPEN) {
      return { ok: false, error: notConnected() };
    }
    return new Promise((resolve) => {
      const requestId = pending.add(event, timeoutMs, (result) => {
        const typed = result as SessionResult<ReplyPayloadOf<E>>;
        if (typed.ok) onReply?.(typed.value);
        resolve(typed);
      });
      const frame = JSON.stringify(
        payload === undefined ? { event, requestId } : { event, requestId, payload },
      );
      this.handlers.audit?.('out', frame, this.now());
      ws.send(frame, (error) => {
        if (error) pending.fail(requestId, linkLost());
      });
    });
  }

  /** Places one order; the clientOrderId is assigned and recorded before sending. */
  async placeOrder(
    payload: PayloadOf<'newordersingle'>,
  ): Promise<SessionResult<ReplyPayloadOf<'newordersingle'> & { clientOrderId: string }>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const clientOrderId = payload.clientOrderId ?? this.nextClientOrderId();
    this.unconfirmed.add(clientOrderId);
    const result = await this.request('newordersingle', { ...payload, clientOrderId });
    if (result.ok) {
      this.unconfirmed.delete(clientOrderId);
      return { ok: true, value: { ...result.value, clientOrderId } };
    }
    return this.afterOrderFailure(result.error, [clientOrderId]);
  }

  /** Places an OCO pair; both legs get recorded clientOrderIds before sending. */
  async placeOco(
    payload: PayloadOf<'neworderoco'>,
  ): Promise<SessionResult<ReplyPayloadOf<'neworderoco'>>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const [first, second] = payload.orders;
    const legs: typeof payload.orders = [
      { ...first, clientOrderId: first.clientOrderId ?? this.nextClientOrderId() },
      { ...second, clientOrderId: second.clientOrderId ?? this.nextClientOrderId() },
    ];
    const ids = legs.map((leg) => leg.clientOrderId ?? '');
    for (const id of ids) this.unconfirmed.add(id);
    const result = await this.request('neworderoco', { ...payload, orders: legs });
    if (result.ok) {
      for (const id of ids) this.unconfirmed.delete(id);
      return result;
    }
    return this.afterOrderFailure(result.error, ids);
  }

  /** Modifies a working order; on a lost reply the order is looked up, never resent. */
  async modifyOrder(payload: PayloadOf<'modifyordersingle'>): Promise<SessionResult<unknown>> {
    return this.changeOrder('modifyordersingle', payload);
  }

  /** Cancels a working order; on a lost reply the order is looked up, never resent. */
  async cancelOrder(payload: PayloadOf<'ordercancel'>): Promise<SessionResult<unknown>> {
    return this.changeOrder('ordercancel', payload);
  }

  /** One order with its fills; the result is also reported to the orderStatus handler. */
  async orderStatus(
    ref: PayloadOf<'orderstatus'>,
    timeoutMs = this.requestTimeoutMs,
  ): Promise<SessionResult<ReplyPayloadOf<'orderstatus'>>> {
    return this.request('orderstatus', ref, timeoutMs, (order) => {
      this.unconfirmed.delete(order.clientOrderId);
      this.handlers.orderStatus?.(order);
    });
  }

  /** Looks up an order placed without a reply, by its clientOrderId; never resends it. */
  async reconcile(clientOrderId: string): Promise<void> {
    if (!this.unconfirmed.has(clientOrderId)) return;
    // The exchange was just slow: give the lookup more time than the lost request had.
    const result = await this.orderStatus(
      { clientOrderId },
      this.requestTimeoutMs * RECONCILE_TIMEOUT_FACTOR,
    );
    if (result.ok) {
      this.handlers.notice?.(
        `Order ${clientOrderId} found at the exchange: ${result.value.status}`,
        'info',
      );
    } else if (result.error.kind === 'exchange' && result.error.code === 2000) {
      // The request may still be queued at the exchange; its execution would confirm it.
      this.unconfirmed.delete(clientOrderId);
      this.handlers.notice?.(`Order ${clientOrderId} was not placed at the exchange`, 'info');
    }
    // Timeout or link down: it stays unconfirmed and the next resync checks it again.
  }

  private async changeOrder(
    event: 'modifyordersingle' | 'ordercancel',
    payload: PayloadOf<'modifyordersingle'>,
  ): Promise<SessionResult<unknown>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const result = await this.request(event, payload);
    if (result.ok || result.error.kind !== 'timeout') return result;
    this.handlers.notice?.(UNKNOWN_ORDER_STATUS, 'error');
    const ref =
      payload.orderId !== undefined
        ? { orderId: payload.orderId }
        : { clientOrderId: payload.clientOrderId ?? '' };
    void this.orderStatus(ref, this.requestTimeoutMs * RECONCILE_TIMEOUT_FACTOR);
    return { ok: false, error: { kind: 'timeout', message: UNKNOWN_ORDER_STATUS } };
  }

  private afterOrderFailure<T>(error: SessionError, clientOrderIds: string[]): SessionResult<T> {
    if (error.kind !== 'timeout') {
      // The exchange answered (rejected), or the request never left: nothing was placed.
      for (const id of clientOrderIds) this.unconfirmed.delete(id);
      return { ok: false, error };
    }
    this.handlers.notice?.(UNKNOWN_ORDER_STATUS, 'error');
    for (const id of clientOrderIds) {
      this.unconfirmed.add(id);
      void this.reconcile(id);
    }
    return { ok: false, error: { kind: 'timeout', message: UNKNOWN_ORDER_STATUS } };
  }

  private open(): void {
    if (this.stopped) return;
    this.connectionId += 1;
    const id = this.connectionId;
    this.lastError = null;
    this.deadReason = null;
    this.setStatus({ state: 'connecting' });
    const ws = new WebSocket(this.options.url, {
      headers: { Authorization: `Bearer ${this.options.token}` },
      handshakeTimeout: 5000,
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('open', () => this.onOpen(ws, id));
    ws.on('message', (data, isBinary) => {
      this.heartbeat?.heard();
      if (isBinary) {
        this.log('session: dropped a binary frame');
        return;
      }
      this.onFrame(rawToText(data));
    });
    ws.on('pong', () => this.heartbeat?.pong());
    ws.on('error', (error) => {
      this.lastError = error.message;
      const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
      if (status === '401' || status === '403') {
        this.fatalReason = `The exchange refused the token (HTTP ${status})`;
      }
    });
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString()));
  }

  private onOpen(ws: WebSocket, id: number): void {
    this.pending = new PendingRequests(this.timers);
    this.features = { ...NO_FEATURES };
    this.latencyMs = null;
    this.heartbeat = new Heartbeat(
      {
        ping: () => ws.ping(),
        dead: (reason) => {
          this.deadReason = reason;
          ws.terminate();
        },
        latency: (ms) => {
          this.latencyMs = ms;
          if (this.statusValue.state === 'connected') this.emitConnected();
        },
      },
      this.timers,
      this.now,
      this.options.heartbeatIntervalMs ?? 1000,
      this.options.heartbeatTimeoutMs ?? 3000,
    );
    this.heartbeat.start();
    this.emitConnected();
    void resync(this, this.options, this.handlers).then((outcome) => {
      if (id !== this.connectionId || !this.connected) return;
      if (outcome === null) {
        // A resync request failed on a live link (no reply in time, or an error): the local
        // copy has not converged, and nothing else would retry. Drop the link; the
        // reconnect (with backoff) resyncs again.
        this.deadReason = 'Resync failed (no reply in time, or an error); reconnecting';
        this.log('session: resync failed on an open link; reconnecting');
        ws.terminate();
        return;
      }
      this.features = outcome;
      this.attempt = 0;
      this.emitConnected();
      this.handlers.resynced?.();
    });
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.heartbeat?.stop();
    this.heartbeat = null;
    const pending = this.pending;
    this.pending = null;
    pending?.failAll(linkLost());
    if (this.stopped) {
      this.setStatus({ state: 'disconnected', reason: null });
      return;
    }
    if (this.fatalReason) {
      this.stopped = true;
      this.setStatus({ state: 'disconnected', reason: this.fatalReason });
      return;
    }
    const why =
      this.deadReason ??
      this.lastError ??
      (reason ? `Closed by the exchange: ${reason}` : `Connection closed (code ${code})`);
    const delay = backoffDelay(
      this.attempt,
      this.options.backoffInitialMs ?? 250,
      this.options.backoffMaxMs ?? 10_000,
      this.random,
    );
    this.attempt += 1;
    this.setStatus({ state: 'reconnecting', retryInMs: delay, reason: why });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private onFrame(text: string): void {
    this.handlers.audit?.('in', text, this.now());
    const inbound = parseInbound(text);
    switch (inbound.kind) {
      case 'execution':
        this.unconfirmed.delete(inbound.execution.clientOrderId);
        this.handlers.execution?.(inbound.execution);
        return;
      case 'quote':
        this.handlers.quote?.(inbound.quote);
        return;
      case 'error': {
        const { requestId, error } = inbound;
        if (requestId === null || !this.pending?.eventOf(String(requestId))) {
          this.log(`session: exchange error ${error.code} for no pending request: ${error.error}`);
          return;
        }
        this.pending.fail(String(requestId), {
          kind: 'exchange',
          code: error.code,
          message: error.error,
        });
        return;
      }
      case 'reply':
        this.onReply(inbound.event, String(inbound.requestId), inbound.message);
        return;
      case 'invalid':
        this.log(`session: dropped an invalid frame (${inbound.reason})`);
        return;
    }
  }

  private onReply(event: string, requestId: string, message: unknown): void {
    const expected = this.pending?.eventOf(requestId);
    if (!expected || expected !== event) {
      this.log(`session: dropped a ${event} reply matching no pending request`);
      return;
    }
    const schema: z.ZodType = ReplySchemas[expected as RequestEvent];
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      const { field, message: why } = describeZodError(parsed.error);
      this.log(`session: dropped an invalid ${event} reply (${field}: ${why})`);
      return;
    }
    this.pending?.resolve(requestId, (parsed.data as { payload?: unknown }).payload);
  }

  private emitConnected(): void {
    this.setStatus({ state: 'connected', latencyMs: this.latencyMs, features: this.features });
  }

  private setStatus(status: SessionStatus): void {
    this.statusValue = status;
    this.handlers.status?.(status);
  }
}

function notConnected(): SessionError {
  return { kind: 'not_connected', message: 'Not connected to the exchange' };
}

function linkLost(): SessionError {
  return { kind: 'timeout', message: 'The connection dropped before the exchange replied' };
}

function rawToText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
