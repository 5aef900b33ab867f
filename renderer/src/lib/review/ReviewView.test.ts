/** The Review view on a stubbed main: summary with explanations, calendar, groupings, trips, journal. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { STAT_EXPLANATIONS, type RoundTrip } from '../../../../shared/ipc';
import { emptyReview } from '../account/testing/accountStub';
import { createStubApi, ok } from '../testing/stub-api';
import { ReviewState } from './review.svelte';
import ReviewView from './ReviewView.svelte';

const curves: unknown[] = [];
vi.mock('lightweight-charts', () => ({
  LineSeries: { type: 'Line' },
  createChart: () => ({
    addSeries: () => ({ setData: (data: unknown) => curves.push(data) }),
    timeScale: () => ({ fitContent: () => undefined }),
    remove: () => undefined,
  }),
}));

afterEach(cleanup);

const trip: RoundTrip = {
  id: '101:1>103:3',
  login: 'demo',
  symbol: 'EURUSD',
  direction: 'LONG',
  entrySide: 'BUY',
  entryTime: Date.parse('2026-03-02T09:00:00Z'),
  exitTime: Date.parse('2026-03-02T10:00:00Z'),
  entryPrice: 1.1,
  exitPrice: 1.105,
  qty: 10_000,
  pnl: 50,
  currency: 'USD',
  pnlAccount: 50,
  durationMs: 3_600_000,
  orderIds: [101, 103],
  note: '',
  tags: [],
};

function stubbed() {
  const api = createStubApi();
  const base = emptyReview();
  api.reply('reviewRange', () =>
    ok({
      ...base,
      stats: { ...base.stats, trips: 1, netProfit: 50, grossProfit: 50, winRate: 100 },
      balanceCurve: [{ time: trip.exitTime, balance: 100_050 }],
      daily: [{ key: '2026-03-02', pnl: 50, trips: 1, wins: 1 }],
      bySymbol: [{ key: 'EURUSD', pnl: 50, trips: 1, wins: 1 }],
      byDirection: [{ key: 'LONG', pnl: 50, trips: 1, wins: 1 }],
      byHour: [{ key: '10', pnl: 50, trips: 1, wins: 1 }],
      trips: [trip],
      totalTrips: 1,
    }),
  );
  api.reply('reviewExcursions', () => ok([{ tripId: trip.id, mae: -30, mfe: 40, reason: null }]));
  return api;
}

describe('Review view', () => {
  it('shows the summary with one-line explanations, the calendar, the groupings and the trips', async () => {
    const api = stubbed();
    render(ReviewView, { props: { review: new ReviewState(api), symbols: ['EURUSD'] } });
    const summary = await screen.findByLabelText('Summary');
    const net = summary.querySelector('[data-stat="netProfit"]');
    expect(net?.getAttribute('title')).toBe(STAT_EXPLANATIONS.netProfit);
    expect(net?.textContent).toContain('50.00');
    expect(document.querySelector('[data-day="2026-03-02"]')?.getAttribute('class')).toContain(
      'gain',
    );
    expect(document.querySelector('[data-key="EURUSD"]')?.getAttribute('data-pnl')).toBe('50');
    const trips = screen.getByRole('table', { name: 'Round trips' });
    const row = within(trips).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('LONG');
    expect(row.textContent).toContain('+50.00');
    expect(row.textContent).toContain('1h 00m');
    await vi.waitFor(() => expect(row.textContent).toContain('-30.00'));
    expect(curves.at(-1)).toEqual([{ time: trip.exitTime / 1000, value: 100_050 }]);
  });

  it('shows the trips’ prices and quantities with the instrument’s decimals, grouped', async () => {
    const api = stubbed();
    render(ReviewView, {
      props: {
        review: new ReviewState(api),
        symbols: ['EURUSD'],
        precisionOf: () => ({ pricePrecision: 5, qtyPrecision: 0 }),
      },
    });
    const trips = await screen.findByRole('table', { name: 'Round trips' });
    const cells = [...within(trips).getAllByRole('row')[1]!.querySelectorAll('td')].map(
      (td) => td.textContent,
    );
    // Qty, entry and exit: as the blotters show them (1.105 is 1.10500 on a 5-decimal pair).
    expect(cells.slice(3, 6)).toEqual(['10,000', '1.10000', '1.10500']);
  });

  it('saves a note and tags from the trip row', async () => {
    const api = stubbed();
    render(ReviewView, { props: { review: new ReviewState(api), symbols: [] } });
    await fireEvent.click(await screen.findByRole('button', { name: /Add note/ }));
    await fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'Plan followed' } });
    await fireEvent.input(screen.getByLabelText('Tags'), { target: { value: 'plan' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(api.calls.find((c) => c.command === 'saveJournal')?.input).toEqual({
        tripId: trip.id,
        note: 'Plan followed',
        tags: ['plan'],
      }),
    );
    await vi.waitFor(() =>
      expect(screen.getByRole('table', { name: 'Round trips' }).textContent).toContain('#plan'),
    );
  });
});
