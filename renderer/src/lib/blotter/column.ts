/**
 * A blotter column: one definition drives the header, the cells, sorting,
 * filtering and the CSV export (after ReactiveTraderCloud's colConfig).
 */
import { formatPrice, formatQty, type Side } from '../../../../shared/domain';
import {
  formatLocalDateTime,
  groupDigits,
  precisionOr,
  type Precision,
  type PrecisionLookup,
} from '../format';

/** A cell's raw value (what sorting and filtering look at). */
export type CellValue = string | number | boolean | null;

/** How a value is shown and compared. */
type ColumnKind = 'text' | 'side' | 'status' | 'price' | 'qty' | 'money' | 'time' | 'id';

/** Which filter control reads this column. */
export type FilterKind = 'symbol' | 'side' | 'status' | 'date';

/** Where a formatted value goes: the screen (grouped digits) or a CSV file (plain digits). */
type FormatTarget = 'cell' | 'csv';

/** Context for formatting: the instrument precision of a symbol. */
export interface FormatContext {
  precisionOf: PrecisionLookup;
}

/** One column of a blotter. */
export interface Column<Row> {
  /** Stable id (used in the sort state, the layout record and test ids). */
  id: string;
  header: string;
  /** Raw value for sorting, filtering and default formatting. */
  accessor: (row: Row) => CellValue;
  kind: ColumnKind;
  /** Symbol whose precision formats this cell (prices and quantities). */
  symbolOf?: (row: Row) => string;
  /** Custom formatter; the default comes from `kind`. */
  format?: (row: Row, ctx: FormatContext, target: FormatTarget) => string;
  /** Custom comparator; the default compares `accessor` values by kind. */
  compare?: (a: Row, b: Row) => number;
  filter?: FilterKind;
  /** Width in px. */
  width: number;
  align: 'left' | 'right' | 'center';
  /** Colour class for side / status / P&L cells. */
  tone?: (row: Row) => string | null;
}

function precisionFor<Row>(
  col: Column<Row>,
  row: Row,
  ctx: FormatContext,
  value: number,
): Precision {
  const symbol = col.symbolOf?.(row);
  return precisionOr(symbol ? ctx.precisionOf(symbol) : undefined, value);
}

/** Money is in the quote currency: cents. */
const MONEY_PRECISION = { pricePrecision: 2 };

/** Formats a column's cell for the screen or for CSV. */
export function formatCell<Row>(
  col: Column<Row>,
  row: Row,
  ctx: FormatContext,
  target: FormatTarget = 'cell',
): string {
  if (col.format) return col.format(row, ctx, target);
  const value = col.accessor(row);
  if (value === null) return '';
  if (typeof value !== 'number') return String(value);
  // The screen groups digits; a CSV file keeps them plain.
  const shown = (plain: string) => (target === 'cell' ? groupDigits(plain) : plain);
  switch (col.kind) {
    case 'price':
      return shown(formatPrice(value, precisionFor(col, row, ctx, value)));
    case 'qty':
      return shown(formatQty(value, precisionFor(col, row, ctx, value)));
    case 'money':
      return shown(formatPrice(value, MONEY_PRECISION));
    case 'time':
      return formatLocalDateTime(value);
    default:
      return String(value);
  }
}

/** Compares two raw values: nulls last, numbers numerically, strings by locale. */
function compareValues(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** The comparator of a column (its own or the default). */
export function comparatorOf<Row>(col: Column<Row>): (a: Row, b: Row) => number {
  return col.compare ?? ((a, b) => compareValues(col.accessor(a), col.accessor(b)));
}

/** CSS tone of a side. */
function sideTone(side: Side): string {
  return side === 'BUY' ? 'buy' : 'sell';
}

/** CSS tone of a signed amount (P&L, net quantity). */
export function signTone(value: number | null): string | null {
  if (value === null || value === 0) return null;
  return value > 0 ? 'up' : 'down';
}

/** Optional parts of a column that a factory does not fix. */
type ColumnExtras<Row> = Pick<Column<Row>, 'filter' | 'symbolOf' | 'tone'>;

type Accessor<Row> = Column<Row>['accessor'];

function makeCol<Row>(
  kind: ColumnKind,
  align: Column<Row>['align'],
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
  extras?: ColumnExtras<Row>,
): Column<Row> {
  return { id, header, accessor, kind, width, align, ...extras };
}

/** A left-aligned text column. */
export function textCol<Row>(
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
  extras?: ColumnExtras<Row>,
): Column<Row> {
  return makeCol('text', 'left', id, header, accessor, width, extras);
}

/** The left-aligned, symbol-filtered "Symbol" column. */
export function symbolCol<Row extends { symbol: string }>(width: number): Column<Row> {
  return textCol('symbol', 'Symbol', (r) => r.symbol, width, { filter: 'symbol' });
}

/** The side-filtered, buy/sell-toned "Side" column. */
export function sideCol<Row extends { side: Side }>(): Column<Row> {
  return makeCol('side', 'left', 'side', 'Side', (r) => r.side, 56, {
    filter: 'side',
    tone: (r) => sideTone(r.side),
  });
}

/** A left-aligned, date-filtered timestamp column. */
export function timeCol<Row>(
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
): Column<Row> {
  return makeCol('time', 'left', id, header, accessor, width, { filter: 'date' });
}

/** A right-aligned quantity column, formatted with the row symbol's precision. */
export function qtyCol<Row>(
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
  symbolOf: (row: Row) => string,
  extras?: ColumnExtras<Row>,
): Column<Row> {
  return makeCol('qty', 'right', id, header, accessor, width, { symbolOf, ...extras });
}

/** A right-aligned price column, formatted with the row symbol's precision. */
export function priceCol<Row>(
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
  symbolOf: (row: Row) => string,
): Column<Row> {
  return makeCol('price', 'right', id, header, accessor, width, { symbolOf });
}

/** A right-aligned money column (two decimals). */
export function moneyCol<Row>(
  id: string,
  header: string,
  accessor: Accessor<Row>,
  width: number,
  extras?: ColumnExtras<Row>,
): Column<Row> {
  return makeCol('money', 'right', id, header, accessor, width, extras);
}

/** A right-aligned numeric id column. */
export function idCol<Row>(id: string, header: string, accessor: Accessor<Row>): Column<Row> {
  return makeCol('id', 'right', id, header, accessor, 80);
}

/** A status column, toned by `tone`. */
export function statusCol<Row>(
  accessor: Accessor<Row>,
  width: number,
  tone: (row: Row) => string | null,
): Column<Row> {
  return makeCol('status', 'left', 'status', 'Status', accessor, width, { filter: 'status', tone });
}
