export { MarketSimulator, type MarketOptions } from './simulator';
export { DEFAULT_MARKET_SETTINGS, type MarketSettings } from './params';
export { FLOW_LOGIN, INTERNAL_LOGINS, MARKET_MAKER_LOGIN, isInternalLogin } from './constants';
export { createRandom, deriveSeed, type Random } from './prng';
