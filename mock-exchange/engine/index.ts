/** The matching engine's public face. */
export { MatchingEngine } from './engine';
export type * from './api';
