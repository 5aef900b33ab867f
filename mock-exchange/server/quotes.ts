/**
 * The quote stream: top of book and last price per symbol, sent to
 * subscribers when it changed since the last publication (coalesced: one
 * check per market tick) and as a snapshot right after `subscribe`.
 */
import type { QuotePayload } from '../../shared/protocol';
import type { Engine } from '../engine/api';
import type { Session } from './session';

type Top = Omit<QuotePayload, 'time'>;

/** Current top of book and last price of a symbol. */
export function topOfBook(engine: Engine, symbol: string): Top {
  const book = engine.book(symbol, 1);
  return {
    symbol,
    bid: book.bids[0]?.[0] ?? null,
    ask: book.asks[0]?.[0] ?? null,
    last: book.last ?? engine.lastPrice(symbol),
  };
}

const sameTop = (a: Top, b: Top): boolean =>
  a.bid === b.bid && a.ask === b.ask && a.last === b.last;

/** Publishes quote changes to subscribed sessions. */
export class QuoteBoard {
  private readonly published = new Map<string, Top>();

  constructor(private readonly engine: Engine) {}

  /** Sends a quote for every subscribed symbol whose top or last changed since the last call. */
  publish(sessions: Iterable<Session>, now: number): void {
    const bySymbol = new Map<string, Session[]>();
    for (const session of sessions) {
      if (session.isClosed) continue;
      for (const symbol of session.subscriptions) {
        const list = bySymbol.get(symbol);
        if (list) list.push(session);
        else bySymbol.set(symbol, [session]);
      }
    }
    for (const [symbol, subscribers] of bySymbol) {
      const top = topOfBook(this.engine, symbol);
      const previous = this.published.get(symbol);
      if (previous && sameTop(previous, top)) continue;
      this.published.set(symbol, top);
      const message = { event: 'quote', payload: { ...top, time: now } };
      for (const session of subscribers) session.push(message);
    }
    // Symbols nobody watches are forgotten, so a new subscriber starts fresh.
    for (const symbol of this.published.keys())
      if (!bySymbol.has(symbol)) this.published.delete(symbol);
  }

  /** Sends the current quote of each symbol to one session (after its subscribe ack). */
  snapshot(session: Session, symbols: readonly string[], now: number): void {
    for (const symbol of symbols) {
      session.push({ event: 'quote', payload: { ...topOfBook(this.engine, symbol), time: now } });
    }
  }
}
