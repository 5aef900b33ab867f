/**
 * How many order lines the chart draws. Hundreds of working orders drawn as
 * lines are unreadable, and the chart library paints every line on every
 * frame (with 500 lines it took most of a frame during a busy stream), so
 * the chart draws the orders nearest the market and says how many it left
 * out; the blotters and the ladder still show every order.
 */
import type { LineSpec } from './overlays';

/** Orders drawn at most (an order is one line, a stop-limit two), on a tall plot. */
export const MAX_ORDER_LINES = 40;
/** Orders drawn at least, however short the plot. */
export const MIN_ORDER_LINES = 10;
/** Plot height per order drawn: about two lines per axis label's height. */
const PX_PER_ORDER = 10;

/**
 * How many orders a plot `height` px tall draws: one per PX_PER_ORDER, from
 * MIN_ORDER_LINES to MAX_ORDER_LINES (MAX when the height is not known). On
 * the desk's short plot, forty lines were a band nobody could tell apart, and
 * drawing them cost a quarter of the page's late frames under a stream of
 * orders (bench/README.md, fifth session).
 */
export function orderLineCap(height: number | null): number {
  if (height === null) return MAX_ORDER_LINES;
  return Math.min(MAX_ORDER_LINES, Math.max(MIN_ORDER_LINES, Math.floor(height / PX_PER_ORDER)));
}

/** The lines to draw and the number of orders left out. */
export interface CappedLines {
  lines: LineSpec[];
  hiddenOrders: number;
}

/**
 * Keeps the `max` orders whose lines lie nearest `reference` (the market),
 * and every order in `keep` (the one being moved or selected); other lines
 * (position, alerts, pivots) pass through. With no reference price, the
 * first `max` orders are kept.
 */
export function capOrderLines(
  lines: readonly LineSpec[],
  reference: number | null,
  keep: ReadonlySet<number> = new Set(),
  max = MAX_ORDER_LINES,
): CappedLines {
  const distance = new Map<number, number>();
  for (const l of lines) {
    if (!l.order) continue;
    const d = reference === null ? 0 : Math.abs(l.price - reference);
    const held = distance.get(l.order.orderId);
    distance.set(l.order.orderId, held === undefined ? d : Math.min(held, d));
  }
  if (distance.size <= max) return { lines: [...lines], hiddenOrders: 0 };
  const ranked = [...distance.entries()]
    .filter(([id]) => !keep.has(id))
    // Nearest first; equal distances by order id, so the choice does not flicker.
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const shown = new Set(keep);
  for (const [id] of ranked) {
    if (shown.size >= max) break;
    shown.add(id);
  }
  const kept = lines.filter((l) => !l.order || shown.has(l.order.orderId));
  const drawnOrders = new Set(kept.flatMap((l) => (l.order ? [l.order.orderId] : [])));
  return { lines: kept, hiddenOrders: distance.size - drawnOrders.size };
}
