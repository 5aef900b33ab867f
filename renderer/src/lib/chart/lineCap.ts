/**
 * How many order lines the chart draws. Hundreds of working orders drawn as
 * lines are unreadable, and the chart library paints every line on every
 * frame (with 500 lines it took most of a frame during a busy stream), so
 * the chart draws the orders nearest the market and says how many it left
 * out; the blotters and the ladder still show every order.
 */
import type { OrderRow } from '../../../../shared/ipc';
import { orderLinePrices } from './overlays';

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

/** The orders to draw and the number of orders left out. */
export interface NearestOrders {
  orders: OrderRow[];
  hiddenOrders: number;
}

/**
 * Keeps the `max` orders whose lines would lie nearest `reference` (the
 * market), and every order in `keep` (the one being moved or selected), in
 * the order given. An order is as near as its nearer line (a stop-limit has
 * two); orders with no line (market orders) are not counted. With no
 * reference price, the first `max` orders by id are kept. Chosen from the
 * rows, before any line is built: a stream keeps hundreds of orders working,
 * and building every line to draw a few cost more than drawing them.
 */
export function nearestOrders(
  orders: readonly OrderRow[],
  reference: number | null,
  keep: ReadonlySet<number> = new Set(),
  max = MAX_ORDER_LINES,
): NearestOrders {
  const ranked: { order: OrderRow; distance: number }[] = [];
  for (const order of orders) {
    let distance = Infinity;
    for (const { price } of orderLinePrices(order))
      distance = Math.min(distance, reference === null ? 0 : Math.abs(price - reference));
    if (distance !== Infinity) ranked.push({ order, distance });
  }
  if (ranked.length <= max) return { orders: ranked.map((r) => r.order), hiddenOrders: 0 };
  const shown = new Set(keep);
  const byNearness = ranked
    .filter((r) => !keep.has(r.order.orderId))
    // Nearest first; equal distances by order id, so the choice does not flicker.
    .sort((a, b) => a.distance - b.distance || a.order.orderId - b.order.orderId);
  for (const r of byNearness) {
    if (shown.size >= max) break;
    shown.add(r.order.orderId);
  }
  const kept = ranked.filter((r) => shown.has(r.order.orderId)).map((r) => r.order);
  return { orders: kept, hiddenOrders: ranked.length - kept.length };
}
