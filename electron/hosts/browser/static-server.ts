/**
 * Serves the built renderer: GET/HEAD only, own Host only, regular files
 * under the folder only (no traversal, no symlink out), CSP on every response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor, openStaticFile, resolveStaticPath } from '../../node/static-files';

/** Builds the request handler for the renderer folder `root`. */
export function createStaticHandler(
  root: string,
  expected: () => { host: string; csp: string },
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const { host, csp } = expected();
    const headers: Record<string, string> = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    };
    const refuse = (status: number, text: string): void => {
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(request.method === 'HEAD' ? undefined : `${text}\n`);
    };
    // A foreign Host means DNS rebinding or a confused client: serve nothing.
    if (request.headers.host !== host) return refuse(403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return refuse(405, 'Method Not Allowed');
    }
    const pathname = (request.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    const filePath = resolveStaticPath(root, pathname);
    if (filePath === null) return refuse(400, 'Bad Request');
    // A peer that resets mid-response must not take the host down.
    response.on('error', () => response.destroy());
    void openStaticFile(root, filePath).then(async (file) => {
      if (!file) return refuse(404, 'Not Found');
      response.writeHead(200, {
        ...headers,
        'Content-Type': contentTypeFor(filePath),
        'Content-Length': String(file.size),
        'Cache-Control': filePath.endsWith('.html') ? 'no-cache' : 'max-age=300',
      });
      if (request.method === 'HEAD') {
        await file.handle.close();
        return void response.end();
      }
      // pipeline closes the file and the response on any error or early close.
      await pipeline(file.handle.createReadStream(), response).catch(() => response.destroy());
    });
  };
}
