/**
 * Reads a CSV of 1-minute candles (any of the layouts in layouts.ts) into
 * decimal columns, refusing a bad file with a message naming the file and
 * the line (the header counts as line 1). Pure: the text is passed in.
 */
import type { Result } from '../../../shared/domain/result';
import { detectLayout, hasHeader, splitLine, symbolFromFileName, type CsvLayout } from './layouts';

/** A file's candles in decimals, oldest first; times are open times in epoch ms (UTC). */
export interface ImportedCandles {
  file: string;
  layout: CsvLayout;
  /** From the file name (null when it names none). */
  symbol: string | null;
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Most decimals any price has (trailing zeros ignored): the tick when the instrument is unknown. */
  priceDecimals: number;
  /** Most decimals any volume has (trailing zeros ignored). */
  volumeDecimals: number;
}

/** Why a file was refused. */
export interface ImportError {
  file: string;
  /** 1-based line number (the header is line 1); null when the file as a whole is at fault. */
  line: number | null;
  message: string;
}

/** "file:line: message", the one way an import error is shown. */
export function formatImportError(error: ImportError): string {
  return error.line === null
    ? `${error.file}: ${error.message}`
    : `${error.file}:${error.line}: ${error.message}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NAMES = ['open', 'high', 'low', 'close', 'volume'] as const;
const MINUTE_MS = 60_000;

/** Decimals of a number as written, trailing zeros ignored ("1.10500" has 3). */
function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0 || /[eE]/.test(text)) return 0;
  let end = text.length;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

/** Parses a candle CSV; `file` is the name used in errors and to find the instrument. */
export function parseCandleCsv(file: string, text: string): Result<ImportedCandles, ImportError> {
  const refuse = (line: number | null, message: string): Result<ImportedCandles, ImportError> => ({
    ok: false,
    error: { file, line, message },
  });
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim().length > 0);
  if (firstIndex < 0) return refuse(null, 'the file is empty');
  const layout = detectLayout(lines[firstIndex]!.replace(/^\uFEFF/, ''));
  if (layout === null) {
    return refuse(
      firstIndex + 1,
      'unknown layout: expected Binance klines, HistData ASCII M1 or a time,open,high,low,close,volume header',
    );
  }
  const capacity = lines.length;
  const cols = {
    time: new Float64Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
  };
  let n = 0;
  let priceDecimals = 0;
  let volumeDecimals = 0;
  const start = hasHeader(layout) ? firstIndex + 1 : firstIndex;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    const lineNo = i + 1;
    const raw = splitLine(layout, line);
    if (!Number.isFinite(raw.time)) return refuse(lineNo, 'bad time');
    if (raw.time % MINUTE_MS !== 0) return refuse(lineNo, 'time is not on a whole minute');
    if (raw.fields.length < NAMES.length) {
      return refuse(lineNo, `expected 5 numbers after the time, got ${raw.fields.length}`);
    }
    const values: number[] = [];
    for (let k = 0; k < NAMES.length; k++) {
      const textValue = raw.fields[k]!;
      const value = Number(textValue);
      if (!NUMBER.test(textValue) || !Number.isFinite(value) || value < 0) {
        return refuse(lineNo, `bad number in ${NAMES[k]}: "${textValue}"`);
      }
      values.push(value);
      const d = decimalsOf(textValue);
      if (k < 4) priceDecimals = Math.max(priceDecimals, d);
      else volumeDecimals = Math.max(volumeDecimals, d);
    }
    const [open, high, low, close, volume] = values as [number, number, number, number, number];
    if (open <= 0 || high <= 0 || low <= 0 || close <= 0) {
      return refuse(lineNo, 'bad number: prices must be above zero');
    }
    if (high < low) return refuse(lineNo, `high ${high} is below low ${low}`);
    if (open > high || open < low) return refuse(lineNo, `open ${open} is outside high-low`);
    if (close > high || close < low) return refuse(lineNo, `close ${close} is outside high-low`);
    if (n > 0 && raw.time <= cols.time[n - 1]!) {
      return refuse(
        lineNo,
        `time ${new Date(raw.time).toISOString()} is not after the previous line's`,
      );
    }
    cols.time[n] = raw.time;
    cols.open[n] = open;
    cols.high[n] = high;
    cols.low[n] = low;
    cols.close[n] = close;
    cols.volume[n] = volume;
    n++;
  }
  if (n === 0) return refuse(null, 'the file has no candles');
  const cut = (a: Float64Array): Float64Array => a.slice(0, n);
  return {
    ok: true,
    value: {
      file,
      layout,
      symbol: symbolFromFileName(file),
      length: n,
      time: cut(cols.time),
      open: cut(cols.open),
      high: cut(cols.high),
      low: cut(cols.low),
      close: cut(cols.close),
      volume: cut(cols.volume),
      priceDecimals,
      volumeDecimals,
    },
  };
}
