/** Market replay: import a CSV of 1-minute candles and replay it on the exchange clock. */
export {
  parseCandleCsv,
  formatImportError,
  type ImportedCandles,
  type ImportError,
} from './csvImport';
export { CsvLayout, detectLayout, symbolFromFileName } from './layouts';
export {
  instrumentFor,
  prepareReplay,
  previewOf,
  toReplayColumns,
  type ReplayData,
} from './replayData';
export { pathTicks, waypoints, WAYPOINT_OFFSETS_MS, type PathCandle } from './candlePath';
export { ReplayMarket, type ReplayMarketOptions } from './replayMarket';
export { ReplayPlayer, type ReplayTarget, type WallTimers } from './replayPlayer';
export { importReplayFile, REPLAY_DIR } from './importStore';
export { holdReplayPosition, loadReplayPosition, ReplayPosition } from './replayPosition';
export {
  REPLAY_SAVE_EVERY_MS,
  replayStartTime,
  startReplay,
  type ReplayControls,
  type ReplayRuntime,
} from './replayRuntime';
