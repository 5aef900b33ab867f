/**
 * The renderer is served from `app://desk/` (a privileged standard scheme),
 * not file://, so it has a real origin, the CSP applies as a header and
 * navigation checks compare one origin.
 */
import { contentSecurityPolicy } from '../../../node/csp';
import { contentTypeFor, openStaticFile, resolveStaticPath } from '../../../node/static-files';

export const APP_SCHEME = 'app';
const APP_HOST = 'desk';
/** The page the main window loads in a built app. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True when `url` is one of the app's own pages (`app://desk/...`, or the dev server's origin). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
}

/** Handles `app://desk/<path>` requests from the built renderer folder, with the CSP header. */
export function createAppProtocolHandler(
  rendererDir: string,
): (request: { url: string }) => Promise<Response> {
  const csp = contentSecurityPolicy();
  return async (request) => {
    const url = new URL(request.url);
    const filePath = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (filePath === null) return new Response('Bad Request', { status: 400, headers });
    // Regular files under the folder only: a symlink out of it reads as missing.
    const file = await openStaticFile(rendererDir, filePath);
    if (!file) return new Response('Not Found', { status: 404, headers });
    try {
      const body = await file.handle.readFile();
      return new Response(body, {
        status: 200,
        headers: { ...headers, 'Content-Type': contentTypeFor(filePath) },
      });
    } catch {
      return new Response('Not Found', { status: 404, headers });
    } finally {
      await file.handle.close();
    }
  };
}
