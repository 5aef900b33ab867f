/** A small client of the Chart API for tests: JSON over HTTP and the `/ws` ticker. */
import { WebSocket } from 'ws';

/** Status and parsed JSON body of a GET. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** GETs `path` (with its query) from a Chart API base URL and parses the JSON body. */
export async function getJson(baseUrl: string, pathAndQuery: string): Promise<JsonAnswer> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Sends any method to `path` and parses the JSON body. */
export async function requestJson(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
): Promise<JsonAnswer> {
  const res = await fetch(`${baseUrl}${pathAndQuery}`, { method });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** A `/ws` connection that records every frame it receives. */
export class TickerClient {
  /** Every frame received, parsed, in order. */
  readonly frames: unknown[] = [];
  /** Resolves with the close code once closed. */
  readonly closed: Promise<number>;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('error', () => undefined); // surfaced through `closed`
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as unknown);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.wake();
        resolve(code);
      }),
    );
  }

  /** Opens `<base>/ws` (http -> ws). */
  static connect(baseUrl: string): Promise<TickerClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
    const client = new TickerClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** Sends a frame (a string as is, anything else as JSON). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves the first frame at index >= `from` matching `predicate` (rejects after `timeoutMs` or on close). */
  async waitFor(
    predicate: (frame: unknown) => boolean,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(predicate);
      if (found !== undefined) return found;
      if (this.ws.readyState !== WebSocket.OPEN) throw new Error('ticker socket closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Closes the socket and waits for the close. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close();
    await this.closed;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
