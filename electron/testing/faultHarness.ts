/**
 * Helpers of the app-side reliability tests: soak scaling, a seeded PRNG, a
 * paper exchange the test can stop and restart on the same port and data
 * directory, and the comparison of the core's view with the exchange's own.
 */
import type { FillRow, OrderRow } from '../../shared/ipc';
import { startExchange } from '../../mock-exchange';
import type { ExchangeHandle } from '../../mock-exchange';
import type { PaperExchange } from '../core/api';

export { SOAK, scale, soakFigures } from '../../mock-exchange/testing';

/** mulberry32: the one seeded PRNG, returning [0, 1). */
export { seededRandom as prng } from '../../shared/domain/random';

/** The login and token of the test account. */
export const LOGIN = 'demo';

/**
 * A paper exchange (manual clock, market paused, no rate limit) that the test
 * can close and start again on the same port and data directory, as a
 * crashed and restarted exchange process would be.
 */
export class RestartableExchange {
  private handle: ExchangeHandle | null = null;
  private port = 0;
  private dataDir: string | null = null;
  private clock: number | undefined;
  private starting: Promise<ExchangeHandle> | null = null;

  constructor(
    private readonly token: string,
    private readonly log?: (line: string) => void,
  ) {}

  /** The running exchange (throws while it is down). */
  get current(): ExchangeHandle {
    if (!this.handle) throw new Error('the exchange is down');
    return this.handle;
  }

  /** True while it runs. */
  get running(): boolean {
    return this.handle !== null;
  }

  /** The `startPaperExchange` a core takes. */
  readonly startPaper = async (dataDir: string): Promise<PaperExchange> => {
    this.dataDir = dataDir;
    const ex = await this.start();
    return { url: ex.url, token: this.token, login: LOGIN, stop: () => this.stop() };
  };

  /** Starts it (on the port it had before, with the same data, its clock where it stopped). */
  async start(): Promise<ExchangeHandle> {
    if (this.handle) return this.handle;
    this.starting ??= (async () => {
      const ex = await startExchange({
        host: '127.0.0.1',
        port: this.port,
        clock: 'manual',
        ...(this.clock !== undefined && { startTime: this.clock }),
        seed: 7,
        rateLimit: false,
        accounts: [{ login: LOGIN, token: this.token }],
        ...(this.dataDir !== null && { dataDir: this.dataDir }),
        ...(this.log && { log: this.log }),
      });
      ex.controls.pauseMarket();
      this.port = ex.port;
      this.handle = ex;
      return ex;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Closes it (sessions drop; the journal keeps orders and fills). */
  async stop(): Promise<void> {
    const ex = this.handle;
    if (!ex) return;
    this.clock = ex.controls.now();
    this.handle = null;
    await ex.close();
  }
}

/** The fields compared between the core's copy of an order and the exchange's. */
export interface OrderFacts {
  orderId: number;
  clientOrderId: string;
  status: string;
  origQty: number;
  executedQty: number;
  cumQuote: number;
  price: number | null;
}

/** One fill as both sides can state it. */
export interface FillFacts {
  orderId: number;
  tradeId: number | null;
  price: number;
  qty: number;
}

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;

/** The exchange's own view of the login's orders and fills. */
export function exchangeView(ex: ExchangeHandle): { orders: OrderFacts[]; fills: FillFacts[] } {
  const orders: OrderFacts[] = [];
  const fills: FillFacts[] = [];
  for (const o of ex.engine.ordersChangedSince([LOGIN], 0)) {
    orders.push({
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
      status: String(o.status),
      origQty: round8(o.origQty),
      executedQty: round8(o.executedQty),
      cumQuote: round8(o.cummulativeQuoteQty ?? 0),
      price: o.type === 'MARKET' || o.type === 'STOP' ? null : o.price,
    });
    const status = ex.engine.orderStatus([LOGIN], { orderId: o.orderId });
    if (!status.ok) throw new Error(`orderStatus ${o.orderId}: ${status.error.error}`);
    for (const f of status.value.fills)
      fills.push({ orderId: o.orderId, tradeId: f.tradeId, price: f.price, qty: round8(f.qty) });
  }
  return { orders: sortOrders(orders), fills: sortFills(fills) };
}

/** The core's view, from its history (queryOrders / queryFills). */
export function coreView(
  orders: readonly OrderRow[],
  fills: readonly FillRow[],
): { orders: OrderFacts[]; fills: FillFacts[] } {
  return {
    orders: sortOrders(
      // Negative orderIds are the app's own rows of orders the exchange refused (it keeps none).
      orders
        .filter((o) => o.orderId > 0)
        .map((o) => ({
          orderId: o.orderId,
          clientOrderId: o.clientOrderId,
          status: o.status,
          origQty: round8(o.origQty),
          executedQty: round8(o.executedQty),
          cumQuote: round8(o.cumQuote),
          price: o.type === 'MARKET' || o.type === 'STOP' ? null : o.price,
        })),
    ),
    fills: sortFills(
      fills.map((f) => ({
        orderId: f.orderId,
        tradeId: f.tradeId,
        price: f.price,
        qty: round8(f.qty),
      })),
    ),
  };
}

function sortOrders(list: OrderFacts[]): OrderFacts[] {
  return list.sort((a, b) => a.orderId - b.orderId);
}

function sortFills(list: FillFacts[]): FillFacts[] {
  return list.sort(
    (a, b) => a.orderId - b.orderId || (a.tradeId ?? -1) - (b.tradeId ?? -1) || a.qty - b.qty,
  );
}

/** clientOrderIds that appear more than once. */
export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** The clientOrderIds of every order placement (single and OCO legs) in audited outbound frames. */
export function placedClientOrderIds(
  audit: ReadonlyArray<{ direction: string; event: string | null; frame: string }>,
): string[] {
  const ids: string[] = [];
  for (const entry of audit) {
    if (entry.direction !== 'out') continue;
    if (entry.event !== 'newordersingle' && entry.event !== 'neworderoco') continue;
    const frame = JSON.parse(entry.frame) as {
      payload?: { clientOrderId?: string; orders?: Array<{ clientOrderId?: string }> };
    };
    if (entry.event === 'newordersingle') ids.push(frame.payload?.clientOrderId ?? '<none>');
    else for (const leg of frame.payload?.orders ?? []) ids.push(leg.clientOrderId ?? '<none>');
  }
  return ids;
}
