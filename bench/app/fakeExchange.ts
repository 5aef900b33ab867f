/**
 * A small exchange for the app bench, run in its own process (so pushing
 * 10,000 frames a second does not compete with the host's event loop). It
 * speaks enough of docs/protocol.md for the app's session: `symbols`,
 * `subscribe` (ack and a quote per symbol), `orders` (optionally a large
 * seeded history, held back until the parent releases it), `orderstatus`,
 * `depth` / `undepth` (a snapshot of a made-up book around the quote every
 * 100 ms, the most the protocol allows), quotes every 250 ms, and on request
 * a paced stream of `execution` messages: new orders, partial fills and fills
 * over many orderIds.
 *
 * Beside it runs the mock exchange's own Chart API (`mock-exchange/chart`:
 * `/candles`, `/symbols`, `/analysis/pivotlevels`, the `/ws` ticker) over
 * its seeded 30-day backfill ending at the bench's quotes, so the app's
 * chart draws real history while the stream runs.
 *
 * Parent messages (one answer each): `{ type: 'start', history, holdOrders }`
 * -> `{ url, chartUrl }`; `{ type: 'release' }` -> `{ released }`;
 * `{ type: 'stream', perSecond, seconds }` -> a StreamReport once the last
 * frame was written.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { ChartServer, ChartService, newErrorId } from '../../mock-exchange/chart';
import { unitOfDecimals, type Instrument } from '../../shared/domain';
import { seededRandom } from '../stats';

export const TOKEN = 'bench';
export const LOGIN = 'demo';
export const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY', 'BTCUSDT'] as const;
const MID: Record<(typeof SYMBOLS)[number], number> = {
  EURUSD: 1.085,
  GBPUSD: 1.27,
  USDJPY: 151.2,
  BTCUSDT: 64_000,
};
const PRECISION: Record<(typeof SYMBOLS)[number], number> = {
  EURUSD: 5,
  GBPUSD: 5,
  USDJPY: 3,
  BTCUSDT: 2,
};
/** Orders open at once in the stream (each gets NEW, PARTIALLY_FILLED, FILLED). */
const OPEN_WINDOW = 2000;
/** How often a watched symbol's depth snapshot is sent (the protocol's fastest). */
const DEPTH_MS = 100;

/** The instruments as the Chart API's store takes them. */
const INSTRUMENTS: Instrument[] = SYMBOLS.map((symbol) => ({
  symbol,
  tickSize: unitOfDecimals(PRECISION[symbol]),
  stepSize: 1,
  minQty: 1,
  maxQty: 1_000_000_000,
  pricePrecision: PRECISION[symbol],
  qtyPrecision: 0,
}));

export type StartMessage = { type: 'start'; history: number; holdOrders: boolean };
export type ParentMessage =
  StartMessage | { type: 'release' } | { type: 'stream'; perSecond: number; seconds: number };

/** What the stream sent: the app must end with exactly these orders and fills. */
export interface StreamReport {
  executions: number;
  orders: number;
  fills: number;
  /** Orders left working (NEW or PARTIALLY_FILLED) at the end. */
  working: number;
  /** Sum of executedQty over the stream's orders (compared with the app's rows). */
  executedQty: number;
  /** Each order's final [orderId, executedQty, status]. */
  finals: Array<[number, number, string]>;
  elapsedMs: number;
}

interface OrderState {
  symbol: (typeof SYMBOLS)[number];
  type: 'LIMIT';
  orderId: number;
  clientOrderId: string;
  transactTime: number;
  price: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty: number;
  status: 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED';
  timeInForce: 'GTC';
  side: 'BUY' | 'SELL';
  login: string;
  fills: Array<{ price: number; qty: number; tradeId: number; time: number }>;
}

