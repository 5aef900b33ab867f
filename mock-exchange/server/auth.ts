/** Reads the client's token from the WebSocket upgrade request. */
import type { IncomingMessage } from 'node:http';

/** The token of `Authorization: Bearer <token>`, else of the `?token=` query, else null. */
export function tokenFromRequest(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1]) return match[1];
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const token = url.searchParams.get('token');
  return token ? token : null;
}
