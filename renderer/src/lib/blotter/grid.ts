/** Sorting, filtering and CSV export of blotter rows, driven by column definitions. */
import {
  comparatorOf,
  formatCell,
  type CellValue,
  type Column,
  type FilterKind,
  type FormatContext,
} from './column';

/** Sort state of a blotter. */
export interface SortState {
  columnId: string;
  dir: 'asc' | 'desc';
}

/** Filter state of a blotter; empty strings and nulls mean "any". */
export interface FilterState {
  symbol: string;
  side: string;
  status: string;
  /** Epoch ms, inclusive. */
  from: number | null;
  /** Epoch ms, exclusive. */
  to: number | null;
}

/** A filter that lets every row through. */
export const EMPTY_FILTER: FilterState = { symbol: '', side: '', status: '', from: null, to: null };

/** True when no filter is set. */
export function isEmptyFilter(f: FilterState): boolean {
  return !f.symbol && !f.side && !f.status && f.from === null && f.to === null;
}

/** The filter kinds the columns offer (each kind once). */
export function filterKinds<Row>(columns: readonly Column<Row>[]): FilterKind[] {
  return [...new Set(columns.flatMap((c) => (c.filter ? [c.filter] : [])))];
}

/** Rows that pass the filter; each filter kind reads the column that declares it. */
export function filterRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  filter: FilterState,
): readonly Row[] {
  const test = rowFilter(columns, filter);
  return test ? rows.filter(test) : rows;
}

/** The filter as a test of one row, or null when it lets every row through. */
export function rowFilter<Row>(
  columns: readonly Column<Row>[],
  filter: FilterState,
): ((row: Row) => boolean) | null {
  if (isEmptyFilter(filter)) return null;
  const tests: ((row: Row) => boolean)[] = [];
  const byKind = (kind: FilterKind) => columns.find((c) => c.filter === kind);
  const equals = (kind: FilterKind, wanted: string) => {
    const col = byKind(kind);
    if (col && wanted) tests.push((row) => col.accessor(row) === wanted);
  };
  equals('symbol', filter.symbol);
  equals('side', filter.side);
  equals('status', filter.status);
  const dateCol = byKind('date');
  if (dateCol && (filter.from !== null || filter.to !== null)) {
    const { from, to } = filter;
    tests.push((row) => {
      const t: CellValue = dateCol.accessor(row);
      if (typeof t !== 'number') return false;
      return (from === null || t >= from) && (to === null || t < to);
    });
  }
  if (tests.length === 0) return null;
  return (row) => tests.every((test) => test(row));
}

/** Rows sorted by the column of `sort` (stable; a new array). */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: SortState | null,
): readonly Row[] {
  const cmp = sortComparator(columns, sort);
  return cmp ? [...rows].sort(cmp) : rows;
}

/** The order of `sort` as a comparator, or null when rows keep their source order. */
export function sortComparator<Row>(
  columns: readonly Column<Row>[],
  sort: SortState | null,
): ((a: Row, b: Row) => number) | null {
  const col = sort && columns.find((c) => c.id === sort.columnId);
  if (!col || !sort) return null;
  const cmp = comparatorOf(col);
  return sort.dir === 'asc' ? cmp : (a, b) => -cmp(a, b);
}

/**
 * A sorted list after a few rows changed, without sorting it again: finds
 * each `removed` row (a row object of `sorted`) and each `added` row's place
 * by binary search, then copies the runs between them, so a change of k rows
 * costs O(k log n) comparisons plus one copy. `cmp` must be a total order
 * (no two rows equal), as the rows of a stable sort are once their source
 * position breaks ties.
 */
export function patchSorted<Row>(
  sorted: readonly Row[],
  removed: readonly Row[],
  added: readonly Row[],
  cmp: (a: Row, b: Row) => number,
): Row[] {
  /** First index whose row does not sort before `row`. */
  const lowerBound = (row: Row): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(sorted[mid] as Row, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const cuts: number[] = [];
  for (const row of removed) {
    const at = lowerBound(row);
    if (sorted[at] !== row) {
      // Not where the order puts it: fall back to a filter and a full sort of the rest.
      const gone = new Set(removed);
      return [...sorted.filter((r) => !gone.has(r)), ...added].sort(cmp);
    }
    cuts.push(at);
  }
  cuts.sort((a, b) => a - b);
  const incoming = [...added].sort(cmp);
  const places = incoming.map(lowerBound);
  const out = new Array<Row>(sorted.length - cuts.length + incoming.length);
  let k = 0;
  let from = 0;
  const copyTo = (end: number): void => {
    for (let i = from; i < end; i += 1) out[k++] = sorted[i] as Row;
    from = end;
  };
  let c = 0;
  let n = 0;
  while (c < cuts.length || n < incoming.length) {
    const cut = c < cuts.length ? (cuts[c] as number) : Infinity;
    const place = n < incoming.length ? (places[n] as number) : Infinity;
    if (place <= cut) {
      copyTo(place);
      out[k++] = incoming[n] as Row;
      n += 1;
    } else {
      copyTo(cut);
      from = cut + 1;
      c += 1;
    }
  }
  copyTo(sorted.length);
  return out;
}

/** The next sort state when a header is clicked: asc, then desc, on the same column. */
export function nextSort(current: SortState | null, columnId: string): SortState {
  if (current?.columnId === columnId)
    return { columnId, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { columnId, dir: 'asc' };
}

/**
 * The row index a selection moves to by `delta` among `count` rows (clamped).
 * With none selected, a move down starts above the first row and a move up
 * below the last: Down picks the first, Up the last, Home (-count) the first
 * and End (+count) the last, as the keys say.
 */
export function selectionStep(count: number, from: number, delta: number): number {
  if (count === 0) return -1;
  const start = from >= 0 ? from : delta > 0 ? -1 : count;
  return Math.min(count - 1, Math.max(0, start + delta));
}

/** Quotes a CSV field when needed and defuses spreadsheet formulas in text. */
export function csvField(text: string): string {
  let value = text;
  if (/^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value)) value = `'${value}`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV (RFC 4180, CRLF) of exactly these rows, with the columns' headers and formatters. */
export function toCsv<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  ctx: FormatContext,
): string {
  return csvHeader(columns) + csvLines(columns, rows, ctx);
}

/** The CSV header line (CRLF-terminated). */
export function csvHeader<Row>(columns: readonly Column<Row>[]): string {
  return columns.map((c) => csvField(c.header)).join(',') + '\r\n';
}

/** CSV lines of these rows (each CRLF-terminated), without the header: one piece of a streamed file. */
export function csvLines<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  ctx: FormatContext,
): string {
  let out = '';
  for (const row of rows) {
    out += columns.map((c) => csvField(formatCell(c, row, ctx, 'csv'))).join(',') + '\r\n';
  }
  return out;
}
