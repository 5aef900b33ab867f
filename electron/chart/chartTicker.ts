/**
 * The Chart API's ticker (`/ws`): subscribes symbols and turns `ticker`
 * frames into quotes, for servers whose order socket has none. Keeps itself
 * connected (backoff) until stopped; frames are validated, bad ones dropped.
 */
import WebSocket from 'ws';
import type { QuotePayload } from '../../shared/protocol';
import { ChartServerFrame } from '../../shared/protocol/chart';
import { backoffDelay } from '../session/backoff';

/** Most symbols one subscribe command carries (the public text's limit). */
const SUBSCRIBE_CHUNK = 100;

/** Settings of a ticker link. */
export interface ChartTickerOptions {
  /** The Chart API's base URL (http(s)://...); the ticker is at its /ws. */
  baseUrl: string;
  symbols: () => string[];
  quote: (quote: QuotePayload) => void;
  log: (line: string) => void;
  /** First reconnect delay (default 500 ms). */
  backoffInitialMs?: number;
  /** Largest reconnect delay (default 15 s). */
  backoffMaxMs?: number;
}

/** The ws:// address of a Chart API's ticker. */
function tickerUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/ws`;
}

/** A ticker link; `stop()` closes it for good. */
export class ChartTicker {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ChartTickerOptions) {}

  /** Connects and subscribes the symbols. */
  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Subscribes symbols added since the start (call after the instrument list grew). */
  subscribe(symbols: string[]): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < symbols.length; i += SUBSCRIBE_CHUNK) {
      ws.send(JSON.stringify({ m: 'subscribe', p: symbols.slice(i, i + SUBSCRIBE_CHUNK) }));
    }
  }

  /** Closes for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ws?.terminate();
    this.ws = null;
  }

  private open(): void {
    if (this.stopped) return;
    const ws = new WebSocket(tickerUrl(this.options.baseUrl), {
      handshakeTimeout: 5000,
      perMessageDeflate: false,
      maxPayload: 4 * 1024 * 1024,
    });
    this.ws = ws;
    ws.on('open', () => {
      this.attempt = 0;
      this.subscribe(this.options.symbols());
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(String(data));
    });
    ws.on('error', (error) => this.options.log(`chart ticker: ${error.message}`));
    ws.on('close', () => {
      if (this.ws !== ws || this.stopped) return;
      this.ws = null;
      const delay = backoffDelay(
        this.attempt,
        this.options.backoffInitialMs ?? 500,
        this.options.backoffMaxMs ?? 15_000,
        Math.random,
      );
      this.attempt += 1;
      this.timer = setTimeout(() => this.open(), delay);
    });
  }

  private onFrame(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.options.log('chart ticker: dropped a frame that is not JSON');
      return;
    }
    const frame = ChartServerFrame.safeParse(message);
    if (!frame.success) {
      this.options.log('chart ticker: dropped a frame it cannot read');
      return;
    }
    if (frame.data.m === 'error') {
      this.options.log(`chart ticker: the Chart API said: ${frame.data.message}`);
      return;
    }
    for (const tick of frame.data.d) {
      this.options.quote({
        symbol: tick.m,
        bid: tick.bid,
        ask: tick.ask,
        last: null,
        time: Date.parse(tick.time),
      });
    }
  }
}
