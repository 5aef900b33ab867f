/** Window options and the hardening every webContents and the session get. */
import { isNoticeUrl } from '../../../../shared/notices';
import type { MainWindowOptions, SessionLike, WebContentsLike } from './electron-like';

/** The main window's options: isolated, sandboxed, no Node, web security on. */
export function mainWindowOptions(preloadPath: string): MainWindowOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Paper Desk',
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * Denies navigation away from the app, new windows and webviews. A link to a
 * third-party notice's page (the Help dialog's) opens in the system browser
 * through `openExternal`; nothing else leaves the app.
 */
export function hardenWebContents(
  contents: WebContentsLike,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const denyForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isNoticeUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check; adds the CSP header to every response when `csp` is given. */
export function hardenSession(session: SessionLike, csp: string | null): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  if (csp === null) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
