/** Empty replies of the account and review commands, for the renderer's stub API. */
import { AccountSettings, type AccountFigures, type ReviewResult } from '../../../../../shared/ipc';

/** A fresh USD account with nothing traded. */
export function emptyAccount(): AccountFigures {
  return {
    settings: AccountSettings.parse({}),
    balance: 100_000,
    equity: 100_000,
    todayPnl: 0,
    realized: 0,
    unrealized: 0,
    noRate: [],
    instruments: [],
    asOf: 0,
  };
}

/** A review of nothing. */
export function emptyReview(): ReviewResult {
  return {
    from: null,
    to: null,
    currency: 'USD',
    method: 'FIFO',
    stats: {
      trips: 0,
      noRate: 0,
      netProfit: 0,
      grossProfit: 0,
      grossLoss: 0,
      profitFactor: null,
      expectedPayoff: null,
      winRate: null,
      avgWin: null,
      avgLoss: null,
      largestWin: null,
      largestLoss: null,
      longestWinStreak: 0,
      longestLossStreak: 0,
      maxDrawdown: 0,
      maxDrawdownPct: 0,
      recoveryFactor: null,
      sharpe: null,
    },
    balanceCurve: [],
    equityNow: null,
    daily: [],
    bySymbol: [],
    byDirection: [],
    byHour: [],
    trips: [],
    totalTrips: 0,
  };
}
