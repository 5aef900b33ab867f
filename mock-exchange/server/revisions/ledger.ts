/**
 * What the `current` revision keeps beside the engine, per order: the
 * client's clientOrderId when the engine cannot hold it (free text, or a
 * rename), the note, the lifetime (tillTime) and why the order closed. The
 * engine stays canonical; this is the revision's own state, in memory.
 */

/** The revision's extras of one order. */
interface Entry {
  login: string;
  /** The clientOrderId the client sees, when it differs from the engine's. */
  cid?: string;
  note?: string;
  /** Lifetime, epoch ms. */
  tillTime?: number;
  /** Why the order closed (canonical reason of its closing execution). */
  reason?: string;
}

const cidKey = (login: string, cid: string): string => `${login}\u0000${cid}`;

/** Per-order extras of the current revision. */
export class CurrentLedger {
  private readonly entries = new Map<number, Entry>();
  private readonly byCid = new Map<string, number>();
  /** orderId -> tillTime of orders whose lifetime still runs. */
  private readonly lifetimes = new Map<number, number>();

  /** Records a new order's extras (a cid only when the engine does not hold it). */
  register(
    orderId: number,
    login: string,
    extras: { cid?: string; note?: string; tillTime?: number },
  ): void {
    this.entries.set(orderId, { login });
    if (extras.cid !== undefined) this.rename(orderId, extras.cid);
    if (extras.note !== undefined) this.setNote(orderId, extras.note);
    this.setTillTime(orderId, extras.tillTime);
  }

  /** The clientOrderId the client sees for `orderId`, when the ledger holds it. */
  cidOf(orderId: number): string | undefined {
    return this.entries.get(orderId)?.cid;
  }

  /** The order of `login` whose ledger clientOrderId is `cid`, if any. */
  orderByCid(login: string, cid: string): number | undefined {
    const orderId = this.byCid.get(cidKey(login, cid));
    return orderId !== undefined && this.entries.get(orderId)?.cid === cid ? orderId : undefined;
  }

  /** Gives an order a new clientOrderId. */
  rename(orderId: number, cid: string): void {
    const entry = this.entryOf(orderId);
    if (entry === undefined) return;
    if (entry.cid !== undefined && this.byCid.get(cidKey(entry.login, entry.cid)) === orderId) {
      this.byCid.delete(cidKey(entry.login, entry.cid));
    }
    entry.cid = cid;
    this.byCid.set(cidKey(entry.login, cid), orderId);
  }

  /** Keeps the latest note of an order. */
  setNote(orderId: number, note: string): void {
    const entry = this.entryOf(orderId);
    if (entry !== undefined) entry.note = note;
  }

  /** The latest note of an order. */
  noteOf(orderId: number): string | undefined {
    return this.entries.get(orderId)?.note;
  }

  /** Sets (epoch ms) or clears (undefined) an order's lifetime. */
  setTillTime(orderId: number, tillTime: number | undefined): void {
    const entry = this.entryOf(orderId);
    if (entry === undefined) return;
    entry.tillTime = tillTime;
    if (tillTime === undefined) this.lifetimes.delete(orderId);
    else if (entry.reason === undefined) this.lifetimes.set(orderId, tillTime);
  }

  /** An order's lifetime, epoch ms. */
  tillTimeOf(orderId: number): number | undefined {
    return this.entries.get(orderId)?.tillTime;
  }

  /** Records why an order closed; its lifetime stops running. */
  closed(orderId: number, login: string, reason: string | undefined): void {
    const entry = this.entryOf(orderId, login);
    if (entry === undefined) return;
    entry.reason = reason ?? '';
    this.lifetimes.delete(orderId);
  }

  /** Why an order closed ('' when the reason is unknown). */
  reasonOf(orderId: number): string | undefined {
    return this.entries.get(orderId)?.reason;
  }

  /** Takes the orders whose lifetime ended at or before `now`: [orderId, login] pairs. */
  takeDue(now: number): Array<[number, string]> {
    const due: Array<[number, string]> = [];
    for (const [orderId, tillTime] of this.lifetimes) {
      if (tillTime > now) continue;
      this.lifetimes.delete(orderId);
      const login = this.entries.get(orderId)?.login;
      if (login !== undefined) due.push([orderId, login]);
    }
    return due;
  }

  /** The entry of an order; created for an order first seen through its executions when `login` is given. */
  private entryOf(orderId: number, login?: string): Entry | undefined {
    let entry = this.entries.get(orderId);
    if (entry === undefined && login !== undefined) {
      entry = { login };
      this.entries.set(orderId, entry);
    }
    return entry;
  }
}
