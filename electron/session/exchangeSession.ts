/**
 * The client of one exchange, composed of small parts: a link (the
 * transport), the pending-request table, the heartbeat, the reconciler (every
 * order lookup) and the resync. This class only wires them and owns the
 * reconnect loop. No Electron, no socket: the link is injected.
 */
import type { z } from 'zod';
import { NO_FEATURES, type SessionFeatures } from '../../shared/ipc';
import { InboundReplies, describeZodError } from '../../shared/protocol';
import type { InboundErrorPayload, InboundReplyPayload, RequestEvent } from '../../shared/protocol';
import { backoffDelay } from './backoff';
import { createClientOrderIdFactory } from './clientOrderIds';
import { detectRevision } from './detect';
import { dialectOf, extendedDialect, type Dialect, type Encoded } from './dialect';
import { Heartbeat } from './heartbeat';
import { parseInbound } from './inbound';
import type { Link } from './link';
import { PendingRequests } from './pending';
import { Reconciler } from './reconciler';
import type {
  CancelRequest,
  ModifyRequest,
  OcoRequest,
  OrderRef,
  PayloadOf,
  PlaceRequest,
  ReplyPayloadOf,
} from './requests';
import { resync } from './resync';
import {
  SESSION_TIMING,
  type SessionError,
  type SessionHandlers,
  type SessionOptions,
  type SessionResult,
  type SessionStatus,
  type Timers,
} from './types';
import { openWsLink } from './wsLink';

/** The sentence shown when an order command's outcome is unknown. */
export const UNKNOWN_ORDER_STATUS = 'No reply from the exchange; order status unknown — checking';

/** The same, for a server that cannot look orders up by clientOrderId (never resent either). */
const UNKNOWN_ORDER_NO_LOOKUP =
  'No reply from the exchange; order state unknown until the exchange reports it (this exchange cannot look orders up)';

/** Lookups after a lost reply wait this many request timeouts. */
const RECONCILE_TIMEOUT_FACTOR = 3;
/** Whether an error reply means "no such order" (code 2000). */
const isUnknownOrder = (error: SessionError): boolean =>
  error.kind === 'exchange' && error.meaning === 'unknown_order';
/** Most a graceful close may take before the link is dropped. */
const CLOSE_GRACE_MS = 1000;
/** Most of a reply the user is shown when it cannot be read. */
const SHOWN_REPLY_CHARS = 200;
const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One exchange session (one profile). */
export class ExchangeSession {
  readonly nextClientOrderId: () => string;
  private readonly handlers: SessionHandlers;
  private readonly timing: typeof SESSION_TIMING;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly reconciler: Reconciler;
  private link: Link | null = null;
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
  private closed: (() => void) | null = null;
  /** The connected server's dialect (extended until found out). */
  private dialect: Dialect = extendedDialect;
  /** Requests whose raw reply (or error) the caller reads itself (revision detection). */
  private readonly rawRequests = new Set<string>();
  /** The revision detection last found (said in the event log only when it changes). */
  private lastDiscovered: string | null = null;

  constructor(private readonly options: SessionOptions) {
    this.handlers = options.handlers;
    this.timing = { ...SESSION_TIMING, ...definedOnly(options) };
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.nextClientOrderId = createClientOrderIdFactory(this.now);
    this.reconciler = new Reconciler({
      orderStatus: (ref, timeoutMs) => this.orderStatus(ref, timeoutMs),
      canLookUpByClientOrderId: () => this.dialect.lookupByClientOrderId,
      isUnknownOrder,
      notice: (message, kind) => this.handlers.notice?.(message, kind),
    });
  }

  /** The link's current state. */
  get status(): SessionStatus {
    return this.statusValue;
  }

  /** True while the link is open. */
  get connected(): boolean {
    return this.link !== null && this.link.isOpen && this.pending !== null;
  }

  /** clientOrderIds whose outcome is still unknown. */
  get unconfirmedClientOrderIds(): string[] {
    return this.reconciler.unconfirmedClientOrderIds;
  }

