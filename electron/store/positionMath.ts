/**
 * Position arithmetic on integers (1e-8 units): FIFO lots of the open
 * quantity, realized P&L on reductions and flips, unrealized at a mark.
 * realized + unrealized always equals cash flow + netQty x mark exactly.
 */
import type { Side } from '../../shared/domain';

/** One open lot: signed quantity (1e-8) at a price (1e-8). */
export interface Lot {
  qty: bigint;
  price: bigint;
}

/** A position's integer state. */
export interface PositionState {
  /** Open lots, oldest first, all of the same sign. */
  lots: Lot[];
  /** Realized P&L (1e-16 units). */
  realized: bigint;
}

/** A flat position. */
export function flatPosition(): PositionState {
  return { lots: [], realized: 0n };
}

/** Net quantity (1e-8 units, signed). */
export function netQty(state: PositionState): bigint {
  let net = 0n;
  for (const lot of state.lots) net += lot.qty;
  return net;
}

/** Applies one fill (qty and price in 1e-8 units) to a position, in place. */
export function applyFill(state: PositionState, side: Side, qty: bigint, price: bigint): void {
  let remaining = side === 'BUY' ? qty : -qty;
  while (remaining !== 0n) {
    const head = state.lots[0];
    if (!head || head.qty > 0n === remaining > 0n) {
      state.lots.push({ qty: remaining, price });
      return;
    }
    // Opposite sign: close the oldest lot (partly or wholly).
    const close = absMin(head.qty, remaining);
    const sign = head.qty > 0n ? 1n : -1n;
    state.realized += close * (price - head.price) * sign;
    head.qty -= close * sign;
    remaining += close * sign;
    if (head.qty === 0n) state.lots.shift();
  }
}

/** Average price of the open quantity (1e-8 units, rounded), or null when flat. */
export function averageOpenPrice(state: PositionState): { sum: bigint; qty: bigint } | null {
  let qty = 0n;
  let sum = 0n;
  for (const lot of state.lots) {
    qty += lot.qty;
    sum += lot.qty * lot.price;
  }
  return qty === 0n ? null : { sum, qty };
}

/** Unrealized P&L at `mark` (1e-16 units). */
export function unrealizedAt(state: PositionState, mark: bigint): bigint {
  let total = 0n;
  for (const lot of state.lots) total += lot.qty * (mark - lot.price);
  return total;
}

function absMin(a: bigint, b: bigint): bigint {
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  return x < y ? x : y;
}
