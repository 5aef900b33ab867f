/**
 * Min-heap of orders by (expireAt, orderId). Entries are never removed early:
 * an order that finished before its time is skipped when popped. Each entry
 * keeps the order's expiry and id besides its slot, so a slot that was
 * released and handed to another order meanwhile is recognised and skipped.
 */

/** Orders waiting for their expiry instant. */
export class ExpiryQueue {
  private readonly at: number[] = [];
  private readonly ids: number[] = [];
  private readonly slots: number[] = [];

  /** Adds an order (its slot, orderId and non-zero expiry). */
  push(slot: number, id: number, expireAt: number): void {
    const { at, ids, slots } = this;
    let i = at.length;
    at.push(expireAt);
    ids.push(id);
    slots.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent] as number;
      const pi = ids[parent] as number;
      if (!(expireAt < pa || (expireAt === pa && id < pi))) break;
      at[i] = pa;
      ids[i] = pi;
      slots[i] = slots[parent] as number;
      i = parent;
    }
    at[i] = expireAt;
    ids[i] = id;
    slots[i] = slot;
  }

  /** The orderId of the earliest entry if it expires at or before `now`, else -1. */
  peekDue(now: number): number {
    const first = this.at[0];
    return first === undefined || first > now ? -1 : (this.ids[0] as number);
  }

  /** Removes the earliest entry and returns its slot (call after `peekDue`). */
  pop(): number {
    const { at, ids, slots } = this;
    const top = slots[0] as number;
    const lastAt = at.pop() as number;
    const lastId = ids.pop() as number;
    const lastSlot = slots.pop() as number;
    const n = at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (
          r < n &&
          ((at[r] as number) < (at[l] as number) ||
            (at[r] === at[l] && (ids[r] as number) < (ids[l] as number)))
        ) {
          c = r;
        }
        const ca = at[c] as number;
        const ci = ids[c] as number;
        if (!(ca < lastAt || (ca === lastAt && ci < lastId))) break;
        at[i] = ca;
        ids[i] = ci;
        slots[i] = slots[c] as number;
        i = c;
      }
      at[i] = lastAt;
      ids[i] = lastId;
      slots[i] = lastSlot;
    }
    return top;
  }
}
