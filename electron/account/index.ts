export { conversionRate, convert, instrumentCurrencies, USD_STABLECOINS } from './currency';
export type { InstrumentCurrencies, Marks, Rate } from './currency';
export { accountFigures, accountRate, ACCOUNT_DECIMALS, toAccount, utcDayStart } from './figures';
export type { PositionLedger } from './figures';
export { instrumentLedger, ledgerAmounts, ledgersOf } from './ledger';
export type { InstrumentLedger, LedgerFill } from './ledger';
export {
  loadAccountSettings,
  nextPaperAccount,
  resetPaperAccount,
  updateAccountSettings,
} from './settings';
