/**
 * The Positions blotter's rows and columns: main's position rows (in each
 * instrument's currency, under the account's accounting method) joined with
 * main's account figures of the same instrument (in the account currency), the
 * headers naming the method and the currency, and the totals of the rows shown.
 * Every amount is main's; this file only joins, labels and adds up cents.
 */
import type {
  AccountFigures,
  AccountingMethod,
  InstrumentFigures,
  PositionRow,
} from '../../../../shared/ipc';
import { formatPrice } from '../../../../shared/domain';
import { methodLabel, NO_RATE } from '../account/money';
import { groupDigits } from '../format';
import {
  moneyCol,
  priceCol,
  qtyCol,
  signTone,
  symbolCol,
  textCol,
  type CellValue,
  type Column,
} from './column';
import { csvField } from './grid';

/** A position row with main's account-currency figures of its instrument. */
export interface PositionLine extends PositionRow {
  /**
   * The instrument's figures, or null when they do not describe this row yet: not
   * loaded, a fill since they were computed (net quantities differ), or several
   * accounts holding the symbol (main nets them into one instrument).
   */
  account: InstrumentFigures | null;
}

/** What the headers name: the accounting method and the account currency (null until known). */
export interface PositionBasis {
  method: AccountingMethod | null;
  currency: string | null;
}

/**
 * Joins each position row with its instrument's figures where they describe it.
 * `reuse` keeps a row's line while neither half changed, so a quote that moves one
 * position redraws that row alone.
 */
export function positionLines(
  rows: readonly PositionRow[],
  figures: AccountFigures | null,
  reuse?: WeakMap<PositionRow, PositionLine>,
): PositionLine[] {
  const bySymbol = new Map(figures?.instruments.map((i) => [i.symbol, i]));
  const rowsOf = new Map<string, number>();
  for (const row of rows) rowsOf.set(row.symbol, (rowsOf.get(row.symbol) ?? 0) + 1);
  return rows.map((row) => {
    const inst = bySymbol.get(row.symbol);
    const describes =
      inst !== undefined && rowsOf.get(row.symbol) === 1 && inst.netQty === row.netQty;
    const account = describes ? inst : null;
    const held = reuse?.get(row);
    if (held?.account === account) return held;
    const line = { ...row, account };
    reuse?.set(row, line);
    return line;
  });
}

/**
 * One account-currency cell: an amount, "no rate" (main had no rate to convert
 * it), nothing to show (flat, or no mark), or not known for this row.
 */
export type AccountCell = number | 'no-rate' | 'none' | 'unknown';

/** The account-currency amounts a position shows. */
export type AccountField = 'unrealized' | 'realized' | 'exposure';

/** A line's amount in the account currency. */
export function accountCell(line: PositionLine, field: AccountField): AccountCell {
  const inst = line.account;
  if (inst === null) return 'unknown';
  let value: number | null;
  switch (field) {
    case 'realized':
      value = inst.realizedAccount;
      break;
    case 'unrealized':
      if (line.netQty === 0 || inst.unrealized === null) return 'none';
      value = inst.unrealizedAccount;
      break;
    case 'exposure':
      if (line.netQty === 0 || line.markPrice === null) return 'none';
      value = inst.exposureAccount;
      break;
  }
  return value ?? 'no-rate';
}

/** An account cell as text: grouped cents on screen, plain in a CSV file. */
export function formatAccountCell(cell: AccountCell, target: 'cell' | 'csv'): string {
  if (cell === 'no-rate') return NO_RATE;
  if (cell === 'none') return '';
  // "—" says "not known yet" on screen; a CSV cell stays empty rather than hold a dash.
  if (cell === 'unknown') return target === 'cell' ? '—' : '';
  const plain = formatPrice(cell, { pricePrecision: 2 });
  return target === 'cell' ? groupDigits(plain) : plain;
}

/** The totals of the lines shown, in the account currency (per field). */
export type PositionTotals = Record<AccountField, AccountCell>;

/**
 * Adds up the lines' account amounts in whole cents (main rounds each line to
 * cents, so the total is exactly the sum the user reads). One line without a
 * rate makes the total "no rate"; one not yet known makes it unknown.
 */
export function positionTotals(lines: readonly PositionLine[]): PositionTotals {
  const total = (field: AccountField): AccountCell => {
    let cents = 0;
    let noRate = false;
    for (const line of lines) {
      const cell = accountCell(line, field);
      if (cell === 'unknown') return 'unknown';
      if (cell === 'no-rate') noRate = true;
      else if (cell !== 'none') cents += Math.round(cell * 100);
    }
    return noRate ? 'no-rate' : cents / 100;
  };
  return {
    unrealized: total('unrealized'),
    realized: total('realized'),
    exposure: total('exposure'),
  };
}

