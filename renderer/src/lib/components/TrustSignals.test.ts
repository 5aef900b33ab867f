/**
 * What the app shows when it cannot be trusted at face value: a failing save
 * (a persistent banner), stale prices (greyed, with their age), and what it
 * tells without being asked: an order's fills as one toast that updates, an
 * order change the user did not make; and a profile switch shows only the
 * new profile's rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import type { Notification } from '../../../../shared/ipc';
import { order, PAPER_PROFILE, REMOTE_PROFILE, connectedTo, snapshot } from '../testing/fixtures';
import { createStubApi, ok } from '../testing/stub-api';

afterEach(cleanup);

const now = (flush: () => void) => flush();

async function started(api = createStubApi()) {
  render(App, { props: { api, schedule: now } });
  await screen.findByRole('form', { name: 'Order ticket' });
  return api;
}

const note = (patch: Partial<Notification>): Notification => ({
  id: 'n1',
  kind: 'fill',
  message: 'Bought 1,000 EURUSD @ 1.08500, 2,000 left',
  time: 1,
  orderId: 5,
  ...patch,
});

describe('history cannot be saved', () => {
  it('shows a persistent banner with the real error until saving works again', async () => {
    const api = await started();
    expect(screen.queryByRole('alert', { name: 'History not saved' })).toBeNull();
    api.emit({
      storage: [
        {
          state: 'failing',
          message: 'History cannot be saved: database or disk is full',
          retryInMs: 2000,
        },
      ],
    });
    const banner = await screen.findByRole('alert', { name: 'History not saved' });
    expect(banner.textContent).toContain('History cannot be saved: database or disk is full');
    // Other batches do not take it down.
    api.emit({ quotes: [[{ symbol: 'EURUSD', bid: 1.1, ask: 1.2, last: null, time: 2 }]] });
    expect(screen.getByRole('alert', { name: 'History not saved' })).toBeTruthy();
    api.emit({ storage: [{ state: 'ok', message: null, retryInMs: null }] });
    await expect.poll(() => screen.queryByRole('alert', { name: 'History not saved' })).toBeNull();
  });
});

describe('stale prices', () => {
  it('greys out the watchlist, the ticket and position marks while not connected, with their age', async () => {
    const api = await started();
    const watchlist = screen.getByRole('region', { name: 'Watchlist' });
    expect(watchlist.classList.contains('stale')).toBe(false);
    expect(screen.queryByRole('status', { name: 'Prices stale' })).toBeNull();

    api.emit({
      connection: [{ ...connectedTo(PAPER_PROFILE), state: 'reconnecting', retryInMs: 1000 }],
    });
    await expect.poll(() => watchlist.classList.contains('stale')).toBe(true);
    expect(
      within(watchlist).getAllByRole('button', { name: /EURUSD bid .* \(stale\)/ }),
    ).toHaveLength(1);
    expect(within(watchlist).getByLabelText('EURUSD quote age').textContent).toMatch(/^\d+ s old$/);
    expect(screen.getByRole('status', { name: 'Prices stale' }).textContent).toMatch(
      /last quote \d+ s ago/,
    );
    // The ticket's market line and the positions' marks are under the app's stale class.
    const app = document.querySelector('.app');
    expect(app?.classList.contains('stale-prices')).toBe(true);
    expect(app?.querySelector('[aria-label="Market"]')).not.toBeNull();

    api.emit({ connection: [connectedTo(PAPER_PROFILE)] });
    await expect.poll(() => watchlist.classList.contains('stale')).toBe(false);
    expect(document.querySelector('.app')?.classList.contains('stale-prices')).toBe(false);
  });
});

describe('notifications', () => {
  it('groups the fills of one order into one toast that updates', async () => {
    const api = await started();
    api.emit({ notification: [note({})] });
    await screen.findAllByText('Bought 1,000 EURUSD @ 1.08500, 2,000 left');
    api.emit({
      notification: [note({ message: 'Bought 3,000 EURUSD @ 1.08510 avg (3 fills)', time: 2 })],
    });
    await screen.findAllByText('Bought 3,000 EURUSD @ 1.08510 avg (3 fills)');
    const toasts = screen.getByLabelText('Notifications');
    expect(within(toasts).getAllByRole('status')).toHaveLength(1);
    expect(within(toasts).queryByText(/2,000 left/)).toBeNull();
  });

  it('toasts an order change the user did not make', async () => {
    const api = await started();
    api.emit({
      notification: [
        note({
          id: 'n2',
          kind: 'order',
          message: 'Order BUY 1,000 EURUSD (c5) expired: its lifetime ended',
        }),
      ],
    });
    const toasts = screen.getByLabelText('Notifications');
    const toast = await within(toasts).findByRole('alert');
    expect(toast.textContent).toContain('Order');
    expect(toast.textContent).toContain('expired: its lifetime ended');
  });
});

describe('switching profiles', () => {
  it('shows only the new profile’s orders after a switch; Cancel all counts them', async () => {
    const paperOrders = [
      order({ orderId: 1, login: 'demo' }),
      order({ orderId: 2, login: 'demo' }),
    ];
    const api = createStubApi({ orders: paperOrders });
    await started(api);
    expect(screen.getByRole('tab', { name: /Working/ }).textContent).toContain('2');
    const remoteOrder = order({ orderId: 9, clientOrderId: 'remote-9', login: 'acct-b' });
    api.reply('getSnapshot', () =>
      ok(
        snapshot({
          connection: connectedTo(REMOTE_PROFILE),
          orders: [remoteOrder],
          positions: [],
        }),
      ),
    );
    api.emit({ profileChanged: [{ profileId: REMOTE_PROFILE.id }] });
    await expect.poll(() => screen.getByRole('tab', { name: /Working/ }).textContent).toMatch(/1/);
    // Cancel all asks about the connected profile's orders only.
    await fireEvent.click(screen.getByRole('button', { name: /Cancel all/ }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Cancel all working orders?' });
    expect(confirm.textContent).toContain('This cancels 1 working order on');
  });
});
