/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives
 * the same market, so tests and demos are reproducible.
 */
import { seededRandom } from '../../shared/domain/random';

export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Standard normal deviate (Box-Muller). */
  gaussian(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** Creates a mulberry32 generator from a 32-bit seed (shared/domain's one PRNG). */
export function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    gaussian: () => {
      // 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
  };
}

/** Derives an independent seed for a named stream (e.g. one per symbol). */
export function deriveSeed(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}
