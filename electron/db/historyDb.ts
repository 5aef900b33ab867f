/**
 * Trade history in SQLite (libsql): orders (newest version per orderId),
 * fills, the protocol audit log, settings and profiles. WAL with
 * synchronous=FULL; writes batched in one transaction per event batch.
 */
import { isWorkingStatus } from '../../shared/domain';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import type { HistoryBlotter, HistoryCursor, HistoryRowFilter, OrderRow } from '../../shared/ipc';
import type { StoredFill } from '../store';
import { eventOf } from './auditPolicy';
import {
  countStatement,
  cursorValue,
  filterWhere,
  inParts,
  pageStatement,
  type PageQuery,
} from './historyQueries';
import { MIGRATIONS } from './migrations';

type Db = InstanceType<typeof Database>;
type Statement = Database.Statement<unknown[]>;

/** WAL pages between two automatic checkpoints (4 KiB pages: 40 MB). */
export const WAL_CHECKPOINT_PAGES = 10_000;
/** Page cache of the connection, in KiB. */
export const CACHE_KIB = 32 * 1024;

/** Tables whose rows belong to one profile (a `profile_id` column). */
const PROFILE_TABLES = ['orders', 'fills', 'audit', 'journal', 'tool_state'] as const;

/** Settings a profile has of its own: its account and its instrument list. */
const PROFILE_SETTING_KINDS = ['account', 'instruments'] as const;
export type ProfileSettingKind = (typeof PROFILE_SETTING_KINDS)[number];

/** A protocol frame to audit. */
export interface AuditEntry {
  time: number;
  direction: 'in' | 'out';
  frame: string;
}

/** Everything one event batch persists. */
export interface WriteBatch {
  orders: OrderRow[];
  fills: StoredFill[];
  removedFillIds: string[];
  audit: AuditEntry[];
}

/** A stored profile (never its token). */
export interface ProfileRecord {
  id: string;
  name: string;
  url: string;
  login: string | null;
  /** What the profile says about its server, as stored (validated by the caller). */
  options: unknown;
}

/** A page of stored rows, each with its place in the sort. */
export type StoredPage = { cursors: HistoryCursor[] } & (
  { blotter: 'orders'; rows: OrderRow[] } | { blotter: 'fills'; rows: StoredFill[] }
);

/** Blotter query. */
export type HistoryFilter = Pick<HistoryRowFilter, 'symbol' | 'from' | 'to'> & {
  limit?: number | undefined;
};

/** The history database of one data directory. */
export class HistoryDb {
  private readonly db: Db;
  private readonly upsertOrders: ChunkedInsert;
  private readonly upsertFills: ChunkedInsert;
  private readonly insertAudit: ChunkedInsert;
  private readonly deleteFill;
  #fillWrites = 0;

  /** Opens (creating and migrating) `<dataDir>/history.db`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, 'history.db');
    // SQLite gives -wal and -shm the database's mode: create it 0600 (the user's trades alone).
    closeSync(openSync(file, 'a', 0o600));
    for (const path of [file, `${file}-wal`, `${file}-shm`])
      if (existsSync(path)) chmodSync(path, 0o600);
    this.db = new Database(file);
    this.db.exec('PRAGMA journal_mode = WAL');
    // FULL: each committed batch is fsynced to the WAL before its events reach the UI.
    this.db.exec('PRAGMA synchronous = FULL');
    this.db.exec('PRAGMA foreign_keys = ON');
    // The blotters' sort indexes put a stream's rows on pages all over each index. A checkpoint
    // every 10,000 WAL pages (40 MB) instead of SQLite's 1,000 copies a page changed again and
    // again into the database once, and 32 MiB of page cache (not 2) keeps those pages in
    // memory: under the app bench's stream the host then took in 8,000 executions a second
    // instead of 6,500, on 2 CPU-s less (bench/README.md, fourth session).
    this.db.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    this.db.exec(`PRAGMA cache_size = -${CACHE_KIB}`);
    this.migrate();
    this.upsertOrders = new ChunkedInsert(
      this.db,
      'INSERT INTO orders (profile_id, order_id, client_order_id, login, symbol, status, working, created_at, updated_at, side, row) VALUES',
      11,
      `ON CONFLICT (profile_id, order_id) DO UPDATE SET
         client_order_id = excluded.client_order_id, login = excluded.login, symbol = excluded.symbol,
         status = excluded.status, working = excluded.working, created_at = excluded.created_at,
         updated_at = excluded.updated_at, side = excluded.side, row = excluded.row`,
    );
    this.upsertFills = new ChunkedInsert(
      this.db,
      'INSERT INTO fills (profile_id, fill_id, order_id, symbol, time, side, row) VALUES',
      7,
      'ON CONFLICT (profile_id, fill_id) DO UPDATE SET time = excluded.time, side = excluded.side, row = excluded.row',
    );
    this.insertAudit = new ChunkedInsert(
      this.db,
      'INSERT INTO audit (profile_id, time, direction, event, frame) VALUES',
      5,
      '',
    );
    this.deleteFill = this.db.prepare('DELETE FROM fills WHERE profile_id = ? AND fill_id = ?');
  }

  /** The open database, for the review's and journal's own queries (db/reviewQueries.ts). */
  get connection(): Db {
    return this.db;
  }

