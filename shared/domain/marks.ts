/** How positions are keyed and marked: one rule for main and the renderer. */

/** A top of book as any side holds it. */
export interface TopOfBook {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

/** Mark price of a quote: last trade, else mid, else the one side given, else null. */
export function markPrice(quote: TopOfBook | undefined): number | null {
  if (!quote) return null;
  if (quote.last !== null) return quote.last;
  if (quote.bid !== null && quote.ask !== null) return (quote.bid + quote.ask) / 2;
  return quote.bid ?? quote.ask;
}

/** The key of one position: a login's net holding of one symbol. */
export function positionKey(position: { login: string; symbol: string }): string {
  return `${position.login}\u0000${position.symbol}`;
}
