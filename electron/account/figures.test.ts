import { describe, expect, it } from 'vitest';
import { AccountSettings } from '../../shared/ipc';
import { toFixed } from '../../shared/domain/decimal';
import { HAND_FILLS, HAND_MARKS, HAND_NOW } from '../review/testing/handFills';
import { accountFigures, utcDayStart } from './figures';
import { ledgersOf } from './ledger';
import { nextPaperAccount } from './settings';

const positions = (fills = HAND_FILLS) =>
  [...new Set(fills.map((f) => f.symbol))].map((symbol) => ({
    symbol,
    fills: fills.filter((f) => f.symbol === symbol),
  }));
const settings = (over: Partial<AccountSettings> = {}): AccountSettings => ({
  ...AccountSettings.parse({}),
  ...over,
});
const figures = (s: AccountSettings, marks = HAND_MARKS, fills = HAND_FILLS) =>
  accountFigures(
    s,
    ledgersOf(positions(fills), s.method, s.epochStart, utcDayStart(HAND_NOW)),
    marks,
    HAND_NOW,
  );

describe('account figures', () => {
  it('defaults to a USD account of 100,000 under FIFO', () => {
    expect(settings()).toEqual({
      currency: 'USD',
      startingBalance: 100_000,
      method: 'FIFO',
      epochId: 1,
      epochStart: 0,
    });
  });

  it('computes balance, equity and today from three currencies as worked by hand', () => {
    const account = figures(settings());
    // Realized: EURUSD 55 USD, USDJPY 15,000 JPY / 150 = 100, EURGBP -10 GBP x 1.25 = -12.50.
    expect(account.realized).toBe(142.5);
    expect(account.balance).toBe(100_142.5);
    // Open: 10,000 USDJPY bought at 149.50, marked 150: 5,000 JPY = 33.33 USD.
    expect(account.unrealized).toBe(33.33);
    expect(account.equity).toBe(100_175.83);
    // Today (Friday): EURGBP's last close +30 GBP = 37.50, plus 33.333 unrealized.
    expect(account.todayPnl).toBe(70.83);
    expect(account.noRate).toEqual([]);
    expect(account.instruments).toEqual([
      {
        symbol: 'EURGBP',
        currency: 'GBP',
        netQty: 0,
        realized: -10,
        unrealized: null,
        realizedAccount: -12.5,
        unrealizedAccount: null,
        exposureAccount: null,
        noRate: false,
      },
      {
        symbol: 'EURUSD',
        currency: 'USD',
        netQty: 0,
        realized: 55,
        unrealized: null,
        realizedAccount: 55,
        unrealizedAccount: null,
        exposureAccount: 0,
        noRate: false,
      },
      {
        symbol: 'USDJPY',
        currency: 'JPY',
        netQty: 10_000,
        realized: 15_000,
        unrealized: 5_000,
        realizedAccount: 100,
        unrealizedAccount: 33.33,
        // 10,000 x 150 JPY = 1,500,000 JPY = 10,000 USD.
        exposureAccount: 10_000,
        noRate: false,
      },
    ]);
  });

  it('gives the same totals under average cost once the positions are flat', () => {
    const account = figures(settings({ method: 'AVERAGE' }));
    expect([account.balance, account.equity]).toEqual([100_142.5, 100_175.83]);
  });

  it('counts realized P&L from the epoch of a reset paper account', () => {
    // A reset on Thursday 00:00: only EURGBP's closes (-40 and +30 GBP) come after it.
    const reset = nextPaperAccount(settings(), Date.parse('2026-03-05T00:00:00Z'), 50_000);
    expect(reset).toMatchObject({ epochId: 2, startingBalance: 50_000 });
    const account = figures(reset);
    // -10 GBP = -12.50 USD since the epoch; USDJPY's position is carried (33.33 open).
    expect(account.balance).toBe(49_987.5);
    expect(account.equity).toBe(50_020.83);
  });

  it('counts today from a reset made today, not from 00:00 UTC', () => {
    // Reset on Friday 13:30, after EURGBP's close at 13:00 (+30 GBP): today holds no realized.
    const reset = nextPaperAccount(settings(), Date.parse('2026-03-06T13:30:00Z'), 25_000);
    const account = figures(reset);
    expect(account.realized).toBe(0);
    expect(account.unrealized).toBe(33.33);
    expect(account.todayPnl).toBe(33.33);
  });

  it('in a JPY account divides nothing and multiplies USD by USDJPY', () => {
    const account = figures(settings({ currency: 'JPY' }));
    // 55 USD x 150 + 15,000 + (-10 GBP x 1.25 x 150 = -1,875) = 21,375 JPY.
    expect(account.realized).toBe(21_375);
    expect(account.unrealized).toBe(5_000);
  });

  it('says "no rate" instead of guessing when a currency cannot be converted', () => {
    const marks = new Map([['USDJPY', toFixed(150)]]);
    const account = figures(settings(), marks);
    // EURGBP realized -10 GBP but no GBPUSD: balance unknown; EURUSD has no mark but is USD.
    expect(account.noRate).toEqual(['EURGBP']);
    expect(account.balance).toBeNull();
    expect(account.equity).toBeNull();
    expect(account.unrealized).toBe(33.33);
  });

  it('totals are the sum of the instrument lines as shown, to the cent', () => {
    // Two positions each half a cent up: each line shows 0.01, so the total must say 0.02
    // (the unrounded sum, 0.01, would leave the user a cent they cannot find).
    const fill = (side: 'BUY' | 'SELL', price: number, time: number) => ({
      side,
      qty: 1,
      price,
      time,
    });
    const lines = [
      { symbol: 'EURUSD', fills: [fill('BUY', 1, 1), fill('SELL', 1.005, 2), fill('BUY', 1, 3)] },
      { symbol: 'GBPUSD', fills: [fill('BUY', 1, 1), fill('SELL', 1.005, 2), fill('BUY', 1, 3)] },
    ];
    const s = settings();
    const marks = new Map([
      ['EURUSD', toFixed(1.005)],
      ['GBPUSD', toFixed(1.005)],
    ]);
    const account = accountFigures(s, ledgersOf(lines, s.method, 0, 0), marks, HAND_NOW);
    expect(account.instruments.map((i) => [i.realizedAccount, i.unrealizedAccount])).toEqual([
      [0.01, 0.01],
      [0.01, 0.01],
    ]);
    expect([account.realized, account.unrealized]).toEqual([0.02, 0.02]);
    expect(account.equity).toBe(100_000.04);
  });
});