  /** Schema version (number of migrations applied). */
  get version(): number {
    return this.scalar<number>('PRAGMA user_version') ?? 0;
  }

  /** Writes one batch in a single transaction. */
  write(profileId: string, batch: WriteBatch): void {
    if (
      batch.orders.length +
        batch.fills.length +
        batch.removedFillIds.length +
        batch.audit.length ===
      0
    )
      return;
    // An explicit transaction, not db.transaction(): when SQLite fails a statement with
    // SQLITE_FULL/IOERR it has already rolled back, and the wrapper's own ROLLBACK then
    // throws "no transaction is active", hiding the real error. Throw the real one.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      // Later versions of one order in a batch win: keep the last of each.
      const orders = [...new Map(batch.orders.map((o) => [o.orderId, o])).values()];
      this.upsertOrders.run(
        orders.map((o) => [
          profileId,
          o.orderId,
          o.clientOrderId,
          o.login,
          o.symbol,
          o.status,
          isWorkingStatus(o.status) ? 1 : 0,
          o.createdAt,
          o.updatedAt,
          o.side,
          JSON.stringify(o),
        ]),
      );
      for (const id of batch.removedFillIds) this.deleteFill.run(profileId, id);
      const fills = [...new Map(batch.fills.map((f) => [f.fillId, f])).values()];
      this.upsertFills.run(
        fills.map((f) => [
          profileId,
          f.fillId,
          f.orderId,
          f.symbol,
          f.time,
          f.side,
          JSON.stringify(f),
        ]),
      );
      this.insertAudit.run(
        batch.audit.map((a) => [profileId, a.time, a.direction, eventOf(a.frame), a.frame]),
      );
      this.db.exec('COMMIT');
      if (fills.length + batch.removedFillIds.length > 0) this.#fillWrites += 1;
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // The original error is the one worth reporting.
        }
      }
      throw error;
    }
  }

  /**
   * How many committed writes changed fills since the database was opened: a
   * result computed from the fills (a review) is stale once this moves.
   */
  get fillWrites(): number {
    return this.#fillWrites;
  }

  /** Deletes audit rows (of every profile) older than `before`; returns how many. */
  pruneAudit(before: number): number {
    return Number(this.db.prepare('DELETE FROM audit WHERE time < ?').run(before).changes);
  }

  /** The lowest orderId held for a profile (local reject rows are negative), or null. */
  lowestOrderId(profileId: string): number | null {
    return this.scalar<number>('SELECT MIN(order_id) FROM orders WHERE profile_id = ?', [
      profileId,
    ]);
  }

  /** Orders of a profile changed in [from, to), optionally of one symbol, newest first. */
  queryOrders(profileId: string, filter: HistoryFilter): OrderRow[] {
    const { sql, params } = inParts(
      'orders',
      'row, updated_at, order_id',
      filterWhere('orders', profileId, filter),
      { order: 'ORDER BY updated_at DESC, order_id DESC' },
    );
    return this.rowsOf<OrderRow>(`${sql} LIMIT ?`, [...params, filter.limit ?? -1]);
  }

  /** Fills of a profile in [from, to), optionally of one symbol, newest first. */
  queryFills(profileId: string, filter: HistoryFilter): StoredFill[] {
    const where = filterWhere('fills', profileId, filter);
    return this.rowsOf<StoredFill>(
      `SELECT row FROM fills WHERE ${where.sql} ORDER BY time DESC, fill_id DESC LIMIT ?`,
      [...where.params, filter.limit ?? -1],
    );
  }

  /** One page of a history blotter (a keyset range), in sort order, with each row's cursor. */
  historyPage(profileId: string, query: PageQuery): StoredPage {
    const { sql, params } = pageStatement(profileId, query);
    const [rowsText, cursorsText] = (this.db
      .prepare(sql)
      .raw(true)
      .get(...params) ?? []) as unknown[];
    const rows = JSON.parse(String(rowsText ?? '[]')) as unknown[];
    const cursors = (JSON.parse(String(cursorsText ?? '[]')) as [string, number | string][]).map(
      ([value, key]) => ({ value: cursorValue(value), key }),
    );
    // A backward page was read in the reverse order: give it back in the sort's.
    if (query.direction === 'backward') {
      rows.reverse();
      cursors.reverse();
    }
    return query.blotter === 'orders'
      ? { blotter: 'orders', rows: rows as OrderRow[], cursors }
      : { blotter: 'fills', rows: rows as StoredFill[], cursors };
  }

  /** How many rows of a history blotter a filter matches. */
  historyCount(profileId: string, blotter: HistoryBlotter, filter: HistoryRowFilter): number {
    const { sql, params } = countStatement(blotter, profileId, filter);
    return this.scalar<number>(sql, params) ?? 0;
  }

  /** Working orders of a profile. */
  workingOrders(profileId: string): OrderRow[] {
    return this.rowsOf<OrderRow>('SELECT row FROM orders WHERE profile_id = ? AND working = 1', [
      profileId,
    ]);
  }

  /** One order of a profile. */
  order(profileId: string, orderId: number): OrderRow | null {
    return (
      this.rowsOf<OrderRow>('SELECT row FROM orders WHERE profile_id = ? AND order_id = ?', [
        profileId,
        orderId,
      ])[0] ?? null
    );
  }

  /** Fills of one order. */
  fillsOfOrder(profileId: string, orderId: number): StoredFill[] {
    return this.rowsOf<StoredFill>(
      'SELECT row FROM fills WHERE profile_id = ? AND order_id = ? ORDER BY time, fill_id',
      [profileId, orderId],
    );
  }

  /** Latest order change (exchange time) held for a profile, or null. */
  lastUpdate(profileId: string): number | null {
    // Local reject rows (negative orderId) carry local time: they must not steer a resync.
    const latest = inParts('orders', 'MAX(updated_at) AS latest', {
      sql: 'profile_id = ? AND order_id > 0',
      params: [profileId],
    });
    return this.scalar<number>(`SELECT MAX(latest) FROM (${latest.sql})`, latest.params);
  }

  /** Audit entries of a profile, oldest first (for tests and support). */
  audit(profileId: string, limit = 1000): Array<AuditEntry & { event: string | null }> {
    const rows = this.db
      .prepare(
        'SELECT time, direction, event, frame FROM audit WHERE profile_id = ? ORDER BY id LIMIT ?',
      )
      .all(profileId, limit) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      time: Number(r['time']),
      direction: r['direction'] === 'in' ? 'in' : 'out',
      event: typeof r['event'] === 'string' ? r['event'] : null,
      frame: String(r['frame']),
    }));
  }

  /** A profile's own JSON value of the settings table (kept under `<kind>:<profile id>`). */
  getProfileValue(kind: ProfileSettingKind, profileId: string): unknown {
    return this.getValue(`${kind}:${profileId}`);
  }

  /** Stores a profile's own JSON value in the settings table. */
  setProfileValue(kind: ProfileSettingKind, profileId: string, value: unknown): void {
    this.setValue(`${kind}:${profileId}`, value);
  }

  /**
   * Every row a profile owns, in one transaction: its orders, fills, audit,
   * journal, tool state and its own settings (a deleted replay session).
   */
  deleteProfileData(profileId: string): void {
    this.db.transaction(() => {
      for (const table of PROFILE_TABLES)
        this.db.prepare(`DELETE FROM ${table} WHERE profile_id = ?`).run(profileId);
      for (const kind of PROFILE_SETTING_KINDS)
        this.db.prepare('DELETE FROM settings WHERE key = ?').run(`${kind}:${profileId}`);
    })();
  }

  /** A JSON value of the settings table. */
  getValue(key: string): unknown {
    const text = this.scalar<string>('SELECT value FROM settings WHERE key = ?', [key]);
    return text === null ? null : (JSON.parse(text) as unknown);
  }

  /** Stores a JSON value in the settings table. */
  setValue(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }

  /** Stored profiles, oldest first. */
  profiles(): ProfileRecord[] {
    const rows = this.db
      .prepare('SELECT id, name, url, login, options FROM profiles ORDER BY created_at, id')
      .all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: String(r['id']),
      name: String(r['name']),
      url: String(r['url']),
      login: typeof r['login'] === 'string' ? r['login'] : null,
      options: parseJson(String(r['options'] ?? '{}')),
    }));
  }

  /** Creates or updates a profile. */
  saveProfile(profile: ProfileRecord, now: number): void {
    this.db
      .prepare(
        `INSERT INTO profiles (id, name, url, login, options, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url,
           login = excluded.login, options = excluded.options`,
      )
      .run(
        profile.id,
        profile.name,
        profile.url,
        profile.login,
        JSON.stringify(profile.options ?? {}),
        now,
      );
  }

  /** Deletes a profile (its history stays). */
  deleteProfile(id: string): void {
    this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
  }

  /** Closes the database (a WAL checkpoint happens on close). */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private migrate(): void {
    const version = this.version;
    for (let v = version; v < MIGRATIONS.length; v += 1) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v] ?? '');
        this.db.exec(`PRAGMA user_version = ${v + 1}`);
      })();
    }
  }

  private rowsOf<T>(sql: string, params: unknown[]): T[] {
    // One JSON array built inside SQLite: a single crossing into JS however many rows.
    const text = this.scalar<string>(
      `SELECT '[' || group_concat(row, ',') || ']' FROM (${sql})`,
      params,
    );
    return text === null ? [] : (JSON.parse(text) as T[]);
  }

  private scalar<T>(sql: string, params: unknown[] = []): T | null {
    const row = this.db
      .prepare(sql)
      .raw(true)
      .get(...params);
    const value = Array.isArray(row) ? (row[0] as unknown) : undefined;
    return value === undefined || value === null ? null : (value as T);
  }
}

