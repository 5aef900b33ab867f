export { NOT_AT_EXCHANGE } from './orderRow';
export { OrderStore } from './orderStore';
export type { OrderStoreOptions } from './orderStore';
export { PositionBook } from './positionBook';
export { precisionLookup, UNKNOWN_PRECISION } from './precision';
export type { Precision } from './precision';
export { emptyChange } from './types';
export type { StoreChange, StoredFill } from './types';
