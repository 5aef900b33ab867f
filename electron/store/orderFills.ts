/**
 * The fills of one order, tiling [0, executedQty]: each fill ends at a
 * cumulative quantity (its identity inside the order), so a fill is never
 * counted twice whichever message reports it, and exact fills replace
 * derived ones in place (keeping their fillId).
 */
import type { Side } from '../../shared/domain';
import { divRound, fromFixed, toFixed } from '../../shared/domain/decimal';
import type { Precision } from './precision';
import type { StoredFill } from './types';

/** The order a fill belongs to. */
export interface FillOwner {
  orderId: number;
  clientOrderId: string;
  login: string;
  symbol: string;
  side: Side;
}

/** A fill as a message reports it. */
export interface ReportedFill {
  price: number;
  qty: number;
  /** executedQty right after this fill. */
  cumQty: number;
  tradeId: number | null;
  time: number;
}

/** Fills of one order, ordered by cumQty. */
export type OrderFills = StoredFill[];

/** Total quantity covered by fills (1e-8 units). */
function coveredQty(fills: OrderFills): bigint {
  const last = fills[fills.length - 1];
  return last ? toFixed(last.cumQty) : 0n;
}

/** Sum of price x qty over the fills (1e-16 units). */
export function coveredQuote(fills: OrderFills): bigint {
  let sum = 0n;
  for (const fill of fills) sum += toFixed(fill.price) * toFixed(fill.qty);
  return sum;
}

function makeFill(owner: FillOwner, f: ReportedFill, derived: boolean, id?: string): StoredFill {
  return {
    fillId:
      id ??
      (f.tradeId !== null ? `${owner.orderId}:${f.tradeId}` : `${owner.orderId}:c${f.cumQty}`),
    orderId: owner.orderId,
    clientOrderId: owner.clientOrderId,
    login: owner.login,
    symbol: owner.symbol,
    side: owner.side,
    price: f.price,
    qty: f.qty,
    time: f.time,
    tradeId: f.tradeId,
    cumQty: f.cumQty,
    derived,
  };
}

/** Changes to an order's fills. */
export interface FillChanges {
  upserted: StoredFill[];
  removed: string[];
}

/**
 * Adds the fill an execution reports (lastPrice/lastQty). A gap before it
 * (executions missed) is covered by a derived fill priced from cumQuote; a
 * fill inside a derived one splits it, so any arrival order ends the same.
 */
export function addReportedFill(
  fills: OrderFills,
  owner: FillOwner,
  fill: ReportedFill,
  cumQuote: number | undefined,
  precision: Precision,
): FillChanges {
  const cum = toFixed(fill.cumQty);
  const qty = toFixed(fill.qty);
  const start = cum - qty;
  const covered = coveredQty(fills);
  if (cum <= covered) return splitDerived(fills, owner, fill, precision);
  const upserted: StoredFill[] = [];
  if (start > covered) {
    const gapQuote =
      cumQuote === undefined
        ? null
        : toFixed(cumQuote) * 10n ** 8n - coveredQuote(fills) - toFixed(fill.price) * qty;
    const gap = deriveFill(owner, fills, start, gapQuote, fill.price, fill.time, precision);
    fills.push(gap);
    upserted.push(gap);
  }
  if (start < covered) {
    // Overlaps what is covered (an odd server): only the uncovered part counts.
    const part = deriveFill(owner, fills, cum, null, fill.price, fill.time, precision);
    fills.push(part);
    return { upserted: [...upserted, part], removed: [] };
  }
  const exact = makeFill(owner, fill, false);
  fills.push(exact);
  upserted.push(exact);
  return { upserted, removed: [] };
}

