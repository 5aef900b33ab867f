export { ExchangeServer, type ServerDeps, type ServerSettings } from './exchangeServer';
export { MarketDriver, type DrivenMarket } from './marketDriver';
export { OrderJournal, JOURNAL_FILE } from './journal';
export { createManualClock, createRealClock, type ClockKind, type ExchangeClock } from './clock';
export {
  resolveOptions,
  DEFAULT_START_TIME,
  type ExchangeOptions,
  type ResolvedOptions,
} from './options';
export { DEFAULT_ACCOUNTS, allLogins, buildAccountIndex, type AccountConfig } from './accounts';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './rateLimiter';
export type { FaultControls } from './faults';
