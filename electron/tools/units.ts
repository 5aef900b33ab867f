/** Small number helpers of the tools: sides, decimal comparison, and the shared tick rounding. */
import type { Side } from '../../shared/domain';

export type { Side };
export { addTicks, roundToTick, ticksAway, type TickRules } from '../../shared/domain';

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
