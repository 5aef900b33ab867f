/**
 * The renderer's `api` over the browser host's loopback WebSocket (browser
 * code: no Node imports). Frames: {id, command, input} -> {id, result};
 * pushed {events: batch}. Reconnects when the socket drops; calls in flight
 * then resolve with a DISCONNECTED error value.
 */
import { WebServerFrame, parseWebFrame, type WebRequestFrame } from './webFrames';
import type { CommandName } from './channels';
import type { Api, EventBatch, IpcResult } from './contract';
import { createApi, ipcFailure } from './bridge';

/** The socket's path on the browser host. */
export const WEB_API_PATH = '/api';
/** Query parameter carrying the per-launch secret. */
export const WEB_SECRET_PARAM = 'secret';

/** The part of the WHATWG WebSocket the client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Options of `createWebSocketApi`. */
export interface WebSocketApiOptions {
  /** Opens a socket (default: the global WebSocket). */
  createSocket?: (url: string) => WebSocketLike;
  /** Delay before reconnect attempt `attempt` (0-based); default 250 ms doubling to 5 s. */
  reconnectDelayMs?: (attempt: number) => number;
}

/** The API plus a way to stop reconnecting. */
export type WebSocketApi = Api & {
  /** Closes the socket for good; calls in flight resolve with an error. */
  dispose(): void;
};

const OPEN = 1;

function defaultCreateSocket(url: string): WebSocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Ctor) throw new Error('No WebSocket implementation in this environment');
  return new Ctor(url);
}

const disconnected = (): IpcResult<never> =>
  ipcFailure('DISCONNECTED', 'The connection to the app host was lost; reconnecting.');

/** Creates the renderer API over the browser host's socket at `wsUrl` (ws://127.0.0.1:<port>/api). */
export function createWebSocketApi(
  wsUrl: string,
  secret: string,
  options: WebSocketApiOptions = {},
): WebSocketApi {
  const createSocket = options.createSocket ?? defaultCreateSocket;
  const reconnectDelayMs =
    options.reconnectDelayMs ?? ((attempt) => Math.min(250 * 2 ** attempt, 5_000));
  const separator = wsUrl.includes('?') ? '&' : '?';
  const socketUrl = `${wsUrl}${separator}${WEB_SECRET_PARAM}=${encodeURIComponent(secret)}`;

  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const unsent: string[] = [];
  const listeners = new Set<(batch: EventBatch) => void>();
  let socket: WebSocketLike | null = null;
  let connecting = false;
  let attempt = 0;
  let nextId = 1;
  let disposed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const failAll = (): void => {
    unsent.length = 0;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(disconnected());
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    const frame = parseWebFrame(WebServerFrame, data);
    if (!frame) return;
    if ('events' in frame) {
      for (const listener of [...listeners]) listener(frame.events as EventBatch);
      return;
    }
    if (typeof frame.id !== 'number') return;
    const resolve = pending.get(frame.id);
    if (!resolve) return;
    pending.delete(frame.id);
    resolve(frame.result as IpcResult<unknown>);
  };

  const connect = (): void => {
    if (disposed) return;
    connecting = true;
    const current = createSocket(socketUrl);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      connecting = false;
      attempt = 0;
      for (const frame of unsent.splice(0)) current.send(frame);
    });
    current.addEventListener('message', (event) => {
      if (socket === current) onMessage(event.data);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      connecting = false;
      failAll();
      if (disposed) return;
      retryTimer = setTimeout(connect, reconnectDelayMs(attempt));
      attempt += 1;
    });
    // 'error' is always followed by 'close'; listening keeps Node's ws (tests) from throwing.
    current.addEventListener('error', () => {});
  };

  const invoke = (command: CommandName, input: unknown): Promise<IpcResult<unknown>> => {
    if (disposed || (!socket && !connecting)) return Promise.resolve(disconnected());
    const id = nextId++;
    const frame = JSON.stringify({ id, command, input } satisfies WebRequestFrame);
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (socket && socket.readyState === OPEN) socket.send(frame);
      else unsent.push(frame);
    });
  };

  connect();
  const api = createApi({
    invoke,
    onEvents(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  });
  return Object.assign(api, {
    dispose(): void {
      disposed = true;
      clearTimeout(retryTimer);
      const current = socket;
      socket = null;
      failAll();
      current?.close();
    },
  });
}

/** Builds the API from the page's own address (`#secret=<hex>` in the fragment); null without a secret. */
export function webSocketApiFromLocation(
  location: { protocol: string; host: string; hash: string },
  options?: WebSocketApiOptions,
): WebSocketApi | null {
  const secret = new URLSearchParams(location.hash.replace(/^#/, '')).get(WEB_SECRET_PARAM);
  if (!secret) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketApi(`${scheme}//${location.host}${WEB_API_PATH}`, secret, options);
}