/** Replaces the part of a derived fill that an exact fill covers; a duplicate changes nothing. */
function splitDerived(
  fills: OrderFills,
  owner: FillOwner,
  fill: ReportedFill,
  precision: Precision,
): FillChanges {
  const cum = toFixed(fill.cumQty);
  const start = cum - toFixed(fill.qty);
  const index = fills.findIndex((f) => {
    const end = toFixed(f.cumQty);
    return end - toFixed(f.qty) <= start && cum <= end;
  });
  const host = fills[index];
  if (!host || !host.derived) return { upserted: [], removed: [] };
  const hostEnd = toFixed(host.cumQty);
  const hostStart = hostEnd - toFixed(host.qty);
  const leftQty = start - hostStart;
  const rightQty = hostEnd - cum;
  let rest = toFixed(host.price) * toFixed(host.qty) - toFixed(fill.price) * toFixed(fill.qty);
  if (rest < 0n) rest = 0n;
  const leftQuote = leftQty + rightQty > 0n ? (rest * leftQty) / (leftQty + rightQty) : 0n;
  const priceOf = (quote: bigint, q: bigint): number =>
    quote > 0n ? fromFixed(divRound(quote, q), 8, Math.min(8, precision.price + 2)) : fill.price;
  const pieces: StoredFill[] = [];
  if (leftQty > 0n) {
    const left = {
      price: priceOf(leftQuote, leftQty),
      qty: fromFixed(leftQty),
      cumQty: fromFixed(start),
    };
    pieces.push(makeFill(owner, { ...left, tradeId: null, time: host.time }, true));
  }
  pieces.push(makeFill(owner, fill, false));
  if (rightQty > 0n) {
    const right = {
      price: priceOf(rest - leftQuote, rightQty),
      qty: fromFixed(rightQty),
      cumQty: host.cumQty,
    };
    pieces.push(makeFill(owner, { ...right, tradeId: null, time: host.time }, true, host.fillId));
  }
  fills.splice(index, 1, ...pieces);
  const removed = pieces.some((p) => p.fillId === host.fillId) ? [] : [host.fillId];
  return { upserted: pieces, removed };
}

/**
 * Covers [covered, cumQty] with one derived fill, priced from cumQuote when
 * known, else `fallbackPrice` (null: unknown, priced 0 until exact fills come).
 */
export function coverTo(
  fills: OrderFills,
  owner: FillOwner,
  cumQty: number,
  cumQuote: number | undefined,
  fallbackPrice: number | null,
  time: number,
  precision: Precision,
): StoredFill | null {
  const cum = toFixed(cumQty);
  if (cum <= coveredQty(fills)) return null;
  const quote = cumQuote === undefined ? null : toFixed(cumQuote) * 10n ** 8n - coveredQuote(fills);
  const fill = deriveFill(owner, fills, cum, quote, fallbackPrice ?? 0, time, precision);
  fills.push(fill);
  return fill;
}

function deriveFill(
  owner: FillOwner,
  fills: OrderFills,
  cum: bigint,
  quote: bigint | null,
  fallbackPrice: number,
  time: number,
  precision: Precision,
): StoredFill {
  const qty = cum - coveredQty(fills);
  const price =
    quote !== null && quote > 0n && qty > 0n
      ? fromFixed(divRound(quote, qty), 8, Math.min(8, precision.price + 2))
      : fallbackPrice;
  return makeFill(
    owner,
    { price, qty: fromFixed(qty), cumQty: fromFixed(cum), tradeId: null, time },
    true,
  );
}

/**
 * Replaces an order's fills with the exact list of `orderstatus`; a fill
 * ending at the same cumQty keeps its fillId. Returns upserts and removals.
 */
export function replaceWithExact(
  fills: OrderFills,
  owner: FillOwner,
  exact: Array<{
    price: number;
    qty: number;
    tradeId?: number | undefined;
    time?: number | undefined;
  }>,
  defaultTime: number,
): { upserted: StoredFill[]; removed: string[] } {
  const byCum = new Map(fills.map((f) => [toFixed(f.cumQty), f]));
  const next: StoredFill[] = [];
  let cum = 0n;
  for (const f of exact) {
    cum += toFixed(f.qty);
    const existing = byCum.get(cum);
    byCum.delete(cum);
    const reported: ReportedFill = {
      price: f.price,
      qty: f.qty,
      cumQty: fromFixed(cum),
      tradeId: f.tradeId ?? existing?.tradeId ?? null,
      time: f.time ?? existing?.time ?? defaultTime,
    };
    next.push(
      makeFill(owner, reported, false, reported.tradeId === null ? existing?.fillId : undefined),
    );
  }
  const upserted = next.filter(
    (f, i) =>
      !sameFill(
        f,
        fills.find((o) => o.fillId === f.fillId),
        i,
      ),
  );
  const kept = new Set(next.map((f) => f.fillId));
  const removed = fills.map((f) => f.fillId).filter((id) => !kept.has(id));
  fills.splice(0, fills.length, ...next);
  return { upserted, removed };
}

function sameFill(a: StoredFill, b: StoredFill | undefined, _index: number): boolean {
  return (
    b !== undefined &&
    a.price === b.price &&
    a.qty === b.qty &&
    a.cumQty === b.cumQty &&
    a.tradeId === b.tradeId &&
    a.time === b.time &&
    a.derived === b.derived
  );
}
