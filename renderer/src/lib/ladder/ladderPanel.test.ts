import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { order } from '../testing/fixtures';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(() => cleanup());

const calls = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

/** The ladder once the first book is shown (its best bid's row named `bidRow`). */
async function ladderOf(api: StubApi, bidRow = '1.08498'): Promise<HTMLElement> {
  render(App, { props: { api } });
  const ladder = await screen.findByRole('region', { name: 'Depth ladder' });
  await waitFor(() => expect(calls(api, 'watchDepth')).toHaveLength(1));
  const { symbol } = calls(api, 'watchDepth')[0] as { symbol: string };
  api.emit({
    depth: [{ symbol, bids: [[1.08498, 4000]], asks: [[1.08502, 3000]], time: 1 }],
  });
  await within(ladder).findByRole('button', { name: `Buy limit at ${bidRow}` });
  return ladder;
}

/** Turns one-click trading on: a ladder click then sends at once. */
async function oneClickOn(): Promise<void> {
  await fireEvent.click(screen.getByRole('checkbox', { name: /One-click trading/ }));
  await screen.findByRole('alert', { name: 'One-click trading is on' });
}

describe('depth ladder', () => {
  it('asks main for the first instrument’s depth and shows the book sizes', async () => {
    const api = createStubApi();
    const ladder = await ladderOf(api);
    expect(calls(api, 'watchDepth')[0]).toEqual({ symbol: 'EURUSD', levels: 30 });
    expect(within(ladder).getByRole('button', { name: 'Buy limit at 1.08498' }).textContent).toBe(
      '4,000',
    );
  });

  it('a click in the bid column buys at that price; the ask column sells', async () => {
    const api = createStubApi();
    const ladder = await ladderOf(api);
    await oneClickOn();
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Buy limit at 1.08495' }));
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Sell limit at 1.08505' }));
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(2));
    expect(calls(api, 'placeOrder')).toEqual([
      expect.objectContaining({ side: 'BUY', type: 'LIMIT', price: 1.08495, symbol: 'EURUSD' }),
      expect.objectContaining({ side: 'SELL', type: 'LIMIT', price: 1.08505 }),
    ]);
  });

  it('a click on my own orders cancels them', async () => {
    const api = createStubApi({ orders: [order({ orderId: 7, price: 1.08497 })] });
    const ladder = await ladderOf(api);
    await fireEvent.click(
      within(ladder).getByRole('button', { name: 'Cancel my 1 order at 1.08497' }),
    );
    await waitFor(() => expect(calls(api, 'cancelOrder')).toEqual([{ orderId: 7 }]));
  });

  it('with one-click off, a click asks first even with confirmations off; Confirm sends it', async () => {
    const api = createStubApi();
    const ladder = await ladderOf(api);
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Buy limit at 1.08495' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(dialog.textContent).toContain('BUY 1,000 EURUSD LIMIT @ 1.08495');
    expect(calls(api, 'placeOrder')).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(calls(api, 'placeOrder')).toEqual([
        expect.objectContaining({ side: 'BUY', type: 'LIMIT', price: 1.08495 }),
      ]),
    );
  });

  it('asks for confirmation when the setting says so, unless one-click is on', async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    const ladder = await ladderOf(api);
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Buy market' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(calls(api, 'placeOrder')).toEqual([]);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(1));

    await fireEvent.click(screen.getByRole('checkbox', { name: /One-click trading/ }));
    await screen.findByRole('alert', { name: 'One-click trading is on' });
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Sell market' }));
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(2));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('an order a safety limit stopped is sent only through the override dialog', async () => {
    const api = createStubApi();
    api.reply('placeOrder', (input) =>
      input.override
        ? { ok: true, value: { orderId: 9, clientOrderId: 'c9', status: 'NEW' } }
        : {
            ok: false,
            error: {
              code: 'LIMIT_EXCEEDED',
              field: 'quantity',
              message: 'Quantity is above the limit',
            },
          },
    );
    const ladder = await ladderOf(api);
    await oneClickOn();
    await fireEvent.click(within(ladder).getByRole('button', { name: 'Buy market' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Safety limit: order stopped' });
    expect(dialog.textContent).toContain('Quantity is above the limit');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Override and send' }));
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(2));
    expect(calls(api, 'placeOrder')[1]).toMatchObject({ override: true });
  });

  it('says so when the server has no depth', async () => {
    const api = createStubApi();
    api.reply('watchDepth', () => ({ ok: true, value: { supported: false } }));
    render(App, { props: { api } });
    await screen.findByText('This server sends no depth: top of book only.');
  });

  it('a coarser row step sums the book, a click trades at the row’s price, and is remembered', async () => {
    const api = createStubApi();
    const ladder = await ladderOf(api);
    await oneClickOn();
    await fireEvent.change(within(ladder).getByRole('combobox', { name: 'Ladder row step' }), {
      target: { value: '10' },
    });
    api.emit({
      depth: [
        {
          symbol: 'EURUSD',
          bids: [
            [1.08498, 4000],
            [1.08493, 1000],
            [1.08488, 2000],
          ],
          asks: [
            [1.08502, 3000],
            [1.08507, 5000],
          ],
          time: 2,
        },
      ],
    });
    // Rows of 0.00010: bids at 1.08498 and 1.08493 in the 1.08490 row, asks in the 1.08510 row.
    const buy = await within(ladder).findByRole('button', { name: 'Buy limit at 1.08490' });
    await waitFor(() => expect(buy.textContent).toBe('5,000'));
    expect(within(ladder).getByRole('button', { name: 'Buy limit at 1.08480' }).textContent).toBe(
      '2,000',
    );
    expect(within(ladder).getByRole('button', { name: 'Sell limit at 1.08510' }).textContent).toBe(
      '8,000',
    );
    expect(within(ladder).queryByRole('button', { name: 'Buy limit at 1.08498' })).toBeNull();
    await fireEvent.click(buy);
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(1));
    expect(calls(api, 'placeOrder')[0]).toMatchObject({ side: 'BUY', price: 1.0849 });
    // Remembered for this instrument, with the rest of the layout.
    await waitFor(
      () =>
        expect(calls(api, 'saveSettings').at(-1)).toMatchObject({
          layout: expect.objectContaining({ 'ladder.step.EURUSD': 10 }),
        }),
      { timeout: 2000 },
    );
  });

  it('opens on the row step saved for the instrument', async () => {
    const api = createStubApi({ settings: { layout: { 'ladder.step.EURUSD': 5 } } });
    const ladder = await ladderOf(api, '1.08495');
    const step = within(ladder).getByRole('combobox', { name: 'Ladder row step' });
    expect((step as HTMLSelectElement).value).toBe('5');
    expect(within(ladder).getByRole('button', { name: 'Buy limit at 1.08495' }).textContent).toBe(
      '4,000',
    );
  });

  it('is keyboard operable: arrows pick a row, b buys there', async () => {
    const api = createStubApi();
    const ladder = await ladderOf(api);
    await oneClickOn();
    const grid = within(ladder).getByRole('grid');
    grid.focus();
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'b' });
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(1));
    expect(calls(api, 'placeOrder')[0]).toMatchObject({ side: 'BUY', type: 'LIMIT' });
  });
});
