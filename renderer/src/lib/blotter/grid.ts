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
  if (isEmptyFilter(filter)) return rows;
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
  if (tests.length === 0) return rows;
  return rows.filter((row) => tests.every((test) => test(row)));
}

/** Rows sorted by the column of `sort` (stable; a new array). */
export function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  sort: SortState | null,
): readonly Row[] {
  const col = sort && columns.find((c) => c.id === sort.columnId);
  if (!col || !sort) return rows;
  const cmp = comparatorOf(col);
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * cmp(a, b));
}

/** The next sort state when a header is clicked: asc, then desc, on the same column. */
export function nextSort(current: SortState | null, columnId: string): SortState {
  if (current?.columnId === columnId)
    return { columnId, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { columnId, dir: 'asc' };
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
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(formatCell(c, row, ctx, 'csv'))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
