/**
 * The wall clock that paces a playing replay (replay time = wall time x
 * speed). Besides server/clock.ts, this is the one place the replay reads
 * the wall clock; tests pass fakes instead.
 */
import type { WallTimers } from './replayPlayer';

/** Date.now and setInterval, as a player's wall timers. */
export function realWallTimers(): WallTimers {
  return {
    now: () => Date.now(),
    every: (ms, run) => {
      const timer = setInterval(run, ms);
      return () => clearInterval(timer);
    },
  };
}
