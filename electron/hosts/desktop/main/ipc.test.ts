import { describe, expect, it } from 'vitest';
import {
  COMMAND_CHANNEL_PREFIX,
  COMMAND_NAMES,
  EVENT_BATCH_CHANNEL,
} from '../../../../shared/ipc/channels';
import { createPreloadApi } from '../preload/api';
import { createFakeCore } from '../../../testing/fakeCore';
import { isAppUrl } from './app-protocol';
import type { BrowserWindowLike, FrameLike, InvokeEventLike, IpcMainLike } from './electron-like';
import { forbiddenSender, forwardEvents, isTrustedSender, registerIpcHandlers } from './ipc';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

const mainFrame: FrameLike = {
  url: 'app://desk/index.html',
  processId: 4,
  routingId: 1,
  parent: null,
};

function fakeWindow(sent: unknown[][] = []): BrowserWindowLike {
  return {
    webContents: {
      id: 7,
      mainFrame,
      isDestroyed: () => false,
      send: (...args: unknown[]) => void sent.push(args),
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
    },
    isDestroyed: () => false,
    loadURL: async () => {},
    once: () => undefined,
    show: () => {},
    focus: () => {},
    isMinimized: () => false,
    restore: () => {},
  };
}

const trustedEvent: InvokeEventLike = { sender: { id: 7 }, senderFrame: mainFrame };

describe('main-process IPC handlers', () => {
  it('registers exactly one handler per command, on the channels the preload invokes', async () => {
    const ipcMain = fakeIpcMain();
    const core = createFakeCore();
    registerIpcHandlers(ipcMain, core, () => true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      COMMAND_NAMES.map((c) => COMMAND_CHANNEL_PREFIX + c).sort(),
    );

    // Wire the preload to the handlers: every exposed method reaches core.invoke with its own name.
    const invoked: string[] = [];
    const api = createPreloadApi({
      invoke: async (channel, ...args) => {
        invoked.push(channel);
        const handler = ipcMain.handlers.get(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return handler(trustedEvent, ...args);
      },
      on: () => undefined,
      removeListener: () => undefined,
    });
    for (const command of COMMAND_NAMES)
      await (api[command] as (input?: unknown) => Promise<unknown>)();
    expect(invoked).toEqual(COMMAND_NAMES.map((c) => COMMAND_CHANNEL_PREFIX + c));
  });

  it('passes the raw input to the core and returns its result', async () => {
    const ipcMain = fakeIpcMain();
    const core = createFakeCore({ cancelOrder: () => null });
    registerIpcHandlers(ipcMain, core, () => true);
    const result = await ipcMain.handlers.get('cmd:cancelOrder')?.(trustedEvent, { orderId: 5 });
    expect(result).toEqual({ ok: true, value: null });
    expect(core.calls).toEqual([{ command: 'cancelOrder', input: { orderId: 5 } }]);
  });

  it('rejects invalid renderer input with a clear INVALID_INPUT error', async () => {
    const ipcMain = fakeIpcMain();
    const core = createFakeCore();
    registerIpcHandlers(ipcMain, core, () => true);
    const result = await ipcMain.handlers.get('cmd:placeOrder')?.(trustedEvent, {
      symbol: 'BTCUSD',
      side: 'BUY',
      type: 'LIMIT',
      quantity: -1,
      price: 100,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'quantity' },
    });
    expect(core.calls).toEqual([]);
  });

  it('answers FORBIDDEN and never calls the core for an untrusted sender', async () => {
    const ipcMain = fakeIpcMain();
    const core = createFakeCore();
    registerIpcHandlers(ipcMain, core, () => false);
    await expect(ipcMain.handlers.get('cmd:cancelAll')?.(trustedEvent, {})).resolves.toEqual(
      forbiddenSender(),
    );
    expect(core.calls).toEqual([]);
  });

  it('removes its handlers when disposed', () => {
    const ipcMain = fakeIpcMain();
    registerIpcHandlers(ipcMain, createFakeCore(), () => true)();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('sender-frame check', () => {
  const window = fakeWindow();
  const check = (event: InvokeEventLike, win: BrowserWindowLike | null = window): boolean =>
    isTrustedSender(event, win, (url) => isAppUrl(url));

  it('trusts the main frame of the app window on the app URL', () => {
    expect(check(trustedEvent)).toBe(true);
  });
  it('refuses a sub-frame', () => {
    expect(
      check({ sender: { id: 7 }, senderFrame: { ...mainFrame, routingId: 2, parent: mainFrame } }),
    ).toBe(false);
  });
  it('refuses the main frame after it navigated to a foreign page', () => {
    expect(
      check({ sender: { id: 7 }, senderFrame: { ...mainFrame, url: 'https://evil.example/' } }),
    ).toBe(false);
  });
  it('refuses another webContents', () => {
    expect(check({ sender: { id: 8 }, senderFrame: mainFrame })).toBe(false);
  });
  it('refuses a destroyed frame', () => {
    expect(check({ sender: { id: 7 }, senderFrame: null })).toBe(false);
  });
  it('refuses when the window is gone', () => {
    expect(check(trustedEvent, null)).toBe(false);
  });
  it('refuses a file:// page', () => {
    expect(
      check({ sender: { id: 7 }, senderFrame: { ...mainFrame, url: 'file:///etc/passwd' } }),
    ).toBe(false);
  });
});

describe('event forwarding', () => {
  it('sends each batch on the batch channel while the window lives', () => {
    const sent: unknown[][] = [];
    const core = createFakeCore();
    let window: BrowserWindowLike | null = fakeWindow(sent);
    const unsubscribe = forwardEvents(core, () => window);
    core.emit({ quotes: [] });
    window = null;
    core.emit({ quotes: [] });
    unsubscribe();
    expect(sent).toEqual([[EVENT_BATCH_CHANNEL, { quotes: [] }]]);
    expect(core.listenerCount()).toBe(0);
  });
});
