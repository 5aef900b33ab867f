/**
 * What a session does after every (re)connect so the local copy converges
 * on the exchange's state: instruments, quotes, orders changed since the
 * last execution held, then each order held as working that is no longer
 * listed, then each order whose placement reply was lost. It talks to the
 * session only through a narrow port, so it is tested on its own.
 */
import type { Order } from '../../shared/protocol';
import type { OrderLookup } from './reconciler';
import type { ReplyPayloadOf, RequestSender } from './requests';
import type { SessionError, SessionFeatures } from './types';

/** What the resync needs: requests, the lookups' queue, the local copy's facts. */
export interface ResyncPort {
  request: RequestSender;
  /** True while the link that started the resync is still open. */
  readonly connected: boolean;
  /** Queues one `orderstatus` lookup (shared limit with every other lookup). */
  lookUp(ref: OrderLookup): Promise<unknown>;
  /** Settles each clientOrderId whose placement reply was lost (never resends). */
  settleLostReplies(): Promise<unknown>;
  /** Epoch ms of the last execution held locally, or null. */
  lastExecutionTime(): number | null;
  /** Orders held locally as working. */
  workingOrderIds(): number[];
  /** Symbols to subscribe to when the server has no `symbols` extension. */
  knownSymbols(): string[];
  /** Margin subtracted from lastExecutionTime when asking `orders` since then. */
  readonly resyncMarginMs: number;
  /** Instruments the server listed. */
  instruments(list: ReplyPayloadOf<'symbols'>): void;
  /** An `orders` snapshot, applied when its frame is handled (before later executions). */
  orders(list: Order[]): void;
  /** What the resync found out or could not do, in words. */
  note(message: string): void;
}

/** The outcome of a resync: the features found, or why the link must be dropped. */
export type ResyncOutcome = { ok: true; features: SessionFeatures } | { ok: false; reason: string };

/** Largest symbol list one `subscribe` may carry. */
const SUBSCRIBE_CHUNK = 100;

/** A timeout or a dropped link: the link is not healthy, reconnecting resyncs again. */
const linkFailure = (error: SessionError): boolean =>
  error.kind === 'timeout' || error.kind === 'not_connected';

/** Runs the resync. Error replies never drop the link: they are noted and the resync carries on. */
export async function resync(port: ResyncPort): Promise<ResyncOutcome> {
  const features: SessionFeatures = { symbols: false, quotes: false, history: false };
  const failed = (what: string, error: SessionError): ResyncOutcome => ({
    ok: false,
    reason: `Resync: ${what} failed (${error.message}); reconnecting`,
  });

  const symbols = await port.request('symbols', undefined);
  let symbolNames: string[];
  if (symbols.ok) {
    features.symbols = true;
    port.instruments(symbols.value);
    symbolNames = symbols.value.map((s) => s.symbol);
  } else if (linkFailure(symbols.error)) {
    return failed('symbols', symbols.error);
  } else {
    symbolNames = port.knownSymbols();
  }

  for (let i = 0; i < symbolNames.length; i += SUBSCRIBE_CHUNK) {
    const chunk = symbolNames.slice(i, i + SUBSCRIBE_CHUNK);
    const subscribed = await port.request('subscribe', { symbols: chunk });
    if (subscribed.ok) features.quotes = true;
    else if (linkFailure(subscribed.error)) return failed('subscribe', subscribed.error);
    else break;
  }

  const last = port.lastExecutionTime();
  const fromTime = last === null ? 0 : Math.max(0, last - port.resyncMarginMs);
  const apply = (list: Order[]): void => port.orders(list);
  let orders: Order[] = [];
  const history = await port.request('orders', { fromTime }, undefined, apply);
  if (history.ok) {
    features.history = true;
    orders = history.value;
  } else if (linkFailure(history.error)) {
    return failed('orders', history.error);
  } else {
    const working = await port.request('orders', undefined, undefined, apply);
    if (working.ok) orders = working.value;
    else if (linkFailure(working.error)) return failed('orders', working.error);
    else port.note(`The exchange answered "orders" with: ${working.error.message}`);
  }

  const listed = new Set(orders.map((o) => o.orderId));
  const missing = port.workingOrderIds().filter((id) => !listed.has(id));
  await Promise.all([
    ...missing.map((orderId) => port.lookUp({ orderId })),
    port.settleLostReplies(),
  ]);
  return port.connected
    ? { ok: true, features }
    : { ok: false, reason: 'The link dropped during the resync' };
}
