/**
 * A deliberately independent client for the reliability tests: it knows only
 * docs/protocol.md and the `ws` package (not the server's code, not the repo's
 * test-client), so it finds shape drift a second implementation would hit.
 */
import WebSocket from 'ws';

/** Any JSON message from the server, loosely typed (the tests check shapes). */
export interface Msg {
  event: string;
  requestId?: string | number | null;
  payload?: unknown;
  [key: string]: unknown;
}

/** An order object as the tests read it from the wire. */
export interface WireOrder {
  symbol: string;
  type: string;
  orderId: number;
  clientOrderId: string;
  transactTime: number;
  price: number;
  stopPrice?: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty?: number;
  status: string;
  timeInForce: string;
  side: string;
  login?: string;
  reason?: string;
  seq?: number;
  lastPrice?: number;
  lastQty?: number;
  fills?: { price: number; qty: number }[];
}

export interface ConnectOptions {
  /** Send the token as `?token=` instead of the Authorization header. */
  viaQuery?: boolean;
  /** Upper bound for the connect. */
  timeoutMs?: number;
}

const UNSOLICITED = new Set(['execution', 'quote']);

let counter = 0;
/** A fresh requestId, unique in this process. */
export function nextRequestId(prefix = 'r'): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/** Rejects after `ms` with a message naming what was awaited. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Tries an upgrade and returns the HTTP status that refused it (or 101 when it opened). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

export class WsClient {
  /** Every message received, in order. */
  readonly messages: Msg[] = [];
  /** Every `execution` payload received, in order. */
  readonly executions: WireOrder[] = [];
  /** Replies (not executions, not quotes), in order. */
  readonly replies: Msg[] = [];
  /** Resolves with the close code once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Frames that were not valid JSON (a server bug if ever non-empty). */
  readonly garbage: string[] = [];
  private readonly pending = new Map<
    string | number,
    { resolve: (m: Msg) => void; reject: (e: Error) => void }
  >();
  private readonly waiters = new Set<() => void>();
  private isClosed = false;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.isClosed = true;
        for (const { reject } of this.pending.values())
          reject(new Error(`socket closed (${code})`));
        this.pending.clear();
        this.wake();
        resolve({ code, reason: reason.toString() });
      });
    });
    ws.on('error', () => {
      /* surfaced through `closed` */
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      let msg: Msg;
      try {
        msg = JSON.parse(text) as Msg;
      } catch {
        this.garbage.push(text);
        return;
      }
      this.messages.push(msg);
      if (msg.event === 'execution') this.executions.push(msg.payload as WireOrder);
      if (!UNSOLICITED.has(msg.event)) {
        this.replies.push(msg);
        const id = msg.requestId;
        if (id !== undefined && id !== null) {
          const waiter = this.pending.get(id);
          if (waiter) {
            this.pending.delete(id);
            waiter.resolve(msg);
          }
        }
      }
      this.wake();
    });
  }

  /** Opens a session with `token` (header, or query when asked). */
  static connect(url: string, token: string, opts: ConnectOptions = {}): Promise<WsClient> {
    const target = opts.viaQuery ? `${url}/?token=${encodeURIComponent(token)}` : url;
    const ws = new WebSocket(target, {
      headers: opts.viaQuery ? {} : { Authorization: `Bearer ${token}` },
      maxPayload: 256 * 1024 * 1024,
    });
    const opened = new Promise<WsClient>((resolve, reject) => {
      ws.once('open', () => resolve(new WsClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`upgrade refused: ${res.statusCode}`));
        res.resume();
        ws.terminate();
      });
    });
    return withTimeout(opened, opts.timeoutMs ?? 10_000, `connect ${url}`);
  }

  get open(): boolean {
    return !this.isClosed && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a raw frame (text unless `binary`). */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Sends a request and resolves with its reply (success or error event). */
  request(
    event: string,
    payload?: unknown,
    requestId: string | number = nextRequestId(),
    timeoutMs = 10_000,
  ): Promise<Msg> {
    if (this.isClosed) return Promise.reject(new Error('socket closed'));
    const reply = new Promise<Msg>((resolve, reject) =>
      this.pending.set(requestId, { resolve, reject }),
    );
    const frame: Record<string, unknown> = { event, requestId };
    if (payload !== undefined) frame.payload = payload;
    this.ws.send(JSON.stringify(frame));
    return withTimeout(reply, timeoutMs, `reply to ${event} ${String(requestId)}`);
  }

  /** Resolves when `predicate` holds (checked on every message and on close). */
  waitUntil(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    let waker: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      waker = () => {
        if (predicate()) {
          this.waiters.delete(waker);
          resolve();
        }
      };
      this.waiters.add(waker);
    });
    return withTimeout(done, timeoutMs, what).finally(() => this.waiters.delete(waker));
  }

  /** Resolves with the first message (from index `from`) matching `predicate`. */
  async waitFor(predicate: (m: Msg) => boolean, timeoutMs = 10_000, from = 0): Promise<Msg> {
    let found: Msg | undefined;
    await this.waitUntil(
      () => {
        found = this.messages.slice(from).find(predicate);
        return found !== undefined;
      },
      timeoutMs,
      'message',
    );
    return found as Msg;
  }

  /** Waits for an execution of `orderId` satisfying `predicate`. */
  waitExecution(
    orderId: number,
    predicate: (o: WireOrder) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<WireOrder> {
    return this.waitFor(
      (m) =>
        m.event === 'execution' &&
        (m.payload as WireOrder).orderId === orderId &&
        predicate(m.payload as WireOrder),
      timeoutMs,
    ).then((m) => m.payload as WireOrder);
  }

  /** Closes (politely) and waits for the close. */
  async close(): Promise<void> {
    if (!this.isClosed) {
      this.ws.close(1000);
      await withTimeout(this.closed, 5_000, 'close').catch(() => this.ws.terminate());
    }
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.ws.terminate();
  }

  private wake(): void {
    for (const waker of [...this.waiters]) waker();
  }
}

/** The payload of a reply, asserting it is not an error. */
export function payloadOf<T>(reply: Msg): T {
  if (reply.event === 'error') {
    throw new Error(`unexpected error reply: ${JSON.stringify(reply)}`);
  }
  return reply.payload as T;
}

/** The error payload of a reply, asserting it is one. */
export function errorOf(reply: Msg): { code: number; error: string } {
  if (reply.event !== 'error') throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
  return reply.payload as { code: number; error: string };
}
