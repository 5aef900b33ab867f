/**
 * The preload's `api`: every command of the contract as an `ipcRenderer.invoke`
 * on its channel, and event batches from the one batch channel.
 */
import { COMMAND_CHANNEL_PREFIX, EVENT_BATCH_CHANNEL } from '../../../../shared/ipc/channels';
import { createApi } from '../../../../shared/ipc/bridge';
import type { Api, EventBatch, IpcResult } from '../../../../shared/ipc/contract';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Builds the renderer API over Electron IPC. */
export function createPreloadApi(ipcRenderer: IpcRendererLike): Api {
  return createApi({
    invoke: (command, input) =>
      ipcRenderer.invoke(COMMAND_CHANNEL_PREFIX + command, input) as Promise<IpcResult<unknown>>,
    onEvents(listener) {
      const onBatch = (_event: unknown, batch: unknown): void => listener(batch as EventBatch);
      ipcRenderer.on(EVENT_BATCH_CHANNEL, onBatch);
      return () => {
        ipcRenderer.removeListener(EVENT_BATCH_CHANNEL, onBatch);
      };
    },
  });
}
