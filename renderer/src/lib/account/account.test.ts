import { describe, expect, it } from 'vitest';
import { emptyAccount } from './testing/accountStub';
import { createStubApi, ok } from '../testing/stub-api';
import { ACCOUNT_REFRESH_MS, AccountState, touchesAccount, type Timer } from './account.svelte';
import { formatMoney, formatPnl, pnlClass } from './money';

/** A timer the test fires by hand. */
function manualTimer(): Timer & { fire(): void; pending: number } {
  const callbacks: (() => void)[] = [];
  return {
    set: (callback, ms) => {
      expect(ms).toBe(ACCOUNT_REFRESH_MS);
      callbacks.push(callback);
      return callbacks.length;
    },
    clear: () => void callbacks.splice(0),
    fire: () => callbacks.splice(0).forEach((c) => c()),
    get pending() {
      return callbacks.length;
    },
  };
}

describe('account state', () => {
  it('asks for the figures at most once a second however many batches move them', async () => {
    const api = createStubApi();
    let asked = 0;
    api.reply('getAccount', () => {
      asked += 1;
      return ok({ ...emptyAccount(), balance: 100_000 + asked });
    });
    const timer = manualTimer();
    const account = new AccountState(api, timer);
    account.start();
    await Promise.resolve();
    for (let i = 0; i < 5; i += 1) api.emit({ quotes: [] });
    expect(timer.pending).toBe(1);
    timer.fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toBe(2);
    expect(account.figures?.balance).toBe(100_002);
    account.dispose();
  });

  it('only batches of positions, fills, quotes or a profile change move the figures', () => {
    expect(touchesAccount({ notification: [] })).toBe(false);
    expect(touchesAccount({ fills: [] })).toBe(true);
    expect(touchesAccount({ profileChanged: [{ profileId: 'p' }] })).toBe(true);
  });
});

describe('account money', () => {
  it('shows "no rate" where main had no rate, never a guess', () => {
    expect(formatMoney(null)).toBe('no rate');
    expect(formatPnl(null)).toBe('no rate');
    expect(pnlClass(null)).toBe('no-rate');
  });

  it('groups digits and signs P&L', () => {
    expect(formatMoney(100_175.833)).toBe('100,175.83');
    expect(formatPnl(12.5)).toBe('+12.50');
    expect(formatPnl(-3)).toBe('-3.00');
  });
});
