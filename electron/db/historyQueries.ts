/**
 * SQL of the history blotters' pages: each filter and sortable column maps to
 * an indexed expression, pages are keyset ranges over (sort value, key), and
 * counts run on the same indexes. Pure: builds SQL text and parameters only.
 */
import { isWorkingStatus, type OrderStatus } from '../../shared/domain';
import type { HistoryBlotter, HistoryCursor, HistoryRowFilter } from '../../shared/ipc';

/** A parsed page query (the contract's input after zod). */
export interface PageQuery {
  blotter: HistoryBlotter;
  filter: HistoryRowFilter;
  sort: { columnId: string; dir: 'asc' | 'desc' };
  after?: HistoryCursor | undefined;
  direction: 'forward' | 'backward';
  at?: number | undefined;
  limit: number;
}

/** SQL text and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

const json = (field: string): string => `json_extract(row, '$.${field}')`;
// NULL sorts first in SQLite; the grid puts nulls last (ascending). SQLite orders
// numbers < text, so '' stands for a null number, and U+10FFFF (after all text) for null text.
const nullableNumber = (field: string): string => `ifnull(${json(field)}, '')`;
const nullableText = (field: string): string => `ifnull(${json(field)}, char(1114111))`;

/** Where a blotter's rows live and how each of its columns is read in SQL. */
interface TableSpec {
  table: string;
  /** The unique tiebreak of every sort (the primary key after profile_id). */
  key: string;
  /** The time the date filter reads. */
  time: string;
  /** Sortable column id -> SQL expression (each has an index; see migrations). */
  sortable: Readonly<Record<string, string>>;
  /** Filterable fields -> SQL expression. */
  filterable: Partial<Record<'symbol' | 'side' | 'status', string>>;
  /**
   * The row sets a page reads apart, each in its own order, and merges: a WHERE term each,
   * and the index to read it by when the planner must not choose (it has no statistics).
   * The orders' sort indexes hold done orders only (migration 6); the working ones, a few,
   * are read through their own index and sorted. `holds`: whether the part can hold rows
   * of a status (a status filter leaves out the part it rules out, which would otherwise be
   * walked in full for nothing).
   */
  parts: readonly { where: string; indexedBy?: string; holds?: (status: OrderStatus) => boolean }[];
}

/** The two history tables; the column ids are the renderer's (blotters.ts). */
export const HISTORY_TABLES: Readonly<Record<HistoryBlotter, TableSpec>> = {
  fills: {
    table: 'fills',
    key: 'fill_id',
    time: 'time',
    sortable: {
      time: 'time',
      symbol: 'symbol',
      side: 'side',
      qty: json('qty'),
      price: json('price'),
      notional: `(${json('price')} * ${json('qty')})`,
      orderId: 'order_id',
      tradeId: nullableNumber('tradeId'),
      login: json('login'),
    },
    filterable: { symbol: 'symbol', side: 'side' },
    parts: [{ where: '1' }],
  },
  orders: {
    table: 'orders',
    key: 'order_id',
    time: 'updated_at',
    sortable: {
      updatedAt: 'updated_at',
      symbol: 'symbol',
      side: 'side',
      type: json('type'),
      status: 'status',
      origQty: json('origQty'),
      executedQty: json('executedQty'),
      leavesQty: json('leavesQty'),
      price: nullableNumber('price'),
      stopPrice: nullableNumber('stopPrice'),
      avgPrice: nullableNumber('avgPrice'),
      timeInForce: json('timeInForce'),
      lastReason: nullableText('lastReason'),
      orderId: 'order_id',
      clientOrderId: 'client_order_id',
    },
    filterable: { symbol: 'symbol', side: 'side', status: 'status' },
    parts: [
      { where: 'working = 0', holds: (status) => !isWorkingStatus(status) },
      { where: 'working = 1', indexedBy: 'orders_working', holds: isWorkingStatus },
    ],
  },
};

/** True when the blotter can sort by this column in SQL. */
export function isSortable(blotter: HistoryBlotter, columnId: string): boolean {
  return Object.hasOwn(HISTORY_TABLES[blotter].sortable, columnId);
}

