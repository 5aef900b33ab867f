/**
 * The review's and the journal's SQL: fills in time order in keyset
 * pages (the review replays them without holding the history), journal
 * entries, and an order's audit trail (its requests, their replies, its
 * executions).
 */
import type Database from 'libsql';
import { JournalEntry, type AuditRow } from '../../shared/ipc';
import type { StoredFill } from '../store';

type Db = InstanceType<typeof Database>;

/** Which fills a review replays: one symbol or all, up to an exclusive time. */
export interface FillScan {
  symbol?: string | undefined;
  to?: number | null | undefined;
}

/**
 * Fills of a profile in (time, orderId, fillId) order, one keyset page at a time:
 * fills of one millisecond follow their orders' ids (the exchange numbers them in sequence).
 */
export function* fillPages(
  db: Db,
  profileId: string,
  scan: FillScan,
  pageSize: number,
): Generator<StoredFill[]> {
  const clauses = ['profile_id = ?'];
  const params: unknown[] = [profileId];
  if (scan.symbol !== undefined) {
    clauses.push('symbol = ?');
    params.push(scan.symbol);
  }
  if (scan.to !== undefined && scan.to !== null) {
    clauses.push('time < ?');
    params.push(scan.to);
  }
  const where = clauses.join(' AND ');
  // One JSON array per page: a single crossing into JS however many rows.
  const first = db.prepare(
    `SELECT '[' || ifnull(group_concat(row, ','), '') || ']' FROM (SELECT row FROM fills WHERE ${where} ORDER BY time, order_id, fill_id LIMIT ?)`,
  );
  const next = db.prepare(
    `SELECT '[' || ifnull(group_concat(row, ','), '') || ']' FROM (SELECT row FROM fills WHERE ${where} AND (time, order_id, fill_id) > (?, ?, ?) ORDER BY time, order_id, fill_id LIMIT ?)`,
  );
  let after: StoredFill | undefined;
  for (;;) {
    const row = (
      after === undefined
        ? first.raw(true).get(...params, pageSize)
        : next.raw(true).get(...params, after.time, after.orderId, after.fillId, pageSize)
    ) as unknown[] | undefined;
    const page = JSON.parse(String(row?.[0] ?? '[]')) as StoredFill[];
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

/** Stores a journal entry; an empty note without tags deletes it. */
export function saveJournalEntry(db: Db, profileId: string, entry: JournalEntry): void {
  if (entry.note.trim() === '' && entry.tags.length === 0) {
    db.prepare('DELETE FROM journal WHERE profile_id = ? AND trip_id = ?').run(
      profileId,
      entry.tripId,
    );
    return;
  }
  db.prepare(
    `INSERT INTO journal (profile_id, trip_id, note, tags, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (profile_id, trip_id) DO UPDATE SET note = excluded.note, tags = excluded.tags,
       updated_at = excluded.updated_at`,
  ).run(profileId, entry.tripId, entry.note, JSON.stringify(entry.tags), entry.updatedAt);
}

/** Journal entries whose note or tags contain `text` (case-insensitive; empty: all), newest first. */
export function searchJournal(db: Db, profileId: string, text: string): JournalEntry[] {
  const needle = text.trim().toLowerCase();
  const rows = db
    .prepare(
      `SELECT trip_id, note, tags, updated_at FROM journal WHERE profile_id = ?
         AND (? = '' OR instr(lower(note), ?) > 0 OR instr(lower(tags), ?) > 0)
       ORDER BY updated_at DESC, trip_id`,
    )
    .all(profileId, needle, needle, needle) as Record<string, unknown>[];
  return rows.flatMap((r) => {
    const parsed = JournalEntry.safeParse({
      tripId: r['trip_id'],
      note: r['note'],
      tags: parseTags(r['tags']),
      updatedAt: Number(r['updated_at']),
    });
    return parsed.success ? [parsed.data] : [];
  });
}

/** Every journal entry of a profile by trip id (a hand-written journal is small). */
export function journalByTrip(db: Db, profileId: string): Map<string, JournalEntry> {
  return new Map(searchJournal(db, profileId, '').map((e) => [e.tripId, e]));
}

/**
 * An order's audit trail, oldest first: frames naming its orderId or
 * clientOrderId, and the reply to each of those requests (a modify's or
 * cancel's reply names neither: it is found by its requestId, the first
 * inbound frame with it after the request).
 */
export function orderAudit(
  db: Db,
  profileId: string,
  orderId: number,
  clientOrderId: string | null,
): AuditRow[] {
  const named = db
    .prepare(
      `SELECT id, time, direction, event, frame FROM audit WHERE profile_id = ?
         AND (instr(frame, ?) > 0 OR instr(frame, ?) > 0 OR (? IS NOT NULL AND instr(frame, ?) > 0))
       ORDER BY id`,
    )
    .all(
      profileId,
      `"orderId":${orderId},`,
      `"orderId":${orderId}}`,
      clientOrderId,
      `"clientOrderId":${JSON.stringify(clientOrderId)}`,
    ) as Record<string, unknown>[];
  const ids = new Set(named.map((r) => Number(r['id'])));
  const replies: Record<string, unknown>[] = [];
  const findReply = db.prepare(
    `SELECT id, time, direction, event, frame FROM audit WHERE profile_id = ? AND direction = 'in'
       AND id > ? AND json_extract(frame, '$.requestId') = ? ORDER BY id LIMIT 1`,
  );
  for (const r of named) {
    if (r['direction'] !== 'out') continue;
    const requestId = requestIdOf(String(r['frame']));
    if (requestId === null) continue;
    const reply = findReply.get(profileId, Number(r['id']), requestId) as
      Record<string, unknown> | undefined;
    if (reply && !ids.has(Number(reply['id']))) {
      ids.add(Number(reply['id']));
      replies.push(reply);
    }
  }
  return [...named, ...replies]
    .sort((a, b) => Number(a['id']) - Number(b['id']))
    .map((r) => ({
      time: Number(r['time']),
      direction: r['direction'] === 'in' ? 'in' : 'out',
      event: typeof r['event'] === 'string' ? r['event'] : null,
      frame: String(r['frame']),
    }));
}

function requestIdOf(frame: string): string | number | null {
  try {
    const value = (JSON.parse(frame) as { requestId?: unknown }).requestId;
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  } catch {
    return null;
  }
}

function parseTags(text: unknown): unknown {
  try {
    return JSON.parse(String(text)) as unknown;
  } catch {
    return [];
  }
}
