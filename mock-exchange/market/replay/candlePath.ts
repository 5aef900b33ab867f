/**
 * The deterministic path a replayed 1-minute candle takes: open, then the
 * extreme met first, then the other, then the close, at fixed offsets of
 * the minute, in a straight line (in ticks) between them. A rising candle
 * (close at or above open) dips to its low first, a falling one rallies to
 * its high first, the usual reading of a bar without its ticks.
 */

/** One candle in ticks. */
export interface PathCandle {
  open: number;
  high: number;
  low: number;
  close: number;
}

/** A point the path passes exactly: an offset into the minute (ms) and a price in ticks. */
export interface Waypoint {
  atMs: number;
  ticks: number;
}

/** Offsets of the four waypoints: multiples of 250 ms, 1 s, 5 s and 15 s alike, so usual market steps land on them. */
export const WAYPOINT_OFFSETS_MS = [0, 15_000, 30_000, 45_000] as const;

/** The four waypoints of a candle: O, first extreme, second extreme, C. */
export function waypoints(candle: PathCandle): Waypoint[] {
  const rising = candle.close >= candle.open;
  const [first, second] = rising ? [candle.low, candle.high] : [candle.high, candle.low];
  const prices = [candle.open, first, second, candle.close];
  return prices.map((ticks, i) => ({ atMs: WAYPOINT_OFFSETS_MS[i]!, ticks }));
}

/** The path's price (ticks) at `offsetMs` into the minute: straight between waypoints, the close after the last. */
export function pathTicks(candle: PathCandle, offsetMs: number): number {
  const points = waypoints(candle);
  if (offsetMs <= 0) return candle.open;
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    if (offsetMs < b.atMs) {
      const a = points[i - 1]!;
      return Math.round(a.ticks + ((b.ticks - a.ticks) * (offsetMs - a.atMs)) / (b.atMs - a.atMs));
    }
  }
  return candle.close;
}
