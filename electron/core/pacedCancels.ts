/**
 * Cancels many orders without tripping the exchange's rate limit: a bounded
 * number in flight, a rate-limited cancel retried after a doubling delay, and
 * the true outcome of each (cancelled, already final, failed with why).
 */
import type { SessionError, SessionResult } from '../session';

/** How cancels are paced. */
export interface CancelPacing {
  /** Cancels awaiting their reply at once. */
  inFlight: number;
  /** Attempts of one cancel while the exchange answers `rate_limited`. */
  attempts: number;
  /** First retry delay (ms), doubled per attempt up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Defaults: 16 in flight, 8 attempts from 100 ms doubling to 3.2 s (about 10 s in all). */
const CANCEL_PACING: CancelPacing = {
  inFlight: 16,
  attempts: 8,
  initialDelayMs: 100,
  maxDelayMs: 3200,
};

/** The outcome of a paced cancel-all. */
export interface CancelOutcome {
  requested: number;
  cancelled: number;
  alreadyFinal: number;
  failed: Array<{ orderId: number; message: string }>;
}

const isRateLimited = (error: SessionError): boolean =>
  error.kind === 'exchange' && error.meaning === 'rate_limited';

/** Cancels every target with `cancelOne`, paced; `sleep` waits (tests pass their own). */
export async function cancelPaced(
  targets: readonly number[],
  cancelOne: (orderId: number) => Promise<SessionResult<unknown>>,
  pacing: CancelPacing = CANCEL_PACING,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<CancelOutcome> {
  const outcome: CancelOutcome = {
    requested: targets.length,
    cancelled: 0,
    alreadyFinal: 0,
    failed: [],
  };
  let next = 0;
  const one = async (orderId: number): Promise<void> => {
    let delay = pacing.initialDelayMs;
    for (let attempt = 1; ; attempt += 1) {
      const result = await cancelOne(orderId);
      if (result.ok) {
        outcome.cancelled += 1;
        return;
      }
      const error = result.error;
      // Already final means there is nothing left to cancel.
      if (error.kind === 'exchange' && error.meaning === 'order_final') {
        outcome.alreadyFinal += 1;
        return;
      }
      if (!isRateLimited(error) || attempt >= pacing.attempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        outcome.failed.push({ orderId, message: `${error.message}${tries}` });
        return;
      }
      await sleep(delay);
      delay = Math.min(pacing.maxDelayMs, delay * 2);
    }
  };
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const orderId = targets[next];
      next += 1;
      if (orderId !== undefined) await one(orderId);
    }
  };
  const workers = Math.max(1, Math.min(pacing.inFlight, targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  outcome.failed.sort((a, b) => a.orderId - b.orderId);
  return outcome;
}
