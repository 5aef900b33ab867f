import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import type { Api, IpcResult, PlacedOrder, PlaceOrderInput } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { createStubApi as createFakeApi, type StubApi as FakeApi } from '../testing/stub-api';
import { toDateTimeLocal } from '../format';

async function renderApp(api: Api) {
  render(App, { props: { api } });
  const form = await screen.findByRole('form', { name: 'Order ticket' });
  await waitFor(() =>
    expect(within(form).getByLabelText<HTMLSelectElement>('Symbol').value).toBe('EURUSD'),
  );
  return within(form);
}

function typeInto(el: HTMLElement, value: string) {
  return fireEvent.input(el, { target: { value } });
}

afterEach(cleanup);

const placed = (api: FakeApi) => api.calls.filter((c) => c.command === 'placeOrder');

describe('order ticket', () => {
  it('has the labelled fields, with price fields only for the types that use them', async () => {
    const t = await renderApp(createFakeApi());
    for (const name of ['Symbol', 'Order type', 'Quantity', 'Limit price', 'Time in force'])
      expect(t.getByLabelText(name)).toBeTruthy();
    expect(t.queryByLabelText('Stop price')).toBeNull();
    expect(t.queryByLabelText('Expires')).toBeNull();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'STOP_LIMIT' } });
    expect(t.getByLabelText('Stop price')).toBeTruthy();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    expect(t.queryByLabelText('Limit price')).toBeNull();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'STOP' } });
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'GTT' } });
    expect(t.getByLabelText('Expires')).toBeTruthy();
  });

  it.each<[string, { quantity?: string; price?: string }, string, string]>([
    [
      'price off tick',
      { price: '1.085005' },
      'Limit price',
      'Limit price is off the tick size 0.00001',
    ],
    [
      'quantity off step',
      { quantity: '1500' },
      'Quantity',
      'Quantity must be a multiple of the lot step 1000',
    ],
    ['quantity of zero', { quantity: '0' }, 'Quantity', 'Quantity must be positive'],
    ['missing price', { price: '' }, 'Limit price', 'Enter a limit price'],
  ])('shows an inline error for %s and sends nothing', async (_name, values, field, message) => {
    const api = createFakeApi();
    const t = await renderApp(api);
    await typeInto(t.getByLabelText('Quantity'), values.quantity ?? '2000');
    await typeInto(t.getByLabelText('Limit price'), values.price ?? '1.08500');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const input = t.getByLabelText(field);
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(t.getByText(message)).toBeTruthy();
    // The field's accessible description is the error (what a screen reader announces).
    const description = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    expect(description).toContain(message);
    expect(document.activeElement).toBe(input);
    expect(placed(api)).toHaveLength(0);
  });

  it('rejects a minimum-quantity breach on BTCUSDT', async () => {
    const api = createFakeApi();
    const t = await renderApp(api);
    await fireEvent.change(t.getByLabelText('Symbol'), { target: { value: 'BTCUSDT' } });
    await typeInto(t.getByLabelText('Quantity'), '0.00005');
    await typeInto(t.getByLabelText('Limit price'), '64000.00');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    expect(await t.findByText('Quantity is below the minimum of 0.0001')).toBeTruthy();
    expect(placed(api)).toHaveLength(0);
  });

  it('rejects a GTT expiry in the past', async () => {
    const api = createFakeApi();
    const t = await renderApp(api);
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'GTT' } });
    await typeInto(t.getByLabelText('Expires'), toDateTimeLocal(Date.now() - 3_600_000));
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText('Expiry must be in the future')).toBeTruthy();
    expect(placed(api)).toHaveLength(0);
  });

  it('shows Pending until the reply, then the exchange message verbatim on a reject', async () => {
    const fake = createFakeApi();
    let answer: (r: IpcResult<PlacedOrder>) => void = () => {};
    const sent: PlaceOrderInput[] = [];
    const api: Api = {
      ...fake,
      placeOrder: (input) => {
        sent.push(input);
        return new Promise((resolve) => (answer = resolve));
      },
    };
    const t = await renderApp(api);
    await typeInto(t.getByLabelText('Quantity'), '3000');
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    expect(await t.findByText('Pending')).toBeTruthy();
    expect(sent).toEqual([
      {
        symbol: 'EURUSD',
        side: 'SELL',
        type: 'LIMIT',
        quantity: 3000,
        price: 1.08,
        timeInForce: 'GTC',
      },
    ]);
    expect((t.getByRole('button', { name: 'Buy' }) as HTMLButtonElement).disabled).toBe(true);
    const verbatim = 'order would exceed the credit limit of account paper-1 (code 9)';
    answer({ ok: false, error: { code: 'EXCHANGE', exchangeCode: 2005, message: verbatim } });
    const alert = await t.findByRole('alert');
    expect(alert.textContent).toContain(verbatim);
    expect(t.queryByText('Pending')).toBeNull();
  });

  it('sends a valid order and shows the reply status', async () => {
    const api = createFakeApi();
    const t = await renderApp(api);
    await typeInto(t.getByLabelText('Quantity'), '2000');
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText(/Order \d+ NEW/)).toBeTruthy();
    expect(placed(api)[0]?.input).toMatchObject({ side: 'BUY', quantity: 2000, price: 1.08 });
  });

  it('asks for confirmation first when the setting is on', async () => {
    const api = createFakeApi({ settings: { confirmOrders: true } });
    const t = await renderApp(api);
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(dialog.textContent).toContain('BUY 1,000 EURUSD LIMIT limit 1.08000 GTC');
    expect(placed(api)).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(placed(api)).toHaveLength(1));
  });

  it('fills symbol and price from a watchlist click', async () => {
    const t = await renderApp(createFakeApi());
    await fireEvent.click(await screen.findByRole('button', { name: 'BTCUSDT ask 64000.02' }));
    expect(t.getByLabelText<HTMLSelectElement>('Symbol').value).toBe('BTCUSDT');
    expect(t.getByLabelText<HTMLInputElement>('Limit price').value).toBe('64000.02');
  });

  it('steps the limit price by one tick with the arrow keys', async () => {
    const t = await renderApp(createFakeApi());
    const price = t.getByLabelText<HTMLInputElement>('Limit price');
    await typeInto(price, '1.08500');
    await fireEvent.keyDown(price, { key: 'ArrowUp' });
    expect(price.value).toBe('1.08501');
    await fireEvent.keyDown(price, { key: 'ArrowDown', shiftKey: true });
    expect(price.value).toBe('1.08491');
  });
});

describe('OCO ticket', () => {
  it('shows the price rule against the market and sends nothing when it is broken', async () => {
    const api = createFakeApi();
    await renderApp(api);
    await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
    const form = within(await screen.findByRole('form', { name: 'OCO ticket' }));
    await waitFor(() => expect(form.getByText('SELL: limit > last > stop')).toBeTruthy());
    await typeInto(form.getByLabelText('Limit price'), '1.08400');
    await typeInto(form.getByLabelText('Stop price'), '1.08300');
    expect(
      await form.findByText('Limit 1.08400 must be above the last price 1.08500'),
    ).toBeTruthy();
    await fireEvent.click(form.getByRole('button', { name: 'Place OCO' }));
    expect(api.calls.filter((c) => c.command === 'placeOco')).toHaveLength(0);
    await typeInto(form.getByLabelText('Limit price'), '1.08600');
    await fireEvent.click(form.getByRole('button', { name: 'Place OCO' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.command === 'placeOco')?.input).toMatchObject({
        side: 'SELL',
        limitPrice: 1.086,
        stopPrice: 1.083,
        stopType: 'STOP',
      }),
    );
  });
});
