export { ExchangeSession, UNKNOWN_ORDER_STATUS } from './exchangeSession';
export type { PayloadOf, ReplyPayloadOf } from './requests';
export type { OrderLookup } from './reconciler';
export type { Link, LinkEvents, LinkFactory } from './link';
export { SESSION_TIMING } from './types';
export type * from './types';
