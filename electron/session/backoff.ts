/** Reconnect delays: exponential backoff with jitter. */

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with equal jitter. */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  // Equal jitter: never less than half the base, so retries stay spaced out.
  return Math.round(base / 2 + (random() * base) / 2);
}
