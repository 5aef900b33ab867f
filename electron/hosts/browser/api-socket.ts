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

// saveCsv content may be up to 200 MB (contract); leave room for the envelope.
const MAX_FRAME_BYTES = 210 * 1024 * 1024;

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
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (frame === null || typeof frame !== 'object') return null;
  const { id, command, input } = frame as { id?: unknown; command?: unknown; input?: unknown };
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  if (typeof command !== 'string' || !(COMMAND_NAMES as readonly string[]).includes(command)) {
    return {
      id,
      result: ipcFailure('INVALID_INPUT', `Unknown command: ${String(command).slice(0, 64)}`),
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
): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
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
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      void handleRequestFrame(core, data.toString()).then((reply) => {
        if (reply && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
      });
    });
  });

  const unsubscribe = core.onEvents((batch) => {
    const frame = JSON.stringify({ events: batch });
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(frame);
    }
  });

  return () =>
    new Promise<void>((resolve) => {
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    });
}
