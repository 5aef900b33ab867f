/**
 * A revision codec sits at the edge of the server: it decodes a request of
 * its revision into canonical route calls and encodes the canonical results
 * (replies, executions, errors) into its revision's shapes. The engine and
 * the routes stay canonical. `extended` has no codec (identity): the
 * dispatcher's own path is used, unchanged.
 */
import type { ProtocolError, RequestEvent, RequestId, Result } from '../../../shared/protocol';
import type { ExecutionEvent } from '../../engine/api';
import type { ReplyBody } from '../routes';
import type { Session } from '../session';

/** What a codec may use while answering one request. */
export interface RevisionRequest {
  session: Session;
  now: number;
  /** Runs a canonical route (its payload schema, then its handler) for this session. */
  run(event: RequestEvent, payload: unknown): Result<ReplyBody>;
  /** Sends executions to the sessions holding their logins (after the reply). */
  deliver(events: readonly ExecutionEvent[]): void;
}

/** One revision's edge of the server. */
export interface RevisionCodec {
  readonly revision: 'first' | 'current';
  /** True when the revision has this request event. */
  hasEvent(event: string): boolean;
  /** Answers one request of a known event: the revision's reply payload, or a canonical error. */
  handle(event: string, payload: unknown, request: RevisionRequest): Result<ReplyBody>;
  /** The revision's `error` message for a canonical error (`event` is "" when unknown). */
  errorMessage(requestId: RequestId | null, event: string, error: ProtocolError): object;
  /** The revision's `execution` message for a canonical execution (called once per event). */
  executionMessage(event: ExecutionEvent): object;
  /** Moves the revision's own timers (e.g. order lifetimes) to `now`. */
  advanceTime(now: number): void;
}
