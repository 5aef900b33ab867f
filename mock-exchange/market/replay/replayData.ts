/**
 * An imported file made ready to replay: its instrument (from the
 * instrument list, else from the file's decimals), its candles in integer
 * ticks and lots (the Chart API's minute columns), and a preview of what
 * it holds. Pure.
 */
import type { ReplayGap, ReplayPreview } from '../../../shared/protocol';
import { unitOfDecimals, type Instrument } from '../../../shared/domain';
import { allocateColumns, type MinuteColumns } from '../../chart/minuteSeries';
import type { CsvLayout } from './layouts';
import type { ImportedCandles } from './csvImport';

/** The longest gaps a preview lists. */
const PREVIEW_GAPS = 5;
/** Lots of the largest quantity of an instrument made up from decimals. */
const DERIVED_MAX_LOTS = 1_000_000_000;

/** A file ready to replay. */
export interface ReplayData {
  instrument: Instrument;
  /** 1-minute candles in ticks and lots; `count` is 1 for every candle. */
  candles: MinuteColumns;
  preview: ReplayPreview;
}

/** The rules of a symbol: from the list when it is there, else a tick of the file's smallest price decimal. */
export function instrumentFor(
  symbol: string,
  imported: Pick<ImportedCandles, 'priceDecimals' | 'volumeDecimals'>,
  instruments: readonly Instrument[],
): { instrument: Instrument; rules: ReplayPreview['rules'] } {
  const listed = instruments.find((i) => i.symbol === symbol);
  if (listed) return { instrument: listed, rules: 'instrument list' };
  const tickSize = unitOfDecimals(imported.priceDecimals);
  const stepSize = unitOfDecimals(imported.volumeDecimals);
  return {
    instrument: {
      symbol,
      tickSize,
      stepSize,
      minQty: stepSize,
      maxQty: Number((DERIVED_MAX_LOTS * stepSize).toFixed(imported.volumeDecimals)),
      pricePrecision: imported.priceDecimals,
      qtyPrecision: imported.volumeDecimals,
    },
    rules: 'file decimals',
  };
}

/** The candles in ticks and lots (prices off the tick grid go to the nearest tick). */
export function toReplayColumns(imported: ImportedCandles, instrument: Instrument): MinuteColumns {
  const n = imported.length;
  const cols = allocateColumns(n);
  cols.length = n;
  const ticks = (price: number): number => Math.round(price / instrument.tickSize);
  for (let i = 0; i < n; i++) {
    cols.minute[i] = imported.time[i]! / 60_000;
    cols.open[i] = ticks(imported.open[i]!);
    cols.high[i] = ticks(imported.high[i]!);
    cols.low[i] = ticks(imported.low[i]!);
    cols.close[i] = ticks(imported.close[i]!);
    cols.volume[i] = Math.round(imported.volume[i]! / instrument.stepSize);
    cols.count[i] = 1;
  }
  return cols;
}

/** The preview of some candles: instrument, range and gaps. */
export function previewOf(
  file: string,
  layout: CsvLayout,
  instrument: Instrument,
  rules: ReplayPreview['rules'],
  candles: Readonly<MinuteColumns>,
): ReplayPreview {
  const gaps: ReplayGap[] = [];
  let missingMinutes = 0;
  for (let i = 1; i < candles.length; i++) {
    const missing = candles.minute[i]! - candles.minute[i - 1]! - 1;
    if (missing <= 0) continue;
    missingMinutes += missing;
    gaps.push({ from: iso(candles.minute[i - 1]! + 1), minutes: missing });
  }
  const longestGaps = gaps.sort((a, b) => b.minutes - a.minutes).slice(0, PREVIEW_GAPS);
  return {
    file,
    layout,
    instrument,
    rules,
    candles: candles.length,
    first: iso(candles.minute[0]!),
    last: iso(candles.minute[candles.length - 1]!),
    missingMinutes,
    gapCount: gaps.length,
    longestGaps,
  };
}

/** Everything a replay needs from a parsed file; `symbol` overrides the file name's. */
export function prepareReplay(
  imported: ImportedCandles,
  instruments: readonly Instrument[],
  symbol?: string,
): ReplayData | string {
  const name = symbol ?? imported.symbol;
  if (name === null) return `${imported.file}: the file name names no instrument; give one`;
  const { instrument, rules } = instrumentFor(name, imported, instruments);
  const candles = toReplayColumns(imported, instrument);
  return {
    instrument,
    candles,
    preview: previewOf(imported.file, imported.layout, instrument, rules, candles),
  };
}

function iso(minute: number): string {
  return new Date(minute * 60_000).toISOString();
}
