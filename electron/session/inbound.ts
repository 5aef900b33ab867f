/**
 * Classifies inbound frames with the shared inbound schemas (any revision's
 * spellings, read canonical); failures are values, never thrown.
 */
import {
  InboundDepthMessage,
  InboundErrorMessage,
  InboundExecutionMessage,
  InboundQuoteMessage,
  RequestId,
  describeZodError,
} from '../../shared/protocol';
import type {
  CanonicalExecution,
  DepthSnapshot,
  InboundErrorPayload,
  QuotePayload,
} from '../../shared/protocol';

/** One inbound frame, classified. */
export type Inbound =
  | { kind: 'execution'; execution: CanonicalExecution }
  | { kind: 'quote'; quote: QuotePayload }
  | { kind: 'depth'; depth: DepthSnapshot }
  | { kind: 'error'; requestId: string | number | null; error: InboundErrorPayload }
  | { kind: 'reply'; event: string; requestId: string | number; message: unknown }
  | { kind: 'invalid'; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Classifies one text frame; replies are checked against their request's schema by the caller. */
export function parseInbound(text: string): Inbound {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isRecord(message)) return { kind: 'invalid', reason: 'not an object' };
  const event = message['event'];
  if (event === 'execution') {
    const parsed = InboundExecutionMessage.safeParse(message);
    if (!parsed.success) return invalid('execution', parsed.error);
    return { kind: 'execution', execution: parsed.data.payload };
  }
  if (event === 'quote') {
    const parsed = InboundQuoteMessage.safeParse(message);
    if (!parsed.success) return invalid('quote', parsed.error);
    return { kind: 'quote', quote: parsed.data.payload };
  }
  // A depth snapshot has no requestId; the ack of a `depth` request has one.
  if (event === 'depth' && message['requestId'] === undefined) {
    const parsed = InboundDepthMessage.safeParse(message);
    if (!parsed.success) return invalid('depth', parsed.error);
    return { kind: 'depth', depth: parsed.data.payload };
  }
  if (event === 'error') {
    const parsed = InboundErrorMessage.safeParse(message);
    if (!parsed.success) return invalid('error', parsed.error);
    return { kind: 'error', requestId: parsed.data.requestId, error: parsed.data.payload };
  }
  if (typeof event !== 'string') return { kind: 'invalid', reason: 'no event' };
  const requestId = RequestId.safeParse(message['requestId']);
  if (!requestId.success) return { kind: 'invalid', reason: `${event} without a valid requestId` };
  return { kind: 'reply', event, requestId: requestId.data, message };
}

function invalid(event: string, error: Parameters<typeof describeZodError>[0]): Inbound {
  const { field, message } = describeZodError(error);
  return { kind: 'invalid', reason: `${event}: ${field}: ${message}` };
}
