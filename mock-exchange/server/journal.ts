/**
 * Persistence of user orders: an append-only JSONL journal in `dataDir`.
 *
 * - After each batch of user-order changes, the new state of every changed
 *   order is written with one synchronous write (it survives kill -9).
 * - A line is `{"rank":n,"order":{...}}` or `{"nextOrderId":n}`; the last
 *   line of an order wins. `rank` is the order's time priority: it changes
 *   when the order is placed, re-priced, increased or triggered, so working
 *   orders are re-imported in queue order.
 * - Write-ahead: before a request may change orders, `reserve` writes the
 *   orderId high-water mark it may reach (so a restart never issues an id
 *   already confirmed) and keeps `HEADROOM_BYTES` of the file allocated past
 *   the data (blank padding, skipped on load), so the batch's own write lands
 *   in space the disk already gave us. When either fails the request is
 *   refused before the engine sees it.
 * - A failing write starts an episode, logged once with the real error; the
 *   first write that succeeds again ends it.
 * - On open and on close the journal is compacted: rewritten (tmp + fsync +
 *   rename) from the engine's export, one line per order. Files are 0600 in
 *   a directory created 0700.
 * - A torn last line (crash mid-write) is skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PersistedOrder } from '../engine/api';

/** File name of the journal inside `dataDir`. */
export const JOURNAL_FILE = 'orders.jsonl';
/** Mode of every file the exchange writes in `dataDir`. */
const DATA_FILE_MODE = 0o600;
/** Mode of a `dataDir` the exchange creates. */
const DATA_DIR_MODE = 0o700;
/** Allocated space kept past the journal's data: the largest batch a request is sure to get written. */
const HEADROOM_BYTES = 32 * 1024;

/** Writes all of `text` at `position` of an open file, or throws (ENOSPC, EIO...). */
export interface JournalWriter {
  write(fd: number, text: string, position: number): void;
}

/** The real writer: positional writes through node:fs until every byte is down. */
const fsJournalWriter: JournalWriter = {
  write(fd, text, position) {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += fs.writeSync(fd, bytes, written, bytes.length - written, position + written);
    }
  },
};

/** How the journal writes and where it reports a failing episode. */
export interface JournalSettings {
  writer?: JournalWriter;
  log?: (message: string) => void;
}

interface Entry {
  rank: number;
  order: PersistedOrder;
}

/** What a journal restores: orders in time-priority order, and the next orderId to use. */
export interface Restored {
  orders: PersistedOrder[];
  nextOrderId: number;
}

function isPersistedOrder(value: unknown): value is PersistedOrder {
  if (typeof value !== 'object' || value === null) return false;
  const order = value as Record<string, unknown>;
  return (
    typeof order.orderId === 'number' &&
    typeof order.login === 'string' &&
    typeof order.symbol === 'string' &&
    Array.isArray(order.fills)
  );
}

/** True when `next` lost its time priority relative to `previous`. */
function lostPriority(previous: PersistedOrder, next: PersistedOrder): boolean {
  return (
    previous.price !== next.price ||
    previous.stopPrice !== next.stopPrice ||
    Number(next.origQty) > Number(previous.origQty) ||
    previous.triggered !== next.triggered
  );
}

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Opens a file of the exchange read-write, created (or tightened) to 0600. */
function openDataFile(file: string, flags: string | number): number {
  const fd = fs.openSync(file, flags, DATA_FILE_MODE);
  fs.fchmodSync(fd, DATA_FILE_MODE);
  return fd;
}

/** The exchange's order journal (synchronous I/O, one file descriptor). */
export class OrderJournal {
  private readonly entries = new Map<number, Entry>();
  private nextRank = 1;
  /** The highest nextOrderId the file holds. */
  private nextOrderId = 1;
  private fd: number | null = null;
  /** Byte offset where the next line goes (data before it, padding or nothing after). */
  private end = 0;
  /** Size of the file: data plus blank padding. */
  private allocated = 0;
  /** A failed write may have left bytes up to here past `end`: blanked by the next write. */
  private dirtyUntil = 0;
  /** The next write starts with a newline (the file's data does not end with one). */
  private needsNewline = false;
  /** The error of the current failing episode; null while writes succeed. */
  private failure: string | null = null;
  private readonly file: string;
  private readonly writer: JournalWriter;
  private readonly log: (message: string) => void;

