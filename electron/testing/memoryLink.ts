/**
 * An in-memory exchange end for session tests (the MCP SDK's linked-pair
 * idea): `factory` is the session's LinkFactory, and each link it opens shows
 * up as a `MemoryServerEnd` the test drives: it reads the client's frames and
 * answers, pongs, refuses or drops. Delivery is asynchronous (a microtask),
 * like a socket.
 */
import type { Link, LinkEvents, LinkFactory } from '../session/link';

/** The exchange side of one in-memory link. */
export interface MemoryServerEnd {
  url: string;
  token: string;
  /** Frames the client sent, parsed. */
  received: Array<Record<string, unknown>>;
  /** Completes the handshake. */
  accept(): void;
  /** Refuses the upgrade with an HTTP status (the client sees an error, then a close). */
  refuse(httpStatus: number): void;
  /** Sends a frame (an object is JSON-encoded). */
  send(message: unknown): void;
  /** Closes from the server side. */
  close(code?: number, reason?: string): void;
  /** Whether the client still holds the link open. */
  readonly open: boolean;
}

/** A factory of in-memory links plus the ends a test drives. */
export interface MemoryExchange {
  factory: LinkFactory;
  /** Every link opened so far, oldest first. */
  ends: MemoryServerEnd[];
  /** Called for every frame the client sends (after it is recorded). */
  onRequest: (request: Record<string, unknown>, end: MemoryServerEnd) => void;
  /** When true (default), new links are accepted on the next microtask. */
  autoAccept: boolean;
  /** When true (default), pings are answered with a pong. */
  autoPong: boolean;
  /** The newest link's end. */
  readonly last: MemoryServerEnd;
}

/** Creates an in-memory exchange; assign `onRequest` to script its answers. */
export function createMemoryExchange(): MemoryExchange {
  const exchange: MemoryExchange = {
    ends: [],
    onRequest: () => undefined,
    autoAccept: true,
    autoPong: true,
    get last(): MemoryServerEnd {
      const end = exchange.ends.at(-1);
      if (!end) throw new Error('no link opened yet');
      return end;
    },
    factory: (url: string, token: string, events: LinkEvents): Link => {
      let state: 'connecting' | 'open' | 'closed' = 'connecting';
      const later = (fn: () => void): void => queueMicrotask(fn);
      const finish = (code: number, reason: string): void => {
        if (state === 'closed') return;
        state = 'closed';
        later(() => events.close(code, reason));
      };
      const end: MemoryServerEnd = {
        url,
        token,
        received: [],
        get open() {
          return state === 'open';
        },
        accept: () => {
          if (state !== 'connecting') return;
          state = 'open';
          later(() => events.open());
        },
        refuse: (httpStatus) => {
          if (state !== 'connecting') return;
          later(() => events.error(`Unexpected server response: ${httpStatus}`, httpStatus));
          finish(1006, '');
        },
        send: (message) => {
          if (state !== 'open') return;
          const text = typeof message === 'string' ? message : JSON.stringify(message);
          later(() => {
            if (state === 'open') events.message(text);
          });
        },
        close: (code = 1000, reason = '') => finish(code, reason),
      };
      exchange.ends.push(end);
      if (exchange.autoAccept) end.accept();
      return {
        get isOpen() {
          return state === 'open';
        },
        send: (text, done) => {
          if (state !== 'open') {
            later(() => done(new Error('link is not open')));
            return;
          }
          const request = JSON.parse(text) as Record<string, unknown>;
          end.received.push(request);
          later(() => {
            done();
            if (state === 'open') exchange.onRequest(request, end);
          });
        },
        ping: () => {
          if (state === 'open' && exchange.autoPong) later(() => events.pong());
        },
        close: (code, reason) => finish(code, reason),
        terminate: () => finish(1006, ''),
      };
    },
  };
  return exchange;
}
