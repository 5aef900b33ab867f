/** Requests in flight on one connection, correlated by requestId, each with a timeout. */
import type { SessionError, SessionResult, Timers } from './types';

interface Entry {
  event: string;
  settle: (result: SessionResult<unknown>) => void;
  timer: unknown;
}

/** The table of in-flight requests of one connection. */
export class PendingRequests {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;

  constructor(private readonly timers: Timers) {}

  /** Registers a request; `settle` is called exactly once (reply, error, timeout or drop). */
  add(event: string, timeoutMs: number, settle: (result: SessionResult<unknown>) => void): string {
    this.counter += 1;
    const requestId = `r${this.counter}`;
    const timer = this.timers.setTimeout(() => {
      this.fail(requestId, {
        kind: 'timeout',
        message: `No reply to ${event} within ${timeoutMs} ms`,
      });
    }, timeoutMs);
    this.entries.set(requestId, { event, settle, timer });
    return requestId;
  }

  /** The event of an in-flight request, or undefined. */
  eventOf(requestId: string): string | undefined {
    return this.entries.get(requestId)?.event;
  }

  /** Settles a request with its reply value. */
  resolve(requestId: string, value: unknown): void {
    this.take(requestId)?.settle({ ok: true, value });
  }

  /** Settles a request with an error. */
  fail(requestId: string, error: SessionError): void {
    this.take(requestId)?.settle({ ok: false, error });
  }

  /** Fails every request in flight (the link dropped). */
  failAll(error: SessionError): void {
    for (const requestId of [...this.entries.keys()]) this.fail(requestId, error);
  }

  private take(requestId: string): Entry | undefined {
    const entry = this.entries.get(requestId);
    if (!entry) return undefined;
    this.entries.delete(requestId);
    this.timers.clearTimeout(entry.timer);
    return entry;
  }
}
