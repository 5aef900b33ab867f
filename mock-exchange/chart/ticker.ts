/**
 * The `/ws` ticker: per connection subscriptions, commands parsed with the
 * shared schema, a snapshot after each subscribe, then one `ticker` frame per
 * publication carrying every subscribed symbol whose tick changed or has
 * not been sent for TICKER_KEEPALIVE_MS. Pure: time is passed in, sending is
 * the peer's job.
 */
import {
  ChartSubscribeCommand,
  type ChartErrorCode,
  type ChartServerFrame,
  type ChartTick,
} from '../../shared/protocol';

/** Most symbols one connection may watch. */
export const MAX_SUBSCRIPTIONS = 50;
/** A watched symbol gets a tick at least this often (exchange time), changed or not. */
export const TICKER_KEEPALIVE_MS = 2000;

/** One `/ws` connection as the hub sees it. */
export interface TickerPeer {
  readonly subscriptions: Set<string>;
  send(frame: ChartServerFrame): void;
}

/** Where ticks come from. */
export interface TickSource {
  /** True for a symbol the exchange lists. */
  has(symbol: string): boolean;
  /** The symbol's tick at `now`, or null when it has no price yet. */
  tick(symbol: string, now: number): ChartTick | null;
  /** A fresh id for an error occurrence. */
  errorId(): string;
}

const tickKey = (t: ChartTick): string =>
  `${t.bid}|${t.ask}|${t.day_open}|${t.day_high}|${t.day_low}`;

/** Subscriptions and publication of the ticker. */
export class TickerHub {
  private readonly peers = new Set<TickerPeer>();
  private readonly sent = new Map<string, { key: string; at: number }>();

  constructor(private readonly source: TickSource) {}

  /** Registers a connection. */
  add(peer: TickerPeer): void {
    this.peers.add(peer);
  }

  /** Forgets a connection (its subscriptions end with it). */
  remove(peer: TickerPeer): void {
    this.peers.delete(peer);
    peer.subscriptions.clear();
  }

  /** Handles one client frame: subscribe/unsubscribe, or an error frame for anything else. */
  handleFrame(peer: TickerPeer, text: string, isBinary: boolean, now: number): void {
    if (isBinary) return this.error(peer, 'INVALID_COMMAND', 'Binary frames are not accepted');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.error(peer, 'INVALID_COMMAND', 'A command must be a JSON object');
    }
    const parsed = ChartSubscribeCommand.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return this.error(
        peer,
        'INVALID_COMMAND',
        `Expected {"m":"subscribe"|"unsubscribe","p":[symbols]}; ${where}${issue?.message ?? 'invalid'}`,
      );
    }
    const { m, p } = parsed.data;
    if (m === 'unsubscribe') {
      for (const symbol of p) peer.subscriptions.delete(symbol);
      return;
    }
    const unknown = p.filter((symbol) => !this.source.has(symbol));
    const known = [...new Set(p.filter((symbol) => this.source.has(symbol)))];
    const added = known.filter((symbol) => !peer.subscriptions.has(symbol)).length;
    if (peer.subscriptions.size + added > MAX_SUBSCRIPTIONS) {
      return this.error(
        peer,
        'TOO_MANY_SUBSCRIPTIONS',
        `A connection may watch at most ${MAX_SUBSCRIPTIONS} symbols`,
      );
    }
    for (const symbol of known) peer.subscriptions.add(symbol);
    if (unknown.length > 0) {
      this.error(peer, 'UNKNOWN_SYMBOL', `Unknown symbols: ${unknown.slice(0, 10).join(', ')}`);
    }
    const snapshot = known.flatMap((symbol) => this.source.tick(symbol, now) ?? []);
    if (snapshot.length > 0) peer.send({ m: 'ticker', d: snapshot });
  }

  /** Sends each connection the ticks of its symbols that changed or are due for a keep-alive. */
  publish(now: number): void {
    const due = new Map<string, ChartTick>();
    const watched = new Set<string>();
    for (const peer of this.peers) for (const symbol of peer.subscriptions) watched.add(symbol);
    for (const symbol of watched) {
      const tick = this.source.tick(symbol, now);
      if (!tick) continue;
      const key = tickKey(tick);
      const last = this.sent.get(symbol);
      if (last && last.key === key && now - last.at < TICKER_KEEPALIVE_MS) continue;
      this.sent.set(symbol, { key, at: now });
      due.set(symbol, tick);
    }
    // Symbols nobody watches are forgotten, so a new subscriber starts fresh.
    for (const symbol of this.sent.keys()) if (!watched.has(symbol)) this.sent.delete(symbol);
    if (due.size === 0) return;
    for (const peer of this.peers) {
      const d = [...peer.subscriptions].flatMap((symbol) => due.get(symbol) ?? []);
      if (d.length > 0) peer.send({ m: 'ticker', d });
    }
  }

  private error(peer: TickerPeer, errorCode: ChartErrorCode, message: string): void {
    peer.send({ m: 'error', message, errorCode, errorId: this.source.errorId() });
  }
}
