/**
 * Position arithmetic on integers (1e-8 units) under either accounting
 * method: FIFO lots of the open quantity, or one netted lot at its average
 * cost. Realized P&L on reductions and flips, unrealized at a mark;
 * realized + unrealized always equals cash flow + netQty x mark exactly.
 */
import type { Side } from '../../shared/domain';
import { divRound, toFixed } from '../../shared/domain/decimal';
import type { AccountingMethod } from '../../shared/ipc';

/** One open lot: signed quantity (1e-8) at a price (1e-8), and what opened it. */
export interface Lot {
  qty: bigint;
  price: bigint;
  /** The opening fill's reference (round trips name their entry by it). */
  ref?: string | undefined;
  /** When the opening fill happened (epoch ms). */
  time?: number | undefined;
}

/** A position's integer state. */
export interface PositionState {
  method: AccountingMethod;
  /** Open lots, oldest first, all of the same sign (AVERAGE: at most one). */
  lots: Lot[];
  /**
   * Signed cost of the open quantity (1e-16 units): AVERAGE the running cost, FIFO the sum
   * of each lot's qty x price, kept as lots open and close so a mark costs no walk of the lots.
   */
  cost: bigint;
  /** Net open quantity (1e-8 units, signed): the sum of the lots' quantities. */
  net: bigint;
  /** Realized P&L (1e-16 units). */
  realized: bigint;
}

/** One reduction a fill made: the quantity closed, at what entry, for what P&L. */
export interface Close {
  /** Quantity closed (1e-8, positive). */
  qty: bigint;
  /** True when the closed quantity was long. */
  long: boolean;
  /** Entry price of the closed quantity (1e-8; AVERAGE: the average, rounded). */
  entryPrice: bigint;
  /** P&L realized by this close (1e-16 units). */
  realized: bigint;
  /** The closed lot's opening reference and time (FIFO; AVERAGE: the position's first entry). */
  lotRef: string | undefined;
  lotTime: number | undefined;
}

/** A flat position. */
export function flatPosition(method: AccountingMethod = 'FIFO'): PositionState {
  return { method, lots: [], cost: 0n, net: 0n, realized: 0n };
}

/** Net quantity (1e-8 units, signed). */
export function netQty(state: PositionState): bigint {
  return state.net;
}

/** Applies one fill (qty and price in 1e-8 units) to a position, in place; returns what it closed. */
export function applyFill(
  state: PositionState,
  side: Side,
  qty: bigint,
  price: bigint,
  ref?: string,
  time?: number,
): Close[] {
  const signed = side === 'BUY' ? qty : -qty;
  state.net += signed;
  return state.method === 'AVERAGE'
    ? applyAverage(state, signed, price, ref, time)
    : applyFifo(state, signed, price, ref, time);
}

function applyFifo(
  state: PositionState,
  signed: bigint,
  price: bigint,
  ref: string | undefined,
  time: number | undefined,
): Close[] {
  const closes: Close[] = [];
  let remaining = signed;
  while (remaining !== 0n) {
    const head = state.lots[0];
    if (!head || head.qty > 0n === remaining > 0n) {
      state.lots.push({ qty: remaining, price, ref, time });
      state.cost += remaining * price;
      return closes;
    }
    // Opposite sign: close the oldest lot (partly or wholly).
    const close = absMin(head.qty, remaining);
    const sign = head.qty > 0n ? 1n : -1n;
    const realized = close * (price - head.price) * sign;
    state.realized += realized;
    closes.push({
      qty: close,
      long: sign > 0n,
      entryPrice: head.price,
      realized,
      lotRef: head.ref,
      lotTime: head.time,
    });
    head.qty -= close * sign;
    state.cost -= close * sign * head.price;
    remaining += close * sign;
    if (head.qty === 0n) state.lots.shift();
  }
  return closes;
}

function applyAverage(
  state: PositionState,
  signed: bigint,
  price: bigint,
  ref: string | undefined,
  time: number | undefined,
): Close[] {
  const lot = state.lots[0];
  if (!lot || lot.qty > 0n === signed > 0n) {
    // Opening or adding: the cost grows by qty x price, exactly.
    state.cost += signed * price;
    if (lot) lot.qty += signed;
    else state.lots.push({ qty: signed, price, ref, time });
    const open = state.lots[0];
    if (open) open.price = divRound(state.cost, open.qty);
    return [];
  }
  // Reducing: remove the closed share of the cost (rounded once), so what stays
  // plus what left is exactly the cost paid (the mark-to-market identity holds).
  const closedSigned = absMin(lot.qty, signed) * (lot.qty > 0n ? 1n : -1n);
  const removedCost = divRound(state.cost * closedSigned, lot.qty);
  const realized = closedSigned * price - removedCost;
  state.realized += realized;
  const closes: Close[] = [
    {
      qty: closedSigned < 0n ? -closedSigned : closedSigned,
      long: lot.qty > 0n,
      entryPrice: lot.price,
      realized,
      lotRef: lot.ref,
      lotTime: lot.time,
    },
  ];
  state.cost -= removedCost;
  lot.qty -= closedSigned;
  const rest = signed + closedSigned;
  if (lot.qty === 0n) {
    state.lots.length = 0;
    state.cost = 0n;
    // A flip opens the other way with what is left of the fill.
    if (rest !== 0n) {
      state.cost = rest * price;
      state.lots.push({ qty: rest, price, ref, time });
    }
  } else {
    lot.price = divRound(state.cost, lot.qty);
  }
  return closes;
}

/** Average price of the open quantity as a sum (1e-16) over a quantity (1e-8), or null when flat. */
export function averageOpenPrice(state: PositionState): { sum: bigint; qty: bigint } | null {
  const qty = netQty(state);
  if (qty === 0n) return null;
  return { sum: state.cost, qty };
}

/** Unrealized P&L at `mark` (1e-16 units). */
export function unrealizedAt(state: PositionState, mark: bigint): bigint {
  return state.net * mark - state.cost;
}

function absMin(a: bigint, b: bigint): bigint {
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  return x < y ? x : y;
}

/** Below this a price or quantity x 1e8 stays well inside a double's exact integers. */
const FAST_UNITS_LIMIT = 1e7;

/**
 * A fill's price or quantity in 1e-8 units, as toFixed gives it, without its
 * string work (a review replays every stored fill): an on-grid decimal under
 * 1e7 times 1e8 lies within a rounding error of its integer, so rounding is exact.
 */
export function fillUnits(value: number): bigint {
  return Math.abs(value) < FAST_UNITS_LIMIT ? BigInt(Math.round(value * 1e8)) : toFixed(value);
}
