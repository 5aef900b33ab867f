/** The reference price of one symbol: a seeded random walk in integer ticks. */
import type { Random } from './prng';

/** Next reference after one step: a rounded normal move, never below `floorTicks`. */
export function walkStep(
  referenceTicks: number,
  sigmaTicks: number,
  floorTicks: number,
  random: Random,
): number {
  const move = Math.round(random.gaussian() * sigmaTicks);
  return Math.max(floorTicks, referenceTicks + move);
}
