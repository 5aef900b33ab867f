/**
 * Persistence of the 1-minute candles with `--data`: one binary file per
 * symbol in `<dataDir>/candles/`, a 32-byte header (magic, tick size, step
 * size) then 48-byte records (minute, count, open, high, low, close in
 * ticks, volume in lots). Records are appended as candles complete; on load
 * the last record of a minute wins and a torn tail (crash mid-append) is
 * ignored. Whole rewrites go through a temp file, fsync and rename, so a
 * crash never leaves a half-written file in place. Files are 0600.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Instrument } from '../../shared/domain';
import {
  MinuteSeries,
  allocateColumns,
  candleAt,
  toColumns,
  type MinuteCandle,
  type MinuteColumns,
} from './minuteSeries';

/** Folder of the candle files inside the exchange's data dir. */
export const CANDLE_DIR = 'candles';
const MAGIC = 'PDCANDL1';
const HEADER_BYTES = 32;
const RECORD_BYTES = 48;

/** What a load found: the series, and whether the file should be rewritten (duplicates or a torn tail). */
export interface LoadedCandles {
  series: MinuteSeries;
  needsCompaction: boolean;
}

function header(instrument: Instrument): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeDoubleLE(instrument.tickSize, 8);
  buf.writeDoubleLE(instrument.stepSize, 16);
  return buf;
}

// A record is 12 int32 slots or 6 float64 slots: [minute, count | open, high, low, close, volume].
const I32_PER_RECORD = RECORD_BYTES / 4;
const F64_PER_RECORD = RECORD_BYTES / 8;
// Typed-array views use the platform's byte order; the files are little-endian.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Records of `length` candles read from `columns`, as bytes. */
function encodeColumns(c: Readonly<MinuteColumns>, length: number): Buffer {
  const bytes = new ArrayBuffer(length * RECORD_BYTES);
  if (LITTLE_ENDIAN) {
    const i32 = new Int32Array(bytes);
    const u32 = new Uint32Array(bytes);
    const f64 = new Float64Array(bytes);
    for (let k = 0; k < length; k++) {
      i32[k * I32_PER_RECORD] = c.minute[k]!;
      u32[k * I32_PER_RECORD + 1] = c.count[k]!;
      const at = k * F64_PER_RECORD;
      f64[at + 1] = c.open[k]!;
      f64[at + 2] = c.high[k]!;
      f64[at + 3] = c.low[k]!;
      f64[at + 4] = c.close[k]!;
      f64[at + 5] = c.volume[k]!;
    }
  } else {
    const view = new DataView(bytes);
    for (let k = 0, at = 0; k < length; k++, at += RECORD_BYTES) {
      view.setInt32(at, c.minute[k]!, true);
      view.setUint32(at + 4, c.count[k]!, true);
      view.setFloat64(at + 8, c.open[k]!, true);
      view.setFloat64(at + 16, c.high[k]!, true);
      view.setFloat64(at + 24, c.low[k]!, true);
      view.setFloat64(at + 32, c.close[k]!, true);
      view.setFloat64(at + 40, c.volume[k]!, true);
    }
  }
  return Buffer.from(bytes);
}

/** Columns of the `n` whole records in `body` (file order, duplicates and all). */
function decodeColumns(body: Buffer, n: number): MinuteColumns {
  const cols = allocateColumns(Math.max(64, n));
  cols.length = n;
  // Copy into a fresh, aligned buffer so the typed views can read it directly.
  const bytes = new ArrayBuffer(n * RECORD_BYTES);
  new Uint8Array(bytes).set(body.subarray(0, n * RECORD_BYTES));
  const view = new DataView(bytes);
  const i32 = new Int32Array(bytes);
  const u32 = new Uint32Array(bytes);
  const f64 = new Float64Array(bytes);
  for (let k = 0; k < n; k++) {
    if (LITTLE_ENDIAN) {
      const at = k * F64_PER_RECORD;
      cols.minute[k] = i32[k * I32_PER_RECORD]!;
      cols.count[k] = u32[k * I32_PER_RECORD + 1]!;
      cols.open[k] = f64[at + 1]!;
      cols.high[k] = f64[at + 2]!;
      cols.low[k] = f64[at + 3]!;
      cols.close[k] = f64[at + 4]!;
      cols.volume[k] = f64[at + 5]!;
    } else {
      const at = k * RECORD_BYTES;
      cols.minute[k] = view.getInt32(at, true);
      cols.count[k] = view.getUint32(at + 4, true);
      cols.open[k] = view.getFloat64(at + 8, true);
      cols.high[k] = view.getFloat64(at + 16, true);
      cols.low[k] = view.getFloat64(at + 24, true);
      cols.close[k] = view.getFloat64(at + 32, true);
      cols.volume[k] = view.getFloat64(at + 40, true);
    }
  }
  return cols;
}

