/**
 * One login's side of the engine: its retained orders as an intrusive
 * doubly-linked list of slots in orderId order (O(1) add and remove, no
 * per-order hash entry), its clientOrderId index, and whether its final
 * orders are kept. Orders carry their account's number, so the hot paths
 * never look a login up.
 */
import type { OrderStore } from './order';
import { NONE } from './order';

/** The orders and settings of one login. */
export class Account {
  private head = NONE;
  private tail = NONE;
  /** Client-supplied clientOrderId -> slot of the latest order that used it; created on first use. */
  private clientIds: Map<string, number> | null = null;
  /**
   * Whether someone reads this login's executions (`Engine.watchLogins`):
   * false, its executions are queued bare (orderId and login, no copy).
   */
  watched = true;

  constructor(
    readonly login: string,
    /** Whether final orders stay queryable (false: forgotten once final). */
    readonly retainFinal: boolean,
    /** This account's number in the order store (`OrderStore.accounts`). */
    readonly no: number,
    private readonly s: OrderStore,
  ) {}

  /** Appends a new order (and indexes its clientOrderId). */
  add(o: number): void {
    const s = this.s;
    s.loginPrev[o] = this.tail;
    s.loginNext[o] = NONE;
    if (this.tail === NONE) this.head = o;
    else s.loginNext[this.tail] = o;
    this.tail = o;
    const cid = s.cidOf(o);
    if (cid !== null) (this.clientIds ??= new Map()).set(cid, o);
  }

  /** Unlinks an order (and forgets its clientOrderId if it is the latest user of it). */
  remove(o: number): void {
    const s = this.s;
    const cid = s.cidOf(o);
    if (cid !== null && this.clientIds?.get(cid) === o) this.clientIds.delete(cid);
    const prev = s.loginPrev[o] as number;
    const next = s.loginNext[o] as number;
    if (prev === NONE) {
      if (this.head !== o) return;
      this.head = next;
    } else s.loginNext[prev] = next;
    if (next === NONE) this.tail = prev;
    else s.loginPrev[next] = prev;
    s.loginPrev[o] = s.loginNext[o] = NONE;
  }

  /** Slot of the latest order that used a client-supplied clientOrderId. */
  byClientId(cid: string): number | undefined {
    return this.clientIds?.get(cid);
  }

  /** Appends the slots of the orders that pass `keep` to `out`, oldest first. */
  collect(keep: (o: number) => boolean, out: number[]): void {
    const next = this.s.loginNext;
    for (let o = this.head; o !== NONE; o = next[o] as number) if (keep(o)) out.push(o);
  }
}
