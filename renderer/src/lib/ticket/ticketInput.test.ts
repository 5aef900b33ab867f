import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { Api } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(cleanup);

async function renderTicket(api: Api) {
  render(App, { props: { api } });
  const form = await screen.findByRole('form', { name: 'Order ticket' });
  await waitFor(() =>
    expect(within(form).getByLabelText<HTMLSelectElement>('Symbol').value).toBe('EURUSD'),
  );
  return within(form);
}

async function renderOco(api: Api) {
  await renderTicket(api);
  await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
  return within(await screen.findByRole('form', { name: 'OCO ticket' }));
}

const typeInto = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const sent = (api: StubApi, command: string) => api.calls.filter((c) => c.command === command);
const optionsOf = (select: HTMLElement) =>
  [...(select as HTMLSelectElement).options].map((o) => o.value);

describe('order ticket number input', () => {
  it('refuses a decimal comma in the quantity with a visible error and sends nothing', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await fireEvent.change(t.getByLabelText('Symbol'), { target: { value: 'BTCUSDT' } });
    const qty = t.getByLabelText('Quantity');
    await typeInto(qty, '1,5');
    await typeInto(t.getByLabelText('Limit price'), '64000.00');
    // Shown while typing, before any send: a comma is never right.
    expect(t.getByText('Use a dot for decimals: 1.5')).toBeTruthy();
    expect(qty.getAttribute('aria-invalid')).toBe('true');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(t.getByText('Use a dot for decimals: 1.5')).toBeTruthy();
    expect(document.activeElement).toBe(qty);
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });

  it('refuses a thousands separator, naming both readings', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await typeInto(t.getByLabelText('Quantity'), '1,000');
    await typeInto(t.getByLabelText('Limit price'), '1.08500');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    expect(t.getByText('Use a dot for decimals (1.000) or no separator (1000)')).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });

  it('refuses a comma in the limit and stop prices', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'STOP_LIMIT' } });
    await typeInto(t.getByLabelText('Quantity'), '1000');
    await typeInto(t.getByLabelText('Limit price'), '1,09');
    await typeInto(t.getByLabelText('Stop price'), '1,09000');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(t.getByText('Use a dot for decimals: 1.09')).toBeTruthy();
    expect(t.getByText('Use a dot for decimals: 1.09000')).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });

  it('refuses a comma in every OCO number field', async () => {
    const api = createStubApi();
    const o = await renderOco(api);
    await typeInto(o.getByLabelText('Quantity'), '1,000');
    await typeInto(o.getByLabelText('Limit price'), '1,08600');
    await typeInto(o.getByLabelText('Stop price'), '1,08400');
    expect(o.getByText('Use a dot for decimals (1.000) or no separator (1000)')).toBeTruthy();
    expect(o.getByText('Use a dot for decimals: 1.08600')).toBeTruthy();
    expect(o.getByText('Use a dot for decimals: 1.08400')).toBeTruthy();
    await fireEvent.click(o.getByRole('button', { name: 'Place OCO' }));
    expect(sent(api, 'placeOco')).toHaveLength(0);
  });
});

describe('order ticket validation messages', () => {
  it.each([
    ['-1000', 'Quantity must be positive'],
    ['0', 'Quantity must be positive'],
    ['abc', 'Quantity is not a number'],
  ])('quantity %s reads "%s"', async (typed, message) => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await typeInto(t.getByLabelText('Quantity'), typed);
    await typeInto(t.getByLabelText('Limit price'), '1.08500');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText(message)).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });

  it('calls a huge price too large, not off the tick', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await typeInto(t.getByLabelText('Limit price'), '99999999999999999999');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText(/^Limit price is too large/)).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });
});

describe('time in force follows the order type', () => {
  it('offers only immediate time in force for a MARKET order', async () => {
    const t = await renderTicket(createStubApi());
    const tif = t.getByLabelText('Time in force');
    expect(optionsOf(tif)).toContain('GTT');
    await fireEvent.change(tif, { target: { value: 'GTT' } });
    expect(t.getByLabelText('Expires')).toBeTruthy();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    expect(optionsOf(t.getByLabelText('Time in force'))).toEqual(['IOC', 'FOK']);
    // The GTT that no longer applies is replaced, so the draft never holds a refused pair.
    expect(t.getByLabelText<HTMLSelectElement>('Time in force').value).toBe('IOC');
    expect(t.queryByLabelText('Expires')).toBeNull();
  });

  it('sends a MARKET order with the time in force chosen for it', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'FOK' } });
    await typeInto(t.getByLabelText('Quantity'), '1000');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    await waitFor(() =>
      expect(sent(api, 'placeOrder')[0]?.input).toMatchObject({
        type: 'MARKET',
        timeInForce: 'FOK',
      }),
    );
  });
});

describe('order confirmation', () => {
  it('focuses Confirm, so F2 then Enter sends, and the status line follows the last action', async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    const t = await renderTicket(api);
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    t.getByLabelText('Quantity').focus();
    await fireEvent.keyDown(t.getByLabelText('Quantity'), { key: 'F2' });
    let dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    // Enter on a focused button is a click.
    await fireEvent.click(document.activeElement as HTMLElement);
    await waitFor(() => expect(sent(api, 'placeOrder')).toHaveLength(1));
    expect(await t.findByText(/Order \d+ NEW/)).toBeTruthy();

    // A second order: while it waits for confirmation, the first one's "Sent" is gone.
    await fireEvent.keyDown(t.getByLabelText('Quantity'), { key: 'F3' });
    dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(t.queryByText('Sent')).toBeNull();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(t.getByLabelText('Quantity'));
    expect(t.getByRole('status').textContent).toContain('Not sent');
    expect(t.getByRole('status').textContent).toContain('SELL 1,000 EURUSD LIMIT');
    expect(sent(api, 'placeOrder')).toHaveLength(1);
  });

  it('clears the previous status when a new send fails validation', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText(/Order \d+ NEW/)).toBeTruthy();
    await typeInto(t.getByLabelText('Limit price'), '');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText('Enter a limit price')).toBeTruthy();
    expect(t.queryByText(/Order \d+ NEW/)).toBeNull();
  });
});
