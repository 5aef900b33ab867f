/** Timers driven by a test: time moves only when the test advances it. */
import type { Timers } from '../session';

/** A manual clock with timers: `advance(ms)` fires every timer due, in time order. */
export interface ManualTimers extends Timers {
  now(): number;
  advance(ms: number): void;
  /** Timers armed and not yet fired. */
  readonly pending: number;
}

/** Creates a manual clock at `start`. */
export function createManualTimers(start = 0): ManualTimers {
  let now = start;
  let nextId = 0;
  const armed = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      nextId += 1;
      armed.set(nextId, { at: now + Math.max(0, ms), fn });
      return nextId;
    },
    clearTimeout: (handle) => void armed.delete(handle as number),
    advance: (ms) => {
      const target = now + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of armed)
          if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        armed.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = target;
    },
    get pending() {
      return armed.size;
    },
  };
}
