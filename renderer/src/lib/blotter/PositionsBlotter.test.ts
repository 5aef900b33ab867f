import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { PositionRow } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';

afterEach(() => cleanup());

const position: PositionRow = {
  login: 'L1',
  symbol: 'EURUSD',
  netQty: 3000,
  avgPrice: 1.085,
  realizedPnl: 0,
  unrealizedPnl: 0,
  markPrice: 1.085,
};
const calls = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

async function positionsTab(api: StubApi): Promise<HTMLElement> {
  render(App, { props: { api } });
  await screen.findByRole('grid', { name: 'Working orders' });
  await fireEvent.click(screen.getByRole('tab', { name: /Positions/ }));
  return screen.findByRole('region', { name: 'Positions blotter' });
}

describe('positions blotter actions', () => {
  it('closes and reverses a position from its row and reports the outcome', async () => {
    const api = createStubApi({ positions: [position] });
    api.reply('closePosition', () =>
      ok({ sent: 1, filled: 1, failed: [], cancelled: 0, cancelFailed: [] }),
    );
    const blotter = await positionsTab(api);
    await fireEvent.click(await within(blotter).findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(calls(api, 'closePosition')).toEqual([{ symbol: 'EURUSD' }]));
    await screen.findAllByText(/Close the EURUSD position at market: 1 sent, 1 filled/);
    await fireEvent.click(within(blotter).getByRole('button', { name: 'Reverse' }));
    await waitFor(() => expect(calls(api, 'reversePosition')).toEqual([{ symbol: 'EURUSD' }]));
  });

  it('flatten obeys the confirmation setting', async () => {
    const api = createStubApi({ positions: [position], settings: { confirmOrders: true } });
    const blotter = await positionsTab(api);
    await fireEvent.click(within(blotter).getByRole('button', { name: 'Flatten all' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Flatten?' });
    expect(calls(api, 'flatten')).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(calls(api, 'flatten')).toHaveLength(1));
  });
});
