/**
 * Builds the renderer's `api` object from COMMAND_NAMES over any transport.
 * Zod-free (imports only channel names), so the sandboxed preload and the
 * browser client can both use it.
 */
import { COMMAND_NAMES, type CommandName } from './channels';
import type { Api, EventBatch, IpcErrorCode, IpcResult } from './contract';

/** What a host transport must offer: one request/reply call and an event subscription. */
export interface ApiTransport {
  invoke(command: CommandName, input: unknown): Promise<IpcResult<unknown>>;
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

/** An IpcResult error value. */
export function ipcFailure(
  code: IpcErrorCode,
  message: string,
): { ok: false; error: { code: IpcErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

/** Generates the `Api` object: one method per COMMAND_NAME, plus `onEvents`. */
export function createApi(transport: ApiTransport): Api {
  const api: Record<string, unknown> = {};
  for (const command of COMMAND_NAMES) {
    api[command] = (input?: unknown): Promise<IpcResult<unknown>> =>
      transport
        .invoke(command, input)
        .catch((error: unknown) =>
          ipcFailure(
            'INTERNAL',
            `${command} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
  }
  api.onEvents = (listener: (batch: EventBatch) => void): (() => void) =>
    transport.onEvents(listener);
  // The table above has exactly the keys of Api; the per-command input/output types come from the contract.
  return api as unknown as Api;
}
