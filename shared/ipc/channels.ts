/**
 * Channel names of the IPC contract: the only place they are spelled.
 * Kept free of zod so the sandboxed preload can import it cheaply.
 */

/** Renderer -> main request/reply commands. */
export const COMMAND_NAMES = [
  'getSnapshot',
  'listProfiles',
  'saveProfile',
  'deleteProfile',
  'connect',
  'disconnect',
  'placeOrder',
  'placeOco',
  'modifyOrder',
  'cancelOrder',
  'cancelAll',
  'orderDetail',
  'queryOrders',
  'queryFills',
  'queryPositions',
  'queryHistory',
  'exportCsv',
  'getSettings',
  'saveSettings',
  'chartCandles',
  'chartPivots',
  'getTools',
  'saveToolSettings',
  'placeBracket',
  'cancelBracket',
  'closePosition',
  'reversePosition',
  'flatten',
  'startTrailingStop',
  'stopTrailingStop',
  'saveAlert',
  'rearmAlert',
  'deleteAlert',
  'watchDepth',
  'unwatchDepth',
  'getAccount',
  'saveAccountSettings',
  'resetPaperAccount',
  'reviewRange',
  'reviewTrips',
  'reviewExcursions',
  'saveJournal',
  'searchJournal',
  'orderAudit',
  'reviewExport',
  'startReplay',
  'replayControl',
  'replayStatus',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Main -> renderer events (delivered in batches, at most one per frame). */
export const EVENT_NAMES = [
  'connection',
  'instruments',
  'orders',
  'fills',
  'positions',
  'quotes',
  'notification',
  'storage',
  'profileChanged',
  'tools',
  'alertFired',
  'depth',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Transport-level channel names (Electron ipc / browser-host socket). */
export const COMMAND_CHANNEL_PREFIX = 'cmd:';
export const EVENT_BATCH_CHANNEL = 'events';
