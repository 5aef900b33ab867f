/**
 * How many order lines the chart draws. Hundreds of working orders drawn as
 * lines are unreadable, and the chart library paints every line on every
 * frame (with 500 lines it took most of a frame during a busy stream), so
 * the chart draws the orders nearest the market and says how many it left
 * out; the blotters and the ladder still show every order.
 */
import type { OrderRow } from '../../../../shared/ipc';
import { eachLinePrice } from './overlays';

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
  // Parallel arrays and one visitor, not an object or a list of prices per order: this runs
  // on every change of the working orders or the market, over hundreds of orders.
  const lined: OrderRow[] = [];
  const distances: number[] = [];
  let distance = Infinity;
  const measure = (_field: unknown, price: number): void => {
    distance = Math.min(distance, reference === null ? 0 : Math.abs(price - reference));
  };
  for (const order of orders) {
    distance = Infinity;
    eachLinePrice(order, measure);
    if (distance === Infinity) continue;
    lined.push(order);
    distances.push(distance);
  }
  if (lined.length <= max) return { orders: lined, hiddenOrders: 0 };
  const shown = new Set(keep);
  // The nearest of the rest, kept in order as they are found (a few dozen): no sort of all.
  const slots = Math.max(0, max - shown.size);
  const nearer = (a: number, b: number): boolean =>
    // Equal distances by order id, so the choice does not flicker.
    ((distances[a] as number) - (distances[b] as number) ||
      (lined[a] as OrderRow).orderId - (lined[b] as OrderRow).orderId) < 0;
  const best: number[] = [];
  for (let i = 0; i < lined.length && slots > 0; i += 1) {
    if (keep.has((lined[i] as OrderRow).orderId)) continue;
    if (best.length === slots) {
      if (!nearer(i, best[slots - 1] as number)) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && nearer(i, best[at - 1] as number)) at -= 1;
    best.splice(at, 0, i);
  }
  for (const i of best) shown.add((lined[i] as OrderRow).orderId);
  const kept = lined.filter((order) => shown.has(order.orderId));
  return { orders: kept, hiddenOrders: lined.length - kept.length };
}