/** True when the minutes strictly increase (the normal case: no merge needed). */
function strictlyIncreasing(cols: MinuteColumns): boolean {
  for (let k = 1; k < cols.length; k++) if (cols.minute[k]! <= cols.minute[k - 1]!) return false;
  return true;
}

/** The candle files of one data dir (synchronous I/O, one append descriptor per symbol). */
export class CandleFiles {
  private readonly fds = new Map<string, number>();

  private constructor(private readonly dir: string) {}

  /** Opens (creating it if needed) the candle folder of `dataDir`. */
  static open(dataDir: string): CandleFiles {
    const dir = path.join(dataDir, CANDLE_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new CandleFiles(dir);
  }

  /** Path of a symbol's file (the name is escaped so any symbol is a safe file name). */
  fileOf(symbol: string): string {
    return path.join(this.dir, `${encodeURIComponent(symbol).replace(/\./g, '%2E')}.bin`);
  }

  /** Reads a symbol's candles; null without a file or when its tick/step size no longer match. */
  load(instrument: Instrument): LoadedCandles | null {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(this.fileOf(instrument.symbol));
    } catch {
      return null;
    }
    if (buf.length < HEADER_BYTES || !buf.subarray(0, HEADER_BYTES).equals(header(instrument))) {
      return null;
    }
    const n = Math.floor((buf.length - HEADER_BYTES) / RECORD_BYTES);
    const cols = decodeColumns(buf.subarray(HEADER_BYTES), n);
    const ordered = strictlyIncreasing(cols);
    let series: MinuteSeries;
    if (ordered) series = new MinuteSeries(cols);
    else {
      // Appends after a restart may repeat or precede minutes: merge, the last record winning.
      series = new MinuteSeries();
      for (let k = 0; k < n; k++) series.put(candleAt(cols, k));
    }
    const torn = buf.length !== HEADER_BYTES + n * RECORD_BYTES;
    return { series, needsCompaction: torn || !ordered };
  }

  /** Replaces a symbol's file with the whole series (temp file, fsync, rename). */
  rewrite(instrument: Instrument, series: MinuteSeries): void {
    this.closeFd(instrument.symbol);
    const file = this.fileOf(instrument.symbol);
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, header(instrument));
      fs.writeSync(fd, encodeColumns(series.columns, series.length));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }

  /** Appends candles (complete or changed) to a symbol's file, writing its header first if new. */
  append(instrument: Instrument, candles: readonly MinuteCandle[]): void {
    if (candles.length === 0) return;
    let fd = this.fds.get(instrument.symbol);
    if (fd === undefined) {
      const file = this.fileOf(instrument.symbol);
      fd = fs.openSync(file, 'a', 0o600);
      if (fs.fstatSync(fd).size === 0) fs.writeSync(fd, header(instrument));
      this.fds.set(instrument.symbol, fd);
    }
    fs.writeSync(fd, encodeColumns(toColumns(candles), candles.length));
  }

  /** Closes every open descriptor. */
  close(): void {
    for (const symbol of [...this.fds.keys()]) this.closeFd(symbol);
  }

  private closeFd(symbol: string): void {
    const fd = this.fds.get(symbol);
    if (fd === undefined) return;
    fs.closeSync(fd);
    this.fds.delete(symbol);
  }
}
