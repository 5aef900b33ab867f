/**
 * The retained orders of one login as an intrusive doubly-linked list in
 * orderId order: O(1) add and remove, no per-order hash entry.
 */
import type { EngineOrder } from './order';

/** One login's orders, oldest first. */
export class LoginOrders {
  private head: EngineOrder | null = null;
  private tail: EngineOrder | null = null;

  /** Appends a new order. */
  add(o: EngineOrder): void {
    o.loginPrev = this.tail;
    o.loginNext = null;
    if (this.tail === null) this.head = o;
    else this.tail.loginNext = o;
    this.tail = o;
  }

  /** Unlinks an order. */
  remove(o: EngineOrder): void {
    if (o.loginPrev === null) {
      if (this.head !== o) return;
      this.head = o.loginNext;
    } else o.loginPrev.loginNext = o.loginNext;
    if (o.loginNext === null) this.tail = o.loginPrev;
    else o.loginNext.loginPrev = o.loginPrev;
    o.loginPrev = o.loginNext = null;
  }

  /** Appends the orders that pass `keep` to `out`, oldest first. */
  collect(keep: (o: EngineOrder) => boolean, out: EngineOrder[]): void {
    for (let o = this.head; o !== null; o = o.loginNext) if (keep(o)) out.push(o);
  }
}
