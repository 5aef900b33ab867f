/** Test harness: an exchange on a free loopback port with a manual clock, and clients of it. */
import type { ExchangeHandle } from '../index';
import { startTestExchange, type TestExchangeOptions } from './exchange';
import { TestClient, type ConnectOptions } from '../test-client/client';

/** A running test exchange and the clients opened on it. */
export interface Harness {
  ex: ExchangeHandle;
  /** Opens a client (token `demo` by default). */
  connect(options?: ConnectOptions): Promise<TestClient>;
  /** Best bid and ask of a symbol right now. */
  top(symbol: string): { bid: number; ask: number };
  /** Closes every client, then the exchange. */
  close(): Promise<void>;
}

/** Starts an exchange for one test: manual clock, market paused unless `live`. */
export async function openExchange(options: TestExchangeOptions = {}): Promise<Harness> {
  const ex = await startTestExchange(options);
  const clients: TestClient[] = [];
  return {
    ex,
    connect: async (connectOptions) => {
      const client = await TestClient.connect(ex.url, connectOptions);
      clients.push(client);
      return client;
    },
    top: (symbol) => {
      const book = ex.engine.book(symbol, 1);
      const bid = book.bids[0]?.[0];
      const ask = book.asks[0]?.[0];
      if (bid === undefined || ask === undefined)
        throw new Error(`${symbol} has no two-sided book`);
      return { bid, ask };
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await ex.close();
    },
  };
}
