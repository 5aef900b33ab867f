/**
 * The depth ladder's rows, pure: one row per step of ticks (one tick, or a
 * coarser step the trader picks for a sparse book) around a centre price,
 * with the book's bid and ask size and the trader's own working orders in
 * each row. The centre follows the market only when it leaves the middle of
 * the ladder, so the rows hold still under the mouse.
 */
import type { OrderRow } from '../../../../shared/ipc';
import type { DepthSnapshot } from '../../../../shared/protocol';
import { fromUnits } from '../../../../shared/domain';

/** The instrument fields the ladder needs. */
export interface LadderRules {
  tickSize: number;
  pricePrecision: number;
}

/** The trader's working orders in one row (at one price, or within its step). */
export interface OwnAtPrice {
  orderIds: number[];
  count: number;
  buyQty: number;
  sellQty: number;
}

/** One ladder row (top row: highest price); `ticks` is its price in ticks, on the step's grid. */
export interface LadderRow {
  price: number;
  ticks: number;
  bidQty: number | null;
  askQty: number | null;
  own: OwnAtPrice | null;
  bestBid: boolean;
  bestAsk: boolean;
  last: boolean;
}

/** The top of book the ladder centres on when the server has no depth. */
export interface Top {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

/** The row steps the ladder offers, in ticks. */
export const LADDER_STEPS: readonly number[] = [1, 2, 5, 10, 25, 50, 100];

/** A step the ladder offers (anything else, e.g. a stale saved value, is one tick). */
export function ladderStep(value: unknown): number {
  return typeof value === 'number' && LADDER_STEPS.includes(value) ? value : 1;
}

/**
 * The row of `ticks` on a grid of `step` ticks. A bid (a buy) belongs to the
 * row at or below its price and an ask (a sell) to the row at or above, so a
 * row never holds both sides of the spread and its price is never better than
 * the prices it sums: buying at a bid row's price or selling at an ask row's
 * never pays more than the book it shows.
 */
export function rowOf(ticks: number, step: number, side: 'bid' | 'ask' | 'nearest'): number {
  const at = ticks / step;
  return (side === 'bid' ? Math.floor(at) : side === 'ask' ? Math.ceil(at) : Math.round(at)) * step;
}

/** A price in whole ticks (nearest). */
export function toTicks(price: number, rules: LadderRules): number {
  return Math.round(price / rules.tickSize);
}

/** The best bid and ask: the book's, else the top of book's; null: none. */
function bestPrices(
  book: DepthSnapshot | null,
  top: Top,
): { bid: number | null; ask: number | null } {
  return { bid: book?.bids[0]?.[0] ?? top.bid, ask: book?.asks[0]?.[0] ?? top.ask };
}

/** The ticks of the top and the bottom row of `rows` rows of `step` around `centre`. */
function rowSpan(centre: number, rows: number, step: number): { first: number; lowest: number } {
  const first = centre + Math.floor(rows / 2) * step;
  return { first, lowest: first - (rows - 1) * step };
}

/** The market's centre in ticks: the mid of the best bid and ask, else the last price; null: no market. */
export function marketCentre(
  book: DepthSnapshot | null,
  top: Top,
  rules: LadderRules,
): number | null {
  const { bid, ask } = bestPrices(book, top);
  if (bid !== null && ask !== null)
    return Math.round((toTicks(bid, rules) + toTicks(ask, rules)) / 2);
  const one = bid ?? ask ?? top.last;
  return one === null ? null : toTicks(one, rules);
}

/** The rows (ticks on the grid of `step`) of the best bid and the best ask; null: none. */
export function bestRows(
  book: DepthSnapshot | null,
  top: Top,
  rules: LadderRules,
  step = 1,
): { bid: number | null; ask: number | null } {
  const { bid, ask } = bestPrices(book, top);
  return {
    bid: bid === null ? null : rowOf(toTicks(bid, rules), step, 'bid'),
    ask: ask === null ? null : rowOf(toTicks(ask, rules), step, 'ask'),
  };
}

/**
 * Where the ladder's centre goes next (in ticks, on the grid of `step`): kept
 * while the market stays within the middle half of `rows` and the best bid
 * and ask (`best`, when given) are both on screen, else moved onto the market
 * (and always when the user has not scrolled away: `held` false and no centre
 * yet). A spread wider than the ladder centres on its middle.
 */
export function nextCentre(
  current: number | null,
  market: number | null,
  rows: number,
  held: boolean,
  step = 1,
  best: { bid: number | null; ask: number | null } = { bid: null, ask: null },
): number | null {
  if (market === null) return current;
  const onGrid = rowOf(market, step, 'nearest');
  if (current === null) return onGrid;
  if (held) return current;
  const band = Math.max(1, Math.floor(rows / 4)) * step;
  const { first, lowest } = rowSpan(current, rows, step);
  const shown = (row: number | null) => row === null || (row <= first && row >= lowest);
  return Math.abs(market - current) > band || !shown(best.bid) || !shown(best.ask)
    ? onGrid
    : current;
}

/** The price of the working order as the ladder places it: its limit, else its stop. */
function orderPrice(row: OrderRow): number | null {
  return row.price ?? row.stopPrice;
}

function sameOwn(a: OwnAtPrice | null, b: OwnAtPrice | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.count === b.count &&
    a.buyQty === b.buyQty &&
    a.sellQty === b.sellQty &&
    a.orderIds.every((id, i) => id === b.orderIds[i])
  );
}

