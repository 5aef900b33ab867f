import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COMMAND_CHANNEL_PREFIX,
  COMMAND_NAMES,
  EVENT_BATCH_CHANNEL,
} from '../../../../shared/ipc/channels';
import type { CoreOptions } from '../../../core/api';
import { createFakeCore } from '../../../testing/fakeCore';
import { APP_ENTRY_URL } from './app-protocol';
import { startDesktopApp, type ElectronLike } from './desktop-app';
import type {
  BrowserWindowLike,
  FrameLike,
  InvokeEventLike,
  MainWindowOptions,
  PreventableLike,
  WebContentsLike,
} from './electron-like';

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-app-'));
afterAll(() => fs.rmSync(userData, { recursive: true, force: true }));

type AnyListener = (...args: never[]) => unknown;

function fakeElectron() {
  const appListeners = new Map<string, AnyListener[]>();
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const sent: unknown[][] = [];
  const windows: { options: MainWindowOptions; loaded: string[]; window: BrowserWindowLike }[] = [];
  const state = { quitCalls: 0, privileged: [] as string[], protocols: [] as string[] };
  const mainFrame: FrameLike = { url: APP_ENTRY_URL, processId: 3, routingId: 1, parent: null };

  class FakeWindow implements BrowserWindowLike {
    loaded: string[] = [];
    webContents: WebContentsLike = {
      id: 11,
      mainFrame,
      isDestroyed: () => false,
      send: (...args: unknown[]) => void sent.push(args),
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
    };
    constructor(options: MainWindowOptions) {
      windows.push({ options, loaded: this.loaded, window: this });
    }
    isDestroyed = (): boolean => false;
    loadURL = async (url: string): Promise<void> => void this.loaded.push(url);
    once = (): undefined => undefined;
    show = (): void => {};
    focus = (): void => {};
    isMinimized = (): boolean => false;
    restore = (): void => {};
  }

  const electron: ElectronLike<FakeWindow> = {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: async () => {},
      getPath: (name) => path.join(userData, name),
      quit: () => {
        state.quitCalls += 1;
        for (const listener of appListeners.get('before-quit') ?? []) {
          (listener as (event: PreventableLike) => void)({ preventDefault: () => {} });
        }
      },
      on: (event: string, listener: AnyListener) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
    },
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes) =>
        void state.privileged.push(...schemes.map((s) => s.scheme)),
      handle: (scheme) => void state.protocols.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(text).reverse(),
      decryptString: (buffer) => Buffer.from(buffer).reverse().toString(),
    },
    utilityProcess: {
      fork: () => {
        throw new Error('not in this test');
      },
    },
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => {} },
    shell: { openExternal: async () => {} },
  };
  return { electron, handlers, sent, windows, state, appListeners, mainFrame };
}

describe('desktop app wiring', () => {
  it('creates the hardened window, registers every command, forwards events and closes the core on quit', async () => {
    const fake = fakeElectron();
    const core = createFakeCore({ getSettings: () => ({ theme: 'dark' }) });
    let coreOptions: CoreOptions | undefined;
    const app = await startDesktopApp(fake.electron, {
      createCore: async (options) => {
        coreOptions = options;
        return core;
      },
      rendererDir: '/nonexistent/renderer',
      preloadPath: '/app/out/preload/index.cjs',
      exchangeScript: '/app/out/main/exchange.js',
      log: () => {},
    });
    expect(app).not.toBeNull();
    await app?.core;

    expect(fake.state.privileged).toEqual(['app']);
    expect(fake.state.protocols).toEqual(['app']);
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(fake.windows[0]?.loaded).toEqual([APP_ENTRY_URL]);
    expect(coreOptions?.dataDir).toBe(path.join(userData, 'userData'));
    expect(typeof coreOptions?.saveFile).toBe('function');

    expect([...fake.handlers.keys()].sort()).toEqual(
      COMMAND_NAMES.map((c) => COMMAND_CHANNEL_PREFIX + c).sort(),
    );
    const trusted: InvokeEventLike = { sender: { id: 11 }, senderFrame: fake.mainFrame };
    await expect(fake.handlers.get('cmd:getSettings')?.(trusted)).resolves.toEqual({
      ok: true,
      value: { theme: 'dark' },
    });
    const foreign: InvokeEventLike = {
      sender: { id: 11 },
      senderFrame: { ...fake.mainFrame, url: 'https://evil.example/' },
    };
    await expect(fake.handlers.get('cmd:getSettings')?.(foreign)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    core.emit({ notification: [] });
    expect(fake.sent).toEqual([[EVENT_BATCH_CHANNEL, { notification: [] }]]);

    // Secrets go through safeStorage into userData.
    coreOptions?.secrets.set('profile:x', 'tok');
    expect(coreOptions?.secrets.get('profile:x')).toBe('tok');
    expect(fs.readFileSync(path.join(userData, 'userData', 'secrets.json'), 'utf8')).not.toContain(
      'tok',
    );

    const cancelled = await coreOptions?.saveFile?.('orders.csv', 'a,b\n');
    expect(cancelled).toBeNull();

    fake.electron.app.quit();
    await new Promise<void>((resolve) => {
      const poll = (): void => (fake.state.quitCalls >= 2 ? resolve() : void setImmediate(poll));
      poll();
    });
    expect(core.closed).toBe(true);
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = fakeElectron();
    fake.electron.app.requestSingleInstanceLock = () => false;
    const app = await startDesktopApp(fake.electron, {
      createCore: async () => createFakeCore(),
      rendererDir: '',
      preloadPath: '',
      exchangeScript: '',
    });
    expect(app).toBeNull();
    expect(fake.windows).toHaveLength(0);
  });
});
