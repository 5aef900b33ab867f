/** Small statistics helpers of the benches. */
import type { Figure, Target } from './types';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** One frame of the headless display (60 Hz). */
export const FRAME_MS = 1000 / 60;

/**
 * Frame deltas in whole frames: requestAnimationFrame gets the frame's vsync time, read
 * through a clock Chromium coarsens to 0.1 ms with jitter, so a frame on time measures
 * 16.6-16.8 ms. Counted in frames, a frame on time is 16.7 and a late one 33.3 or more.
 */
export function inFrames(deltas: readonly number[]): number[] {
  return deltas.map((d) => Math.max(1, Math.round(d / FRAME_MS)) * FRAME_MS);
}

/** The p95 of frame times in whole frames (rounded): the figure of every per-frame target. */
export function framesP95(deltas: readonly number[]): number {
  return round(percentile(inFrames(deltas), 95));
}

/** Rounds to `digits` significant digits (for the JSON line). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** A list of numbers as "a / b / c" with `digits` significant digits. */
export function listOf(values: readonly number[], digits = 3): string {
  return values.map((v) => round(v, digits).toLocaleString('en-US')).join(' / ');
}

/** A figure that is the median of its runs; the note lists the runs after `context`. */
export function medianFigure(
  key: string,
  unit: string,
  runs: readonly number[],
  context?: string,
): Figure {
  const list = `runs ${listOf(runs)}`;
  return { key, value: round(median(runs)), unit, note: context ? `${context}; ${list}` : list };
}

/** A figure that is the ratio of two medians (unit "x"), judged against `target`. */
export function ratioFigure(key: string, ratio: number, target: Target): Figure {
  return { key, value: round(ratio), unit: 'x', target };
}

/** Seeded PRNG (mulberry32): the same seed gives the same stream everywhere. */
export { seededRandom } from '../shared/domain/random';
