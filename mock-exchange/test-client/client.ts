/**
 * A tiny WebSocket client that knows only docs/protocol.md (no imports from the
 * exchange or shared/): it correlates replies by requestId and records
 * every message, so tests wait for messages instead of sleeping.
 */
import { WebSocket } from 'ws';

/** Any message from the server. */
export interface ServerMsg {
  event: string;
  requestId?: string | number | null;
  payload?: unknown;
}

/** The order object of the protocol (as the tests read it). */
export interface WireOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  status: string;
  type: string;
  side: string;
  price: number;
  stopPrice?: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty?: number;
  timeInForce: string;
  transactTime: number;
  login?: string;
  ocoOrderId?: number;
  reason?: string;
  seq?: number;
  lastPrice?: number;
  lastQty?: number;
  fills?: Array<{ price: number; qty: number }>;
}

/** The quote extension's payload. */
export interface WireQuote {
  symbol: string;
  bid: number | null;
  ask: number | null;
  last: number | null;
  time: number;
}

/** How to present the token. */
export interface ConnectOptions {
  token?: string;
  /** Header (default) or `?token=` query. */
  via?: 'header' | 'query';
}

/** Reads a reply's payload as an order. */
export const asOrder = (msg: ServerMsg): WireOrder => msg.payload as WireOrder;
/** Reads a reply's payload as a list. */
export const asList = <T = WireOrder>(msg: ServerMsg): T[] => msg.payload as T[];
/** Reads an error's code. */
export const errorCode = (msg: ServerMsg): number | undefined =>
  msg.event === 'error' ? (msg.payload as { code: number }).code : undefined;
/** Reads an error's message. */
export const errorText = (msg: ServerMsg): string => (msg.payload as { error: string }).error;

function target(
  url: string,
  options: ConnectOptions,
): { url: string; headers: Record<string, string> } {
  const token = options.token ?? 'demo';
  if (options.via === 'query')
    return { url: `${url}/?token=${encodeURIComponent(token)}`, headers: {} };
  return { url, headers: { Authorization: `Bearer ${token}` } };
}

/** Tries to connect and resolves the HTTP status of a refused upgrade (or 101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** One protocol session. */
export class TestClient {
  /** Every message received, in order. */
  readonly messages: ServerMsg[] = [];
  /** Resolves with the close code once the socket closed. */
  readonly closed: Promise<number>;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('error', () => undefined); // surfaced through `closed`
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMsg);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.wake();
        resolve(code);
      }),
    );
  }

  /** Opens a session; rejects when the upgrade is refused. */
  static connect(url: string, options: ConnectOptions = {}): Promise<TestClient> {
    const { url: full, headers } = target(url, options);
    const ws = new WebSocket(full, { headers });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** Sends a raw frame (a string as is, anything else as JSON). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a request and resolves its reply (the success reply or an error with the same requestId). */
  request(
    event: string,
    payload?: unknown,
    requestId: string | number = `r${this.nextId++}`,
  ): Promise<ServerMsg> {
    const start = this.messages.length;
    this.send(payload === undefined ? { event, requestId } : { event, requestId, payload });
    return this.waitFor(
      (m) => m.requestId === requestId && (m.event === event || m.event === 'error'),
      start,
    );
  }

  /** Resolves the first message (from index `from`) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (msg: ServerMsg) => boolean, from = 0, timeoutMs = 5000): Promise<ServerMsg> {
    return new Promise((resolve, reject) => {
      let scanned = from;
      const check = (): boolean => {
        for (; scanned < this.messages.length; scanned++) {
          const msg = this.messages[scanned];
          if (msg && predicate(msg)) {
            resolve(msg);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out waiting for a message; last: ${JSON.stringify(this.messages.slice(-3))}`,
          ),
        );
      }, timeoutMs);
      const waiter = (): void => {
        if (check() || this.ws.readyState === WebSocket.CLOSED) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          if (this.ws.readyState === WebSocket.CLOSED && !check())
            reject(new Error('socket closed'));
        }
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for an execution of `orderId` (optionally in `status`). */
  execution(orderId: number, status?: string, from = 0): Promise<WireOrder> {
    return this.waitFor(
      (m) =>
        m.event === 'execution' &&
        asOrder(m).orderId === orderId &&
        (status === undefined || asOrder(m).status === status),
      from,
    ).then(asOrder);
  }

  /** Every execution payload received so far. */
  executions(): WireOrder[] {
    return this.messages.filter((m) => m.event === 'execution').map(asOrder);
  }

  /** Closes the socket and waits for the close. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close();
    await this.closed;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
