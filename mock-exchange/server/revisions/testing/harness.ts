/** Test helpers for the revision tests: an exchange speaking one revision, and shape checks. */
import type { z } from 'zod';
import type { ServerMsg, TestClient } from '../../../test-client/client';
import { openExchange, type Harness } from '../../../testing/harness';

/** Logins and tokens of the current-revision test exchange. */
export const ME = 100001;
export const BOB = 200002;

/** Opens an exchange speaking `revision` (market paused) with two accounts, and a client of each. */
export async function openRevision(
  revision: 'first' | 'current',
): Promise<{ h: Harness; c: TestClient; bob: TestClient }> {
  const logins = revision === 'current' ? [String(ME), String(BOB)] : ['demo', 'bob'];
  const h = await openExchange({
    revision,
    accounts: [
      { login: logins[0] as string, token: 'demo' },
      { login: logins[1] as string, token: 'bob' },
    ],
  });
  const c = await h.connect();
  const bob = await h.connect({ token: 'bob' });
  return { h, c, bob };
}

/** The keys of a payload that its revision's object schema does not declare. */
function undeclaredKeys(schema: z.ZodObject, payload: unknown): string[] {
  const declared = new Set(Object.keys(schema.shape));
  return Object.keys(payload as object).filter((key) => !declared.has(key));
}

/** Parses a payload with a schema and fails the test (throws) on any undeclared key. */
export function exactly<S extends z.ZodObject>(schema: S, payload: unknown): z.infer<S> {
  const extra = undeclaredKeys(schema, payload);
  if (extra.length > 0)
    throw new Error(`undeclared keys ${extra.join(', ')} in ${JSON.stringify(payload)}`);
  return schema.parse(payload);
}

/** The payload of a reply as a record. */
export const payloadOf = (msg: ServerMsg): Record<string, unknown> =>
  msg.payload as Record<string, unknown>;

/** Every execution payload about `orderId` received so far. */
export function executionsOf(c: TestClient, orderId: number): Array<Record<string, unknown>> {
  return c.messages
    .filter((m) => m.event === 'execution' && payloadOf(m).orderId === orderId)
    .map(payloadOf);
}

/** Waits for an execution of `orderId` in `status`. */
export async function executionIn(
  c: TestClient,
  orderId: number,
  status: string,
): Promise<Record<string, unknown>> {
  const msg = await c.waitFor(
    (m) =>
      m.event === 'execution' && payloadOf(m).orderId === orderId && payloadOf(m).status === status,
  );
  return payloadOf(msg);
}
