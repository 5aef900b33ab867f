/**
 * SQL of the history blotters' pages: each filter and sortable column maps to
 * an indexed expression, pages are keyset ranges over (sort value, key), and
 * counts run on the same indexes. Pure: builds SQL text and parameters only.
 */
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
  },
};

/** True when the blotter can sort by this column in SQL. */
export function isSortable(blotter: HistoryBlotter, columnId: string): boolean {
  return Object.hasOwn(HISTORY_TABLES[blotter].sortable, columnId);
}

/** The WHERE clause of a filter (profile first, so every index prefix applies). */
function filterWhere(
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

/** Counts the rows a filter matches. */
export function countStatement(
  blotter: HistoryBlotter,
  profileId: string,
  filter: HistoryRowFilter,
): Statement {
  const where = filterWhere(blotter, profileId, filter);
  return {
    sql: `SELECT COUNT(*) FROM ${HISTORY_TABLES[blotter].table} WHERE ${where.sql}`,
    params: where.params,
  };
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
  const clauses = [where.sql];
  const params = [...where.params];
  const order = `ORDER BY ${value} ${dir}, ${spec.key} ${dir}`;
  if (query.after !== undefined) {
    clauses.push(`(${value}, ${spec.key}) ${ascending ? '>' : '<'} (?, ?)`);
    params.push(query.after.value, query.after.key);
  } else if (query.at !== undefined && query.at > 0) {
    clauses.push(
      `(${value}, ${spec.key}) ${ascending ? '>=' : '<='} (SELECT ${value}, ${spec.key} FROM ${spec.table} WHERE ${where.sql} ${order} LIMIT 1 OFFSET ?)`,
    );
    params.push(...where.params, query.at);
  }
  const inner = `SELECT row, json_array(quote(${value}), ${spec.key}) AS cursor FROM ${spec.table} WHERE ${clauses.join(' AND ')} ${order} LIMIT ?`;
  params.push(query.limit);
  return {
    sql: `SELECT '[' || ifnull(group_concat(row, ','), '') || ']', '[' || ifnull(group_concat(cursor, ','), '') || ']' FROM (${inner})`,
    params,
  };
}

/** A sort value from its SQL literal (`quote()`): text unquoted, numbers exactly as stored. */
export function cursorValue(literal: string): number | string {
  if (literal.startsWith("'")) return literal.slice(1, -1).replaceAll("''", "'");
  return Number(literal);
}
