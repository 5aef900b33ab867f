import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc';
import { HistoryDb } from '../db';
import { writeHistory } from '../db/testing/historyRows';
import { HAND_FILLS, HAND_NOW } from '../review/testing/handFills';
import {
  startCoreWithExchange,
  tempDir,
  unwrap,
  waitFor,
  type CoreHarness,
} from '../testing/coreTestkit';
import { PAPER_PROFILE_ID } from './profiles';

let harness: CoreHarness | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  tmp?.remove();
  tmp = null;
});

/** A data directory holding the hand-checked fills of the paper profile. */
function handDataDir(): string {
  tmp = tempDir('pd-review-core-');
  const db = new HistoryDb(tmp.dir);
  writeHistory(db, PAPER_PROFILE_ID, { fills: HAND_FILLS });
  db.close();
  return tmp.dir;
}

/** A disconnected core on that directory whose clock reads Friday 14:00 UTC. */
async function restart(dataDir: string): Promise<CoreHarness['core']> {
  await harness?.close();
  harness = await startCoreWithExchange(dataDir, {
    autoConnectProfileId: null,
    now: () => HAND_NOW,
  });
  return harness.core;
}

async function call<C extends CommandName>(
  core: CoreHarness['core'],
  command: C,
  input: CommandInput<C>,
): Promise<CommandOutput<C>> {
  return unwrap(await core.invoke(command, input)) as CommandOutput<C>;
}

