/** The handler table: one entry per command of the contract. */
import * as app from './appHandlers';
import * as chart from './chartHandlers';
import type { Handlers } from './context';
import * as history from './historyHandlers';
import * as order from './orderHandlers';
import * as tools from './toolHandlers';
import * as review from './reviewHandlers';
import * as replay from './replayHandlers';

/** Every command's handler (the compiler checks none is missing). */
export const handlers: Handlers = {
  getSnapshot: app.getSnapshot,
  listProfiles: app.listProfiles,
  saveProfile: app.saveProfile,
  deleteProfile: app.deleteProfile,
  connect: app.connect,
  disconnect: app.disconnect,
  placeOrder: order.placeOrder,
  placeOco: order.placeOco,
  modifyOrder: order.modifyOrder,
  cancelOrder: order.cancelOrder,
  cancelAll: order.cancelAll,
  orderDetail: order.orderDetail,
  queryOrders: app.queryOrders,
  queryFills: app.queryFills,
  queryPositions: app.queryPositions,
  queryHistory: history.queryHistory,
  exportCsv: history.exportCsv,
  getSettings: app.getSettings,
  saveSettings: app.saveSettings,
  chartCandles: chart.chartCandles,
  chartPivots: chart.chartPivots,
  getTools: tools.getTools,
  saveToolSettings: tools.saveToolSettings,
  placeBracket: tools.placeBracket,
  cancelBracket: tools.cancelBracket,
  closePosition: tools.closePosition,
  reversePosition: tools.reversePosition,
  flatten: tools.flatten,
  startTrailingStop: tools.startTrailingStop,
  stopTrailingStop: tools.stopTrailingStop,
  saveAlert: tools.saveAlert,
  rearmAlert: tools.rearmAlert,
  deleteAlert: tools.deleteAlert,
  watchDepth: tools.watchDepth,
  unwatchDepth: tools.unwatchDepth,
  getAccount: review.getAccount,
  saveAccountSettings: review.saveAccountSettings,
  resetPaperAccount: review.resetPaperAccount,
  reviewRange: review.reviewRange,
  reviewTrips: review.reviewTrips,
  reviewExcursions: review.reviewExcursions,
  saveJournal: review.saveJournal,
  searchJournal: review.searchJournal,
  orderAudit: review.orderAudit,
  reviewExport: review.reviewExport,
  startReplay: replay.startReplay,
  replayControl: replay.replayControl,
  replayStatus: replay.replayStatus,
};