/** Multi-row INSERTs of up to CHUNK rows per statement (far fewer native calls). */
class ChunkedInsert {
  private static readonly CHUNK = 50;
  private readonly full;
  private readonly columns: number;
  private readonly bySize = new Map<number, Statement>();

  constructor(
    private readonly db: Db,
    private readonly head: string,
    columns: number,
    private readonly tail: string,
  ) {
    this.columns = columns;
    this.full = db.prepare(this.sql(ChunkedInsert.CHUNK));
  }

  /** Inserts every row (call inside a transaction). */
  run(rows: unknown[][]): void {
    const chunk = ChunkedInsert.CHUNK;
    let i = 0;
    for (; i + chunk <= rows.length; i += chunk) this.full.run(...rows.slice(i, i + chunk).flat());
    if (i < rows.length) {
      const rest = rows.slice(i);
      this.statement(rest.length).run(...rest.flat());
    }
  }

  /**
   * The statement for `count` rows, prepared once: compiling an upsert that
   * keeps twenty indexes costs more than running it, and a stream of small
   * batches asks for every size from 1 to CHUNK over and over.
   */
  private statement(count: number): Statement {
    let statement = this.bySize.get(count);
    if (!statement) {
      statement = this.db.prepare(this.sql(count));
      this.bySize.set(count, statement);
    }
    return statement;
  }

  private sql(count: number): string {
    const tuple = `(${Array<string>(this.columns).fill('?').join(', ')})`;
    return `${this.head} ${Array<string>(count).fill(tuple).join(', ')} ${this.tail}`;
  }
}

/** JSON text to a value; a damaged value reads as an empty object (the caller validates). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
