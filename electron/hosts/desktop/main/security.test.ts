import { describe, expect, it } from 'vitest';
import { isAppUrl } from './app-protocol';
import type { PreventableLike, SessionLike, WebContentsLike } from './electron-like';
import { hardenSession, hardenWebContents, mainWindowOptions } from './security';

type NavigationListener = (event: PreventableLike, url: string) => void;

function fakeContents(): WebContentsLike & {
  listeners: Map<string, NavigationListener>;
  openHandler?: (details: { url: string }) => { action: 'deny' };
} {
  const listeners = new Map<string, NavigationListener>();
  const contents: ReturnType<typeof fakeContents> = {
    id: 1,
    mainFrame: { url: '', processId: 1, routingId: 1, parent: null },
    listeners,
    isDestroyed: () => false,
    send: () => {},
    on(event: string, listener: NavigationListener) {
      listeners.set(event, listener);
    },
    setWindowOpenHandler(handler) {
      contents.openHandler = handler;
    },
  };
  return contents;
}

function navigate(contents: ReturnType<typeof fakeContents>, event: string, url: string): boolean {
  let prevented = false;
  contents.listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('main window options', () => {
  it('isolates and sandboxes the renderer with web security on', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
});

describe('webContents hardening', () => {
  let opened: string[] = [];
  const harden = (): ReturnType<typeof fakeContents> => {
    opened = [];
    const contents = fakeContents();
    hardenWebContents(
      contents,
      (url) => isAppUrl(url),
      (url) => void opened.push(url),
    );
    return contents;
  };

  it('denies navigation to a foreign page', () => {
    const contents = harden();
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://other/index.html')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('allows navigation within the app', () => {
    expect(navigate(harden(), 'will-navigate', 'app://desk/index.html#orders')).toBe(false);
  });

  it('denies every new window', () => {
    expect(harden().openHandler?.({ url: 'app://desk/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });

  it("opens a third-party notice's link in the system browser, and no other page", () => {
    const contents = harden();
    for (const url of [
      'https://evil.example/',
      'https://www.tradingview.com.evil.example/',
      'https://www.tradingview.com/x?y',
      'http://www.tradingview.com/',
      'file:///etc/passwd',
    ])
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
    expect(contents.openHandler?.({ url: 'https://www.tradingview.com/' })).toEqual({
      action: 'deny',
    });
    expect(opened).toEqual(['https://www.tradingview.com/']);
  });

  it('denies webviews', () => {
    expect(navigate(harden(), 'will-attach-webview', '')).toBe(true);
  });
});

describe('session hardening', () => {
  function fakeSession(): SessionLike & {
    request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check?: Parameters<SessionLike['setPermissionCheckHandler']>[0];
    headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  } {
    const session: ReturnType<typeof fakeSession> = {
      setPermissionRequestHandler: (handler) => void (session.request = handler),
      setPermissionCheckHandler: (handler) => void (session.check = handler),
      webRequest: { onHeadersReceived: (listener) => void (session.headers = listener) },
    };
    return session;
  }

  it('denies every permission request and check', () => {
    const session = fakeSession();
    hardenSession(session, "default-src 'self'");
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      let granted: boolean | undefined;
      session.request?.({}, permission, (answer) => (granted = answer));
      expect(granted).toBe(false);
      expect(session.check?.({}, permission)).toBe(false);
    }
  });

  it('replaces any Content-Security-Policy header with the app policy', () => {
    const session = fakeSession();
    hardenSession(session, "default-src 'self'; script-src 'self'");
    let headers: Record<string, string[]> | undefined;
    session.headers?.(
      {
        url: 'app://desk/index.html',
        responseHeaders: { 'content-security-policy': ['*'], 'X-A': ['1'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({
      'X-A': ['1'],
      'Content-Security-Policy': ["default-src 'self'; script-src 'self'"],
    });
  });
});
