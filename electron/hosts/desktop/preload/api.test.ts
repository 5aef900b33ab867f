import { describe, expect, it, vi } from 'vitest';
import {
  COMMAND_CHANNEL_PREFIX,
  COMMAND_NAMES,
  EVENT_BATCH_CHANNEL,
} from '../../../../shared/ipc/channels';
import { createPreloadApi, type IpcRendererLike } from './api';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(): IpcRendererLike & {
  invoked: { channel: string; args: unknown[] }[];
  listeners: Map<string, Set<Listener>>;
} {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  return {
    invoked,
    listeners,
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
}

describe('preload api', () => {
  it('exposes exactly one method per command plus onEvents', () => {
    const api = createPreloadApi(fakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'onEvents'].sort());
  });

  it('invokes each command on its own channel with the input', async () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    for (const command of COMMAND_NAMES) {
      const call = api[command] as (input: unknown) => Promise<unknown>;
      await expect(call({ probe: command })).resolves.toEqual({
        ok: true,
        value: COMMAND_CHANNEL_PREFIX + command,
      });
    }
    expect(ipc.invoked).toEqual(
      COMMAND_NAMES.map((command) => ({
        channel: COMMAND_CHANNEL_PREFIX + command,
        args: [{ probe: command }],
      })),
    );
  });

  it('turns a thrown invoke into an INTERNAL error value', async () => {
    const ipc = fakeIpcRenderer();
    ipc.invoke = () => Promise.reject(new Error('no handler'));
    const result = await createPreloadApi(ipc).getSnapshot();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('delivers event batches until unsubscribed', () => {
    const ipc = fakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const received: unknown[] = [];
    const unsubscribe = api.onEvents((batch) => received.push(batch));
    const emit = (batch: unknown): void => {
      for (const listener of ipc.listeners.get(EVENT_BATCH_CHANNEL) ?? []) listener({}, batch);
    };
    emit({ quotes: [] });
    unsubscribe();
    emit({ quotes: [] });
    expect(received).toEqual([{ quotes: [] }]);
    expect(ipc.listeners.get(EVENT_BATCH_CHANNEL)?.size).toBe(0);
  });

  it('index exposes the api as window.api through contextBridge', async () => {
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld },
      ipcRenderer: fakeIpcRenderer(),
    }));
    await import('./index');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0] ?? [];
    expect(key).toBe('api');
    expect(Object.keys(api as object).sort()).toEqual([...COMMAND_NAMES, 'onEvents'].sort());
    vi.doUnmock('electron');
  });
});
