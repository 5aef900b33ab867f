/** The tools' side helper; decimal comparison and tick rounding come from shared/domain. */
import type { Side } from '../../shared/domain';

/** The other side. */
export function opposite(side: Side): Side {
  return side === 'BUY' ? 'SELL' : 'BUY';
}