/** Whether two rows show the same thing (NaN, the top-of-book mark, equals itself). */
function sameRow(a: LadderRow, b: LadderRow): boolean {
  return (
    a.ticks === b.ticks &&
    a.price === b.price &&
    Object.is(a.bidQty, b.bidQty) &&
    Object.is(a.askQty, b.askQty) &&
    a.bestBid === b.bestBid &&
    a.bestAsk === b.bestAsk &&
    a.last === b.last &&
    sameOwn(a.own, b.own)
  );
}

/** Adds `qty` to a row's size. */
function addAt(sizes: Map<number, number>, row: number, qty: number): void {
  sizes.set(row, (sizes.get(row) ?? 0) + qty);
}

/**
 * The ladder's rows around `centre`, `rows` in all, highest price first, each
 * `step` ticks (default one: a row per price; see `rowOf` for which row a
 * price belongs to). A row equal to one of `previous` (the rows shown now) is
 * that same object, so the view repaints only the rows that changed: under an
 * execution stream most prices' sizes and own orders stay as they were from
 * one frame to the next.
 */
export function ladderRows(
  args: {
    centre: number;
    rows: number;
    rules: LadderRules;
    book: DepthSnapshot | null;
    top: Top;
    working: readonly OrderRow[];
    step?: number;
  },
  previous: readonly LadderRow[] = [],
): LadderRow[] {
  const { rows, rules, book, top } = args;
  const step = args.step ?? 1;
  const centre = rowOf(args.centre, step, 'nearest');
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  if (book) {
    for (const [price, qty] of book.bids)
      addAt(bids, rowOf(toTicks(price, rules), step, 'bid'), qty);
    for (const [price, qty] of book.asks)
      addAt(asks, rowOf(toTicks(price, rules), step, 'ask'), qty);
  }
  const { first, lowest } = rowSpan(centre, rows, step);
  // Own orders at the rows shown only: a stream keeps hundreds working at prices out of view.
  const own = new Map<number, OwnAtPrice>();
  for (const order of args.working) {
    const price = orderPrice(order);
    if (price === null) continue;
    const ticks = rowOf(toTicks(price, rules), step, order.side === 'BUY' ? 'bid' : 'ask');
    if (ticks > first || ticks < lowest) continue;
    const at = own.get(ticks) ?? { orderIds: [], count: 0, buyQty: 0, sellQty: 0 };
    at.orderIds.push(order.orderId);
    at.count += 1;
    if (order.side === 'BUY') at.buyQty += order.leavesQty;
    else at.sellQty += order.leavesQty;
    own.set(ticks, at);
  }
  const { bid: bestBidTicks, ask: bestAskTicks } = bestRows(book, top, rules, step);
  const lastTicks = top.last === null ? null : rowOf(toTicks(top.last, rules), step, 'nearest');
  // Without depth, the top of book is all there is.
  if (!book) {
    if (bestBidTicks !== null) bids.set(bestBidTicks, Number.NaN);
    if (bestAskTicks !== null) asks.set(bestAskTicks, Number.NaN);
  }
  const before = new Map(previous.map((row) => [row.ticks, row]));
  const out: LadderRow[] = [];
  for (let i = 0; i < rows; i += 1) {
    const ticks = first - i * step;
    const row: LadderRow = {
      price: fromUnits(ticks, rules.tickSize, rules.pricePrecision),
      ticks,
      bidQty: bids.get(ticks) ?? null,
      askQty: asks.get(ticks) ?? null,
      own: own.get(ticks) ?? null,
      bestBid: ticks === bestBidTicks,
      bestAsk: ticks === bestAskTicks,
      last: ticks === lastTicks,
    };
    const kept = before.get(ticks);
    out.push(kept !== undefined && sameRow(kept, row) ? kept : row);
  }
  return out;
}

/** Size presets of an instrument: multiples of its default quantity (or its minimum). */
export function sizePresets(base: number, qtyPrecision: number): number[] {
  return [1, 2, 5, 10].map((m) => Number((base * m).toFixed(qtyPrecision)));
}
