/**
 * Min-heap of orders by (expireAt, orderId). Entries are never removed early:
 * an order that finished before its time is skipped when popped.
 */
import type { EngineOrder } from './order';

function earlier(a: EngineOrder, b: EngineOrder): boolean {
  return a.expireAt < b.expireAt || (a.expireAt === b.expireAt && a.id < b.id);
}

/** Orders waiting for their expiry instant. */
export class ExpiryQueue {
  private readonly heap: EngineOrder[] = [];

  /** Adds an order with a non-zero expireAt. */
  push(o: EngineOrder): void {
    const h = this.heap;
    let i = h.length;
    h.push(o);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as EngineOrder;
      if (!earlier(o, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = o;
  }

  /** Removes and returns the earliest order if it expires at or before `now`. */
  popDue(now: number): EngineOrder | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined || top.expireAt > now) return undefined;
    const last = h.pop() as EngineOrder;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        let c = l;
        if (r < h.length && earlier(h[r] as EngineOrder, h[l] as EngineOrder)) c = r;
        const child = h[c] as EngineOrder;
        if (!earlier(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
