/**
 * Untriggered stop orders of one symbol and side, sorted by (stopPrice,
 * orderId) so the triggered ones are always a prefix (BUY) or suffix (SELL).
 */
import type { EngineOrder } from './order';

function before(a: EngineOrder, b: EngineOrder): boolean {
  return a.stop < b.stop || (a.stop === b.stop && a.id < b.id);
}

/** A sorted list of armed stops. */
export class StopList {
  private readonly orders: EngineOrder[] = [];

  /** Number of armed stops. */
  get size(): number {
    return this.orders.length;
  }

  /** Arms a stop. */
  add(o: EngineOrder): void {
    this.orders.splice(this.indexOf(o), 0, o);
    o.armed = true;
  }

  /** Disarms a stop (no-op when absent). */
  remove(o: EngineOrder): void {
    const i = this.indexOf(o);
    if (this.orders[i] === o) this.orders.splice(i, 1);
    o.armed = false;
  }

  /** Removes and appends to `out` every stop with stop <= last (BUY stops). */
  takeAtOrBelow(last: number, out: EngineOrder[]): void {
    const first = this.orders[0];
    if (first === undefined || first.stop > last) return;
    let n = 0;
    while (n < this.orders.length && (this.orders[n] as EngineOrder).stop <= last) n++;
    for (const o of this.orders.splice(0, n)) {
      o.armed = false;
      out.push(o);
    }
  }

  /** Removes and appends to `out` every stop with stop >= last (SELL stops). */
  takeAtOrAbove(last: number, out: EngineOrder[]): void {
    const count = this.orders.length;
    if (count === 0) return; // (reading index -1 would be a slow named-property lookup)
    const lastOrder = this.orders[count - 1] as EngineOrder;
    if (lastOrder.stop < last) return;
    let i = this.orders.length;
    while (i > 0 && (this.orders[i - 1] as EngineOrder).stop >= last) i--;
    for (const o of this.orders.splice(i)) {
      o.armed = false;
      out.push(o);
    }
  }

  /** Armed stops in (stopPrice, orderId) order. */
  all(): readonly EngineOrder[] {
    return this.orders;
  }

  /** Insertion index of `o` (its index when present). */
  private indexOf(o: EngineOrder): number {
    let lo = 0;
    let hi = this.orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.orders[mid] as EngineOrder, o)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
