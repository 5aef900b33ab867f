/** Wires the core into Electron: protocol, session, window, IPC, services, quit. */
import path from 'node:path';
import type { Core, CoreOptions, PaperExchange } from '../../../core/api';
import { contentSecurityPolicy } from '../../../node/csp';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler, isAppUrl } from './app-protocol';
import {
  createSafeStorageSecretStore,
  saveFileWithDialog,
  startUtilityPaperExchange,
  type DialogLike,
  type SafeStorageLike,
  type UtilityProcessLike,
} from './desktop-services';
import type {
  BrowserWindowLike,
  IpcMainLike,
  MainWindowOptions,
  PreventableLike,
  SessionLike,
  WebContentsLike,
} from './electron-like';
import { forwardEvents, isTrustedSender, registerIpcHandlers } from './ipc';
import { hardenSession, hardenWebContents, mainWindowOptions } from './security';

/** The parts of the `electron` module the app uses (W: its BrowserWindow). */
export interface ElectronLike<W extends BrowserWindowLike = BrowserWindowLike> {
  app: {
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<unknown>;
    getPath(name: 'userData' | 'downloads'): string;
    quit(): void;
    on(event: 'before-quit', listener: (event: PreventableLike) => void): unknown;
    on(event: 'window-all-closed' | 'second-instance', listener: () => void): unknown;
    on(
      event: 'web-contents-created',
      listener: (event: unknown, contents: WebContentsLike) => void,
    ): unknown;
  };
  BrowserWindow: new (options: MainWindowOptions) => W;
  ipcMain: IpcMainLike;
  protocol: {
    registerSchemesAsPrivileged(
      schemes: {
        scheme: string;
        privileges: {
          standard: boolean;
          secure: boolean;
          supportFetchAPI: boolean;
          corsEnabled: boolean;
        };
      }[],
    ): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  session: { defaultSession: SessionLike };
  safeStorage: SafeStorageLike;
  utilityProcess: UtilityProcessLike;
  dialog: DialogLike<W> & { showErrorBox(title: string, content: string): void };
  shell: { openExternal(url: string): Promise<void> };
}

/** Where the built pieces are, and how to make the core. */
export interface DesktopAppOptions {
  createCore: (options: CoreOptions) => Promise<Core>;
  /** out/renderer */
  rendererDir: string;
  /** out/preload/index.cjs */
  preloadPath: string;
  /** out/main/exchange.js */
  exchangeScript: string;
  /** electron-vite dev's renderer server (ELECTRON_RENDERER_URL); absent in a built app. */
  devServerUrl?: string;
  /** An exchange to use instead of the bundled one (end-to-end tests run their own). */
  paperExchange?: { url: string; token: string; login: string };
  log?: (line: string) => void;
}

/** A started desktop app (for tests). */
export interface DesktopApp<W extends BrowserWindowLike = BrowserWindowLike> {
  window: W;
  core: Promise<Core>;
}

/** Starts the desktop app; resolves with null when another instance already runs. */
export async function startDesktopApp<W extends BrowserWindowLike>(
  electron: ElectronLike<W>,
  options: DesktopAppOptions,
): Promise<DesktopApp<W> | null> {
  const { app, protocol } = electron;
  const log = options.log ?? ((line: string) => console.log(line));
  const isApp = (url: string): boolean => isAppUrl(url, options.devServerUrl);

  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const openExternal = (url: string): void => {
    electron.shell
      .openExternal(url)
      .catch((error: unknown) => log(`Could not open ${url}: ${String(error)}`));
  };
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, isApp, openExternal),
  );
  await app.whenReady();

  hardenSession(
    electron.session.defaultSession,
    options.devServerUrl ? null : contentSecurityPolicy(),
  );
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options.rendererDir));

  const window = new electron.BrowserWindow(mainWindowOptions(options.preloadPath));
  window.once('ready-to-show', () => window.show());
  const getWindow = (): W | null => (window.isDestroyed() ? null : window);
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  const dataDir = app.getPath('userData');
  const exchanges = new Set<PaperExchange>();
  const core = options.createCore({
    dataDir,
    secrets: createSafeStorageSecretStore(electron.safeStorage, path.join(dataDir, 'secrets.json')),
    startPaperExchange: async (exchangeDataDir, replay) => {
      if (options.paperExchange) return { ...options.paperExchange, stop: async () => {} };
      const started = await startUtilityPaperExchange(
        electron.utilityProcess,
        options.exchangeScript,
        exchangeDataDir,
        log,
        replay,
      );
      // Returned as is (its url follows restarts); stopping it twice is harmless.
      exchanges.add(started);
      return started;
    },
    saveFile: saveFileWithDialog(electron.dialog, getWindow, app.getPath('downloads')),
    log,
  });

  // Handlers exist before the page loads; calls wait for the core.
  registerIpcHandlers(
    electron.ipcMain,
    { invoke: async (command, input) => (await core).invoke(command, input) },
    (event) => isTrustedSender(event, getWindow(), isApp),
  );
  void core.then(
    (ready) => forwardEvents(ready, getWindow),
    (error: unknown) => {
      electron.dialog.showErrorBox(
        'Paper Desk could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    },
  );

  let closed = false;
  let closing = false;
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void core
      .then((ready) => ready.close())
      .catch((error: unknown) => log(`close failed: ${String(error)}`))
      .then(() => Promise.all([...exchanges].map((running) => running.stop())))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return { window, core };
}
