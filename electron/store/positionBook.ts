/**
 * Positions per login and symbol, a pure function of the set of fills: fills
 * arriving in time order are applied incrementally; anything else (an
 * earlier fill, a replaced or removed fill) recomputes that position.
 */
import { markPrice, positionKey } from '../../shared/domain';
import type { PositionRow, Quote } from '../../shared/ipc';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import { applyFill, averageOpenPrice, flatPosition, netQty, unrealizedAt } from './positionMath';
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
}

const sortKey = (f: StoredFill): string => `${String(f.time).padStart(16, '0')}|${f.fillId}`;

/** Positions of every login and symbol seen in fills. */
export class PositionBook {
  private readonly entries = new Map<string, Entry>();
  private readonly fillKey = new Map<string, string>();

  constructor(private readonly precision: (symbol: string) => Precision) {}

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
        state: flatPosition(),
        dirty: false,
      };
      this.entries.set(key, entry);
    }
    const replacing = entry.fills.has(fill.fillId);
    entry.fills.set(fill.fillId, fill);
    this.fillKey.set(fill.fillId, key);
    const k = sortKey(fill);
    if (!replacing && !entry.dirty && k > entry.lastKey) {
      applyFill(entry.state, fill.side, toFixed(fill.qty), toFixed(fill.price));
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
    const fills = [...entry.fills.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    entry.state = flatPosition();
    for (const fill of fills)
      applyFill(entry.state, fill.side, toFixed(fill.qty), toFixed(fill.price));
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
