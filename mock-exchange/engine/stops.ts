/**
 * Untriggered stop orders of one symbol and side, sorted by (stopPrice,
 * orderId) so the triggered ones are always a prefix (BUY) or suffix (SELL).
 * Entries are order slots.
 */
import type { OrderStore } from './order';

/** A sorted list of armed stops. */
export class StopList {
  private readonly orders: number[] = [];

  constructor(private readonly s: OrderStore) {}

  /** Number of armed stops. */
  get size(): number {
    return this.orders.length;
  }

  /** Arms a stop. */
  add(o: number): void {
    this.orders.splice(this.indexOf(o), 0, o);
    this.s.setArmed(o, true);
  }

  /** Disarms a stop (no-op when absent). */
  remove(o: number): void {
    const i = this.indexOf(o);
    if (this.orders[i] === o) this.orders.splice(i, 1);
    this.s.setArmed(o, false);
  }

  /** Removes and appends to `out` every stop with stop <= last (BUY stops). */
  takeAtOrBelow(last: number, out: number[]): void {
    const s = this.s;
    const first = this.orders[0];
    if (first === undefined || s.stopOf(first) > last) return;
    let n = 0;
    while (n < this.orders.length && s.stopOf(this.orders[n] as number) <= last) n++;
    for (const o of this.orders.splice(0, n)) {
      s.setArmed(o, false);
      out.push(o);
    }
  }

  /** Removes and appends to `out` every stop with stop >= last (SELL stops). */
  takeAtOrAbove(last: number, out: number[]): void {
    const s = this.s;
    const count = this.orders.length;
    if (count === 0) return; // (reading index -1 would be a slow named-property lookup)
    if (s.stopOf(this.orders[count - 1] as number) < last) return;
    let i = count;
    while (i > 0 && s.stopOf(this.orders[i - 1] as number) >= last) i--;
    for (const o of this.orders.splice(i)) {
      s.setArmed(o, false);
      out.push(o);
    }
  }

  /** Armed stops (slots) in (stopPrice, orderId) order. */
  all(): readonly number[] {
    return this.orders;
  }

  /** Insertion index of `o` (its index when present). */
  private indexOf(o: number): number {
    const s = this.s;
    const stop = s.stopOf(o);
    const id = s.id[o] as number;
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.orders[mid] as number;
      const ms = s.stopOf(m);
      if (ms < stop || (ms === stop && (s.id[m] as number) < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
