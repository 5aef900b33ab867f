/**
 * Fault injection for tests: delayed replies, dropped connections, forced
 * errors and internal failures. Off unless a test turns a fault on.
 */
import type { ErrorCode, RequestEvent } from '../../shared/protocol';

/** A forced failure of the next request of one event. */
export interface ForcedFailure {
  code: ErrorCode;
  message: string;
}

/** Fault controls exposed on the exchange handle. */
export interface FaultControls {
  /** Delays every reply by `ms` (0 turns it off); replies keep their order and executions follow them. */
  delayReplies(ms: number): void;
  /** Drops (terminates, no close frame) every open session after it has sent `frames` more frames. */
  dropAfterFrames(frames: number): void;
  /** Terminates every open session at once, as a network loss would. */
  disconnectAll(): void;
  /** Makes the next request of `event` fail with `code` and `message`. */
  failNext(event: RequestEvent, code: ErrorCode, message: string): void;
  /** Makes the next request of `event` throw inside the server (answered 5000, session kept). */
  throwNext(event: RequestEvent): void;
  /** Turns every fault off. */
  clear(): void;
}

/** The state the server reads when handling requests. */
export class FaultState {
  replyDelayMs = 0;
  private readonly failures = new Map<string, ForcedFailure>();
  private readonly throws = new Set<string>();

  /** Arms a forced failure for the next request of `event`. */
  armFailure(event: string, failure: ForcedFailure): void {
    this.failures.set(event, failure);
  }

  /** Arms an internal exception for the next request of `event`. */
  armThrow(event: string): void {
    this.throws.add(event);
  }

  /** Takes (and disarms) the forced failure of `event`, if any. */
  takeFailure(event: string): ForcedFailure | undefined {
    const failure = this.failures.get(event);
    this.failures.delete(event);
    return failure;
  }

  /** Takes (and disarms) the armed exception of `event`. */
  takeThrow(event: string): boolean {
    return this.throws.delete(event);
  }

  /** Disarms everything. */
  clear(): void {
    this.replyDelayMs = 0;
    this.failures.clear();
    this.throws.clear();
  }
}
