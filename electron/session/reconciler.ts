/**
 * The one owner of "ask the exchange what became of an order": orders whose
 * placement reply was lost (by clientOrderId, never resent), orders held as
 * working that a resync no longer lists, and orders whose fills must be read
 * exactly. Every lookup goes through one queue with one concurrency limit,
 * so a long history never floods the exchange.
 */
import type { CanonicalOrderWithFills as OrderWithFills } from '../../shared/protocol';
import type { OrderRef } from './requests';
import type { SessionError, SessionResult } from './types';

/** Which order to look up. */
export type OrderLookup = OrderRef;

/** What the reconciler needs from the session. */
export interface ReconcilerPort {
  /** Sends `orderstatus` (the session reports a found order to its handlers). */
  orderStatus(ref: OrderLookup, timeoutMs: number): Promise<SessionResult<OrderWithFills>>;
  /** Whether the server can look orders up by clientOrderId (not every revision can). */
  canLookUpByClientOrderId(): boolean;
  /** Whether an error reply means "no such order". */
  isUnknownOrder(error: SessionError): boolean;
  /** A sentence for the user. */
  notice(message: string, kind: 'info' | 'error'): void;
}

/** Lookups in flight at once. */
const LOOKUPS_IN_FLIGHT = 8;

interface Job {
  key: string;
  ref: OrderLookup;
  timeoutMs: number;
  done: Promise<SessionResult<OrderWithFills>>;
  settle: (result: SessionResult<OrderWithFills>) => void;
}

const keyOf = (ref: OrderLookup): string =>
  'orderId' in ref ? `o:${ref.orderId}` : `c:${ref.clientOrderId}`;

/** Tracks unconfirmed clientOrderIds and runs every order lookup through one limited queue. */
export class Reconciler {
  private readonly unconfirmed = new Set<string>();
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running = 0;

  constructor(
    private readonly port: ReconcilerPort,
    private readonly limit = LOOKUPS_IN_FLIGHT,
  ) {}

  /** clientOrderIds sent whose outcome the exchange has not told yet. */
  get unconfirmedClientOrderIds(): string[] {
    return [...this.unconfirmed];
  }

  /** Records a clientOrderId about to be sent. */
  expect(clientOrderId: string): void {
    this.unconfirmed.add(clientOrderId);
  }

  /** The exchange told the outcome of this clientOrderId (a reply, an execution, a snapshot). */
  confirm(clientOrderId: string): void {
    this.unconfirmed.delete(clientOrderId);
  }

  /** Queues an `orderstatus` lookup (one per order at a time); resolves with its result. */
  lookUp(ref: OrderLookup, timeoutMs: number): Promise<SessionResult<OrderWithFills>> {
    const key = keyOf(ref);
    const existing = this.jobs.get(key);
    if (existing) return existing.done;
    let settle!: (result: SessionResult<OrderWithFills>) => void;
    const done = new Promise<SessionResult<OrderWithFills>>((resolve) => (settle = resolve));
    const job: Job = { key, ref, timeoutMs, done, settle };
    this.jobs.set(key, job);
    this.waiting.push(job);
    this.pump();
    return done;
  }

  /**
   * Finds out what became of an order whose placement reply was lost: looks it
   * up by clientOrderId where the server can; never resends it. Where no lookup
   * exists it stays unconfirmed ("unknown state") until an execution or the
   * next `orders` answer settles it.
   */
  async settleLostReply(clientOrderId: string, timeoutMs: number): Promise<void> {
    if (!this.unconfirmed.has(clientOrderId)) return;
    if (!this.port.canLookUpByClientOrderId()) return;
    const result = await this.lookUp({ clientOrderId }, timeoutMs);
    if (result.ok) {
      this.unconfirmed.delete(clientOrderId);
      this.port.notice(
        `Order ${clientOrderId} found at the exchange: ${result.value.status}`,
        'info',
      );
    } else if (this.port.isUnknownOrder(result.error)) {
      // The request may still be queued at the exchange; its execution would confirm it.
      this.unconfirmed.delete(clientOrderId);
      this.port.notice(`Order ${clientOrderId} was not placed at the exchange`, 'info');
    }
    // Timeout or link down: it stays unconfirmed and the next resync asks again.
  }

  /** Fails every queued lookup (the link dropped); unconfirmed ids are kept for the next link. */
  dropQueued(error: SessionError): void {
    for (const job of this.waiting.splice(0)) {
      this.jobs.delete(job.key);
      job.settle({ ok: false, error });
    }
  }

  private pump(): void {
    while (this.running < this.limit) {
      const job = this.waiting.shift();
      if (!job) return;
      this.running += 1;
      void this.port.orderStatus(job.ref, job.timeoutMs).then((result) => {
        this.running -= 1;
        this.jobs.delete(job.key);
        if (result.ok) this.unconfirmed.delete(result.value.clientOrderId);
        job.settle(result);
        this.pump();
      });
    }
  }
}
