import { describe, expect, it } from 'vitest';
import type { RoundTrip } from '../../../../shared/ipc';
import { emptyReview } from '../account/testing/accountStub';
import { createStubApi, ok } from '../testing/stub-api';
import { ReviewState } from './review.svelte';

const trip = (id: string): RoundTrip => ({
  id,
  login: 'demo',
  symbol: 'EURUSD',
  direction: 'LONG',
  entrySide: 'BUY',
  entryTime: 0,
  exitTime: 60_000,
  entryPrice: 1.1,
  exitPrice: 1.105,
  qty: 10_000,
  pnl: 50,
  currency: 'USD',
  pnlAccount: 50,
  durationMs: 60_000,
  orderIds: [1, 2],
  note: '',
  tags: [],
});

describe('review state', () => {
  it('asks main for the range and filters chosen, then pages on from the trips it has', async () => {
    const api = createStubApi();
    api.reply('reviewRange', () => ok({ ...emptyReview(), trips: [trip('a')], totalTrips: 2 }));
    api.reply('reviewTrips', () => ok({ trips: [trip('b')], total: 2 }));
    const review = new ReviewState(api);
    review.preset = 'week';
    review.direction = 'SHORT';
    review.tag = ' news ';
    await review.load();
    await review.more();
    expect(review.trips.map((t) => t.id)).toEqual(['a', 'b']);
    const asked = api.calls.filter(
      (c) => c.command === 'reviewRange' || c.command === 'reviewTrips',
    );
    expect(asked.map((c) => c.input)).toEqual([
      { preset: 'week', direction: 'SHORT', tag: 'news', limit: 200 },
      { query: { preset: 'week', direction: 'SHORT', tag: 'news' }, offset: 1, limit: 200 },
    ]);
  });

  it('saves a note and tags and shows them on the trip at once', async () => {
    const api = createStubApi();
    api.reply('reviewRange', () => ok({ ...emptyReview(), trips: [trip('a')], totalTrips: 1 }));
    const review = new ReviewState(api);
    await review.load();
    review.edit(review.trips[0]!);
    review.draftNote = 'Waited for the retest';
    review.draftTags = 'plan, retest';
    await review.saveEntry();
    expect(review.trips[0]).toMatchObject({
      note: 'Waited for the retest',
      tags: ['plan', 'retest'],
    });
    expect(review.editing).toBeNull();
  });

  it('downloads the HTML report in the page and a CSV where the host has no dialog', async () => {
    const api = createStubApi();
    // The report comes in two pieces, joined before the download.
    api.reply('reviewExport', (input) =>
      input.kind === 'report'
        ? ok({
            fileName: 'r.html',
            content: input.offset === 0 ? '<a' : '/>',
            next: input.offset === 0 ? 2 : null,
          })
        : ok({ fileName: 'r.csv', content: 'x', next: null }),
    );
    const saved: string[] = [];
    const review = new ReviewState(api, (name, content, type) => {
      saved.push(`${name} ${type} ${content}`);
      return Promise.resolve();
    });
    await review.exportRange('report');
    await review.exportRange('trips');
    expect(saved).toEqual([
      'r.html text/html;charset=utf-8 <a/>',
      'r.csv text/csv;charset=utf-8 x',
    ]);
  });
});
