/**
 * The connection-profile form's options: protocol revision, Chart API and the
 * instrument list, as typed, with inline validation by the contract's rules
 * (the core checks again).
 */
import {
  ChartUrl,
  InstrumentInfo,
  ProfileOptions,
  type Profile,
  type ProfileRevision,
} from '../../../../shared/ipc';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import { readDecimal } from '../ticket/decimalInput';

/** The revision choices, in picker order, each with its one line of help. */
export const REVISION_CHOICES: readonly { value: ProfileRevision; label: string; help: string }[] =
  [
    {
      value: 'auto',
      label: 'Auto-detect (default)',
      help: 'Finds out on connect which kind of server answers, and speaks its revision.',
    },
    {
      value: 'extended',
      label: 'Ours (extended)',
      help: "This app's own exchange: symbols, quotes and order history over the order socket.",
    },
    {
      value: 'first',
      label: 'First public revision',
      help: 'The source document only: no extensions, orders looked up by orderId.',
    },
    {
      value: 'current',
      label: 'Current venue revision',
      help: "The venue's newest: numeric login, Till time, TPI and order notes.",
    },
  ];

/** The columns of an instrument row, in order: field and label. */
export const INSTRUMENT_COLUMNS = [
  { field: 'symbol', label: 'Symbol' },
  { field: 'tickSize', label: 'Tick size' },
  { field: 'stepSize', label: 'Lot step' },
  { field: 'minQty', label: 'Minimum quantity' },
  { field: 'pricePrecision', label: 'Price precision' },
  { field: 'qtyPrecision', label: 'Quantity precision' },
] as const;

export type InstrumentField = (typeof INSTRUMENT_COLUMNS)[number]['field'];

/** One instrument as typed; `maxQty` rides along unedited. */
export type InstrumentRow = Record<InstrumentField, string> & {
  /** Stable key for the list (rows move when one is removed). */
  key: number;
  maxQty?: number;
};

/** The options part of the profile form. */
export interface OptionsDraft {
  revision: ProfileRevision;
  /** Empty: no Chart API. */
  chartUrl: string;
  instruments: InstrumentRow[];
}

export type RowErrors = Partial<Record<InstrumentField, string>>;

/** Inline errors of the options. */
export interface OptionsErrors {
  chartUrl?: string;
  /** About the list as a whole (its length). */
  list?: string;
  /** By row key (a removed row takes its errors with it). */
  rows: Partial<Record<number, RowErrors>>;
}

/** Precisions beyond this mean nothing in a double. */
const MAX_PRECISION = 15;

let nextKey = 1;

/** A row for an instrument's rules. */
export function rowOf(info: InstrumentInfo): InstrumentRow {
  return {
    key: nextKey++,
    symbol: info.symbol,
    tickSize: String(info.tickSize),
    stepSize: String(info.stepSize),
    minQty: String(info.minQty),
    pricePrecision: String(info.pricePrecision),
    qtyPrecision: String(info.qtyPrecision),
    ...(info.maxQty !== undefined ? { maxQty: info.maxQty } : {}),
  };
}

/** An empty row for the user to fill in. */
export function emptyRow(): InstrumentRow {
  return {
    key: nextKey++,
    symbol: '',
    tickSize: '',
    stepSize: '',
    minQty: '',
    pricePrecision: '',
    qtyPrecision: '',
  };
}

/** The form's options for a profile; a new profile starts from the common instruments. */
export function optionsDraft(profile: Profile | null): OptionsDraft {
  if (!profile) {
    return { revision: 'auto', chartUrl: '', instruments: DEFAULT_INSTRUMENTS.map(rowOf) };
  }
  return {
    revision: profile.revision,
    chartUrl: profile.chartUrl ?? '',
    instruments: profile.instruments.map(rowOf),
  };
}

/** Decimals a typed decimal is written with, trailing zeros aside. */
function decimalsOf(text: string): number {
  return (text.trim().split('.')[1] ?? '').replace(/0+$/, '').length;
}

function positiveError(text: string, label: string): string | null {
  const r = readDecimal(text);
  if (r.ok) return r.value > 0 ? null : `${label} must be positive`;
  if (r.problem === 'empty') return `Enter a ${label.toLowerCase()}`;
  if (r.problem === 'separator') return r.message;
  return r.problem === 'negative' ? `${label} must be positive` : `${label} is not a number`;
}

function precisionError(text: string, label: string): string | null {
  const typed = text.trim();
  if (typed === '') return `Enter a ${label.toLowerCase()}`;
  if (!/^\d+$/.test(typed) || Number(typed) > MAX_PRECISION)
    return `${label} must be a whole number from 0 to ${MAX_PRECISION}`;
  return null;
}

