/** EURUSD at the test exchange, as the tools' journeys move and read it. */
import type { TestExchange } from './fixtures';

/** A price at EURUSD's precision (5 decimals). */
export const px = (n: number): number => Number(n.toFixed(5));

/** EURUSD's tick. */
export const TICK = 0.00001;

/** The exchange's best bid and ask of EURUSD. */
export function top(exchange: TestExchange): { bid: number; ask: number } {
  const book = exchange.handle.engine.book('EURUSD', 1);
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid === undefined || ask === undefined) throw new Error('no EURUSD market');
  return { bid, ask };
}

/** Moves EURUSD and lets exchange time pass, so quotes and depth go out. */
export function move(exchange: TestExchange, price: number): void {
  exchange.setPrice('EURUSD', px(price));
  exchange.controls.advance(200);
}
