/**
 * The Chart API's transport: an HTTP server on its own port answering the
 * routes as JSON, and a `ws` server on `/ws` for the ticker. No token. Every
 * socket has an error handler; oversized frames close that connection only
 * (1009, `maxPayload`); a reader that falls behind is dropped; repeated bad
 * commands close with 1008. Nothing a client sends can stop the process.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { ChartServerFrame } from '../../shared/protocol';
import type { ChartService } from './chartService';
import { chartError, handleChartRequest, type ChartResponse } from './routes';
import type { TickerPeer } from './ticker';

/** Largest client frame on `/ws`: 100 symbol names fit with room to spare. */
export const CHART_WS_MAX_PAYLOAD = 16 * 1024;
/** A connection with more unsent bytes than this is dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Bad commands a connection may send before it is closed. */
const MAX_STRIKES = 20;
const CLOSE_POLICY = 1008;
const CLOSE_GOING_AWAY = 1001;

/** Transport settings. */
export interface ChartServerSettings {
  host: string;
  /** 0 picks a free port. */
  port: number;
  log(message: string): void;
}

/** A fresh, unguessable id for an error occurrence (8 characters, like the venue's). */
export function newErrorId(): string {
  return randomBytes(6).toString('base64url');
}

function rawText(data: RawData): string {
  const buffer = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data);
  return buffer.toString('utf8');
}

/** The running Chart API server. */
export class ChartServer {
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly service: ChartService,
    private readonly settings: ChartServerSettings,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: CHART_WS_MAX_PAYLOAD,
      clientTracking: false,
    });
    this.http = http.createServer((req, res) => this.onRequest(req, res));
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.http.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      socket.destroy();
    });
  }

  /** Starts listening; resolves once the port is bound. */
  static async start(service: ChartService, settings: ChartServerSettings): Promise<ChartServer> {
    const server = new ChartServer(service, settings);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(settings.port, settings.host, () => {
        server.http.off('error', reject);
        resolve();
      });
    });
    server.http.on('error', (error) => settings.log(`chart server error: ${error.message}`));
    return server;
  }

  /** The bound TCP port. */
  get port(): number {
    const address = this.http.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Open `/ws` connections. */
  connections(): number {
    return this.sockets.size;
  }

  /** Closes every `/ws` connection with 1001 and stops listening. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const closed = [...this.sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once('close', () => resolve());
          ws.close(CLOSE_GOING_AWAY, 'server shutting down');
          // A peer that never answers the close handshake is cut off.
          setTimeout(() => ws.terminate(), 1000).unref();
        }),
    );
    await Promise.all(closed);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    // Bodies are never read; drain them so the connection stays usable.
    req.resume();
    let answer: ChartResponse;
    try {
      answer = handleChartRequest(this.service.context, req.method ?? 'GET', req.url ?? '/');
    } catch (error) {
      this.settings.log(
        `chart request failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      answer = chartError(this.service.context, 500, 'INTERNAL_ERROR', 'internal error');
    }
    const body = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://chart.invalid').pathname;
    const status = this.closing ? 503 : path === '/ws' ? 0 : 404;
    if (status !== 0) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    let strikes = 0;
    const peer: TickerPeer = {
      subscriptions: new Set(),
      send: (frame: ChartServerFrame) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.terminate();
          return;
        }
        if (frame.m === 'error' && ++strikes > MAX_STRIKES) {
          ws.close(CLOSE_POLICY, 'too many invalid commands');
          return;
        }
        ws.send(JSON.stringify(frame));
      },
    };
    const hub = this.service.hub;
    hub.add(peer);
    ws.on('message', (data, isBinary) => {
      try {
        hub.handleFrame(peer, rawText(data), isBinary, this.service.context.now());
      } catch (error) {
        this.settings.log(
          `chart ws frame failed: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
    });
    ws.on('error', (error) => this.settings.log(`chart ws error: ${error.message}`));
    ws.on('close', () => {
      hub.remove(peer);
      this.sockets.delete(ws);
    });
  }
}
