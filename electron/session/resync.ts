/**
 * What a session does after every (re)connect so the local copy converges
 * on the exchange's state: instruments and quotes (where the server has
 * them), orders changed since the last execution held (or the working list),
 * then each order held as working that is no longer listed (one the exchange
 * does not know at all is reported, so it stops showing as working; a server
 * with its own error numbers is first asked for an order that cannot exist, to
 * learn its number for "unknown order"), then each
 * order whose placement reply was lost. It talks to the session only through a
 * narrow port, so it is tested on its own. An error reply never drops the
 * link: it is noted in the server's own words and the resync carries on.
 */
import { NO_FEATURES, type SessionFeatures } from '../../shared/ipc';
import type { CanonicalOrder, InboundReplyPayload } from '../../shared/protocol';
import { PROBE_ORDER_ID } from './detect';
import type { Dialect } from './dialect';
import type { OrderRef } from './requests';
import type { SessionError, SessionResult } from './types';

/** What the resync needs: requests, the lookups' queue, the local copy's facts. */
export interface ResyncPort {
  /** The server's dialect (found out before the resync). */
  readonly dialect: Dialect;
  /** How the dialect was decided, in words. */
  readonly evidence: string;
  /** Sends `symbols` (extension). */
  symbols(): Promise<SessionResult<InboundReplyPayload<'symbols'>>>;
  /** Sends `subscribe` for these symbols (extension). */
  subscribe(symbols: string[]): Promise<SessionResult<unknown>>;
  /** Sends `orders` with this wire payload; `apply` runs when the reply frame is handled. */
  orders(
    payload: unknown,
    apply: (list: CanonicalOrder[]) => void,
  ): Promise<SessionResult<CanonicalOrder[]>>;
  /** True while the link that started the resync is still open. */
  readonly connected: boolean;
  /** Queues one `orderstatus` lookup (shared limit with every other lookup). */
  lookUp(ref: OrderRef): Promise<SessionResult<unknown>>;
  /** Whether an error reply means "no such order". */
  isUnknownOrder(error: SessionError): boolean;
  /** An order held as working that the exchange answered it does not know. */
  unknownOrder(orderId: number): void;
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
  instruments(list: InboundReplyPayload<'symbols'>): void;
  /** An `orders` snapshot, applied when its frame is handled (before later executions). */
  apply(list: CanonicalOrder[]): void;
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

/** Runs the resync. */
export async function resync(port: ResyncPort): Promise<ResyncOutcome> {
  const { dialect } = port;
  const features: SessionFeatures = {
    ...NO_FEATURES,
    revision: dialect.revision,
    revisionEvidence: port.evidence,
    notes: dialect.notes,
    timesInForce: {
      MARKET: [...dialect.timesInForce('MARKET')],
      LIMIT: [...dialect.timesInForce('LIMIT')],
      STOP: [...dialect.timesInForce('STOP')],
      STOP_LIMIT: [...dialect.timesInForce('STOP_LIMIT')],
    },
  };
  const failed = (what: string, error: SessionError): ResyncOutcome => ({
    ok: false,
    reason: `Resync: ${what} failed (${error.message}); reconnecting`,
  });
  const refused = (what: string, error: SessionError): void =>
    port.note(`The exchange answered "${what}" with: ${error.message}`);

  let symbolNames = port.knownSymbols();
  if (dialect.extensions) {
    const symbols = await port.symbols();
    if (symbols.ok) {
      features.symbols = true;
      port.instruments(symbols.value);
      symbolNames = symbols.value.map((s) => s.symbol);
    } else if (linkFailure(symbols.error)) return failed('symbols', symbols.error);
    else refused('symbols', symbols.error);

    for (let i = 0; i < symbolNames.length; i += SUBSCRIBE_CHUNK) {
      const subscribed = await port.subscribe(symbolNames.slice(i, i + SUBSCRIBE_CHUNK));
      if (subscribed.ok) features.quotes = true;
      else if (linkFailure(subscribed.error)) return failed('subscribe', subscribed.error);
      else {
        refused('subscribe', subscribed.error);
        break;
      }
    }
  }

  let orders: CanonicalOrder[] = [];
  let listed = false;
  if (dialect.history) {
    const last = port.lastExecutionTime();
    const fromTime = last === null ? 0 : Math.max(0, last - port.resyncMarginMs);
    const since = dialect.orders(fromTime);
    const history = since.ok ? await port.orders(since.payload, port.apply) : null;
    if (history?.ok) {
      features.history = true;
      orders = history.value;
      listed = true;
    } else if (history && linkFailure(history.error)) return failed('orders', history.error);
    else if (history) refused('orders since a time', history.error);
  }
  if (!listed) {
    const working = await port.orders(undefined, port.apply);
    if (working.ok) orders = working.value;
    else if (linkFailure(working.error)) return failed('orders', working.error);
    else refused('orders', working.error);
  }

  const seen = new Set(orders.map((o) => o.orderId));
  const missing = port.workingOrderIds().filter((id) => !seen.has(id));
  const unknownNumber = missing.length > 0 ? await learnUnknownOrderNumber(port) : null;
  const isUnknown = (error: SessionError): boolean =>
    port.isUnknownOrder(error) ||
    (unknownNumber !== null && error.kind === 'exchange' && error.code === unknownNumber);
  // A found order reaches the handlers through the lookup itself; "unknown order" means
  // the exchange lost it (a reset) or it belongs to an account this token cannot see.
  const lookUpMissing = async (orderId: number): Promise<void> => {
    const found = await port.lookUp({ orderId });
    if (!found.ok && isUnknown(found.error) && port.connected) port.unknownOrder(orderId);
  };
  await Promise.all([...missing.map(lookUpMissing), port.settleLostReplies()]);
  return port.connected
    ? { ok: true, features }
    : { ok: false, reason: 'The link dropped during the resync' };
}

/**
 * A server that numbers its errors itself (the first revision) says "unknown
 * order" with a number of its own: ask it for an order that cannot exist and
 * take the number it answers with. Null when the dialect needs none, or the
 * answer was not an error with a number.
 */
async function learnUnknownOrderNumber(port: ResyncPort): Promise<number | null> {
  if (!port.dialect.ownErrorNumbers) return null;
  const probe = await port.lookUp({ orderId: PROBE_ORDER_ID });
  return !probe.ok && probe.error.kind === 'exchange' ? probe.error.code : null;
}
