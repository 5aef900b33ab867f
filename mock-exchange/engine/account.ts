/**
 * One login's side of the engine: its retained orders as an intrusive
 * doubly-linked list in orderId order (O(1) add and remove, no per-order
 * hash entry), its clientOrderId index, and whether its final orders are
 * kept. Orders point at their account, so the hot paths never look a login up.
 */
import type { EngineOrder } from './order';

/** The orders and settings of one login. */
export class Account {
  private head: EngineOrder | null = null;
  private tail: EngineOrder | null = null;
  /** Client-supplied clientOrderId -> the latest order that used it; created on first use. */
  private clientIds: Map<string, EngineOrder> | null = null;

  constructor(
    readonly login: string,
    /** Whether final orders stay queryable (false: forgotten once final). */
    readonly retainFinal: boolean,
  ) {}

  /** Appends a new order (and indexes its clientOrderId). */
  add(o: EngineOrder): void {
    o.loginPrev = this.tail;
    o.loginNext = null;
    if (this.tail === null) this.head = o;
    else this.tail.loginNext = o;
    this.tail = o;
    if (o.cid !== null) (this.clientIds ??= new Map()).set(o.cid, o);
  }

  /** Unlinks an order (and forgets its clientOrderId if it is the latest user of it). */
  remove(o: EngineOrder): void {
    if (o.cid !== null && this.clientIds?.get(o.cid) === o) this.clientIds.delete(o.cid);
    if (o.loginPrev === null) {
      if (this.head !== o) return;
      this.head = o.loginNext;
    } else o.loginPrev.loginNext = o.loginNext;
    if (o.loginNext === null) this.tail = o.loginPrev;
    else o.loginNext.loginPrev = o.loginPrev;
    o.loginPrev = o.loginNext = null;
  }

  /** The latest order that used a client-supplied clientOrderId. */
  byClientId(cid: string): EngineOrder | undefined {
    return this.clientIds?.get(cid);
  }

  /** Appends the orders that pass `keep` to `out`, oldest first. */
  collect(keep: (o: EngineOrder) => boolean, out: EngineOrder[]): void {
    for (let o = this.head; o !== null; o = o.loginNext) if (keep(o)) out.push(o);
  }
}
