/** A wall clock and timer moved by hand, for replay players under test. */
import type { WallTimers } from '../replayPlayer';

/** Fake wall timers: `pass(ms)` moves the wall clock and runs the due beats. */
export class FakeWall implements WallTimers {
  private time = 0;
  private timers: Array<{ every: number; next: number; run: () => void }> = [];

  now(): number {
    return this.time;
  }

  every(ms: number, run: () => void): () => void {
    const timer = { every: ms, next: this.time + ms, run };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves the wall clock forward by `ms`, firing beats in order. */
  pass(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.every;
      due.run();
    }
    this.time = end;
  }

  /** Beats still scheduled. */
  get active(): number {
    return this.timers.length;
  }
}
