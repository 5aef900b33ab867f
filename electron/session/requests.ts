/** The request vocabulary the session offers its parts (resync, reconciler, core). */
import type { z } from 'zod';
import type { ReplyOf, RequestEvent, RequestPayloads } from '../../shared/protocol';
import type { SessionResult } from './types';

/** Payload a request of `E` takes (before defaults). */
export type PayloadOf<E extends RequestEvent> = z.input<(typeof RequestPayloads)[E]>;
/** Payload of the reply to `E`. */
export type ReplyPayloadOf<E extends RequestEvent> = ReplyOf<E>['payload'];

/**
 * Sends one request and waits for its reply, error or timeout. `onReply` runs
 * synchronously when the reply frame is handled, before any later frame.
 */
export type RequestSender = <E extends RequestEvent>(
  event: E,
  payload: PayloadOf<E>,
  timeoutMs?: number,
  onReply?: (value: ReplyPayloadOf<E>) => void,
) => Promise<SessionResult<ReplyPayloadOf<E>>>;
