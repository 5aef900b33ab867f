/** The chart dock's size rules, pure: the chart keeps a usable height and leaves the blotters theirs. */

/** Height of the chart panel on a first start, px. */
export const DEFAULT_CHART_HEIGHT = 280;
/** On a first start the chart takes at most this share of the column's height. */
export const DEFAULT_SHARE = 0.3;
/** The chart never gets smaller than this, px. */
export const MIN_CHART_HEIGHT = 160;
/** Room always left for the blotters below the chart, px: their tabs, filters, header and a few rows. */
export const MIN_BLOTTER_HEIGHT = 240;

/** A requested chart height within the bounds the column of `available` px allows. */
export function clampHeight(requested: number, available: number): number {
  const max = Math.max(MIN_CHART_HEIGHT, available - MIN_BLOTTER_HEIGHT);
  return Math.min(max, Math.max(MIN_CHART_HEIGHT, requested));
}
