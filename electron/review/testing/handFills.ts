/**
 * A fixed set of fills whose every figure is worked out by hand in the tests:
 * EURUSD (USD), USDJPY (JPY) and EURGBP (GBP, a cross via GBPUSD), long and
 * short, partial closes and a flip, over five UTC days from Monday 2026-03-02.
 */
import type { Side } from '../../../shared/domain';
import { toFixed } from '../../../shared/domain/decimal';
import type { StoredFill } from '../../store';

const at = (iso: string): number => Date.parse(iso);

function fill(
  n: number,
  symbol: string,
  side: Side,
  qty: number,
  price: number,
  iso: string,
): StoredFill {
  return {
    fillId: `${100 + n}:${n}`,
    orderId: 100 + n,
    clientOrderId: `c${n}`,
    login: 'demo',
    symbol,
    side,
    price,
    qty,
    time: at(iso),
    tradeId: n,
    cumQty: qty,
    derived: false,
  };
}

/** The fills, oldest first. */
export const HAND_FILLS: readonly StoredFill[] = [
  fill(1, 'EURUSD', 'BUY', 10_000, 1.1, '2026-03-02T09:00:00Z'),
  fill(2, 'EURUSD', 'BUY', 10_000, 1.102, '2026-03-02T09:30:00Z'),
  fill(3, 'EURUSD', 'SELL', 15_000, 1.105, '2026-03-02T10:00:00Z'),
  fill(4, 'EURUSD', 'SELL', 10_000, 1.098, '2026-03-03T14:00:00Z'),
  fill(5, 'EURUSD', 'BUY', 5_000, 1.096, '2026-03-03T15:00:00Z'),
  fill(6, 'USDJPY', 'SELL', 20_000, 150, '2026-03-04T08:00:00Z'),
  fill(7, 'USDJPY', 'BUY', 20_000, 149.25, '2026-03-04T09:00:00Z'),
  fill(8, 'USDJPY', 'BUY', 10_000, 149.5, '2026-03-04T10:00:00Z'),
  fill(9, 'EURGBP', 'BUY', 10_000, 0.85, '2026-03-05T11:00:00Z'),
  fill(10, 'EURGBP', 'SELL', 4_000, 0.84, '2026-03-05T12:00:00Z'),
  fill(11, 'EURGBP', 'SELL', 6_000, 0.855, '2026-03-06T13:00:00Z'),
];

/** The review's clock: Friday 2026-03-06 14:00 UTC (fill 11 closed today). */
export const HAND_NOW = at('2026-03-06T14:00:00Z');

/** Live marks: EURUSD 1.1, USDJPY 150, GBPUSD 1.25 (EURGBP unquoted: flat). */
export const HAND_MARKS: ReadonlyMap<string, bigint> = new Map([
  ['EURUSD', toFixed(1.1)],
  ['USDJPY', toFixed(150)],
  ['GBPUSD', toFixed(1.25)],
]);
