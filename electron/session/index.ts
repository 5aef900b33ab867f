export { ExchangeSession, UNKNOWN_ORDER_STATUS } from './exchangeSession';
export type { PayloadOf, ReplyPayloadOf } from './exchangeSession';
export { backoffDelay } from './backoff';
export { createClientOrderIdFactory } from './clientOrderIds';
export type * from './types';
