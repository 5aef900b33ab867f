/**
 * Persistence of user orders: an append-only JSONL journal in `dataDir`.
 *
 * - After each batch of user-order changes, the new state of every changed
 *   order is appended with one synchronous write (it survives kill -9).
 * - A line is `{"rank":n,"order":{...}}` or `{"nextOrderId":n}`; the last
 *   line of an order wins. `rank` is the order's time priority: it changes
 *   when the order is placed, re-priced, increased or triggered, so working
 *   orders are re-imported in queue order.
 * - On open and on close the journal is compacted: rewritten (tmp + rename)
 *   from the engine's export, one line per order.
 * - A torn last line (crash mid-write) is skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PersistedOrder } from '../engine/api';

/** File name of the journal inside `dataDir`. */
export const JOURNAL_FILE = 'orders.jsonl';

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

/** The exchange's order journal (synchronous I/O, one file descriptor). */
export class OrderJournal {
  private readonly entries = new Map<number, Entry>();
  private nextRank = 1;
  private nextOrderId = 1;
  private fd: number | null = null;
  private readonly file: string;

  private constructor(dataDir: string) {
    this.file = path.join(dataDir, JOURNAL_FILE);
  }

  /** Opens (creating `dataDir` if needed) and reads the journal. */
  static open(dataDir: string): OrderJournal {
    fs.mkdirSync(dataDir, { recursive: true });
    const journal = new OrderJournal(dataDir);
    journal.load();
    journal.fd = fs.openSync(journal.file, 'a');
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

  /** Appends the new state of changed orders and the engine's next orderId, in one write. */
  record(orders: readonly PersistedOrder[], nextOrderId: number): void {
    if (this.fd === null) return;
    const lines: string[] = [];
    for (const order of orders) lines.push(JSON.stringify(this.remember(order)));
    if (nextOrderId > this.nextOrderId) {
      this.nextOrderId = nextOrderId;
      lines.push(JSON.stringify({ nextOrderId }));
    }
    if (lines.length > 0) fs.writeSync(this.fd, lines.join('\n') + '\n');
  }

  /** Rewrites the journal from a full export (orders in time-priority order). */
  compact(orders: readonly PersistedOrder[], nextOrderId: number): void {
    this.entries.clear();
    this.nextRank = 1;
    this.nextOrderId = Math.max(this.nextOrderId, nextOrderId);
    const lines = orders.map((order) => JSON.stringify(this.remember(order)));
    lines.push(JSON.stringify({ nextOrderId: this.nextOrderId }));
    const tmp = `${this.file}.tmp`;
    const tmpFd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(tmpFd, lines.join('\n') + '\n');
      fs.fsyncSync(tmpFd);
    } finally {
      fs.closeSync(tmpFd);
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private remember(order: PersistedOrder): Entry {
    const previous = this.entries.get(order.orderId);
    const rank = previous && !lostPriority(previous.order, order) ? previous.rank : this.nextRank++;
    const entry = { rank, order };
    this.entries.set(order.orderId, entry);
    return entry;
  }

  private load(): void {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
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
