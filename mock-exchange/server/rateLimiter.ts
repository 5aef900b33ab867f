/** A per-session token bucket: `ratePerSecond` refill, `burst` capacity. Time is passed in. */

/** Rate limit settings. */
export interface RateLimit {
  /** Sustained messages per second. */
  perSecond: number;
  /** Messages allowed in one burst. */
  burst: number;
}

/** Default: 500 msg/s sustained, bursts of 1000. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 500, burst: 1000 };

/** Token bucket refilled from the exchange clock. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes one token; false when the bucket is empty (the message is over the limit). */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
