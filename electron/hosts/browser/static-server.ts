/** Serves the built renderer: GET/HEAD only, own Host only, no traversal, CSP on every response. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, resolveStaticPath } from '../../node/static-files';

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
    fs.stat(filePath, (error, stats) => {
      if (error || !stats.isFile()) return refuse(404, 'Not Found');
      response.writeHead(200, {
        ...headers,
        'Content-Type': contentTypeFor(filePath),
        'Content-Length': String(stats.size),
        'Cache-Control': filePath.endsWith('.html') ? 'no-cache' : 'max-age=300',
      });
      if (request.method === 'HEAD') return void response.end();
      fs.createReadStream(filePath)
        .on('error', () => response.destroy())
        .pipe(response);
    });
  };
}
