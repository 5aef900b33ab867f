/** The one seeded PRNG of tests and benches (shared/domain's, as the simulator uses). */
export { seededRandom } from '../../shared/domain/random';
