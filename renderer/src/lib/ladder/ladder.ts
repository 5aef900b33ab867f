/**
 * The depth ladder's rows, pure: one row per tick around a centre price, with
 * the book's bid and ask size and the trader's own working orders at each
 * price. The centre follows the market only when it leaves the middle of the
 * ladder, so the rows hold still under the mouse.
 */
import type { OrderRow } from '../../../../shared/ipc';
import type { DepthSnapshot } from '../../../../shared/protocol';
import { fromUnits } from '../../../../shared/domain';

/** The instrument fields the ladder needs. */
export interface LadderRules {
  tickSize: number;
  pricePrecision: number;
}

/** The trader's working orders at one price. */
export interface OwnAtPrice {
  orderIds: number[];
  count: number;
  buyQty: number;
  sellQty: number;
}

/** One ladder row (top row: highest price). */
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

/** A price in whole ticks (nearest). */
export function toTicks(price: number, rules: LadderRules): number {
  return Math.round(price / rules.tickSize);
}

/** The market's centre in ticks: the mid of the best bid and ask, else the last price; null: no market. */
export function marketCentre(
  book: DepthSnapshot | null,
  top: Top,
  rules: LadderRules,
): number | null {
  const bid = book?.bids[0]?.[0] ?? top.bid;
  const ask = book?.asks[0]?.[0] ?? top.ask;
  if (bid !== null && ask !== null)
    return Math.round((toTicks(bid, rules) + toTicks(ask, rules)) / 2);
  const one = bid ?? ask ?? top.last;
  return one === null ? null : toTicks(one, rules);
}

/**
 * Where the ladder's centre goes next: kept while the market stays within the
 * middle half of `rows`, else moved onto the market (and always when the user
 * has not scrolled away: `held` false and no centre yet).
 */
export function nextCentre(
  current: number | null,
  market: number | null,
  rows: number,
  held: boolean,
): number | null {
  if (market === null) return current;
  if (current === null) return market;
  if (held) return current;
  const band = Math.max(1, Math.floor(rows / 4));
  return Math.abs(market - current) > band ? market : current;
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

/**
 * The ladder's rows around `centre`, `rows` in all, highest price first. A row
 * equal to one of `previous` (the rows shown now) is that same object, so the
 * view repaints only the rows that changed: under an execution stream most
 * prices' sizes and own orders stay as they were from one frame to the next.
 */
export function ladderRows(
  args: {
    centre: number;
    rows: number;
    rules: LadderRules;
    book: DepthSnapshot | null;
    top: Top;
    working: readonly OrderRow[];
  },
  previous: readonly LadderRow[] = [],
): LadderRow[] {
  const { centre, rows, rules, book, top } = args;
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  if (book) {
    for (const [price, qty] of book.bids) bids.set(toTicks(price, rules), qty);
    for (const [price, qty] of book.asks) asks.set(toTicks(price, rules), qty);
  }
  const first = centre + Math.floor(rows / 2);
  // Own orders at the rows shown only: a stream keeps hundreds working at prices out of view.
  const own = new Map<number, OwnAtPrice>();
  for (const order of args.working) {
    const price = orderPrice(order);
    if (price === null) continue;
    const ticks = toTicks(price, rules);
    if (ticks > first || ticks <= first - rows) continue;
    const at = own.get(ticks) ?? { orderIds: [], count: 0, buyQty: 0, sellQty: 0 };
    at.orderIds.push(order.orderId);
    at.count += 1;
    if (order.side === 'BUY') at.buyQty += order.leavesQty;
    else at.sellQty += order.leavesQty;
    own.set(ticks, at);
  }
  const bestBid = book?.bids[0]?.[0] ?? top.bid;
  const bestAsk = book?.asks[0]?.[0] ?? top.ask;
  const bestBidTicks = bestBid === null ? null : toTicks(bestBid, rules);
  const bestAskTicks = bestAsk === null ? null : toTicks(bestAsk, rules);
  const lastTicks = top.last === null ? null : toTicks(top.last, rules);
  // Without depth, the top of book is all there is.
  if (!book) {
    if (bestBidTicks !== null) bids.set(bestBidTicks, Number.NaN);
    if (bestAskTicks !== null) asks.set(bestAskTicks, Number.NaN);
  }
  const before = new Map(previous.map((row) => [row.ticks, row]));
  const out: LadderRow[] = [];
  for (let i = 0; i < rows; i += 1) {
    const ticks = first - i;
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
