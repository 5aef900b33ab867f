/** Builders of minute series for the chart's unit tests. */
import { toMinute } from '../intervals';
import { MinuteSeries, type MinuteCandle } from '../minuteSeries';

/** Epoch minute of an ISO instant. */
export const minuteOf = (iso: string): number => toMinute(Date.parse(iso));

/** A candle of one minute with the given prices (ticks) and one trade of `volume` lots. */
export function candle(
  iso: string,
  open: number,
  high: number,
  low: number,
  close: number,
  volume = 1,
  count = 1,
): MinuteCandle {
  return { minute: minuteOf(iso), open, high, low, close, volume, count };
}

/** A series holding these candles. */
export function seriesOf(candles: readonly MinuteCandle[]): MinuteSeries {
  const series = new MinuteSeries();
  for (const c of candles) series.put(c);
  return series;
}
