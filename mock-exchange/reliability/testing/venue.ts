/**
 * A mock exchange in one protocol revision, as the public-text tests use it:
 * a manual clock, two accounts with a token each, a paused market, and the
 * prices a test needs to rest or cross an order on EURUSD.
 */
import { afterEach } from 'vitest';
import { startExchange, type ExchangeHandle } from '../../index';
import { onGrid } from '../util';
import { WsClient, type Msg } from '../wsClient';

export const SYMBOL = 'EURUSD';
const TICK = 0.00001;

/** A price on the EURUSD tick grid. */
export function px(value: number): number {
  return onGrid(value, TICK, 5);
}

/** An exchange and its two accounts' logins (as the revision spells a login). */
export interface Venue<L> {
  ex: ExchangeHandle;
  /** Login of the account behind token `tok-a`. */
  loginA: L;
  /** Login of the account behind token `tok-b`. */
  loginB: L;
  /** Sessions opened through `connect`, terminated by `close`. */
  clients: WsClient[];
}

/** Starts an exchange speaking `revision` with accounts `tok-a` and `tok-b`, its market quoted then paused. */
export async function startVenue<L extends string | number>(
  revision: 'first' | 'current',
  loginA: L,
  loginB: L,
): Promise<Venue<L>> {
  const ex = await startExchange({
    revision,
    clock: 'manual',
    chartApi: false,
    accounts: [
      { login: String(loginA), token: 'tok-a' },
      { login: String(loginB), token: 'tok-b' },
    ],
  });
  // One second of market lets the maker quote both sides; then prices move only when a test says so.
  ex.controls.advance(1_000);
  ex.controls.pauseMarket();
  return { ex, loginA, loginB, clients: [] };
}

/** A `venue()` for a test file: each call starts a venue, closed after the test that started it. */
export function venues<L extends string | number>(
  revision: 'first' | 'current',
  loginA: L,
  loginB: L,
): () => Promise<Venue<L>> {
  const open: Venue<L>[] = [];
  afterEach(async () => {
    for (const v of open.splice(0)) await closeVenue(v);
  });
  return async () => {
    const v = await startVenue(revision, loginA, loginB);
    open.push(v);
    return v;
  };
}

/** Opens a session with `token` and remembers it for `closeVenue`. */
export async function connect<L>(venue: Venue<L>, token: 'tok-a' | 'tok-b'): Promise<WsClient> {
  const client = await WsClient.connect(venue.ex.url, token);
  venue.clients.push(client);
  return client;
}

/** Closes every session and the exchange. */
export async function closeVenue<L>(venue: Venue<L>): Promise<void> {
  for (const c of venue.clients.splice(0)) c.terminate();
  await venue.ex.close();
}

/** Best bid, best ask, a price strictly between them and the last trade price. */
export function prices(venue: Venue<unknown>): {
  bid: number;
  ask: number;
  inside: number;
  last: number;
} {
  const book = venue.ex.engine.book(SYMBOL, 1);
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid === undefined || ask === undefined) throw new Error('the maker has not quoted yet');
  const inside = px((bid + ask) / 2);
  if (!(inside > bid && inside < ask)) throw new Error(`no room inside ${bid} / ${ask}`);
  const last = venue.ex.engine.lastPrice(SYMBOL) ?? inside;
  return { bid, ask, inside, last };
}

/** The exchange clock as the current revision prints instants. */
export function isoNow(venue: Venue<unknown>): string {
  return new Date(venue.ex.controls.now()).toISOString();
}

/** Position of a message in the session's stream. */
export const at = (c: WsClient, m: Msg): number => c.messages.indexOf(m);

/** Waits for the execution of `orderId` with `status`, returning the message. */
export function executionWith(c: WsClient, orderId: number, status: string): Promise<Msg> {
  return c.waitFor((m) => {
    const order = m.payload as { orderId?: unknown; status?: unknown } | undefined;
    return m.event === 'execution' && order?.orderId === orderId && order.status === status;
  });
}
