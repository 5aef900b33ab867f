/**
 * A stand-in for main's history pages in component tests: filters and sorts
 * the given rows with the blotters' own columns and pages them by key, as
 * main pages its database by keyset (cursor keys are the rows' keys).
 */
import type {
  CommandOutput,
  FillRow,
  HistoryCursor,
  HistoryPageQuery,
  IpcResult,
  OrderRow,
} from '../../../../shared/ipc';
import type { commands } from '../../../../shared/ipc';
import type { z } from 'zod';

type CsvExportInput = z.output<(typeof commands)['exportCsv']['input']>;
import { fillColumns, orderHistoryColumns } from '../blotter/blotters';
import { EMPTY_FILTER, rowFilter, sortComparator, type FilterState } from '../blotter/grid';

type Parsed = Required<Pick<HistoryPageQuery, 'blotter' | 'sort' | 'limit'>> &
  Omit<HistoryPageQuery, 'blotter' | 'sort' | 'limit'>;

/** The page main would answer for `query` over these rows. */
export function historyPageOf(
  rows: { orders: readonly OrderRow[]; fills: readonly FillRow[] },
  query: Parsed,
): IpcResult<CommandOutput<'queryHistory'>> {
  const filter: FilterState = {
    ...EMPTY_FILTER,
    symbol: query.filter?.symbol ?? '',
    side: query.filter?.side ?? '',
    status: query.filter?.status ?? '',
    from: query.filter?.from ?? null,
    to: query.filter?.to ?? null,
  };
  if (query.blotter === 'orders') {
    const page = pageOf(rows.orders, orderHistoryColumns, (o) => o.orderId, filter, query);
    return { ok: true, value: { blotter: 'orders', ...page } };
  }
  const page = pageOf(rows.fills, fillColumns, (f) => f.fillId, filter, query);
  return { ok: true, value: { blotter: 'fills', ...page } };
}

function pageOf<Row>(
  all: readonly Row[],
  columns: Parameters<typeof rowFilter<Row>>[0],
  keyOf: (row: Row) => string | number,
  filter: FilterState,
  query: Parsed,
): { rows: Row[]; first: HistoryCursor | null; last: HistoryCursor | null; total: number | null } {
  const test = rowFilter(columns, filter);
  const cmp = sortComparator(columns, query.sort) ?? (() => 0);
  const sorted = (test ? all.filter(test) : [...all]).sort(
    (a, b) => cmp(a, b) || String(keyOf(a)).localeCompare(String(keyOf(b))),
  );
  const at = query.after ? sorted.findIndex((r) => keyOf(r) === query.after?.key) : -1;
  let rows: Row[];
  if (query.direction === 'backward') {
    const end = query.after ? at : sorted.length;
    rows = sorted.slice(Math.max(0, end - query.limit), end);
  } else {
    const start = query.after ? at + 1 : (query.at ?? 0);
    rows = sorted.slice(start, start + query.limit);
  }
  const cursor = (row: Row | undefined): HistoryCursor | null =>
    row === undefined ? null : { value: 0, key: keyOf(row) };
  return {
    rows,
    first: cursor(rows[0]),
    last: cursor(rows.at(-1)),
    total: query.count ? sorted.length : null,
  };
}

/** An `exportCsv` reply of a host with a save dialog: streams, then "saves" to /tmp/<file>. */
export function savedCsvExport(): (input: CsvExportInput) => IpcResult<CommandOutput<'exportCsv'>> {
  const names = new Map<string, string>();
  return (input) => {
    switch (input.op) {
      case 'begin': {
        const exportId = `x${names.size + 1}`;
        names.set(exportId, input.fileName);
        return { ok: true, value: { status: 'streaming', exportId } };
      }
      case 'append':
        return { ok: true, value: { status: 'appended' } };
      case 'abort':
        return { ok: true, value: { status: 'canceled' } };
      case 'finish':
        return { ok: true, value: { status: 'saved', path: `/tmp/${names.get(input.exportId)}` } };
    }
  };
}

/** The pieces of CSV sent to main, in order (the `append` steps the stub recorded). */
export function csvPieces(api: {
  calls: readonly { command: string; input: unknown }[];
}): string[] {
  return api.calls.flatMap((c) => {
    const step = c.input as { op?: string; chunk?: string } | undefined;
    return c.command === 'exportCsv' && step?.op === 'append' ? [step.chunk ?? ''] : [];
  });
}
