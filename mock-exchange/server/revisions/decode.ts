/** Parses a request payload with a revision's schema into a Result (errors named as the routes name them). */
import type { z } from 'zod';
import { ok, type Result } from '../../../shared/protocol';
import { schemaError } from '../routes';

/** The parsed payload, or 1002 naming the field (2004/2005 for a non-positive price or quantity). */
export function decode<S extends z.ZodType>(schema: S, payload: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(payload);
  return parsed.success ? ok(parsed.data) : { ok: false, error: schemaError(parsed.error) };
}

/** Copies the keys of `keys` that `source` has (drops every other field). */
export function pickKeys(source: object, keys: readonly string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  return out;
}
