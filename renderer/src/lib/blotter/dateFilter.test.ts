import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi } from '../testing/stub-api';
import { toDateTimeLocal } from '../format';
import { order } from '../testing/fixtures';
import { filterEndOf, filterEndValue } from './dateFilter';

afterEach(cleanup);

const T0 = new Date(2024, 4, 1, 9, 30, 0, 0).getTime();

describe('date filter "To"', () => {
  it('includes the whole minute it names', async () => {
    const orders = [
      order({ orderId: 1, status: 'FILLED', updatedAt: T0 + 30_000 }),
      order({ orderId: 2, status: 'FILLED', updatedAt: T0 + 59_999 }),
      order({ orderId: 3, status: 'FILLED', updatedAt: T0 + 60_000 }),
    ];
    render(App, { props: { api: createStubApi({ orders }) } });
    await screen.findByRole('form', { name: 'Order ticket' });
    await fireEvent.click(screen.getByRole('tab', { name: 'Orders' }));
    const grid = await screen.findByRole('grid', { name: 'Order history' });
    const ids = () =>
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('[data-col="orderId"]')?.textContent?.trim());
    await waitFor(() => expect(ids()).toHaveLength(3));
    const to = screen.getByLabelText<HTMLInputElement>('To');
    await fireEvent.change(to, { target: { value: toDateTimeLocal(T0) } });
    expect(ids()).toEqual(['2', '1']);
    // The field still shows the minute typed, not the exclusive end behind it.
    expect(to.value).toBe(toDateTimeLocal(T0));
  });

  it('ends a typed minute, second or millisecond after its last instant', () => {
    expect(filterEndOf('2024-05-01T09:30')).toBe(T0 + 60_000);
    expect(filterEndOf('2024-05-01T09:30:15')).toBe(T0 + 16_000);
    expect(filterEndOf('2024-05-01T09:30:15.250')).toBe(T0 + 15_251);
    expect(filterEndOf('')).toBeNull();
    expect(filterEndValue(T0 + 60_000)).toBe('2024-05-01T09:30');
  });
});
