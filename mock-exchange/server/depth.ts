/**
 * The `depth` extension: whole-book snapshots of a symbol, best first, sent
 * to each session that asked, right after the ack and then at most every
 * 100 ms while the book changes; `undepth` stops them. Levels are public (the
 * book's total quantity per price, the trader's own resting orders included):
 * no order ids, no logins.
 */
import type { DepthSnapshot } from '../../shared/protocol';
import type { Engine } from '../engine/api';
import type { Session } from './session';

/** Least time between two snapshots of one symbol to one session (PROTOCOL.md). */
export const DEPTH_INTERVAL_MS = 100;

interface Stream {
  levels: number;
  /** When the last snapshot went (exchange time). */
  sentAt: number;
  /** The last snapshot's levels, to send only changes. */
  sentKey: string;
}

/** A snapshot and its levels' text (what tells a change). */
interface KeyedSnapshot {
  snapshot: DepthSnapshot;
  key: string;
}

/** Depth streams of every session. */
export class DepthBoard {
  private readonly streams = new Map<Session, Map<string, Stream>>();

  constructor(private readonly engine: Engine) {}

  /** Starts (or resizes) a stream; returns a function that sends its first snapshot (after the ack). */
  subscribe(session: Session, symbol: string, levels: number, now: number): () => void {
    let bySymbol = this.streams.get(session);
    if (!bySymbol) {
      bySymbol = new Map();
      this.streams.set(session, bySymbol);
    }
    const stream: Stream = { levels, sentAt: now, sentKey: '' };
    bySymbol.set(symbol, stream);
    return () => this.send(session, symbol, stream, now);
  }

  /** Stops a stream. */
  unsubscribe(session: Session, symbol: string): void {
    this.streams.get(session)?.delete(symbol);
  }

  /** Sends each stream whose book changed, when its interval has passed; forgets closed sessions. */
  publish(now: number): void {
    // One book per symbol and depth this round, however many sessions watch it.
    const books = new Map<string, KeyedSnapshot>();
    for (const [session, bySymbol] of this.streams) {
      if (session.isClosed) {
        this.streams.delete(session);
        continue;
      }
      for (const [symbol, stream] of bySymbol) {
        if (now - stream.sentAt < DEPTH_INTERVAL_MS) continue;
        this.send(session, symbol, stream, now, books);
      }
    }
  }

  /** Sends a stream's snapshot; with `books` (a publication) only when it changed. */
  private send(
    session: Session,
    symbol: string,
    stream: Stream,
    now: number,
    books: Map<string, KeyedSnapshot> | null = null,
  ): void {
    const id = `${stream.levels}:${symbol}`;
    let book = books?.get(id);
    if (book === undefined) {
      const snapshot = this.snapshot(symbol, stream.levels, now);
      book = { snapshot, key: JSON.stringify([snapshot.bids, snapshot.asks]) };
      books?.set(id, book);
    }
    if (books !== null && book.key === stream.sentKey) return;
    stream.sentAt = now;
    stream.sentKey = book.key;
    session.push({ event: 'depth', payload: book.snapshot });
  }

  /** The public book of a symbol, `levels` a side. */
  snapshot(symbol: string, levels: number, now: number): DepthSnapshot {
    const book = this.engine.book(symbol, levels);
    return { symbol, bids: book.bids, asks: book.asks, time: now };
  }
}