  private constructor(dataDir: string, settings: JournalSettings) {
    this.file = path.join(dataDir, JOURNAL_FILE);
    this.writer = settings.writer ?? fsJournalWriter;
    this.log = settings.log ?? (() => undefined);
  }

  /** Opens (creating `dataDir` 0700 if needed) and reads the journal. */
  static open(dataDir: string, settings: JournalSettings = {}): OrderJournal {
    // A directory the user gave keeps its mode; one we create is private.
    fs.mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
    const journal = new OrderJournal(dataDir, settings);
    journal.load();
    // Positional writes (over the padding): never O_APPEND, which would ignore the position.
    journal.fd = openDataFile(journal.file, fs.constants.O_RDWR | fs.constants.O_CREAT);
    journal.allocated = fs.fstatSync(journal.fd).size;
    return journal;
  }

  /** The orders to import (time-priority order) and the next orderId. */
  restored(): Restored {
    const entries = [...this.entries.values()].sort((a, b) => a.rank - b.rank);
    const maxId = entries.reduce((max, e) => Math.max(max, e.order.orderId), 0);
    return {
      orders: entries.map((e) => e.order),
      nextOrderId: Math.max(this.nextOrderId, maxId + 1),
    };
  }

  /** True while the last write succeeded. */
  get healthy(): boolean {
    return this.failure === null;
  }

  /**
   * Before a request that may change orders: keeps the headroom allocated and
   * writes the orderId high-water mark the request may reach. False (and
   * nothing may change) when the file cannot take it.
   */
  reserve(highWaterOrderId: number): boolean {
    if (this.fd === null) return false;
    try {
      this.keepHeadroom();
      const nextOrderId = Math.max(this.nextOrderId, highWaterOrderId);
      this.writeText(`${JSON.stringify({ nextOrderId })}\n`);
      this.nextOrderId = nextOrderId;
      return this.succeeded();
    } catch (error) {
      return this.failed(error);
    }
  }

  /**
   * Before a market step or an expiry run: true when the headroom is there
   * (and, during a failing episode, a probe write went through).
   */
  ready(): boolean {
    if (this.fd === null) return false;
    if (this.failure !== null) return this.reserve(this.nextOrderId);
    try {
      this.keepHeadroom();
      return true;
    } catch (error) {
      return this.failed(error);
    }
  }

  /**
   * Appends the new state of changed orders and the engine's next orderId, in
   * one write. False when the write failed: the file does not have them.
   */
  record(orders: readonly PersistedOrder[], nextOrderId: number): boolean {
    if (this.fd === null) return false;
    const staged = new Map<number, Entry>();
    let nextRank = this.nextRank;
    const lines: string[] = [];
    for (const order of orders) {
      const previous = staged.get(order.orderId) ?? this.entries.get(order.orderId);
      const rank = previous && !lostPriority(previous.order, order) ? previous.rank : nextRank++;
      const entry = { rank, order };
      staged.set(order.orderId, entry);
      lines.push(JSON.stringify(entry));
    }
    if (nextOrderId > this.nextOrderId) lines.push(JSON.stringify({ nextOrderId }));
    if (lines.length === 0) return true;
    try {
      this.writeText(lines.join('\n') + '\n');
    } catch (error) {
      return this.failed(error);
    }
    for (const [orderId, entry] of staged) this.entries.set(orderId, entry);
    this.nextRank = nextRank;
    this.nextOrderId = Math.max(this.nextOrderId, nextOrderId);
    return this.succeeded();
  }

