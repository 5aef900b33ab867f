/** The Chart API of the mock exchange: the venue's candles, symbols, pivots and ticker. */
export {
  ChartService,
  BACKFILL_DAYS,
  backfillStart,
  type ChartServiceOptions,
} from './chartService';
export { ChartServer, newErrorId, type ChartServerSettings } from './chartServer';
export { CANDLE_DIR } from './candleFiles';
export type { QuoteView } from './routes';
