import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import type { Notification } from '../../../../shared/ipc';
import { NotificationsState } from '../state/notifications.svelte';
import EventLog from './EventLog.svelte';

afterEach(cleanup);

const note = (i: number): Notification => ({
  id: `n${i}`,
  kind: 'fill',
  message: `Bought ${i} EURUSD @ 1.08500`,
  time: Date.UTC(2026, 10, 30, 9, 0, 0, i),
  orderId: i,
});

describe('event log', () => {
  it('draws the newest entries in view, not all 500 it keeps, and says how many there are', async () => {
    const notifications = new NotificationsState();
    render(EventLog, { props: { notifications } });
    expect(screen.getByText('No events yet')).toBeTruthy();
    notifications.push(
      Array.from({ length: 600 }, (_, i) => note(i)),
      false,
    );
    await tick();
    const items = within(screen.getByRole('region', { name: 'Event log' })).getAllByRole(
      'listitem',
    );
    // The panel shows six lines; a few more are drawn either side of the view.
    expect(items.length).toBeLessThanOrEqual(12);
    expect(items[0]?.textContent).toContain('Bought 599 EURUSD');
    expect(items[0]?.getAttribute('aria-setsize')).toBe('500');
    expect(items[0]?.getAttribute('aria-posinset')).toBe('1');
  });
});
