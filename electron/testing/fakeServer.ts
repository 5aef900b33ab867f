/** A tiny scriptable ws server for session tests (loopback, free port). */
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/** A request as the fake server received it. */
export interface Received {
  event: string;
  requestId: string | number;
  payload?: unknown;
}

/** Answers one request: a reply object, several, or null for no reply. */
export type Responder = (request: Received, socket: WebSocket) => unknown;

/** A running fake exchange. */
export interface FakeServer {
  url: string;
  port: number;
  received: Received[];
  /** Authorization headers of the upgrades seen. */
  authHeaders: Array<string | undefined>;
  sockets: Set<WebSocket>;
  respond: Responder;
  /** Sends a frame to every open socket. */
  broadcast(message: unknown): void;
  close(): Promise<void>;
}

/** Answers like a strict server with only the source document's events (1001 to extensions, 1002 to `orders` with fromTime). */
export const sourceOnlyResponder: Responder = (req) => {
  if (req.event === 'orders' && req.payload !== undefined) {
    return {
      event: 'error',
      requestId: req.requestId,
      payload: { code: 1002, error: 'payload is not allowed' },
    };
  }
  if (req.event === 'orders') return { event: 'orders', requestId: req.requestId, payload: [] };
  return {
    event: 'error',
    requestId: req.requestId,
    payload: { code: 1001, error: `unknown event ${req.event}` },
  };
};

/** Starts a fake server on 127.0.0.1 with a free port (or `port`). */
export async function startFakeServer(
  respond: Responder = sourceOnlyResponder,
  options: { port?: number; autoPong?: boolean } = {},
): Promise<FakeServer> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    autoPong: options.autoPong ?? true,
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const server: FakeServer = {
    url: `ws://127.0.0.1:${port}`,
    port,
    received: [],
    authHeaders: [],
    sockets: new Set(),
    respond,
    broadcast: (message) => {
      for (const s of server.sockets) s.send(JSON.stringify(message));
    },
    close: async () => {
      for (const s of server.sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (socket, req) => {
    server.authHeaders.push(req.headers.authorization);
    server.sockets.add(socket);
    socket.on('close', () => server.sockets.delete(socket));
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as Received;
      server.received.push(request);
      const reply = server.respond(request, socket);
      const replies = Array.isArray(reply)
        ? reply
        : reply === null || reply === undefined
          ? []
          : [reply];
      for (const r of replies) socket.send(typeof r === 'string' ? r : JSON.stringify(r));
    });
  });
  return server;
}
