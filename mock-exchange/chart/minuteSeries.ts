/**
 * The 1-minute candles of one symbol, oldest first, in growable typed
 * arrays (prices in ticks, volume in lots): compact enough to hold months
 * of minutes for every instrument and to build them in a few milliseconds.
 */

/** One 1-minute candle in integers. */
export interface MinuteCandle {
  /** Open time, epoch minutes. */
  minute: number;
  /** Prices in ticks. */
  open: number;
  high: number;
  low: number;
  close: number;
  /** Traded quantity in lots. */
  volume: number;
  /** Number of trades. */
  count: number;
}

/** Column arrays of `length` candles (what the backfill and the file reader produce). */
export interface MinuteColumns {
  length: number;
  minute: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  count: Float64Array;
}

/** Empty columns with room for `capacity` candles. */
export function allocateColumns(capacity: number): MinuteColumns {
  return {
    length: 0,
    minute: new Int32Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    count: new Float64Array(capacity),
  };
}

/** Columns holding these candles, in the given order. */
export function toColumns(candles: readonly MinuteCandle[]): MinuteColumns {
  const cols = allocateColumns(candles.length);
  cols.length = candles.length;
  candles.forEach((c, i) => {
    for (const name of COLUMNS) cols[name][i] = c[name];
  });
  return cols;
}

type NumericColumn = Exclude<keyof MinuteColumns, 'length'>;
const COLUMNS: readonly NumericColumn[] = [
  'minute',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'count',
];

/** The candle at index `i` of some columns. */
export function candleAt(c: Readonly<MinuteColumns>, i: number): MinuteCandle {
  return {
    minute: c.minute[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
    count: c.count[i]!,
  };
}

/** The 1-minute candles of one symbol, strictly increasing minutes. */
export class MinuteSeries {
  private cols: MinuteColumns;

  constructor(columns?: MinuteColumns) {
    this.cols = columns ?? allocateColumns(64);
  }

  /** Number of candles. */
  get length(): number {
    return this.cols.length;
  }

  /** Read access to the columns (the first `length` entries are valid). */
  get columns(): Readonly<MinuteColumns> {
    return this.cols;
  }

  /** The candle at index `i`. */
  at(i: number): MinuteCandle {
    return candleAt(this.cols, i);
  }

  /** Open minute of the newest candle, or null when empty. */
  get lastMinute(): number | null {
    return this.cols.length === 0 ? null : this.cols.minute[this.cols.length - 1]!;
  }

  /** Index of the first candle opening at or after `minute` (length when none). */
  lowerBound(minute: number): number {
    let lo = 0;
    let hi = this.cols.length;
    const m = this.cols.minute;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m[mid]! < minute) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Folds one trade into the candle of its minute (creating it if needed). */
  addTrade(minute: number, priceTicks: number, lots: number): void {
    const i = this.slotFor(minute);
    const c = this.cols;
    if (c.count[i] === 0) {
      c.open[i] = priceTicks;
      c.high[i] = priceTicks;
      c.low[i] = priceTicks;
    } else {
      if (priceTicks > c.high[i]!) c.high[i] = priceTicks;
      if (priceTicks < c.low[i]!) c.low[i] = priceTicks;
    }
    c.close[i] = priceTicks;
    c.volume[i] = c.volume[i]! + lots;
    c.count[i] = c.count[i]! + 1;
  }

  /** Writes a whole candle, replacing any candle of the same minute. */
  put(candle: MinuteCandle): void {
    const i = this.slotFor(candle.minute);
    for (const name of COLUMNS) this.cols[name][i] = candle[name];
  }

  /** Adds older history in front: `older` must be sorted; minutes already present keep the newer candle. */
  prependOlder(older: MinuteColumns): void {
    const first = this.cols.length === 0 ? Infinity : this.cols.minute[0]!;
    const k = older.length;
    if (k === 0) return;
    if (older.minute[k - 1]! >= first) {
      // Overlap (never on a normal start): fold in one by one, newer data winning.
      const newer = this.cols;
      this.cols = { ...older, length: k };
      for (let i = 0; i < newer.length; i++) this.put(candleAt(newer, i));
      return;
    }
    const merged = allocateColumns(Math.max(64, k + this.cols.length));
    for (const name of COLUMNS) {
      merged[name].set(older[name].subarray(0, k));
      merged[name].set(this.cols[name].subarray(0, this.cols.length), k);
    }
    merged.length = k + this.cols.length;
    this.cols = merged;
  }

  /** Index of the candle of `minute`, inserting an empty one (count 0) in order when missing. */
  private slotFor(minute: number): number {
    const n = this.cols.length;
    // Trades almost always land in the newest minute or the one after it.
    if (n > 0 && this.cols.minute[n - 1] === minute) return n - 1;
    const i = n === 0 || this.cols.minute[n - 1]! < minute ? n : this.lowerBound(minute);
    if (i < n && this.cols.minute[i] === minute) return i;
    if (n === this.cols.minute.length) this.grow();
    const c = this.cols;
    if (i < n) for (const name of COLUMNS) c[name].copyWithin(i + 1, i, n);
    for (const name of COLUMNS) c[name][i] = 0;
    c.minute[i] = minute;
    c.length = n + 1;
    return i;
  }

  private grow(): void {
    const next = allocateColumns(Math.max(64, this.cols.minute.length * 2));
    for (const name of COLUMNS) next[name].set(this.cols[name].subarray(0, this.cols.length));
    next.length = this.cols.length;
    this.cols = next;
  }
}