describe('review commands', () => {
  it('review stored fills and say "no rate" without quotes to convert JPY and GBP', async () => {
    const core = await restart(handDataDir());
    const review = await call(core, 'reviewRange', { preset: 'all' });
    expect(review.totalTrips).toBe(7);
    expect(review.stats).toMatchObject({ trips: 7, noRate: 3, netProfit: 55, grossLoss: 20 });
    expect(review.trips[0]).toMatchObject({
      id: '109:9>111:11',
      pnl: 30,
      currency: 'GBP',
      pnlAccount: null,
    });
    const week = await call(core, 'reviewRange', { preset: 'today' });
    expect(week.trips.map((t) => t.id)).toEqual(['109:9>111:11']);
    const account = await call(core, 'getAccount', undefined);
    expect(account).toMatchObject({ balance: null, equity: null, noRate: ['EURGBP', 'USDJPY'] });
    expect(account.instruments.find((i) => i.symbol === 'EURUSD')).toMatchObject({
      realizedAccount: 55,
    });
  });

  it('count the trips traded since the last review of the same range', async () => {
    tmp = tempDir('pd-review-live-');
    harness = await startCoreWithExchange(tmp.dir, { autoConnectProfileId: null });
    const core = harness.core;
    expect((await call(core, 'connect', { profileId: PAPER_PROFILE_ID })).state).toBe('connected');
    const before = await call(core, 'reviewRange', { preset: 'all' });
    expect(before.totalTrips).toBe(0);
    const trade = async (side: 'BUY' | 'SELL') => {
      const placed = await call(core, 'placeOrder', {
        symbol: 'EURUSD',
        side,
        type: 'MARKET',
        quantity: 1000,
      });
      await waitFor(async () =>
        (await call(core, 'getSnapshot', undefined)).orders.some(
          (o) => o.orderId === placed.orderId && o.status === 'FILLED',
        ),
      );
    };
    await trade('BUY');
    await trade('SELL');
    // The same query again (All, no filter): the new round trip is in it, not the cached review.
    const after = await call(core, 'reviewRange', { preset: 'all' });
    expect(after.totalTrips).toBe(1);
    expect(after.trips[0]).toMatchObject({ symbol: 'EURUSD', direction: 'LONG', qty: 1000 });
    const page = await call(core, 'reviewTrips', {
      query: { preset: 'all' },
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(1);
  });

  it('follow the accounting method in trips and positions', async () => {
    const core = await restart(handDataDir());
    const before = await call(core, 'queryPositions', undefined);
    expect(before.find((p) => p.symbol === 'USDJPY')?.realizedPnl).toBe(15_000);
    const figures = await call(core, 'saveAccountSettings', { method: 'AVERAGE' });
    expect(figures.settings.method).toBe('AVERAGE');
    const review = await call(core, 'reviewRange', { preset: 'all', symbol: 'EURUSD' });
    expect(review.trips.map((t) => [t.id, t.pnlAccount])).toEqual([
      ['104:4>105:5', 10],
      ['101:1>104:4', 45],
    ]);
    expect(review.method).toBe('AVERAGE');
  });

  it('keep the accounting method of positions across a restart', async () => {
    const dataDir = handDataDir();
    const db = new HistoryDb(dataDir);
    const btc = (n: number, side: 'BUY' | 'SELL', price: number) => ({
      ...HAND_FILLS[0]!,
      fillId: `${200 + n}:${n}`,
      orderId: 200 + n,
      symbol: 'BTCUSDT',
      side,
      qty: 1,
      price,
      time: HAND_NOW - 1000 + n,
    });
    writeHistory(db, PAPER_PROFILE_ID, {
      fills: [btc(1, 'BUY', 100), btc(2, 'BUY', 110), btc(3, 'SELL', 120)],
    });
    db.close();
    let core = await restart(dataDir);
    const realized = async () =>
      (await call(core, 'queryPositions', undefined)).find((p) => p.symbol === 'BTCUSDT')
        ?.realizedPnl;
    // FIFO: the lot at 100 closed at 120.
    expect(await realized()).toBe(20);
    await call(core, 'saveAccountSettings', { method: 'AVERAGE' });
    expect(await realized()).toBe(15);
    core = await restart(dataDir);
    // Average cost 105 from the first position shown, before any account figure was asked.
    expect(await realized()).toBe(15);
  });

  it('keep a journal note and tag across a restart, searchable and filterable', async () => {
    const dataDir = handDataDir();
    let core = await restart(dataDir);
    await call(core, 'saveJournal', {
      tripId: '102:2>104:4',
      note: 'Held through the news',
      tags: ['news'],
    });
    core = await restart(dataDir);
    expect(await call(core, 'searchJournal', { text: 'NEWS' })).toMatchObject([
      { tripId: '102:2>104:4', note: 'Held through the news', tags: ['news'], updatedAt: HAND_NOW },
    ]);
    const tagged = await call(core, 'reviewRange', { preset: 'all', tag: 'news' });
    expect(tagged.trips.map((t) => [t.id, t.note])).toEqual([
      ['102:2>104:4', 'Held through the news'],
    ]);
  });

  it('page trips newest first and export trips, fills and a report', async () => {
    const core = await restart(handDataDir());
    await call(core, 'reviewRange', { preset: 'all', limit: 2 });
    const page = await call(core, 'reviewTrips', { query: { preset: 'all' }, offset: 2, limit: 2 });
    expect(page).toMatchObject({ total: 7 });
    expect(page.trips.map((t) => t.id)).toEqual(['106:6>107:7', '104:4>105:5']);
    const trips = await call(core, 'reviewExport', { query: { preset: 'week' }, kind: 'trips' });
    expect(trips.fileName).toMatch(/^round-trips-2026-03-06\.csv$/);
    expect(trips.content.trim().split('\r\n')).toHaveLength(8);
    const fills = await call(core, 'reviewExport', { query: { preset: 'today' }, kind: 'fills' });
    expect(fills.content.trim().split('\r\n').slice(1)).toEqual([
      '111:11,111,c11,demo,EURGBP,SELL,0.855,6000,2026-03-06T13:00:00.000Z,11',
    ]);
    const report = await call(core, 'reviewExport', { query: { preset: 'all' }, kind: 'report' });
    expect(report.content).toContain('<th>Net profit</th><td>55.00</td>');
    expect([trips.next, fills.next, report.next]).toEqual([null, null, null]);
    // A piece from an offset continues the same file.
    const rest = await call(core, 'reviewExport', {
      query: { preset: 'all' },
      kind: 'report',
      offset: 100,
    });
    expect(rest.content).toBe(report.content.slice(100));
  });

  it('explain that excursions need the Chart API when the profile has none connected', async () => {
    const core = await restart(handDataDir());
    await call(core, 'reviewRange', { preset: 'all' });
    expect(await call(core, 'reviewExcursions', { tripIds: ['101:1>103:3', 'nope'] })).toEqual([
      {
        tripId: '101:1>103:3',
        mae: null,
        mfe: null,
        reason: 'No Chart API on this profile: excursions unavailable',
      },
      { tripId: 'nope', mae: null, mfe: null, reason: 'Not in the last review: review again' },
    ]);
  });

  it('reset the paper account: figures count from now, history stays', async () => {
    const core = await restart(handDataDir());
    const reset = await call(core, 'resetPaperAccount', { startingBalance: 25_000 });
    expect(reset.settings).toMatchObject({
      epochId: 2,
      epochStart: HAND_NOW,
      startingBalance: 25_000,
    });
    // Nothing realized since: the balance is the new start, though JPY and GBP have no rate.
    expect(reset.realized).toBe(0);
    expect(reset.balance).toBe(25_000);
    expect((await call(core, 'reviewRange', { preset: 'all' })).totalTrips).toBe(7);
  });
});