/** Which position column shows which total. */
const TOTAL_COLUMNS: Readonly<Record<string, AccountField>> = {
  unrealizedAccount: 'unrealized',
  realizedAccount: 'realized',
  exposureAccount: 'exposure',
};

/**
 * The totals as the CSV line after the rows: the label in the first column
 * ("Total USD", "(filtered)" when a filter hides rows), each total under its
 * column, the rest empty; as the totals row under the grid says it.
 */
export function totalsCsvLine(
  columns: readonly Pick<Column<PositionLine>, 'id'>[],
  totals: PositionTotals,
  currency: string | null,
  filtered: boolean,
): string {
  const label = `Total${currency ? ` ${currency}` : ''}${filtered ? ' (filtered)' : ''}`;
  const cells = columns.map((c, i) => {
    const field = TOTAL_COLUMNS[c.id];
    if (field !== undefined) return formatAccountCell(totals[field], 'csv');
    return i === 0 ? label : '';
  });
  return cells.map(csvField).join(',') + '\r\n';
}

const sortValue = (cell: AccountCell): CellValue => (typeof cell === 'number' ? cell : null);
const cellTone = (cell: AccountCell): string | null =>
  typeof cell === 'number' ? signTone(cell) : null;

/** A right-aligned account-currency column of one field. */
function accountCol(
  id: string,
  header: string,
  field: AccountField,
  width: number,
  toned: boolean,
) {
  return {
    ...moneyCol<PositionLine>(
      id,
      header,
      (r) => sortValue(accountCell(r, field)),
      fitHeader(header, width),
    ),
    format: (r: PositionLine, _ctx: unknown, target: 'cell' | 'csv') =>
      formatAccountCell(accountCell(r, field), target),
    ...(toned && { tone: (r: PositionLine) => cellTone(accountCell(r, field)) }),
  } satisfies Column<PositionLine>;
}

/**
 * A width that fits a header naming the method or the currency ("Realized USD
 * (average)"): about 6.6 px a character of the 12 px header font, plus the cell's
 * padding and sort arrow (28 px), never under `min`.
 */
export function fitHeader(header: string, min: number): number {
  return Math.max(min, Math.ceil(header.length * 6.6) + 28);
}

const positionSymbol = (r: PositionLine) => r.symbol;
const direction = (netQty: number) => (netQty > 0 ? 'LONG' : netQty < 0 ? 'SHORT' : 'FLAT');
const directionTone = (netQty: number) => (netQty > 0 ? 'buy' : netQty < 0 ? 'sell' : null);

/**
 * Realized P&L in the instrument's currency. Main's account figures count it
 * from the account's start (a paper reset starts a new account), as the
 * account-currency column beside it does; the position's own figure counts
 * every fill and stands in until those figures describe the row.
 */
const realizedOf = (r: PositionLine): number => r.account?.realized ?? r.realizedPnl;

/**
 * The Positions blotter's columns; headers name the accounting method and the
 * account currency. The account-currency amounts come first: they are the ones
 * comparable across rows and summed below them (as a trading terminal shows profit
 * in the deposit currency); each instrument's own currency follows, then the login.
 */
export function positionColumns({ method, currency }: PositionBasis): Column<PositionLine>[] {
  const by = method === null ? '' : ` (${methodLabel(method)})`;
  const acct = currency ?? 'acct';
  return [
    symbolCol(84),
    textCol('direction', 'Side', (r) => direction(r.netQty), 60, {
      tone: (r) => directionTone(r.netQty),
    }),
    qtyCol('netQty', 'Net qty', (r) => r.netQty, 100, positionSymbol, {
      tone: (r) => signTone(r.netQty),
    }),
    // The account-currency P&L first: it is what a narrow window must still show.
    accountCol('unrealizedAccount', `Unrealized ${acct}`, 'unrealized', 110, true),
    accountCol('realizedAccount', `Realized ${acct}${by}`, 'realized', 110, true),
    priceCol(
      'avgPrice',
      `Avg price${by}`,
      (r) => r.avgPrice,
      fitHeader(`Avg price${by}`, 110),
      positionSymbol,
    ),
    priceCol('markPrice', 'Mark', (r) => r.markPrice, 90, positionSymbol),
    accountCol('exposureAccount', `Exposure ${acct}`, 'exposure', 110, false),
    // The currency of the two P&L columns after it (the instrument's quote currency).
    textCol('currency', 'Ccy', (r) => r.account?.currency ?? null, 48),
    moneyCol('unrealizedPnl', 'Unrealized P&L', (r) => r.unrealizedPnl, 120, {
      tone: (r) => signTone(r.unrealizedPnl),
    }),
    moneyCol('realizedPnl', `Realized P&L${by}`, realizedOf, fitHeader(`Realized P&L${by}`, 110), {
      tone: (r) => signTone(realizedOf(r)),
    }),
    textCol('login', 'Account', (r) => r.login, 90),
  ];
}
