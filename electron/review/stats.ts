/**
 * The review's statistics over closed trips in exit order, in the account
 * currency. Sums are exact integers (1e-16 units); ratios are computed once
 * from them at the end. Trips without a rate are counted but left out of money.
 */
import type { ReviewStats } from '../../shared/ipc';
export { STAT_EXPLANATIONS } from '../../shared/ipc';
import { fromFixed } from '../../shared/domain/decimal';
import { ACCOUNT_DECIMALS } from '../account/figures';

/** A trip as the statistics see it: its exit time and P&L in account units (null: no rate). */
export interface TripResult {
  exitTime: number;
  pnl: bigint | null;
}

const DAY_MS = 86_400_000;

/** Statistics of trips sorted by exit time, on a balance curve from `startingBalance` (1e-16). */
export function reviewStats(trips: readonly TripResult[], startingBalance: bigint): ReviewStats {
  const money = (units: bigint): number => fromFixed(units, 16, ACCOUNT_DECIMALS);
  let net = 0n;
  let grossProfit = 0n;
  let grossLoss = 0n;
  let wins = 0;
  let losses = 0;
  let counted = 0;
  let largestWin: bigint | null = null;
  let largestLoss: bigint | null = null;
  let winRun = 0;
  let lossRun = 0;
  let longestWin = 0;
  let longestLoss = 0;
  let balance = startingBalance;
  let peak = startingBalance;
  let maxDrawdown = 0n;
  let maxDrawdownPeak = startingBalance;
  for (const trip of trips) {
    if (trip.pnl === null) continue;
    const pnl = trip.pnl;
    counted += 1;
    net += pnl;
    if (pnl > 0n) {
      wins += 1;
      grossProfit += pnl;
      if (largestWin === null || pnl > largestWin) largestWin = pnl;
      winRun += 1;
      lossRun = 0;
    } else if (pnl < 0n) {
      losses += 1;
      grossLoss -= pnl;
      if (largestLoss === null || pnl < largestLoss) largestLoss = pnl;
      lossRun += 1;
      winRun = 0;
    } else {
      winRun = 0;
      lossRun = 0;
    }
    longestWin = Math.max(longestWin, winRun);
    longestLoss = Math.max(longestLoss, lossRun);
    balance += pnl;
    if (balance > peak) peak = balance;
    if (peak - balance > maxDrawdown) {
      maxDrawdown = peak - balance;
      maxDrawdownPeak = peak;
    }
  }
  const ratio = (a: bigint, b: bigint): number | null =>
    b === 0n ? null : Number((a * 10n ** 12n) / b) / 1e12;
  return {
    trips: trips.length,
    noRate: trips.length - counted,
    netProfit: money(net),
    grossProfit: money(grossProfit),
    grossLoss: money(grossLoss),
    profitFactor: ratio(grossProfit, grossLoss),
    expectedPayoff: counted === 0 ? null : money(net / BigInt(counted)),
    winRate: counted === 0 ? null : (wins / counted) * 100,
    avgWin: wins === 0 ? null : money(grossProfit / BigInt(wins)),
    avgLoss: losses === 0 ? null : -money(grossLoss / BigInt(losses)),
    largestWin: largestWin === null ? null : money(largestWin),
    largestLoss: largestLoss === null ? null : money(largestLoss),
    longestWinStreak: longestWin,
    longestLossStreak: longestLoss,
    maxDrawdown: money(maxDrawdown),
    maxDrawdownPct:
      maxDrawdownPeak <= 0n ? 0 : Number((maxDrawdown * 10n ** 14n) / maxDrawdownPeak) / 1e12,
    recoveryFactor: ratio(net, maxDrawdown),
    sharpe: dailySharpe(trips, startingBalance),
  };
}

/** Sharpe of daily returns (P&L ÷ balance at the day's start), × √365; null under two days or no spread. */
export function dailySharpe(trips: readonly TripResult[], startingBalance: bigint): number | null {
  const byDay = new Map<number, bigint>();
  for (const trip of trips) {
    if (trip.pnl === null) continue;
    const day = Math.floor(trip.exitTime / DAY_MS);
    byDay.set(day, (byDay.get(day) ?? 0n) + trip.pnl);
  }
  if (byDay.size === 0) return null;
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const first = days[0] ?? 0;
  const last = days.at(-1) ?? 0;
  if (last === first) return null;
  const returns: number[] = [];
  let balance = startingBalance;
  for (let day = first; day <= last; day += 1) {
    const pnl = byDay.get(day) ?? 0n;
    returns.push(balance === 0n ? 0 : Number((pnl * 10n ** 12n) / balance) / 1e12);
    balance += pnl;
  }
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  const sd = Math.sqrt(variance);
  return sd === 0 ? null : (mean / sd) * Math.sqrt(365);
}