/** The WHERE clause of a filter (profile first, so every index prefix applies). */
export function filterWhere(
  blotter: HistoryBlotter,
  profileId: string,
  filter: HistoryRowFilter,
): Statement {
  const spec = HISTORY_TABLES[blotter];
  const clauses = ['profile_id = ?'];
  const params: unknown[] = [profileId];
  for (const field of ['symbol', 'side', 'status'] as const) {
    const expr = spec.filterable[field];
    const wanted = filter[field];
    if (expr === undefined || wanted === undefined) continue;
    clauses.push(`${expr} = ?`);
    params.push(wanted);
  }
  if (filter.from !== undefined) {
    clauses.push(`${spec.time} >= ?`);
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    clauses.push(`${spec.time} < ?`);
    params.push(filter.to);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * One SELECT per part of a blotter's table, each of `columns` from the rows matching `where`,
 * joined by UNION ALL; `order` (a compound ORDER BY, of the result columns' names) merges the
 * parts, each read in its own index's order. With a `status` (the filter's), only the parts
 * that can hold it.
 */
export function inParts(
  blotter: HistoryBlotter,
  columns: string,
  where: Statement,
  { order = '', status }: { order?: string; status?: OrderStatus | undefined } = {},
): Statement {
  const spec = HISTORY_TABLES[blotter];
  const parts = spec.parts.filter(
    (part) => status === undefined || part.holds === undefined || part.holds(status),
  );
  const selects = parts.map((part) => {
    const from =
      part.indexedBy === undefined ? spec.table : `${spec.table} INDEXED BY ${part.indexedBy}`;
    return `SELECT ${columns} FROM ${from} WHERE ${where.sql} AND ${part.where}`;
  });
  return {
    sql: `${selects.join(' UNION ALL ')}${order === '' ? '' : ` ${order}`}`,
    params: parts.flatMap(() => where.params),
  };
}

/** Counts the rows a filter matches (each part on its own index, summed). */
export function countStatement(
  blotter: HistoryBlotter,
  profileId: string,
  filter: HistoryRowFilter,
): Statement {
  const where = filterWhere(blotter, profileId, filter);
  const counts = inParts(blotter, 'COUNT(*) AS n', where, { status: filter.status });
  return { sql: `SELECT SUM(n) FROM (${counts.sql})`, params: counts.params };
}

/**
 * One page as a single row of two JSON arrays: the rows' JSON, and the
 * [sort value, key] of each (the cursors). Forward pages continue after
 * `after`; backward pages end before it and come back in reverse order
 * (the caller reverses them). Sort values travel as SQL literals (`quote`): JSON
 * would round a REAL to 15 digits and the next page would start at the wrong row. `at` starts at a row index instead: the only
 * place an OFFSET runs, over the index's (value, key) entries, never the rows.
 */
export function pageStatement(profileId: string, query: PageQuery): Statement {
  const spec = HISTORY_TABLES[query.blotter];
  const value = spec.sortable[query.sort.columnId];
  if (value === undefined) throw new Error(`not sortable: ${query.sort.columnId}`);
  const where = filterWhere(query.blotter, profileId, query.filter);
  const ascending = (query.sort.dir === 'asc') !== (query.direction === 'backward');
  const dir = ascending ? 'ASC' : 'DESC';
  const order = (prefix: string): string =>
    `ORDER BY ${prefix}sort_value ${dir}, ${prefix}sort_key ${dir}`;
  /** The (sort value, key) of the rows matching the filter and `more`, in the page's order. */
  const sorted = (more: Statement | null): Statement =>
    inParts(
      query.blotter,
      `${value} AS sort_value, ${spec.key} AS sort_key`,
      more === null
        ? where
        : { sql: `${where.sql} AND ${more.sql}`, params: [...where.params, ...more.params] },
      { order: order(''), status: query.filter.status },
    );
  // `at`: the first row's (value, key), found once (a CTE, not a subquery in each part).
  let start: Statement | null = null;
  let from: Statement | null = null;
  if (query.after !== undefined) {
    from = {
      sql: `(${value}, ${spec.key}) ${ascending ? '>' : '<'} (?, ?)`,
      params: [query.after.value, query.after.key],
    };
  } else if (query.at !== undefined && query.at > 0) {
    const first = sorted(null);
    start = {
      sql: `WITH start AS MATERIALIZED (${first.sql} LIMIT 1 OFFSET ?) `,
      params: [...first.params, query.at],
    };
    from = {
      sql: `(${value}, ${spec.key}) ${ascending ? '>=' : '<='} (SELECT sort_value, sort_key FROM start)`,
      params: [],
    };
  }
  // The page's keys first, then its rows by primary key: a part sorted apart (the working
  // orders) then sorts keys alone, and only the page's rows are read whole.
  const keys = sorted(from);
  const rows = `SELECT t.row AS row, json_array(quote(k.sort_value), k.sort_key) AS cursor FROM (${keys.sql} LIMIT ?) AS k CROSS JOIN ${spec.table} AS t ON t.profile_id = ? AND t.${spec.key} = k.sort_key ${order('k.')}`;
  return {
    sql: `${start?.sql ?? ''}SELECT '[' || ifnull(group_concat(row, ','), '') || ']', '[' || ifnull(group_concat(cursor, ','), '') || ']' FROM (${rows})`,
    params: [...(start?.params ?? []), ...keys.params, query.limit, profileId],
  };
}

/** A sort value from its SQL literal (`quote()`): text unquoted, numbers exactly as stored. */
export function cursorValue(literal: string): number | string {
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  return Number(literal);
}
