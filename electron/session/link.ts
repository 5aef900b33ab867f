/**
 * The transport under a session: text frames, ping/pong and close, nothing
 * else. The session never touches a socket, so tests run it over an
 * in-memory pair (electron/testing/memoryLink.ts) and the product over ws
 * (wsLink.ts).
 */

/** What a link reports to the session that opened it. */
export interface LinkEvents {
  /** The link is open; frames may be sent. */
  open(): void;
  /** One text frame arrived. */
  message(text: string): void;
  /** A pong answered a ping. */
  pong(): void;
  /** The link failed; `httpStatus` when the upgrade was refused with one. */
  error(message: string, httpStatus: number | null): void;
  /** The link closed (after `error`, or by either side). Called once. */
  close(code: number, reason: string): void;
}

/** One connection to an exchange, as the session uses it. */
export interface Link {
  /** True between `open` and `close`. */
  readonly isOpen: boolean;
  /** Sends a text frame; `done` gets an error when it could not be written. */
  send(text: string, done: (error?: Error) => void): void;
  /** Sends a ping (its pong comes back through `LinkEvents.pong`). */
  ping(): void;
  /** Closes gracefully. */
  close(code: number, reason: string): void;
  /** Drops the link at once. */
  terminate(): void;
}

/** Opens a link to `url` authenticated with `token` (sent only in the upgrade request). */
export type LinkFactory = (url: string, token: string, events: LinkEvents) => Link;
