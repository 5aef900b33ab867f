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
  'saveCsv',
  'getSettings',
  'saveSettings',
  'chartCandles',
  'chartPivots',
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
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Transport-level channel names (Electron ipc / browser-host socket). */
export const COMMAND_CHANNEL_PREFIX = 'cmd:';
export const EVENT_BATCH_CHANNEL = 'events';
