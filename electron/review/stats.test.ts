import { describe, expect, it } from 'vitest';
import { computeReview, type ReviewSpec } from './review';
import { reviewStats, STAT_EXPLANATIONS } from './stats';
import { HAND_FILLS, HAND_MARKS } from './testing/handFills';

const spec = (method: 'FIFO' | 'AVERAGE'): ReviewSpec => ({
  method,
  currency: 'USD',
  startingBalance: 100_000,
  range: { from: null, to: null },
  marks: HAND_MARKS,
  journal: new Map(),
});

describe('review statistics', () => {
  it('computes every figure of the FIFO trips as worked by hand', () => {
    // Trips in USD, by exit: +50 +15 -20 +10 +100 -50 +37.50.
    const { stats } = computeReview([HAND_FILLS], spec('FIFO'));
    expect(stats).toMatchObject({
      trips: 7,
      noRate: 0,
      netProfit: 142.5,
      grossProfit: 212.5,
      grossLoss: 70,
      expectedPayoff: 20.36, // 142.50 / 7 = 20.357
      avgWin: 42.5, // 212.50 / 5
      avgLoss: -35, // 70 / 2
      largestWin: 100,
      largestLoss: -50,
      longestWinStreak: 2, // W W L W W L W
      longestLossStreak: 1,
      // Balance 100,050 100,065 100,045 100,055 100,155 (peak) 100,105 100,142.50.
      maxDrawdown: 50,
      recoveryFactor: 2.85, // 142.50 / 50
    });
    expect(stats.profitFactor).toBeCloseTo(212.5 / 70, 10); // 3.0357
    expect(stats.winRate).toBeCloseTo((5 / 7) * 100, 10); // 71.43 %
    expect(stats.maxDrawdownPct).toBeCloseTo(0.0499226, 6); // 50 / 100,155
    // Daily P&L 65, -10, 100, -50, 37.50 over the balance at each day's start:
    // returns 0.00065, -0.0000999350, 0.000999450, -0.000499226, 0.000374607.
    expect(stats.sharpe).toBeCloseTo(9.1544, 3);
  });

  it('computes every figure of the average-cost trips as worked by hand', () => {
    // Trips in USD, by exit: +45 +10 +100 -12.50.
    const { stats } = computeReview([HAND_FILLS], spec('AVERAGE'));
    expect(stats).toMatchObject({
      trips: 4,
      netProfit: 142.5,
      grossProfit: 155,
      grossLoss: 12.5,
      profitFactor: 12.4,
      expectedPayoff: 35.63, // 35.625, half away from zero
      winRate: 75,
      avgWin: 51.67, // 155 / 3
      avgLoss: -12.5,
      largestWin: 100,
      largestLoss: -12.5,
      longestWinStreak: 3,
      longestLossStreak: 1,
      maxDrawdown: 12.5,
      recoveryFactor: 11.4,
    });
    expect(stats.maxDrawdownPct).toBeCloseTo(0.0124807, 6); // 12.50 / 100,155
    // Days from the first exit (Tue) to the last (Fri): 55, 100, 0, -12.50.
    expect(stats.sharpe).toBeCloseTo(13.0986, 3);
  });

  it('groups the FIFO trips by day, instrument, direction and hour', () => {
    const { groups } = computeReview([HAND_FILLS], spec('FIFO'));
    expect(groups.daily).toEqual([
      { key: '2026-03-02', pnl: 65, trips: 2, wins: 2 },
      { key: '2026-03-03', pnl: -10, trips: 2, wins: 1 },
      { key: '2026-03-04', pnl: 100, trips: 1, wins: 1 },
      { key: '2026-03-05', pnl: -50, trips: 1, wins: 0 },
      { key: '2026-03-06', pnl: 37.5, trips: 1, wins: 1 },
    ]);
    expect(groups.bySymbol).toEqual([
      { key: 'EURGBP', pnl: -12.5, trips: 2, wins: 1 },
      { key: 'EURUSD', pnl: 55, trips: 4, wins: 3 },
      { key: 'USDJPY', pnl: 100, trips: 1, wins: 1 },
    ]);
    expect(groups.byDirection).toEqual([
      { key: 'LONG', pnl: 32.5, trips: 5, wins: 3 },
      { key: 'SHORT', pnl: 110, trips: 2, wins: 2 },
    ]);
    expect(groups.byHour.map((b) => [b.key, b.pnl])).toEqual([
      ['09', 100],
      ['10', 65],
      ['12', -50],
      ['13', 37.5],
      ['14', -20],
      ['15', 10],
    ]);
  });

  it('draws the balance curve from the starting balance through each exit', () => {
    const { balanceCurve } = computeReview([HAND_FILLS], spec('AVERAGE'));
    expect(balanceCurve.map((p) => p.balance)).toEqual([100_045, 100_055, 100_155, 100_142.5]);
  });

  it('leaves ratios undefined (null) where they have no meaning', () => {
    const stats = reviewStats([{ exitTime: 0, pnl: 5n * 10n ** 16n }], 100_000n * 10n ** 16n);
    expect(stats).toMatchObject({
      profitFactor: null,
      avgLoss: null,
      recoveryFactor: null,
      sharpe: null,
      maxDrawdown: 0,
      winRate: 100,
    });
    expect(reviewStats([], 0n)).toMatchObject({ trips: 0, winRate: null, expectedPayoff: null });
  });

  it('explains every statistic in one line', () => {
    for (const line of Object.values(STAT_EXPLANATIONS)) {
      expect(line.length).toBeGreaterThan(10);
      expect(line).not.toContain('\n');
    }
  });
});
