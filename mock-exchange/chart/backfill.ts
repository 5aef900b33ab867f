/**
 * Seeded history for a first start: one 1-minute candle per minute of
 * [startMinute, endMinute), walked backwards from the live reference so the
 * last candle closes exactly at it and the live market carries on without a
 * jump. Same inputs, same candles. Written straight into typed arrays: the
 * default instruments' month of minutes takes a few milliseconds.
 */
import { createRandom } from '../market/prng';
import { allocateColumns, type MinuteColumns } from './minuteSeries';

/** What shapes one symbol's history. */
export interface BackfillSpec {
  /** Seed (derive one per symbol). */
  seed: number;
  /** First minute of history (epoch minutes). */
  startMinute: number;
  /** Minute after the last one of history: the live market's first minute. */
  endMinute: number;
  /** Close of the last candle, in ticks: the live reference price. */
  referenceTicks: number;
  /** Standard deviation of one minute's move, in ticks. */
  sigmaTicks: number;
  /** Typical size of one trade, in lots. */
  unitLots: number;
}

const SQRT6 = Math.sqrt(6);
const BYTE = 1 / 256;

/** The seeded 1-minute candles of one symbol, oldest first, ending at the reference. */
export function generateBackfill(spec: BackfillSpec): MinuteColumns {
  const n = Math.max(0, spec.endMinute - spec.startMinute);
  const cols = allocateColumns(n);
  cols.length = n;
  if (n === 0) return cols;
  const random = createRandom(spec.seed);
  const next = random.next;
  // Keep history well above zero: reflect the walk off half the reference.
  const floor = Math.max(2, Math.ceil(spec.referenceTicks / 2));
  const sigma = Math.max(0.5, spec.sigmaTicks);
  const unit = Math.max(1, spec.unitLots);
  let close = spec.referenceTicks;
  // Three draws a minute (a month of minutes for five symbols costs a few ms): two
  // uniforms make a triangular move (sd 1 after scaling), the third's four bytes
  // shape the wicks, the trade count and the volume.
  for (let i = n - 1; i >= 0; i--) {
    const move = (next() + next() - 1) * SQRT6;
    let open = close - Math.round(move * sigma);
    if (open < floor) open = 2 * floor - open;
    const bits = Math.floor(next() * 4294967296);
    const upper = (bits & 0xff) * BYTE;
    const lower = ((bits >>> 8) & 0xff) * BYTE;
    const trades = 10 + ((bits >>> 16) & 0x3f);
    const size = 0.25 + (bits >>> 24) * BYTE;
    cols.minute[i] = spec.startMinute + i;
    cols.open[i] = open;
    cols.close[i] = close;
    cols.high[i] = Math.max(open, close) + Math.floor(upper * upper * sigma);
    cols.low[i] = Math.max(1, Math.min(open, close) - Math.floor(lower * lower * sigma));
    cols.count[i] = trades;
    cols.volume[i] = Math.max(1, Math.round(trades * unit * size));
    close = open;
  }
  return cols;
}