  /**
   * Rewrites the journal from a full export (orders in time-priority order).
   * False when the rewrite failed: the previous file is kept as it was.
   */
  compact(orders: readonly PersistedOrder[], nextOrderId: number): boolean {
    const entries = orders.map((order, i) => ({ rank: i + 1, order }));
    const highWater = Math.max(this.nextOrderId, nextOrderId);
    const lines = entries.map((entry) => JSON.stringify(entry));
    lines.push(JSON.stringify({ nextOrderId: highWater }));
    const text = lines.join('\n') + '\n';
    const tmp = `${this.file}.tmp`;
    try {
      const tmpFd = openDataFile(tmp, 'w');
      try {
        this.writer.write(tmpFd, text, 0);
        fs.fsyncSync(tmpFd);
      } finally {
        fs.closeSync(tmpFd);
      }
      fs.renameSync(tmp, this.file);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      return this.failed(error);
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = openDataFile(this.file, 'r+');
    this.entries.clear();
    for (const entry of entries) this.entries.set(entry.order.orderId, entry);
    this.nextRank = entries.length + 1;
    this.nextOrderId = highWater;
    this.end = Buffer.byteLength(text);
    this.allocated = this.end;
    this.dirtyUntil = 0;
    this.needsNewline = false;
    return this.succeeded();
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Writes `text` at the end of the data (over padding when there is some). */
  private writeText(text: string): void {
    if (this.fd === null) throw new Error('the journal is closed');
    const line = this.needsNewline ? `\n${text}` : text;
    const bytes = Buffer.byteLength(line);
    // Blank whatever a failed write may have left past the new data.
    const blank = Math.max(0, this.dirtyUntil - (this.end + bytes));
    try {
      this.writer.write(this.fd, blank > 0 ? line + ' '.repeat(blank) : line, this.end);
    } catch (error) {
      this.dirtyUntil = Math.max(this.dirtyUntil, this.end + bytes + blank);
      this.allocated = Math.max(this.allocated, fs.fstatSync(this.fd).size);
      throw error;
    }
    this.end += bytes;
    this.allocated = Math.max(this.allocated, this.end + blank);
    this.dirtyUntil = 0;
    this.needsNewline = false;
  }

  /**
   * Grows the blank padding past the data to twice the headroom once less
   * than the headroom is left. During a failing episode only the whole
   * target ends it, so a disk that is still nearly full does not flap.
   */
  private keepHeadroom(): void {
    const target = this.end + 2 * HEADROOM_BYTES;
    const needed = this.failure === null ? this.end + HEADROOM_BYTES : target;
    if (this.fd === null || this.allocated >= needed) return;
    try {
      this.writer.write(this.fd, ' '.repeat(target - this.allocated), this.allocated);
      this.allocated = target;
    } catch (error) {
      this.allocated = Math.max(this.allocated, fs.fstatSync(this.fd).size);
      throw error;
    }
  }

  private failed(error: unknown): false {
    if (this.failure === null) {
      this.failure = describeError(error);
      this.log(
        `journal: cannot write ${this.file}: ${this.failure}; orders are refused (5000) until it can`,
      );
    }
    return false;
  }

  private succeeded(): true {
    if (this.failure !== null) {
      this.failure = null;
      this.log(`journal: ${this.file} is writable again`);
    }
    return true;
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    // Blank padding of a previous run is not data: the next line goes right after the last one.
    const data = text.trimEnd();
    this.end = Buffer.byteLength(data);
    this.needsNewline = data.length > 0;
    for (const line of data.split('\n')) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue; // a torn line from a crash mid-write
      }
      if (typeof value !== 'object' || value === null) continue;
      const record = value as Record<string, unknown>;
      if (typeof record.nextOrderId === 'number') {
        this.nextOrderId = Math.max(this.nextOrderId, record.nextOrderId);
      } else if (typeof record.rank === 'number' && isPersistedOrder(record.order)) {
        this.entries.set(record.order.orderId, { rank: record.rank, order: record.order });
        this.nextRank = Math.max(this.nextRank, record.rank + 1);
      }
    }
  }
}
