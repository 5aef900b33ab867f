/**
 * Positions per login and symbol, a pure function of the set of fills: fills
 * arriving in time order are applied incrementally; anything else (an
 * earlier fill, a replaced or removed fill) recomputes that position.
 */
import { markPrice, positionKey } from '../../shared/domain';
import type { AccountingMethod, PositionRow, Quote } from '../../shared/ipc';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import {
  applyFill,
  averageOpenPrice,
  fillUnits,
  flatPosition,
  netQty,
  unrealizedAt,
} from './positionMath';
import type { PositionState } from './positionMath';
import type { Precision } from './precision';
import type { StoredFill } from './types';

interface Entry {
  login: string;
  symbol: string;
  fills: Map<string, StoredFill>;
  /** Sort key of the last fill applied incrementally. */
  lastKey: string;
  state: PositionState;
  dirty: boolean;
  /** Counts changes to this position's fills: a replay of them is current while it stands. */
  changes: number;
}

// Fills of one millisecond follow their orders' ids (the exchange numbers orders in sequence;
// "100:1" sorts before "99:1" as text).
const sortKey = (f: StoredFill): string =>
  `${String(f.time).padStart(16, '0')}|${String(f.orderId).padStart(16, '0')}|${f.fillId}`;

/** The same order as sortKey, without building strings (sorting a whole history). */
export function compareFills(a: StoredFill, b: StoredFill): number {
  return (
    a.time - b.time ||
    a.orderId - b.orderId ||
    (a.fillId < b.fillId ? -1 : a.fillId > b.fillId ? 1 : 0)
  );
}

/** Positions of every login and symbol seen in fills. */
export class PositionBook {
  private readonly entries = new Map<string, Entry>();
  private readonly fillKey = new Map<string, string>();
  private accounting: AccountingMethod;

  constructor(
    private readonly precision: (symbol: string) => Precision,
    method: AccountingMethod = 'FIFO',
  ) {
    this.accounting = method;
  }

  /** The accounting method realized P&L follows. */
  get method(): AccountingMethod {
    return this.accounting;
  }

  /** Switches the accounting method: every position is recomputed under it. */
  setMethod(method: AccountingMethod): void {
    if (method === this.accounting) return;
    this.accounting = method;
    for (const entry of this.entries.values()) entry.dirty = true;
  }

  /** Every position's key, symbol and count of changes to its fills (the account caches by it). */
  positionVersions(): { key: string; symbol: string; version: number }[] {
    return [...this.entries].map(([key, entry]) => ({
      key,
      symbol: entry.symbol,
      version: entry.changes,
    }));
  }

  /** One position's fills in time order (the account's ledgers replay them). */
  positionFills(key: string): StoredFill[] {
    return [...(this.entries.get(key)?.fills.values() ?? [])].sort(compareFills);
  }

  /** Adds or replaces a fill; returns the position key it touched. */
  upsert(fill: StoredFill): string {
    const key = positionKey(fill);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        login: fill.login,
        symbol: fill.symbol,
        fills: new Map(),
        lastKey: '',
        state: flatPosition(this.accounting),
        dirty: false,
        changes: 0,
      };
      this.entries.set(key, entry);
    }
    entry.changes += 1;
    const replacing = entry.fills.has(fill.fillId);
    entry.fills.set(fill.fillId, fill);
    this.fillKey.set(fill.fillId, key);
    const k = sortKey(fill);
    if (!replacing && !entry.dirty && k > entry.lastKey) {
      applyFill(entry.state, fill.side, fillUnits(fill.qty), fillUnits(fill.price));
      entry.lastKey = k;
    } else {
      entry.dirty = true;
    }
    return key;
  }

  /** Removes a fill; returns the position key it touched, if any. */
  remove(fillId: string): string | null {
    const key = this.fillKey.get(fillId);
    const entry = key ? this.entries.get(key) : undefined;
    if (!key || !entry) return null;
    entry.changes += 1;
    entry.fills.delete(fillId);
    this.fillKey.delete(fillId);
    entry.dirty = true;
    return key;
  }

  /** The row of one position key. */
  row(key: string, quotes: ReadonlyMap<string, Quote>): PositionRow | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.dirty) this.recompute(entry);
    return this.toRow(entry, markPrice(quotes.get(entry.symbol)));
  }

  /** Every position. */
  rows(quotes: ReadonlyMap<string, Quote>): PositionRow[] {
    return [...this.entries.keys()].flatMap((key) => this.row(key, quotes) ?? []);
  }

  /** Keys of the positions in a symbol (a quote changed their mark). */
  keysOfSymbol(symbol: string): string[] {
    return [...this.entries.entries()].filter(([, e]) => e.symbol === symbol).map(([k]) => k);
  }

  /** Integer state of a position (for tests). */
  state(login: string, symbol: string): PositionState | undefined {
    const entry = this.entries.get(positionKey({ login, symbol }));
    if (entry?.dirty) this.recompute(entry);
    return entry?.state;
  }

  private recompute(entry: Entry): void {
    const fills = [...entry.fills.values()].sort(compareFills);
    entry.state = flatPosition(this.accounting);
    for (const fill of fills)
      applyFill(entry.state, fill.side, fillUnits(fill.qty), fillUnits(fill.price));
    const last = fills[fills.length - 1];
    entry.lastKey = last ? sortKey(last) : '';
    entry.dirty = false;
  }

  private toRow(entry: Entry, mark: number | null): PositionRow {
    const p = this.precision(entry.symbol);
    const net = netQty(entry.state);
    const avg = averageOpenPrice(entry.state);
    const quoteDecimals = Math.min(16, p.price + p.qty);
    return {
      login: entry.login,
      symbol: entry.symbol,
      netQty: fromFixed(net, 8, p.qty),
      avgPrice: avg ? fromFixed(divRound(avg.sum, avg.qty), 8, Math.min(8, p.price + 2)) : null,
      realizedPnl: fromFixed(entry.state.realized, 16, quoteDecimals),
      unrealizedPnl:
        mark === null || net === 0n
          ? null
          : fromFixed(unrealizedAt(entry.state, toFixed(mark)), 16, quoteDecimals),
      markPrice: mark,
    };
  }
}
