/**
 * Drives time: each tick expires orders (engine.advanceTime), steps the
 * market unless paused, then flushes executions and quotes. A real clock
 * ticks on a timer; a manual clock only through `advance`. While the
 * journal cannot take changes, time passes but nothing expires or trades.
 */
import { ErrorCode, fail, type Result } from '../../shared/protocol';
import type { Engine } from '../engine/api';
import type { ExchangeClock } from './clock';

/** What the driver steps: the simulated market or a replay (both pure, time passed in). */
export interface DrivenMarket {
  open(now: number): void;
  step(now: number): void;
  setReferencePrice(symbol: string, price: number, now: number): Result<void>;
}

/** What the driver flushes after each tick. */
export interface FlushTarget {
  flush(): void;
  publishQuotes(): void;
  /** Expires what the server itself times (a revision's order lifetimes); before the flush. */
  advanceTime?(now: number): void;
  /** False while changes could not be journaled: the tick changes nothing. */
  canChange?(): boolean;
}

/** Ticks the engine and the market on the exchange clock. */
export class MarketDriver {
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private nextStepAt: number;

  constructor(
    private readonly engine: Engine,
    private readonly market: DrivenMarket,
    private readonly clock: ExchangeClock,
    private readonly output: FlushTarget,
    private readonly tickMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.nextStepAt = clock.now() + tickMs;
  }

  /** Opens the market (first quotes) and, on a real clock, starts the tick timer. */
  start(): void {
    this.market.open(this.clock.now());
    this.output.flush();
    if (this.clock.kind === 'real') {
      this.timer = setInterval(() => this.safeTick(this.clock.now()), this.tickMs);
    }
  }

  /** Moves time forward by `ms`, stepping the market tick by tick, then flushes. */
  advance(ms: number): void {
    const target = this.clock.now() + Math.max(0, ms);
    if (this.clock.kind === 'real') this.nextStepAt = this.clock.now() + this.tickMs;
    while (this.nextStepAt <= target) {
      this.clock.advance(this.nextStepAt - this.clock.now());
      this.tick(this.clock.now());
      this.nextStepAt += this.tickMs;
    }
    this.clock.advance(target - this.clock.now());
    if (this.canChange()) {
      this.engine.advanceTime(target);
      this.output.advanceTime?.(target);
    }
    this.output.flush();
    this.output.publishQuotes();
  }

  /** Sets time straight to `time` without stepping each tick in between (a replay's jump), then ticks once there. */
  jumpTo(time: number): void {
    if (time <= this.clock.now()) return;
    this.clock.advance(time - this.clock.now());
    this.nextStepAt = time + this.tickMs;
    this.tick(time);
  }

  /** Jumps a symbol's reference price; the maker re-quotes and a trade prints at once. */
  setReferencePrice(symbol: string, price: number): Result<void> {
    const now = this.clock.now();
    if (!this.canChange()) {
      return fail(ErrorCode.INTERNAL, 'The order journal cannot be written; the market waits.');
    }
    this.engine.advanceTime(now);
    this.output.advanceTime?.(now);
    const result = this.market.setReferencePrice(symbol, price, now);
    this.output.flush();
    this.output.publishQuotes();
    return result;
  }

  /** Stops the random walk and the noise flow (expiries and explicit price moves still happen). */
  pause(): void {
    this.paused = true;
  }

  /** Restarts the random walk and the noise flow. */
  resume(): void {
    this.paused = false;
  }

  /** True while the market is paused. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Stops the tick timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(now: number): void {
    if (this.canChange()) {
      this.engine.advanceTime(now);
      this.output.advanceTime?.(now);
      if (!this.paused) this.market.step(now);
    }
    this.output.flush();
    this.output.publishQuotes();
  }

  private canChange(): boolean {
    return this.output.canChange?.() ?? true;
  }

  private safeTick(now: number): void {
    try {
      this.tick(now);
    } catch (error) {
      this.log(`market tick failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}
