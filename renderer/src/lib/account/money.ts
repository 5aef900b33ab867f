/** Account money on screen: grouped, two decimals, a sign for P&L, "no rate" where main had none. */
import { formatGrouped } from '../../../../shared/domain';

/** Shown where main could not convert an amount to the account currency. */
export const NO_RATE = 'no rate';

/** An amount in the account currency, or "no rate". */
export function formatMoney(value: number | null): string {
  return value === null ? NO_RATE : formatGrouped(value, 2);
}

/** A P&L with its sign (+12.50, -3.00), or "no rate". */
export function formatPnl(value: number | null): string {
  if (value === null) return NO_RATE;
  return `${value > 0 ? '+' : ''}${formatGrouped(value, 2)}`;
}

/** The CSS class of a P&L: gain, loss or flat (none for "no rate"). */
export function pnlClass(value: number | null): string {
  if (value === null) return 'no-rate';
  return value > 0 ? 'gain' : value < 0 ? 'loss' : 'flat';
}

/** The accounting method as column headers name it: "Avg price (FIFO)", "Realized (average)". */
export function methodLabel(method: 'FIFO' | 'AVERAGE'): string {
  return method === 'FIFO' ? 'FIFO' : 'average';
}