/** Sends frames with the TCP socket corked, so a slice goes out in few writes. */
function sendAll(socket: WebSocket, frames: readonly string[]): void {
  const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  raw?.cork();
  for (const frame of frames) socket.send(frame);
  raw?.uncork();
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export class BenchExchange {
  readonly orders = new Map<number, OrderState>();
  private readonly rand = seededRandom(7);
  /** The depth books' sizes have their own stream, so they do not shift the orders' prices. */
  private readonly depthRand = seededRandom(11);
  private nextOrderId = 1;
  private nextTradeId = 1;
  /**
   * Transaction times: an hour back at start (the seeded history lies in the past),
   * then never behind the wall clock, so the stream's fills land on the chart's last
   * candles (the Chart API runs on the wall clock too).
   */
  private clock = Date.now() - 3_600_000;
  private seq = 0;
  private held: Array<() => void> | null = null;
  private quoteTimer: ReturnType<typeof setInterval> | null = null;
  private depthTimer: ReturnType<typeof setInterval> | null = null;
  private wss: WebSocketServer | null = null;
  private chart: ChartServer | null = null;
  /** The last quote sent of each symbol (the depth books sit around it). */
  private readonly lastQuote = new Map<string, { bid: number; ask: number; last: number }>();
  /** Depth levels a side each socket watches, by symbol. */
  private readonly depthWatch = new Map<WebSocket, Map<string, number>>();
  readonly sockets = new Set<WebSocket>();

  /**
   * Listens on a free loopback port; seeds `history` orders, 1% left NEW and
   * the rest CANCELED unfilled (a filled order in an `orders` reply makes the
   * app look up its exact fills, one `orderstatus` each).
   */
  async start(history: number, holdOrders: boolean): Promise<{ url: string; chartUrl: string }> {
    for (let i = 0; i < history; i += 1) {
      const order = this.newOrder();
      if (i % 100 !== 0) order.status = 'CANCELED';
    }
    this.held = holdOrders ? [] : null;
    this.wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      perMessageDeflate: false,
      verifyClient: (info: { req: { headers: Record<string, unknown> } }) =>
        info.req.headers.authorization === `Bearer ${TOKEN}`,
    });
    await new Promise<void>((resolve) => this.wss?.once('listening', () => resolve()));
    this.wss.on('connection', (socket) => this.onConnection(socket));
    this.quoteTimer = setInterval(() => this.sendQuotes(), 250);
    this.depthTimer = setInterval(() => this.sendDepth(), DEPTH_MS);
    const service = new ChartService({
      instruments: INSTRUMENTS,
      referencePrices: MID,
      seed: 7,
      market: {},
      tickMs: 250,
      now: () => Date.now(),
      quote: (symbol) => this.lastQuote.get(symbol) ?? { bid: null, ask: null, last: null },
      errorId: newErrorId,
      dataDir: null,
      log: (line) => process.stderr.write(`fake exchange chart: ${line}\n`),
    });
    this.chart = await ChartServer.start(service, {
      host: '127.0.0.1',
      port: 0,
      log: (line) => process.stderr.write(`fake exchange chart: ${line}\n`),
    });
    const { port } = this.wss.address() as AddressInfo;
    return { url: `ws://127.0.0.1:${port}`, chartUrl: `http://127.0.0.1:${this.chart.port}` };
  }

  /** Answers the held `orders` requests. */
  release(): number {
    const waiting = this.held ?? [];
    this.held = null;
    for (const answer of waiting) answer();
    return waiting.length;
  }

  /** Pushes `perSecond` executions a second for `seconds`, paced in 10 ms slices. */
  async stream(perSecond: number, seconds: number): Promise<StreamReport> {
    const total = Math.round(perSecond * seconds);
    const ids = new Set<number>();
    const open: OrderState[] = [];
    let fills = 0;
    let sent = 0;
    const started = performance.now();
    const next = (): string => {
      let order: OrderState;
      if (open.length < OPEN_WINDOW || this.rand() < 1 / 3) {
        order = this.newOrder();
        open.push(order);
        ids.add(order.orderId);
        return this.execution(order, undefined);
      }
      const index = Math.floor(this.rand() * open.length);
      order = open[index] as OrderState;
      const leaves = order.origQty - order.executedQty;
      const qty = order.status === 'NEW' ? Math.max(1, Math.floor(leaves / 2)) : leaves;
      const fill = this.fill(order, qty);
      fills += 1;
      if (order.status === 'FILLED') {
        open[index] = open[open.length - 1] as OrderState;
        open.pop();
      }
      return this.execution(order, fill);
    };
    while (sent < total) {
      const due = Math.min(total, Math.ceil(((performance.now() - started) / 1000) * perSecond));
      if (due > sent) {
        // One write per socket per slice (the underlying socket is corked meanwhile).
        const frames: string[] = [];
        for (; sent < due; sent += 1) frames.push(next());
        for (const socket of this.sockets) sendAll(socket, frames);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.drained();
    let executedQty = 0;
    const finals: StreamReport['finals'] = [];
    for (const id of ids) {
      const order = this.orders.get(id) as OrderState;
      executedQty += order.executedQty;
      finals.push([id, order.executedQty, order.status]);
    }
    return {
      executions: sent,
      orders: ids.size,
      fills,
      working: open.length,
      executedQty,
      finals,
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  async close(): Promise<void> {
    if (this.quoteTimer) clearInterval(this.quoteTimer);
    if (this.depthTimer) clearInterval(this.depthTimer);
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    await this.chart?.close();
  }

  private async drained(): Promise<void> {
    while ([...this.sockets].some((s) => s.bufferedAmount > 0))
      await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  private newOrder(): OrderState {
    const symbol = SYMBOLS[Math.floor(this.rand() * SYMBOLS.length)] as (typeof SYMBOLS)[number];
    const digits = PRECISION[symbol];
    const orderId = this.nextOrderId;
    this.nextOrderId += 1;
    const order: OrderState = {
      symbol,
      type: 'LIMIT',
      orderId,
      clientOrderId: `b-${orderId}`,
      transactTime: this.tick(),
      price: round(MID[symbol] * (1 + (this.rand() - 0.5) * 0.002), digits),
      origQty: 2 + Math.floor(this.rand() * 99),
      executedQty: 0,
      cummulativeQuoteQty: 0,
      status: 'NEW',
      timeInForce: 'GTC',
      side: this.rand() < 0.5 ? 'BUY' : 'SELL',
      login: LOGIN,
      fills: [],
    };
    this.orders.set(orderId, order);
    return order;
  }

  private fill(order: OrderState, qty: number): OrderState['fills'][number] {
    const fill = { price: order.price, qty, tradeId: this.nextTradeId, time: this.tick() };
    this.nextTradeId += 1;
    order.fills.push(fill);
    order.executedQty += qty;
    order.cummulativeQuoteQty = round(
      order.cummulativeQuoteQty + qty * order.price,
      PRECISION[order.symbol] + 2,
    );
    order.status = order.executedQty >= order.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
    order.transactTime = fill.time;
    return fill;
  }

  private wire(order: OrderState): Record<string, unknown> {
    const { fills: _fills, ...rest } = order;
    return rest;
  }

  private execution(order: OrderState, fill: OrderState['fills'][number] | undefined): string {
    this.seq += 1;
    const payload: Record<string, unknown> = { ...this.wire(order), seq: this.seq };
    if (fill) {
      payload['lastPrice'] = fill.price;
      payload['lastQty'] = fill.qty;
      payload['tradeId'] = fill.tradeId;
      payload['reason'] = 'TRADE';
    } else payload['reason'] = 'NEW';
    return JSON.stringify({ event: 'execution', payload });
  }

  private quote(symbol: (typeof SYMBOLS)[number]): string {
    const digits = PRECISION[symbol];
    const mid = MID[symbol] * (1 + (this.rand() - 0.5) * 0.0002);
    const top = {
      bid: round(mid * 0.99995, digits),
      ask: round(mid * 1.00005, digits),
      last: round(mid, digits),
    };
    this.lastQuote.set(symbol, top);
    return JSON.stringify({ event: 'quote', payload: { symbol, ...top, time: Date.now() } });
  }

  private sendQuotes(): void {
    for (const socket of this.sockets) for (const s of SYMBOLS) socket.send(this.quote(s));
  }

  /** A made-up book of `levels` a side, one tick apart, best at the last quote. */
  private depthSnapshot(symbol: (typeof SYMBOLS)[number], levels: number): string | null {
    const top = this.lastQuote.get(symbol);
    if (!top) return null;
    const digits = PRECISION[symbol];
    const tick = 10 ** -digits;
    const side = (best: number, dir: number): Array<[number, number]> =>
      Array.from({ length: levels }, (_, i) => [
        round(best + dir * i * tick, digits),
        1 + Math.floor(this.depthRand() * 500),
      ]);
    return JSON.stringify({
      event: 'depth',
      payload: { symbol, bids: side(top.bid, -1), asks: side(top.ask, 1), time: Date.now() },
    });
  }

  private sendDepth(): void {
    for (const [socket, watched] of this.depthWatch)
      for (const [symbol, levels] of watched) {
        const frame = this.depthSnapshot(symbol as (typeof SYMBOLS)[number], levels);
        if (frame) socket.send(frame);
      }
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.depthWatch.delete(socket);
    });
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as {
        event: string;
        requestId: string | number;
        payload?: Record<string, unknown>;
      };
      const reply = (payload: unknown): void => {
        socket.send(
          JSON.stringify({ event: request.event, requestId: request.requestId, payload }),
        );
      };
      const fail = (code: number, error: string): void => {
        socket.send(
          JSON.stringify({
            event: 'error',
            requestId: request.requestId,
            payload: { code, error },
          }),
        );
      };
      switch (request.event) {
        case 'symbols':
          reply(
            SYMBOLS.map((symbol) => ({
              symbol,
              tickSize: unitOfDecimals(PRECISION[symbol]),
              stepSize: 1,
              minQty: 1,
              pricePrecision: PRECISION[symbol],
              qtyPrecision: 0,
            })),
          );
          return;
        case 'subscribe': {
          const symbols = (request.payload?.['symbols'] as string[] | undefined) ?? [];
          reply({ symbols });
          for (const s of SYMBOLS) if (symbols.includes(s)) socket.send(this.quote(s));
          return;
        }
        case 'orders': {
          // With fromTime: every order changed since (the seeded history and the stream's).
          const fromTime = request.payload?.['fromTime'];
          const answer = (): void =>
            reply(
              typeof fromTime === 'number'
                ? [...this.orders.values()]
                    .filter((o) => o.transactTime >= fromTime)
                    .map((o) => this.wire(o))
                : [...this.orders.values()]
                    .filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')
                    .map((o) => this.wire(o)),
            );
          if (this.held) this.held.push(answer);
          else answer();
          return;
        }
        case 'depth': {
          const symbol = request.payload?.['symbol'];
          const levels = request.payload?.['levels'];
          if (!SYMBOLS.includes(symbol as (typeof SYMBOLS)[number]) || typeof levels !== 'number') {
            fail(2003, `unknown symbol ${String(symbol)}`);
            return;
          }
          reply({ symbol, levels });
          const watched = this.depthWatch.get(socket) ?? new Map<string, number>();
          watched.set(symbol as string, levels);
          this.depthWatch.set(socket, watched);
          return;
        }
        case 'undepth': {
          const symbol = request.payload?.['symbol'];
          this.depthWatch.get(socket)?.delete(symbol as string);
          reply({ symbol });
          return;
        }
        case 'orderstatus': {
          const id = request.payload?.['orderId'];
          const order = typeof id === 'number' ? this.orders.get(id) : undefined;
          if (order) reply({ ...this.wire(order), fills: order.fills });
          else fail(2000, 'unknown order');
          return;
        }
        default:
          fail(1001, `unknown event ${request.event}`);
      }
    });
  }
}

// As a child process: one answer per parent message; exits when the parent disconnects.
if (process.send !== undefined && process.argv[1]?.endsWith('fakeExchange.ts')) {
  const exchange = new BenchExchange();
  const send = (message: unknown): void => {
    process.send?.(message as object);
  };
  process.on('message', (message: ParentMessage) => {
    void (async () => {
      try {
        if (message.type === 'start')
          send(await exchange.start(message.history, message.holdOrders));
        else if (message.type === 'release') send({ released: exchange.release() });
        else send(await exchange.stream(message.perSecond, message.seconds));
      } catch (error) {
        send({ error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  process.on('disconnect', () => {
    void exchange.close().then(() => process.exit(0));
  });
}
