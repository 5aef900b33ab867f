/**
 * The Electron shell as wired by startDesktopApp (with a fake Electron):
 * what electron/main's unit tests leave out. Every webContents the app
 * creates gets the navigation / new-window / webview denials, the default
 * session denies permissions and carries a strict Content-Security-Policy,
 * and IPC from a sub-frame, another webContents or a navigated frame never
 * reaches the core.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_CHANNEL_PREFIX } from '../../shared/ipc/channels';
import { tempDir } from '../testing/coreTestkit';
import { APP_ENTRY_URL } from '../hosts/desktop/main/app-protocol';
import { startDesktopApp, type ElectronLike } from '../hosts/desktop/main/desktop-app';
import type {
  BrowserWindowLike,
  FrameLike,
  InvokeEventLike,
  MainWindowOptions,
  PreventableLike,
  SessionLike,
  WebContentsLike,
} from '../hosts/desktop/main/electron-like';
import { createFakeCore } from '../testing/fakeCore';

const tmp = tempDir('pd-electron-');
afterAll(() => tmp.remove());

type Listener = (...args: never[]) => unknown;

/** A webContents that records its listeners and window-open handler. */
function fakeContents(id: number, mainFrame: FrameLike) {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: WebContentsLike = {
    id,
    mainFrame,
    isDestroyed: () => false,
    send: () => undefined,
    on: (event: string, listener: Listener) => void listeners.set(event, listener),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  const prevented = (event: string, url = ''): boolean => {
    let stopped = false;
    const listener = listeners.get(event) as
      ((e: PreventableLike, url: string) => void) | undefined;
    listener?.({ preventDefault: () => (stopped = true) }, url);
    return stopped;
  };
  return { contents, prevented, openHandler: () => openHandler };
}

async function startApp() {
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const windows: MainWindowOptions[] = [];
  const mainFrame: FrameLike = { url: APP_ENTRY_URL, processId: 3, routingId: 1, parent: null };
  const session: {
    request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
    headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  } = {};
  const windowContents = fakeContents(11, mainFrame);
  const openedExternally: string[] = [];

  class FakeWindow implements BrowserWindowLike {
    readonly webContents = windowContents.contents;
    constructor(options: MainWindowOptions) {
      windows.push(options);
      // Electron emits web-contents-created for the window's contents.
      for (const listener of appListeners.get('web-contents-created') ?? [])
        (listener as (e: unknown, c: WebContentsLike) => void)({}, this.webContents);
    }
    isDestroyed = (): boolean => false;
    loadURL = async (): Promise<void> => undefined;
    once = (): undefined => undefined;
    show = (): void => undefined;
    focus = (): void => undefined;
    isMinimized = (): boolean => false;
    restore = (): void => undefined;
  }

  const electron: ElectronLike<FakeWindow> = {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: async () => undefined,
      getPath: (name) => path.join(tmp.dir, name),
      quit: () => undefined,
      on: (event: string, listener: Listener) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
    },
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => void (session.request = handler),
        setPermissionCheckHandler: (handler) => void (session.check = handler),
        webRequest: { onHeadersReceived: (listener) => void (session.headers = listener) },
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
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => undefined },
    shell: { openExternal: async (url) => void openedExternally.push(url) },
  };
  const core = createFakeCore({ getSettings: () => ({ theme: 'dark' }) });
  const app = await startDesktopApp(electron, {
    createCore: async () => core,
    rendererDir: path.join(tmp.dir, 'renderer'),
    preloadPath: '/app/out/preload/index.cjs',
    exchangeScript: '/app/out/main/exchange.js',
    log: () => undefined,
  });
  await app?.core;
  return {
    appListeners,
    handlers,
    windows,
    session,
    windowContents,
    mainFrame,
    core,
    openedExternally,
  };
}

/** The policy's directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('Electron shell hardening, as wired by the app', () => {
  it('the window is isolated and sandboxed without Node', async () => {
    const { windows } = await startApp();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('every webContents created denies foreign navigation, new windows and webviews', async () => {
    const { appListeners, windowContents, openedExternally } = await startApp();
    // The window's own contents (hardened when created) ...
    expect(windowContents.prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(windowContents.prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(windowContents.prevented('will-navigate', APP_ENTRY_URL)).toBe(false);
    expect(windowContents.prevented('will-attach-webview')).toBe(true);
    expect(windowContents.openHandler()?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    // ... and any other contents (a devtools or a popup) the app sees created.
    const other = fakeContents(99, { ...windowContents.contents.mainFrame });
    for (const listener of appListeners.get('web-contents-created') ?? [])
      (listener as (e: unknown, c: WebContentsLike) => void)({}, other.contents);
    expect(other.prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(other.openHandler()?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    expect(openedExternally).toEqual([]);
    // The one way out: the Help dialog's notice link, to the system browser, not a window.
    expect(windowContents.openHandler()?.({ url: 'https://www.tradingview.com/' })).toEqual({
      action: 'deny',
    });
    expect(openedExternally).toEqual(['https://www.tradingview.com/']);
  });

  it('the default session denies every permission and serves a strict CSP', async () => {
    const { session } = await startApp();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid']) {
      let granted: boolean | null = null;
      session.request?.({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(session.check?.({}, permission), permission).toBe(false);
    }
    let headers: Record<string, string[]> | undefined;
    session.headers?.(
      { url: APP_ENTRY_URL, responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      (response) => (headers = response.responseHeaders),
    );
    const policies = Object.entries(headers ?? {}).filter(
      ([name]) => name.toLowerCase() === 'content-security-policy',
    );
    expect(policies).toHaveLength(1);
    const csp = policies[0]?.[1][0] ?? '';
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:|data:\s*;?\s*script/);
    // No network target beyond the app itself in Electron (the exchange link lives in main).
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('IPC from a sub-frame, another webContents or a navigated frame never reaches the core', async () => {
    const { handlers, mainFrame, core } = await startApp();
    const channel = `${COMMAND_CHANNEL_PREFIX}getSettings`;
    const call = (event: InvokeEventLike) => handlers.get(channel)?.(event, undefined);
    const subFrame: FrameLike = { ...mainFrame, routingId: 2, parent: mainFrame };
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    await expect(call({ sender: { id: 11 }, senderFrame: subFrame })).resolves.toMatchObject(
      forbidden,
    );
    await expect(call({ sender: { id: 12 }, senderFrame: mainFrame })).resolves.toMatchObject(
      forbidden,
    );
    await expect(
      call({ sender: { id: 11 }, senderFrame: { ...mainFrame, url: 'https://evil.example/' } }),
    ).resolves.toMatchObject(forbidden);
    await expect(call({ sender: { id: 11 }, senderFrame: null })).resolves.toMatchObject(forbidden);
    expect(core.calls).toEqual([]);
    await expect(call({ sender: { id: 11 }, senderFrame: mainFrame })).resolves.toMatchObject({
      ok: true,
    });
    expect(core.calls).toHaveLength(1);
  });
});
