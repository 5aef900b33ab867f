/** The one seeded PRNG of tests and benches: the simulator's own (mulberry32). */
import { createRandom } from '../market/prng';

/** A seeded stream of floats in [0, 1): the same seed gives the same stream everywhere. */
export function seededRandom(seed: number): () => number {
  return createRandom(seed).next;
}
