/** IPC handlers generated from COMMAND_NAMES, and event batches forwarded to the window. */
import {
  COMMAND_CHANNEL_PREFIX,
  COMMAND_NAMES,
  EVENT_BATCH_CHANNEL,
} from '../../../../shared/ipc/channels';
import type { IpcResult } from '../../../../shared/ipc/contract';
import { ipcFailure } from '../../../../shared/ipc/bridge';
import type { Core } from '../../../core/api';
import type { BrowserWindowLike, InvokeEventLike, IpcMainLike } from './electron-like';

/** True when the event comes from the main frame of the app's window, showing the app's own page. */
export function isTrustedSender(
  event: InvokeEventLike,
  window: BrowserWindowLike | null,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  const mainFrame = window.webContents.mainFrame;
  return (
    frame !== null &&
    event.sender.id === window.webContents.id &&
    frame.parent === null &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId &&
    isAppUrl(frame.url)
  );
}

/** The answer to a sender that is not the app's page. */
export function forbiddenSender(): IpcResult<never> {
  return ipcFailure('FORBIDDEN', 'This page may not use the app API.');
}

/** Registers one `ipcMain.handle` per command; returns a function that removes them. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'invoke'>,
  isTrusted: (event: InvokeEventLike) => boolean,
): () => void {
  for (const command of COMMAND_NAMES) {
    ipcMain.handle(COMMAND_CHANNEL_PREFIX + command, async (event, input) =>
      isTrusted(event) ? core.invoke(command, input) : forbiddenSender(),
    );
  }
  return () => {
    for (const command of COMMAND_NAMES) ipcMain.removeHandler(COMMAND_CHANNEL_PREFIX + command);
  };
}

/** Sends each event batch to the window while it exists; returns the unsubscribe function. */
export function forwardEvents(
  core: Pick<Core, 'onEvents'>,
  getWindow: () => BrowserWindowLike | null,
): () => void {
  return core.onEvents((batch) => {
    const window = getWindow();
    if (window && !window.isDestroyed() && !window.webContents.isDestroyed()) {
      window.webContents.send(EVENT_BATCH_CHANNEL, batch);
    }
  });
}
