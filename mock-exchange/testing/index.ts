/** Helpers of the tests and benches (never imported by product code). */
export { SOAK, scale, soakFigures } from './env';
export { startTestExchange, type TestExchangeOptions } from './exchange';
export { tempDir } from './files';
export { seededRandom } from './random';
export { waitFor } from './wait';
