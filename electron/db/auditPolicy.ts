/**
 * What the audit log keeps and for how long: requests, replies, executions
 * and errors (what a review of an order needs), never market data, and
 * nothing older than the retention.
 */

/** Audit rows older than this are deleted (on start and once a day). */
export const AUDIT_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

/** How often a running core prunes the audit log. */
export const AUDIT_PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Frames never audited: market data (quotes, and depth snapshots up to ten a
 * second per symbol watched), hundreds a second idle, no use to an order review.
 */
const UNAUDITED_EVENTS: ReadonlySet<string> = new Set(['quote', 'depth']);

/** The `event` of a protocol frame, read without parsing the whole frame. */
export function eventOf(frame: string): string | null {
  return /"event"\s*:\s*"([a-z]+)"/.exec(frame)?.[1] ?? null;
}

/** True when a frame belongs in the audit log. */
export function isAudited(frame: string): boolean {
  const event = eventOf(frame);
  return event === null || !UNAUDITED_EVENTS.has(event);
}
