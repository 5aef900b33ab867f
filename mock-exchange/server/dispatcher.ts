/**
 * The per-frame request pipeline. Every frame gets exactly one reply:
 * rate (3001) -> binary (1000) -> size (1003) -> JSON/object (1000) -> requestId (1002) ->
 * in flight (1004) -> event (1001) -> payload (1002) -> forced fault ->
 * journal reserve (5000: nothing runs) -> handler (3000, engine codes) ->
 * unexpected exception (5000). The journal is written before the reply, and
 * the reply queued before the executions the request caused; a change the
 * journal could not record is never confirmed.
 */
import {
  ErrorCode,
  type ProtocolError,
  type RequestEvent,
  type RequestId,
} from '../../shared/protocol';
import type { Engine, ExecutionEvent } from '../engine/api';
import type { ExchangeClock } from './clock';
import type { FaultState } from './faults';
import { parseFrame, peekRequestId, requestKey, type Envelope } from './frame';
import type { RevisionCodec } from './revisions';
import {
  ROUTES,
  isRequestEvent,
  orderIdsIssued,
  type ReplyBody,
  type RouteContext,
} from './routes';
import type { Session } from './session';

/** What the dispatcher needs from the exchange. */
export interface DispatchContext {
  engine: Engine;
  clock: ExchangeClock;
  faults: FaultState;
  instruments: RouteContext['instruments'];
  maxFrameBytes: number;
  subscribe: RouteContext['subscribe'];
  depth?: RouteContext['depth'];
  /**
   * Before a request that changes orders runs: false when the journal cannot
   * take it (the request answers 5000 and never reaches the engine).
   */
  prepare(event: RequestEvent): boolean;
  /** Drains the engine's executions and journals user-order changes (before the reply). */
  commit(): Committed;
  /** Fans executions out to sessions (after the reply). */
  deliver(events: readonly ExecutionEvent[]): void;
  log(message: string): void;
  /** The revision spoken at the edge; null for `extended` (the canonical shapes, unchanged). */
  codec: RevisionCodec | null;
}

/** A drained batch of executions, and whether the journal recorded its user-order changes. */
export interface Committed {
  events: ExecutionEvent[];
  journaled: boolean;
}

/** The answer of a request the journal cannot take: nothing ran. */
const JOURNAL_UNAVAILABLE: ProtocolError = {
  code: ErrorCode.INTERNAL,
  error: 'Internal error: the order journal cannot be written; nothing was changed.',
};

/** The answer of a request whose changes the journal failed to record after it ran. */
const JOURNAL_FAILED: ProtocolError = {
  code: ErrorCode.INTERNAL,
  error: 'Internal error: the order journal could not record this request.',
};

/** True when a request of `event` changes orders (so it must be journaled to be confirmed). */
const changesOrders = (event: string): boolean =>
  isRequestEvent(event) && orderIdsIssued(event) !== null;

const canonicalError = (requestId: RequestId | null, error: ProtocolError) => ({
  event: 'error',
  requestId,
  payload: { code: error.code, error: error.error },
});

/** An `error` message in the spoken revision (`event`: the request's, "" when unknown). */
function errorMessage(
  ctx: DispatchContext,
  requestId: RequestId | null,
  error: ProtocolError,
  event = '',
): object {
  return ctx.codec === null
    ? canonicalError(requestId, error)
    : ctx.codec.errorMessage(requestId, event, error);
}

/** Handles one inbound frame of a session. Never throws. */
export function dispatchFrame(
  ctx: DispatchContext,
  session: Session,
  text: string,
  byteLength: number,
  isBinary = false,
): void {
  const now = ctx.clock.now();
  if (!session.bucket.take(now)) {
    const requestId = isBinary ? null : peekRequestId(text, byteLength, ctx.maxFrameBytes);
    session.push(
      errorMessage(ctx, requestId, {
        code: ErrorCode.RATE_LIMITED,
        error: 'Rate limit exceeded; slow down.',
      }),
    );
    return;
  }
  if (isBinary) {
    const error = {
      code: ErrorCode.MALFORMED,
      error: 'Binary frames are not supported; send JSON text.',
    };
    session.push(errorMessage(ctx, null, error));
    return;
  }
  const parsed = parseFrame(text, byteLength, ctx.maxFrameBytes);
  if (!parsed.ok) {
    session.push(errorMessage(ctx, parsed.rejection.requestId, parsed.rejection.error));
    return;
  }
  const { event, requestId } = parsed.envelope;
  const key = requestKey(requestId);
  if (!session.beginRequest(key)) {
    session.push(
      errorMessage(
        ctx,
        requestId,
        {
          code: ErrorCode.DUPLICATE_REQUEST_ID,
          error: `requestId ${JSON.stringify(requestId)} is already in flight on this connection.`,
        },
        event,
      ),
    );
    return;
  }
  let answer: Answer;
  try {
    answer = runRequest(ctx, session, parsed.envelope, now);
  } catch (error) {
    ctx.log(`internal error handling ${event}: ${describe(error)}`);
    answer = failWith(ctx, requestId, event, {
      code: ErrorCode.INTERNAL,
      error: 'Internal error.',
    });
  }
  // Durable first (the journal), then the reply, then the executions it caused.
  let events: ExecutionEvent[] = [];
  try {
    const committed = ctx.commit();
    events = committed.events;
    if (!committed.journaled && changesOrders(event)) {
      // Never confirm what a restart would not know: the client sees 5000, not the executions.
      answer = failWith(ctx, requestId, event, JOURNAL_FAILED);
      events = [];
    }
  } catch (error) {
    ctx.log(`internal error draining executions: ${describe(error)}`);
  }
  session.reply(answer.message, key, ctx.faults.replyDelayMs);
  try {
    answer.after?.();
    ctx.deliver(events);
  } catch (error) {
    ctx.log(`internal error after ${event}: ${describe(error)}`);
  }
}