  /** Starts connecting (and reconnecting until stopped). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.fatalReason = null;
    this.attempt = 0;
    this.open();
  }

  /** Closes the link for good; resolves once it is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const link = this.link;
    if (link) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => link.terminate(), CLOSE_GRACE_MS);
        this.closed = () => {
          clearTimeout(force);
          resolve();
        };
        link.close(1000, 'client closing');
      });
    }
    this.setStatus({ state: 'disconnected', reason: null });
  }

  /** The connected server's dialect (what it supports, how it is written to). */
  get serverDialect(): Dialect {
    return this.dialect;
  }

  /**
   * Sends one request of our protocol and waits for its reply (or error, or
   * timeout). `onReply` runs synchronously when the reply frame is handled,
   * before any later frame (an `await` would run after the frames that
   * followed it, so a snapshot could overwrite a newer execution).
   */
  async request<E extends RequestEvent>(
    event: E,
    payload: PayloadOf<E>,
    timeoutMs = this.timing.requestTimeoutMs,
    onReply?: (value: ReplyPayloadOf<E>) => void,
  ): Promise<SessionResult<ReplyPayloadOf<E>>> {
    return this.send(event, payload, timeoutMs, onReply);
  }

  /** Sends `event` with a wire payload already written for the server's revision. */
  private send<E extends RequestEvent>(
    event: E,
    payload: unknown,
    timeoutMs = this.timing.requestTimeoutMs,
    onReply?: (value: InboundReplyPayload<E>) => void,
    raw = false,
  ): Promise<SessionResult<InboundReplyPayload<E>>> {
    const link = this.link;
    const pending = this.pending;
    if (!link || !pending || !link.isOpen)
      return Promise.resolve({ ok: false, error: notConnected() });
    return new Promise((resolve) => {
      const requestId = pending.add(event, timeoutMs, (result) => {
        this.rawRequests.delete(requestId);
        const typed = result as SessionResult<InboundReplyPayload<E>>;
        if (typed.ok) onReply?.(typed.value);
        resolve(typed);
      });
      if (raw) this.rawRequests.add(requestId);
      const frame = JSON.stringify(
        payload === undefined ? { event, requestId } : { event, requestId, payload },
      );
      this.handlers.audit?.('out', frame, this.now());
      link.send(frame, (error) => {
        if (error) pending.fail(requestId, linkLost());
      });
    });
  }

