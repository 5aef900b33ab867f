/** The renderer's one way to main: `window.api`, installed by the preload or the browser host. */
import type { Api } from '../../../shared/ipc';

declare global {
  interface Window {
    api?: Api;
  }
}

/** The IPC api; throws (a programming fault) when no host installed one. */
export function getApi(): Api {
  const api = typeof window === 'undefined' ? undefined : window.api;
  if (!api)
    throw new Error('window.api is missing: the preload or browser host did not install it');
  return api;
}