/** The reply to a parsed request, and work to do once it is queued. */
interface Answer {
  message: object;
  after?: () => void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** An answer that is only an error reply. */
function failWith(
  ctx: DispatchContext,
  requestId: RequestId,
  event: string,
  error: ProtocolError,
): Answer {
  return { message: errorMessage(ctx, requestId, error, event) };
}

/** The route context of one request. */
function routeContext(ctx: DispatchContext, session: Session, now: number): RouteContext {
  return {
    engine: ctx.engine,
    session,
    now,
    instruments: ctx.instruments,
    subscribe: ctx.subscribe,
    // Always the same keys (no spread): one object shape per request on the hot path.
    depth: ctx.depth,
  };
}

/** The reply message of a successful request. */
function replyOf(event: string, requestId: RequestId, body: ReplyBody): Answer {
  const { payload, after } = body;
  const message = payload === undefined ? { event, requestId } : { event, requestId, payload };
  return { message, after };
}

/** Routes one request to its handler; may throw only on a programming fault. */
function runRequest(
  ctx: DispatchContext,
  session: Session,
  envelope: Envelope,
  now: number,
): Answer {
  if (ctx.codec !== null) return runRevisionRequest(ctx, ctx.codec, session, envelope, now);
  const { event, requestId, payload } = envelope;
  if (!isRequestEvent(event)) {
    return failWith(ctx, requestId, event, {
      code: ErrorCode.UNKNOWN_EVENT,
      error: `Unknown event ${JSON.stringify(event)}.`,
    });
  }
  const bound = ROUTES[event](payload);
  if (!bound.ok) return failWith(ctx, requestId, event, bound.error);
  const forced = ctx.faults.takeFailure(event);
  if (forced) return failWith(ctx, requestId, event, { code: forced.code, error: forced.message });
  if (ctx.faults.takeThrow(event)) throw new Error(`injected failure of ${event}`);
  if (!ctx.prepare(event)) return failWith(ctx, requestId, event, JOURNAL_UNAVAILABLE);
  const result = bound.run(routeContext(ctx, session, now));
  if (!result.ok) return failWith(ctx, requestId, event, result.error);
  return replyOf(event, requestId, result.value);
}

/**
 * A request of the `first` or `current` revision: the codec decodes it and
 * runs the canonical routes, then answers in its revision's shapes. Events
 * the revision lacks (every extension) are unknown events.
 */
function runRevisionRequest(
  ctx: DispatchContext,
  codec: RevisionCodec,
  session: Session,
  envelope: Envelope,
  now: number,
): Answer {
  const { event, requestId, payload } = envelope;
  if (!codec.hasEvent(event) || !isRequestEvent(event)) {
    return failWith(ctx, requestId, event, {
      code: ErrorCode.UNKNOWN_EVENT,
      error: `Unknown event ${JSON.stringify(event)}.`,
    });
  }
  const forced = ctx.faults.takeFailure(event);
  if (forced) return failWith(ctx, requestId, event, { code: forced.code, error: forced.message });
  if (ctx.faults.takeThrow(event)) throw new Error(`injected failure of ${event}`);
  const routes = routeContext(ctx, session, now);
  const result = codec.handle(event, payload, {
    session,
    now,
    run: (routeEvent, routePayload) => {
      const bound = ROUTES[routeEvent](routePayload);
      if (!bound.ok) return { ok: false, error: bound.error };
      if (!ctx.prepare(routeEvent)) return { ok: false, error: JOURNAL_UNAVAILABLE };
      return bound.run(routes);
    },
    deliver: ctx.deliver,
  });
  if (!result.ok) return failWith(ctx, requestId, event, result.error);
  return replyOf(event, requestId, result.value);
}
