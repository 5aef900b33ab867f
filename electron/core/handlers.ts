/** The handler table: one entry per command of the contract. */
import * as app from './appHandlers';
import * as chart from './chartHandlers';
import type { Handlers } from './context';
import * as history from './historyHandlers';
import * as order from './orderHandlers';

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
  saveCsv: app.saveCsv,
  getSettings: app.getSettings,
  saveSettings: app.saveSettings,
  chartCandles: chart.chartCandles,
  chartPivots: chart.chartPivots,
};
