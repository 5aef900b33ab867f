/**
 * The three CSV layouts of 1-minute candles a replay accepts, told apart
 * by the first line's content: Binance klines (no header, epoch-ms open
 * time first), HistData ASCII M1 (`YYYYMMDD HHMMSS;o;h;l;c;v`, EST fixed at
 * UTC-5) and plain `time,open,high,low,close,volume` with a header.
 */
import { ReplayLayout } from '../../../shared/protocol';

/** Which layout a file is in (declared with the replay's shapes in shared/protocol). */
export const CsvLayout = ReplayLayout;
export type CsvLayout = ReplayLayout;

/** One line's fields before they are checked: the time as epoch ms (NaN when unreadable) and the raw numbers. */
export interface RawCandle {
  time: number;
  fields: readonly string[];
}

/** HistData's EST is fixed at UTC-5 all year (no daylight saving). */
const HISTDATA_OFFSET_MS = 5 * 3_600_000;
const PLAIN_HEADER = ['time', 'open', 'high', 'low', 'close', 'volume'];
const HISTDATA_LINE = /^\d{8} \d{6};/;
const BINANCE_LINE = /^\d{12,17},/;

/** The layout of a file from its first line, or null when none fits. */
export function detectLayout(firstLine: string): CsvLayout | null {
  const line = firstLine.trim();
  if (HISTDATA_LINE.test(line)) return 'histdata';
  if (BINANCE_LINE.test(line)) return 'binance';
  const header = line
    .toLowerCase()
    .split(',')
    .map((f) => f.trim());
  if (PLAIN_HEADER.every((name, i) => header[i] === name)) return 'plain';
  return null;
}

/** True when a layout's first line is a header (not data). */
export function hasHeader(layout: CsvLayout): boolean {
  return layout === 'plain';
}

/** Binance wrote milliseconds until 2025 and microseconds since: both are read. */
function binanceTime(text: string): number {
  if (!/^\d+$/.test(text)) return NaN;
  const value = Number(text);
  return text.length >= 16 ? Math.floor(value / 1000) : value;
}

function histdataTime(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  const local = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return local + HISTDATA_OFFSET_MS;
}

/** Below this a number of the plain layout is epoch seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_BELOW = 1e11;

function plainTime(text: string): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value < EPOCH_SECONDS_BELOW ? value * 1000 : value;
  }
  // An ISO time without a zone is read as UTC, never as the machine's local time.
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`;
  return /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(iso.replace(' ', 'T')) : NaN;
}

/** Splits one data line of a layout into its time and its open, high, low, close, volume texts. */
export function splitLine(layout: CsvLayout, line: string): RawCandle {
  if (layout === 'histdata') {
    const parts = line.split(';').map((f) => f.trim());
    return { time: histdataTime(parts[0] ?? ''), fields: parts.slice(1, 6) };
  }
  const parts = line.split(',').map((f) => f.trim());
  const time = layout === 'binance' ? binanceTime(parts[0] ?? '') : plainTime(parts[0] ?? '');
  return { time, fields: parts.slice(1, 6) };
}

/** The instrument named by a file name of a layout (`BTCUSDT-1m-2024-01-02.csv`, `DAT_ASCII_EURUSD_M1_2024.csv`), or null. */
export function symbolFromFileName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const histdata = /^DAT_ASCII_([A-Za-z0-9]+)_M1/i.exec(base);
  if (histdata) return histdata[1]!.toUpperCase();
  const first = /^([A-Za-z0-9]+)/.exec(base);
  return first ? first[1]!.toUpperCase() : null;
}
