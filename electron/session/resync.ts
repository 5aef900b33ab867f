/**
 * What a session does after every (re)connect so the local copy converges
 * on the exchange's state: instruments, quotes, orders changed since the
 * last execution held, then each order held as working that is no longer
 * listed, then each order whose placement reply was lost.
 */
import { ErrorCode } from '../../shared/protocol';
import type { Order } from '../../shared/protocol';
import type { ExchangeSession } from './exchangeSession';
import type { SessionError, SessionFeatures, SessionHandlers, SessionOptions } from './types';

/** A server without an extension answers 1001 (and may answer 1002 to a payload it does not know). */
function unsupported(error: SessionError): boolean {
  return (
    error.kind === 'exchange' &&
    (error.code === ErrorCode.UNKNOWN_EVENT || error.code === ErrorCode.INVALID_FIELD)
  );
}

/** Largest symbol list one `subscribe` may carry. */
const SUBSCRIBE_CHUNK = 100;
/** orderstatus lookups in flight at once during a resync. */
const LOOKUP_CONCURRENCY = 8;

/** Runs the resync; returns the server's features, or null when the link dropped meanwhile. */
export async function resync(
  session: ExchangeSession,
  options: SessionOptions,
  handlers: SessionHandlers,
): Promise<SessionFeatures | null> {
  const features: SessionFeatures = { symbols: false, quotes: false, history: false };

  const symbols = await session.request('symbols', undefined);
  let symbolNames: string[];
  if (symbols.ok) {
    features.symbols = true;
    handlers.instruments?.(symbols.value);
    symbolNames = symbols.value.map((s) => s.symbol);
  } else if (unsupported(symbols.error)) {
    symbolNames = options.knownSymbols?.() ?? [];
  } else {
    return null;
  }

  for (let i = 0; i < symbolNames.length; i += SUBSCRIBE_CHUNK) {
    const chunk = symbolNames.slice(i, i + SUBSCRIBE_CHUNK);
    const subscribed = await session.request('subscribe', { symbols: chunk });
    if (subscribed.ok) features.quotes = true;
    else if (!unsupported(subscribed.error)) return null;
    else break;
  }

  const last = options.lastExecutionTime?.() ?? null;
  const fromTime = last === null ? 0 : Math.max(0, last - (options.resyncMarginMs ?? 60_000));
  // The snapshot is applied when its frame is handled, before the executions that followed it.
  const apply = (list: Order[]): void => handlers.orders?.(list);
  let orders: Order[];
  const history = await session.request('orders', { fromTime }, undefined, apply);
  if (history.ok) {
    features.history = true;
    orders = history.value;
  } else if (unsupported(history.error)) {
    const working = await session.request('orders', undefined, undefined, apply);
    if (!working.ok) return null;
    orders = working.value;
  } else {
    return null;
  }

  const listed = new Set(orders.map((o) => o.orderId));
  const missing = (options.workingOrderIds?.() ?? []).filter((id) => !listed.has(id));
  const lookups: Array<() => Promise<unknown>> = [
    ...missing.map((orderId) => () => session.orderStatus({ orderId })),
    ...session.unconfirmedClientOrderIds.map((id) => () => session.reconcile(id)),
  ];
  await runLimited(lookups, LOOKUP_CONCURRENCY);
  return session.connected ? features : null;
}

async function runLimited(tasks: Array<() => Promise<unknown>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
