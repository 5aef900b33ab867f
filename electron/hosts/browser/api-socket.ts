/**
 * The browser host's API socket: the IPC contract over a loopback WebSocket.
 * Upgrades are refused unless the path is /api, the Origin is the host's own
 * and the per-launch secret matches. Frames: {id, command, input} ->
 * {id, result}; event batches are pushed as {events: batch}.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { COMMAND_NAMES, type CommandName } from '../../../shared/ipc/channels';
import type { IpcResult } from '../../../shared/ipc/contract';
import { ipcFailure } from '../../../shared/ipc/bridge';
import type { Core } from '../../core/api';
import { WEB_API_PATH, WEB_SECRET_PARAM } from '../../../shared/ipc/web-client';
import { WebRequestFrame, parseWebFrame } from '../../../shared/ipc/webFrames';

/**
 * Largest request frame. Every command fits in a few kB (a CSV export travels
 * in pieces of at most 2,000,000 characters); a frame is held whole and parsed,
 * so the bound caps what one peer makes the host allocate.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** A client with more unsent bytes than this does not read: it is dropped, not buffered for. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Options of `attachApiSocket`. */
export interface ApiSocketOptions {
  /** Receives one line per dropped or failed peer (never frame contents). */
  log?: (line: string) => void;
  /** Override MAX_BUFFERED_BYTES (tests). */
  maxBufferedBytes?: number | undefined;
}

/** One reply frame. */
interface ReplyFrame {
  id: number | string;
  result: IpcResult<unknown>;
}

function secretsMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks an upgrade request: null when allowed, else the HTTP status to refuse it with. */
function checkUpgrade(
  request: Pick<IncomingMessage, 'url' | 'headers'>,
  expected: { origin: string; secret: string },
): null | 404 | 401 | 403 {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WEB_API_PATH) return 404;
  if (request.headers.origin !== expected.origin) return 403;
  if (!secretsMatch(url.searchParams.get(WEB_SECRET_PARAM) ?? '', expected.secret)) return 401;
  return null;
}

/** Runs one request frame against the core; null when the frame has no usable id. */
async function handleRequestFrame(
  core: Pick<Core, 'invoke'>,
  text: string,
): Promise<ReplyFrame | null> {
  const frame = parseWebFrame(WebRequestFrame, text);
  if (!frame) return null;
  const { id, command, input } = frame;
  if (!(COMMAND_NAMES as readonly string[]).includes(command)) {
    return {
      id,
      result: ipcFailure('INVALID_INPUT', `Unknown command: ${command}`),
    };
  }
  const result = await core
    .invoke(command as CommandName, input)
    .catch((error: unknown) =>
      ipcFailure('INTERNAL', error instanceof Error ? error.message : String(error)),
    );
  return { id, result };
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

/** Attaches the API socket to `server`; returns a function that closes every client. */
export function attachApiSocket(
  server: Server,
  core: Pick<Core, 'invoke' | 'onEvents'>,
  expected: () => { origin: string; secret: string },
  options: ApiSocketOptions = {},
): () => Promise<void> {
  const log = options.log ?? (() => {});
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // The server's own errors (never expected with noServer) must not crash the host.
  wss.on('error', (error) => log(`api socket: server error: ${error.message}`));

  /** Sends a frame, or drops a client that has stopped reading. */
  const send = (ws: WebSocket, frame: string): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount + frame.length > maxBuffered) {
      log(`api socket: dropped a client that does not read (${ws.bufferedAmount} bytes unsent)`);
      ws.terminate();
      return;
    }
    ws.send(frame);
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node hands an upgrade socket over with no 'error' listener: a peer's reset would crash the host.
    socket.on('error', () => socket.destroy());
    const refusal = checkUpgrade(request, expected());
    if (refusal !== null) {
      socket.once('finish', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${refusal} ${STATUS_TEXT[refusal]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    // Oversized frames (1009), resets and protocol errors end this client only.
    ws.on('error', (error) => log(`api socket: client error: ${error.message}`));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      void handleRequestFrame(core, data.toString()).then((reply) => {
        if (reply) send(ws, JSON.stringify(reply));
      });
    });
  });

  const unsubscribe = core.onEvents((batch) => {
    const frame = JSON.stringify({ events: batch });
    for (const client of wss.clients) send(client, frame);
  });

  return () =>
    new Promise<void>((resolve) => {
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    });
}