  /** Sends an encoded request, or fails at once with why the revision cannot express it. */
  private sendEncoded<E extends RequestEvent>(
    event: E,
    encoded: Encoded,
    timeoutMs?: number,
    onReply?: (value: InboundReplyPayload<E>) => void,
  ): Promise<SessionResult<InboundReplyPayload<E>>> {
    if (!encoded.ok) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'exchange', code: null, meaning: 'other', message: encoded.message },
      });
    }
    return this.send(event, encoded.payload, timeoutMs, onReply);
  }

  /** Places one order; the clientOrderId is assigned and recorded before sending. */
  async placeOrder(
    payload: PlaceRequest,
  ): Promise<SessionResult<InboundReplyPayload<'newordersingle'> & { clientOrderId: string }>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const clientOrderId = payload.clientOrderId ?? this.nextClientOrderId();
    const encoded = this.dialect.placeOrder({ ...payload, clientOrderId });
    if (encoded.ok) this.reconciler.expect(clientOrderId);
    const result = await this.sendEncoded('newordersingle', encoded);
    if (result.ok) {
      this.reconciler.confirm(clientOrderId);
      return { ok: true, value: { ...result.value, clientOrderId } };
    }
    return this.afterOrderFailure(result.error, [clientOrderId]);
  }

  /** Places an OCO pair; both legs get recorded clientOrderIds before sending. */
  async placeOco(payload: OcoRequest): Promise<SessionResult<InboundReplyPayload<'neworderoco'>>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const [first, second] = payload.orders;
    const legs: typeof payload.orders = [
      { ...first, clientOrderId: first.clientOrderId ?? this.nextClientOrderId() },
      { ...second, clientOrderId: second.clientOrderId ?? this.nextClientOrderId() },
    ];
    const ids = legs.map((leg) => leg.clientOrderId ?? '');
    const encoded = this.dialect.placeOco({ ...payload, orders: legs });
    if (encoded.ok) for (const id of ids) this.reconciler.expect(id);
    const result = await this.sendEncoded('neworderoco', encoded);
    if (result.ok) {
      for (const id of ids) this.reconciler.confirm(id);
      return result;
    }
    return this.afterOrderFailure(result.error, ids);
  }

  /** Modifies a working order; on a lost reply the order is looked up, never resent. */
  async modifyOrder(payload: ModifyRequest): Promise<SessionResult<unknown>> {
    return this.changeOrder('modifyordersingle', payload, this.dialect.modifyOrder(payload));
  }

  /** Cancels a working order; on a lost reply the order is looked up, never resent. */
  async cancelOrder(payload: CancelRequest): Promise<SessionResult<unknown>> {
    return this.changeOrder('ordercancel', payload, this.dialect.cancelOrder(payload));
  }

  /** One order with its fills; the result is also reported to the orderStatus handler. */
  async orderStatus(
    ref: OrderRef,
    timeoutMs = this.timing.requestTimeoutMs,
  ): Promise<SessionResult<InboundReplyPayload<'orderstatus'>>> {
    return this.sendEncoded('orderstatus', this.dialect.orderStatus(ref), timeoutMs, (order) => {
      this.reconciler.confirm(order.clientOrderId);
      this.handlers.orderStatus?.(order);
    });
  }

  /** Starts (`levels` > 0) or stops (0) a symbol's depth snapshots; refused when the server has no depth. */
  async depth(symbol: string, levels: number): Promise<SessionResult<unknown>> {
    if (!this.dialect.depth)
      return {
        ok: false,
        error: {
          kind: 'exchange',
          code: null,
          meaning: 'unsupported',
          message: 'No depth on this server',
        },
      };
    return levels > 0
      ? this.request('depth', { symbol, levels })
      : this.request('undepth', { symbol });
  }

  /** Queues a lookup of one order through the shared lookup limit (exact fills, checks). */
  lookUp(ref: OrderRef): Promise<SessionResult<InboundReplyPayload<'orderstatus'>>> {
    return this.reconciler.lookUp(ref, this.timing.requestTimeoutMs);
  }

  private async changeOrder(
    event: 'modifyordersingle' | 'ordercancel',
    order: { orderId: number },
    encoded: Encoded,
  ): Promise<SessionResult<unknown>> {
    if (!this.connected) return { ok: false, error: notConnected() };
    const result = await this.sendEncoded(event, encoded);
    if (result.ok || result.error.kind !== 'timeout') return result;
    this.handlers.notice?.(UNKNOWN_ORDER_STATUS, 'error');
    void this.reconciler.lookUp({ orderId: order.orderId }, this.lostReplyTimeoutMs);
    return { ok: false, error: { kind: 'timeout', message: UNKNOWN_ORDER_STATUS } };
  }

  private afterOrderFailure<T>(error: SessionError, clientOrderIds: string[]): SessionResult<T> {
    if (error.kind !== 'timeout') {
      // The exchange answered (rejected), or the request never left: nothing was placed.
      for (const id of clientOrderIds) this.reconciler.confirm(id);
      return { ok: false, error };
    }
    this.handlers.notice?.(
      this.dialect.lookupByClientOrderId ? UNKNOWN_ORDER_STATUS : UNKNOWN_ORDER_NO_LOOKUP,
      'error',
    );
    for (const id of clientOrderIds) {
      this.reconciler.expect(id);
      void this.reconciler.settleLostReply(id, this.lostReplyTimeoutMs);
    }
    return { ok: false, error: { kind: 'timeout', message: UNKNOWN_ORDER_STATUS } };
  }

  /** The exchange was just slow: a lookup after a lost reply gets more time than the request had. */
  private get lostReplyTimeoutMs(): number {
    return this.timing.requestTimeoutMs * RECONCILE_TIMEOUT_FACTOR;
  }

  private open(): void {
    if (this.stopped) return;
    this.connectionId += 1;
    this.lastError = null;
    this.deadReason = null;
    this.setStatus({ state: 'connecting' });
    const openLink = this.options.link ?? openWsLink;
    let link: Link | null = null;
    const id = this.connectionId;
    link = openLink(this.options.url, this.options.token, {
      open: () => {
        if (link) this.onOpen(link, id);
      },
      message: (text) => {
        this.heartbeat?.heard();
        this.onFrame(text);
      },
      pong: () => this.heartbeat?.pong(),
      error: (message, httpStatus) => {
        this.lastError = message;
        if (httpStatus === 401 || httpStatus === 403) {
          this.fatalReason = `The exchange refused the token (HTTP ${httpStatus})`;
        }
      },
      close: (code, reason) => {
        if (link) this.onClose(link, code, reason);
      },
    });
    this.link = link;
  }

  private onOpen(link: Link, id: number): void {
    if (link !== this.link) return;
    this.pending = new PendingRequests(this.timers);
    this.features = NO_FEATURES;
    this.latencyMs = null;
    this.heartbeat = new Heartbeat(
      {
        ping: () => link.ping(),
        dead: (reason) => {
          this.deadReason = reason;
          link.terminate();
        },
        latency: (ms) => {
          this.latencyMs = ms;
          if (this.statusValue.state === 'connected') this.emitConnected();
        },
      },
      this.timers,
      this.now,
      this.timing.heartbeatIntervalMs,
      this.timing.heartbeatTimeoutMs,
    );
    this.heartbeat.start();
    this.emitConnected();
    void this.runResync(link, id);
  }

  private async runResync(link: Link, id: number): Promise<void> {
    const live = (): boolean => id === this.connectionId && this.connected;
    const found = await this.findDialect();
    if (!live()) return;
    if (!found.ok) {
      this.deadReason = `Could not tell which protocol the exchange speaks (${found.error.message}); reconnecting`;
      link.terminate();
      return;
    }
    this.dialect = found.value.dialect;
    const outcome = await resync({
      dialect: this.dialect,
      evidence: found.value.evidence,
      symbols: () => this.send('symbols', undefined),
      subscribe: (symbols) => this.send('subscribe', { symbols }),
      orders: (payload, apply) => this.send('orders', payload, undefined, apply),
      get connected() {
        return live();
      },
      lookUp: (ref) => this.lookUp(ref),
      isUnknownOrder,
      unknownOrder: (orderId) => this.handlers.unknownOrder?.(orderId),
      settleLostReplies: () =>
        Promise.all(
          this.reconciler.unconfirmedClientOrderIds.map((clientOrderId) =>
            this.reconciler.settleLostReply(clientOrderId, this.lostReplyTimeoutMs),
          ),
        ),
      lastExecutionTime: () => this.options.lastExecutionTime?.() ?? null,
      workingOrderIds: () => this.options.workingOrderIds?.() ?? [],
      knownSymbols: () => this.options.knownSymbols?.() ?? [],
      resyncMarginMs: this.timing.resyncMarginMs,
      instruments: (list) => this.handlers.instruments?.(list),
      apply: (list) => {
        // A snapshot that lists an order settles what became of its placement.
        for (const order of list) this.reconciler.confirm(order.clientOrderId);
        this.handlers.orders?.(list);
      },
      note: (message) => this.handlers.notice?.(message, 'error'),
    });
    if (!live()) return;
    if (!outcome.ok) {
      // A resync request got no reply on a live link: the local copy has not converged and
      // nothing else would retry. Drop the link; the reconnect (with backoff) resyncs again.
      this.deadReason = outcome.reason;
      this.log(`session: ${outcome.reason}`);
      link.terminate();
      return;
    }
    this.features = outcome.features;
    this.attempt = 0;
    this.emitConnected();
    this.handlers.resynced?.();
  }

  /** The profile's revision, or (auto) what detection finds; said once in the event log. */
  private async findDialect(): Promise<SessionResult<{ dialect: Dialect; evidence: string }>> {
    const wanted = this.options.revision ?? 'auto';
    if (wanted !== 'auto') {
      return { ok: true, value: { dialect: dialectOf(wanted), evidence: 'set in the profile' } };
    }
    const detected = await detectRevision({
      ask: (event, payload) =>
        this.send(event as RequestEvent, payload, undefined, undefined, true) as Promise<
          SessionResult<Record<string, unknown>>
        >,
    });
    if (!detected.ok) return detected;
    const { revision, evidence } = detected.value;
    const message = `The exchange speaks the ${revision} protocol revision (${evidence})`;
    // Said when the revision changes, not each time other evidence (a first order) shows it.
    if (revision !== this.lastDiscovered) this.handlers.discovered?.(message);
    this.lastDiscovered = revision;
    return { ok: true, value: { dialect: dialectOf(revision), evidence } };
  }

  private onClose(link: Link, code: number, reason: string): void {
    if (link !== this.link) return;
    this.link = null;
    this.heartbeat?.stop();
    this.heartbeat = null;
    const pending = this.pending;
    this.pending = null;
    pending?.failAll(linkLost());
    this.reconciler.dropQueued(linkLost());
    const closed = this.closed;
    this.closed = null;
    closed?.();
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
      this.timing.backoffInitialMs,
      this.timing.backoffMaxMs,
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
        this.reconciler.confirm(inbound.execution.clientOrderId);
        this.handlers.execution?.(inbound.execution);
        return;
      case 'quote':
        this.handlers.quote?.(inbound.quote);
        return;
      case 'depth':
        this.handlers.depth?.(inbound.depth);
        return;
      case 'error': {
        const { requestId, error } = inbound;
        const id = requestId === null ? null : String(requestId);
        if (id === null || !this.pending?.eventOf(id)) {
          this.log(`session: exchange error for no pending request: ${describeError(error)}`);
          return;
        }
        if (this.rawRequests.has(id)) {
          this.pending.resolve(id, JSON.parse(text));
          return;
        }
        this.pending.fail(id, {
          kind: 'exchange',
          code: error.code ?? null,
          meaning: this.dialect.meaning(error),
          message: describeError(error),
        });
        return;
      }
      case 'reply':
        this.onReply(inbound.event, String(inbound.requestId), inbound.message, text);
        return;
      case 'invalid':
        this.log(`session: dropped an invalid frame (${inbound.reason})`);
        return;
    }
  }

  private onReply(event: string, requestId: string, message: unknown, text: string): void {
    const expected = this.pending?.eventOf(requestId);
    if (!expected || expected !== event) {
      this.log(`session: dropped a ${event} reply matching no pending request`);
      return;
    }
    if (this.rawRequests.has(requestId)) {
      this.pending?.resolve(requestId, message);
      return;
    }
    const schema: z.ZodType = InboundReplies[expected as RequestEvent];
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      // Never let a reply we cannot read time out (and loop a resync): say what it was.
      const { field, message: why } = describeZodError(parsed.error);
      const shown = text.length > SHOWN_REPLY_CHARS ? `${text.slice(0, SHOWN_REPLY_CHARS)}…` : text;
      this.log(`session: unreadable ${event} reply (${field}: ${why})`);
      this.pending?.fail(requestId, {
        kind: 'unreadable',
        message: `The exchange's ${event} reply could not be read (${field}: ${why}): ${shown}`,
      });
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

/** The tuning fields a caller set (undefined ones keep their defaults). */
function definedOnly(options: SessionOptions): Partial<typeof SESSION_TIMING> {
  const out: Partial<Record<keyof typeof SESSION_TIMING, number>> = {};
  for (const key of Object.keys(SESSION_TIMING) as Array<keyof typeof SESSION_TIMING>) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** An error reply in words: the server's message, its code or name when it gave one. */
function describeError(error: InboundErrorPayload): string {
  if (error.code !== undefined) return `${error.error} (code ${error.code})`;
  switch (error.error) {
    case 'ORDER_NOT_EXISTS':
      return 'The exchange does not know this order (ORDER_NOT_EXISTS)';
    case 'ORDER_ALREADY_CLOSED':
      return 'The order is already closed (ORDER_ALREADY_CLOSED)';
    default:
      return error.error;
  }
}

function notConnected(): SessionError {
  return { kind: 'not_connected', message: 'Not connected to the exchange' };
}

function linkLost(): SessionError {
  return { kind: 'timeout', message: 'The connection dropped before the exchange replied' };
}
