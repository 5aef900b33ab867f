/**
 * The browser host's API socket frames, declared once for both ends: the
 * renderer's client sends request frames; the host answers with reply frames
 * and pushes event frames. Parsed with these schemas at each end.
 */
import { z } from 'zod';

/** A frame id: the client's counter (a number; a string id is answered too). */
export const WebFrameId = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);

/** Renderer -> host: run `command` with `input`. */
export const WebRequestFrame = z.object({
  id: WebFrameId,
  /** A command name (checked against the command table by the host). */
  command: z.string().max(64),
  input: z.unknown().optional(),
});
export type WebRequestFrame = z.infer<typeof WebRequestFrame>;

/** Host -> renderer: the result of request `id` (an IpcResult). */
export const WebReplyFrame = z.object({
  id: WebFrameId,
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({
      ok: z.literal(false),
      error: z.object({ code: z.string(), message: z.string() }).loose(),
    }),
  ]),
});
export type WebReplyFrame = z.infer<typeof WebReplyFrame>;

/** Host -> renderer: one event batch. */
export const WebEventFrame = z.object({ events: z.record(z.string(), z.unknown()) });
export type WebEventFrame = z.infer<typeof WebEventFrame>;

/** Anything the host sends. */
export const WebServerFrame = z.union([WebEventFrame, WebReplyFrame]);

/** Parses a frame's text with `schema`; null when it is not JSON or not that shape. */
export function parseWebFrame<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  text: string,
): T | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
