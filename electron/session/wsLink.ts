/** The product's link: a `ws` WebSocket with the bearer token in the upgrade request. */
import WebSocket from 'ws';
import type { LinkEvents, LinkFactory } from './link';
import { slicedEvents } from './slicedEvents';

/** Most the WebSocket handshake may take. */
const HANDSHAKE_TIMEOUT_MS = 5000;

/**
 * Opens a ws link; binary frames are dropped (the protocol is text only). Events
 * reach the session a slice at a time, reading at most a bounded number of
 * frames ahead (slicedEvents.ts), so a flood of executions cannot hold the
 * event loop.
 */
export const openWsLink: LinkFactory = (url: string, token: string, session: LinkEvents) => {
  const ws = new WebSocket(url, {
    headers: { Authorization: `Bearer ${token}` },
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    perMessageDeflate: false,
  });
  const sliced = slicedEvents(session, {
    get paused() {
      return ws.isPaused;
    },
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  });
  const events = sliced.events;
  ws.on('open', () => events.open());
  ws.on('message', (data, isBinary) => {
    if (!isBinary) events.message(rawToText(data));
  });
  ws.on('pong', () => events.pong());
  ws.on('error', (error) => {
    const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
    events.error(error.message, status === undefined ? null : Number(status));
  });
  ws.on('close', (code, reason) => events.close(code, reason.toString()));
  return {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (text, done) => ws.send(text, (error) => done(error ?? undefined)),
    ping: () => ws.ping(),
    close: (code, reason) => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(code, reason);
    },
    terminate: () => {
      // Given up on: frames still waiting are not handed over (as if never read).
      sliced.dropFrames();
      ws.terminate();
    },
  };
};

function rawToText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