/** The errors of one row, given the symbols of the rows before it. */
function rowErrors(row: InstrumentRow, earlier: ReadonlySet<string>): RowErrors {
  const errors: RowErrors = {};
  const symbol = row.symbol.trim();
  if (symbol === '') errors.symbol = 'Enter a symbol';
  else if (earlier.has(symbol)) errors.symbol = `${symbol} is listed twice`;
  for (const { field, label } of INSTRUMENT_COLUMNS) {
    if (field === 'symbol') continue;
    const e =
      field === 'pricePrecision' || field === 'qtyPrecision'
        ? precisionError(row[field], label)
        : positiveError(row[field], label);
    if (e) errors[field] = e;
  }
  // A grid finer than the precision could not be written down.
  if (!errors.tickSize && !errors.pricePrecision) {
    const needed = decimalsOf(row.tickSize);
    if (needed > Number(row.pricePrecision))
      errors.pricePrecision = `Price precision must be at least ${needed} for tick size ${row.tickSize.trim()}`;
  }
  for (const field of ['stepSize', 'minQty'] as const) {
    if (errors[field] || errors.qtyPrecision) continue;
    const needed = decimalsOf(row[field]);
    if (needed > Number(row.qtyPrecision))
      errors.qtyPrecision = `Quantity precision must be at least ${needed} for ${field === 'stepSize' ? 'lot step' : 'minimum quantity'} ${row[field].trim()}`;
  }
  return errors;
}

/** The rules of a row that has no errors (the contract's shape). */
function infoOf(row: InstrumentRow): InstrumentInfo {
  return {
    symbol: row.symbol.trim(),
    tickSize: Number(row.tickSize.trim()),
    stepSize: Number(row.stepSize.trim()),
    minQty: Number(row.minQty.trim()),
    ...(row.maxQty !== undefined ? { maxQty: row.maxQty } : {}),
    pricePrecision: Number(row.pricePrecision.trim()),
    qtyPrecision: Number(row.qtyPrecision.trim()),
  };
}

/** What the options save as, or their inline errors. */
export type ValidatedOptions =
  { ok: true; options: ProfileOptions } | { ok: false; errors: OptionsErrors };

/** Validates the options with the contract's rules (ChartUrl, SymbolInfo) and a few of the form's. */
export function validateOptions(draft: OptionsDraft): ValidatedOptions {
  const errors: OptionsErrors = { rows: {} };
  let failed = false;
  const chartUrl = draft.chartUrl.trim();
  if (chartUrl !== '') {
    const parsed = ChartUrl.safeParse(chartUrl);
    if (!parsed.success) {
      errors.chartUrl = parsed.error.issues[0]?.message ?? 'Chart API URL is not valid';
      failed = true;
    }
  }
  const seen = new Set<string>();
  const instruments: InstrumentInfo[] = [];
  for (const row of draft.instruments) {
    const e = rowErrors(row, seen);
    seen.add(row.symbol.trim());
    if (Object.keys(e).length === 0) {
      const info = infoOf(row);
      // The contract's schema is the last word on shape (main checks it again).
      const parsed = InstrumentInfo.safeParse(info);
      if (parsed.success) instruments.push(info);
      else
        for (const issue of parsed.error.issues) {
          const field =
            INSTRUMENT_COLUMNS.find((c) => c.field === issue.path[0])?.field ?? 'symbol';
          e[field] ??= issue.message;
        }
    }
    if (Object.keys(e).length > 0) {
      errors.rows[row.key] = e;
      failed = true;
    }
  }
  const list = ProfileOptions.shape.instruments.safeParse(instruments);
  if (!list.success) {
    const issue = list.error.issues[0];
    errors.list =
      issue?.code === 'too_big'
        ? `A profile keeps at most ${String(issue.maximum)} instruments`
        : (issue?.message ?? 'The instrument list is not valid');
    failed = true;
  }
  if (failed) return { ok: false, errors };
  return {
    ok: true,
    options: { revision: draft.revision, chartUrl: chartUrl === '' ? null : chartUrl, instruments },
  };
}

/** The help line of a revision choice. */
export function revisionHelp(revision: ProfileRevision): string {
  return REVISION_CHOICES.find((c) => c.value === revision)?.help ?? '';
}

/** A revision as the profile list names it. */
export function revisionLabel(revision: ProfileRevision): string {
  return revision === 'auto' ? 'protocol auto-detect' : `protocol ${revision}`;
}
