/**
 * First pass over an inbound frame: size, JSON, object, requestId and event.
 * Errors are values carrying the requestId to answer with (null when the
 * request could not be parsed).
 */
import type { z } from 'zod';
import {
  ErrorCode,
  REQUEST_ID_PATTERN,
  RequestEnvelope,
  describeZodError,
  type ProtocolError,
  type RequestId,
} from '../../shared/protocol';

/** A frame whose envelope is valid (the RequestEnvelope schema's shape). */
export type Envelope = z.infer<typeof RequestEnvelope>;

/** A rejected frame: the error and the requestId to answer with. */
export interface FrameError {
  requestId: RequestId | null;
  error: ProtocolError;
}

/** Result of parsing one frame. */
export type FrameResult = { ok: true; envelope: Envelope } | { ok: false; rejection: FrameError };

const reject = (requestId: RequestId | null, code: ErrorCode, error: string): FrameResult => ({
  ok: false,
  rejection: { requestId, error: { code, error } },
});

/** True when `value` passes the RequestId schema (checked without zod on the hot path). */
function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'number'
    ? Number.isFinite(value)
    : typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}

/** Parses a text frame of `byteLength` bytes into a request envelope. */
export function parseFrame(text: string, byteLength: number, maxFrameBytes: number): FrameResult {
  if (byteLength > maxFrameBytes) {
    return reject(
      null,
      ErrorCode.TOO_LARGE,
      `Message of ${byteLength} bytes exceeds the limit of ${maxFrameBytes} bytes.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject(null, ErrorCode.MALFORMED, 'Message is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(null, ErrorCode.MALFORMED, 'Message is not a JSON object.');
  }
  const record = value as Record<string, unknown>;
  // Fast path for the common well-formed frame: the same checks as RequestEnvelope
  // (a string event; a finite number or 1-64 printable ASCII characters as requestId).
  const { event: rawEvent, requestId: rawId } = record;
  if (typeof rawEvent === 'string' && isRequestId(rawId)) {
    return { ok: true, envelope: { event: rawEvent, requestId: rawId, payload: record.payload } };
  }
  const requestId = RequestEnvelope.shape.requestId.safeParse(record.requestId);
  if (!requestId.success) {
    const { message } = describeZodError(requestId.error);
    const detail = record.requestId === undefined ? 'is required' : message;
    return reject(null, ErrorCode.INVALID_FIELD, `Invalid field requestId: ${detail}.`);
  }
  const envelope = RequestEnvelope.safeParse(record);
  if (!envelope.success) {
    const { field, message } = describeZodError(envelope.error);
    return reject(requestId.data, ErrorCode.INVALID_FIELD, `Invalid field ${field}: ${message}.`);
  }
  return {
    ok: true,
    envelope: {
      event: envelope.data.event,
      requestId: envelope.data.requestId,
      payload: envelope.data.payload,
    },
  };
}

/** Best-effort requestId of a frame (for replies that reject it before parsing, e.g. 3001). */
export function peekRequestId(
  text: string,
  byteLength: number,
  maxFrameBytes: number,
): RequestId | null {
  const parsed = parseFrame(text, byteLength, maxFrameBytes);
  if (parsed.ok) return parsed.envelope.requestId;
  return parsed.rejection.requestId;
}

/** The in-flight key of a requestId: a number and its string spelling are different ids. */
export function requestKey(requestId: RequestId): string {
  return typeof requestId === 'number' ? `n:${requestId}` : `s:${requestId}`;
}
