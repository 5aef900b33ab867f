/**
 * One authenticated WebSocket connection: its logins, its in-flight
 * requestIds, its execution sequence, its quote subscriptions and its
 * ordered outbox. Sends are guarded by backpressure and the drop fault.
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { Outbox } from './outbox';
import type { TokenBucket } from './rateLimiter';

/** Close code for a peer that cannot keep up (server "try again later"). */
const CLOSE_BACKPRESSURE = 1013;
/** Close code of a server shutdown ("going away"). */
export const CLOSE_GOING_AWAY = 1001;

/** Settings a session needs. */
export interface SessionSettings {
  /** Terminate the session when this many bytes wait in its socket buffer. */
  maxBufferedBytes: number;
}

/** One client connection and its per-connection protocol state. */
export class Session {
  /** Quote subscriptions. */
  readonly subscriptions = new Set<string>();
  /** Heartbeat: false once a ping went out without an answer yet. */
  alive = true;
  /** Called once the socket has closed (used by shutdown). */
  onClosed?: () => void;
  private readonly inFlight = new Set<string>();
  private readonly outbox: Outbox;
  private executionSeq = 0;
  private framesUntilDrop: number | null = null;
  private closed = false;
  /** The socket corked for the current event-loop turn, if any. */
  private corked: Socket | null = null;

  constructor(
    readonly id: number,
    readonly logins: readonly string[],
    private readonly ws: WebSocket,
    readonly bucket: TokenBucket,
    private readonly settings: SessionSettings,
  ) {
    this.outbox = new Outbox((text) => this.write(text));
  }

  /** True when the session holds `login`. */
  holds(login: string): boolean {
    return this.logins.includes(login);
  }

  /** Marks a requestId in flight; false when it already is (error 1004). */
  beginRequest(key: string): boolean {
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  /** Queues a reply; the requestId leaves the in-flight set once it is sent. */
  reply(message: object, key: string | null, delayMs: number): void {
    this.outbox.push(JSON.stringify(message), delayMs, () => {
      if (key !== null) this.inFlight.delete(key);
    });
  }

  /** Queues an unsolicited message (an error without a request, a quote). */
  push(message: object): void {
    this.outbox.push(JSON.stringify(message));
  }

  /** Queues an execution (a payload, or its JSON text), stamped with this connection's next `seq`. */
  pushExecution(payload: object | string): void {
    this.executionSeq += 1;
    this.outbox.push(executionText(payload, this.executionSeq));
  }

  /** Fault: terminate after `frames` more frames have been sent. */
  dropAfter(frames: number): void {
    this.framesUntilDrop = Math.max(0, frames);
    if (this.framesUntilDrop === 0) this.terminate();
  }

  /** True once the session is closing or closed. */
  get isClosed(): boolean {
    return this.closed || this.ws.readyState !== WebSocket.OPEN;
  }

  /** Sends a WebSocket ping (heartbeat). */
  ping(): void {
    if (!this.isClosed) this.ws.ping();
  }

  /** Closes with a close frame; forces the socket down if the peer does not answer. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.markClosed();
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 1000).unref();
  }

  /** Destroys the socket without a close frame (frames already sent still go out first). */
  terminate(): void {
    this.markClosed();
    this.uncork();
    this.ws.terminate();
  }

  /** Called when the socket has closed: stops all pending sends. */
  markClosed(): void {
    this.closed = true;
    this.outbox.dispose();
  }

  /**
   * Corks the socket for the rest of this event-loop turn, so every frame
   * produced from one inbound read (a reply and its executions) leaves in one
   * writev instead of one syscall per frame. Uncorked on the next tick.
   */
  private cork(): void {
    if (this.corked !== null) return;
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    if (!socket || socket.destroyed) return;
    socket.cork();
    this.corked = socket;
    process.nextTick(this.uncorkTask);
  }

  /** Releases the cork taken by `cork()`, if any (the frames go to the socket now). */
  private uncork(): void {
    const socket = this.corked;
    if (socket === null) return;
    this.corked = null;
    socket.uncork();
  }

  private readonly uncorkTask = (): void => this.uncork();

  private write(text: string): void {
    if (this.isClosed) return;
    if (this.ws.bufferedAmount > this.settings.maxBufferedBytes) {
      // A peer that does not read is dropped, never buffered for ever.
      this.close(CLOSE_BACKPRESSURE, 'client too slow');
      return;
    }
    this.cork();
    this.ws.send(text);
    if (this.framesUntilDrop !== null) {
      this.framesUntilDrop -= 1;
      if (this.framesUntilDrop <= 0) this.terminate();
    }
  }
}

/**
 * `{"event":"execution","payload":{...payload,"seq":seq}}` without copying the
 * payload: the same text as stringifying the spread copy, `seq` appended last.
 */
function executionText(payload: object | string, seq: number): string {
  if (typeof payload === 'string')
    return `{"event":"execution","payload":${payload.slice(0, -1)},"seq":${seq}}}`;
  if (!Object.hasOwn(payload, 'seq') && !('toJSON' in payload)) {
    const body = JSON.stringify(payload);
    if (body.length > 2 && body.charCodeAt(0) === 0x7b)
      return `{"event":"execution","payload":${body.slice(0, -1)},"seq":${seq}}}`;
  }
  return JSON.stringify({ event: 'execution', payload: { ...payload, seq } });
}
