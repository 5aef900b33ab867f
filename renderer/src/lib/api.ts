/**
 * The renderer's one way to main. In Electron the preload installs
 * `window.api`; in the browser host the same API runs over the host's
 * loopback socket, authenticated by the secret in the page's address.
 */
import type { Api } from '../../../shared/ipc';
import { webSocketApiFromLocation } from '../../../shared/ipc/web-client';

declare global {
  interface Window {
    api?: Api;
  }
}

/** The IPC api, or null when the page was opened without a host (no preload, no secret). */
export function getApi(): Api | null {
  if (typeof window === 'undefined') return null;
  return window.api ?? webSocketApiFromLocation(window.location);
}
