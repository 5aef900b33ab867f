/** Small number helpers of the tools: decimal comparison and instrument tick rounding. */
import { fromUnits, type Instrument, type Side } from '../../shared/domain';

export type { Side };

/** The other side. */
export function opposite(side: Side): Side {
  return side === 'BUY' ? 'SELL' : 'BUY';
}

/** Compares two decimals, treating differences below 1e-9 of their size as equal. */
export function cmpDecimal(a: number, b: number): -1 | 0 | 1 {
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) <= scale * 1e-9) return 0;
  return a < b ? -1 : 1;
}

/** The instrument fields tick rounding needs. */
export type TickRules = Pick<Instrument, 'tickSize' | 'pricePrecision'>;

/** Rounds a price onto the tick grid, down or up. */
export function roundToTick(price: number, rules: TickRules, dir: 'down' | 'up'): number {
  const raw = price / rules.tickSize;
  // A price already on the grid must not move by float noise.
  const near = Math.round(raw);
  const ticks =
    Math.abs(raw - near) < 1e-7 ? near : dir === 'down' ? Math.floor(raw) : Math.ceil(raw);
  return fromUnits(ticks, rules.tickSize, rules.pricePrecision);
}

/** `price` moved by `ticks` ticks (negative: down), on the grid. */
export function addTicks(price: number, ticks: number, rules: TickRules): number {
  const base = Math.round(price / rules.tickSize);
  return fromUnits(base + ticks, rules.tickSize, rules.pricePrecision);
}
