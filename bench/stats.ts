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
