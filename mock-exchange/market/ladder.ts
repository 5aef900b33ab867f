/**
 * The market maker's desired quotes around a reference: `levels` prices on
 * each side on a grid of `spacingTicks`, so small reference moves do not
 * churn every quote. Bids are always below asks.
 */
import type { SymbolParams } from './params';

/** Desired bid and ask prices (in ticks), best first. */
export interface Ladder {
  bids: number[];
  asks: number[];
}

/** Builds the maker's ladder for a reference price (in ticks). */
export function buildLadder(referenceTicks: number, params: SymbolParams, levels: number): Ladder {
  const { halfSpreadTicks: half, spacingTicks: step } = params;
  const bestBid = Math.floor((referenceTicks - half) / step) * step;
  const bestAsk = Math.ceil((referenceTicks + half) / step) * step;
  const bids: number[] = [];
  const asks: number[] = [];
  for (let i = 0; i < levels; i++) {
    const bid = bestBid - i * step;
    if (bid > 0) bids.push(bid);
    asks.push(bestAsk + i * step);
  }
  return { bids, asks };
}
