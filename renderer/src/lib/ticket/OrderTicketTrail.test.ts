/** The order ticket's Trail choice: a stop order placed, then trailed by main once accepted. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(cleanup);

type Form = ReturnType<typeof within>;

async function renderTicket(api: StubApi): Promise<Form> {
  render(App, { props: { api } });
  const form = await screen.findByRole('form', { name: 'Order ticket' });
  await waitFor(() =>
    expect(within(form).getByLabelText<HTMLSelectElement>('Symbol').value).toBe('EURUSD'),
  );
  return within(form);
}

const typeInto = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const commands = (api: StubApi) => api.calls.map((c) => c.command);
const inputs = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

/** A stop of 1,000 EURUSD at 1.08400 (the stub's market: last 1.08500). */
async function stopOrder(t: Form, type: 'STOP' | 'STOP_LIMIT' = 'STOP'): Promise<void> {
  await fireEvent.change(t.getByLabelText('Order type'), { target: { value: type } });
  await typeInto(t.getByLabelText('Quantity'), '1000');
  await typeInto(t.getByLabelText('Stop price'), '1.08400');
  if (type === 'STOP_LIMIT') await typeInto(t.getByLabelText('Limit price'), '1.08390');
}

async function setTrail(t: Form, mode: 'ticks' | 'percent', value: string): Promise<void> {
  await fireEvent.change(t.getByLabelText('Trail'), { target: { value: mode } });
  await typeInto(t.getByLabelText(`Trail distance ${mode}`), value);
}

describe('order ticket: trail', () => {
  it('is offered on stop and stop-limit orders only, with its note', async () => {
    const t = await renderTicket(createStubApi());
    // The ticket opens on a limit order: no Trail there.
    expect(t.queryByLabelText('Trail')).toBeNull();
    await stopOrder(t);
    expect((t.getByLabelText('Trail') as HTMLSelectElement).value).toBe('off');
    await setTrail(t, 'ticks', '10');
    expect(t.getByText(/Trailing works only while this app runs/)).toBeTruthy();
    expect(t.queryByText(/The limit price moves with the stop/)).toBeNull();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'LIMIT' } });
    expect(t.queryByLabelText('Trail')).toBeNull();
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    expect(t.queryByLabelText('Trail')).toBeNull();
  });

  it('places a stop limit, then trails it; the note says its limit moves with the stop', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await stopOrder(t, 'STOP_LIMIT');
    const trail = t.getByLabelText('Trail') as HTMLSelectElement;
    expect(trail.disabled).toBe(false);
    await setTrail(t, 'ticks', '10');
    expect(t.getByText(/The limit price moves with the stop, as many ticks/)).toBeTruthy();
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(inputs(api, 'startTrailingStop')).toEqual([
        { orderId: expect.any(Number), distance: { kind: 'ticks', ticks: 10 } },
      ]),
    );
    expect(inputs(api, 'placeOrder')).toEqual([
      expect.objectContaining({ type: 'STOP_LIMIT', stopPrice: 1.084, price: 1.0839 }),
    ]);
  });

  it('previews the stop it starts from and where the market now moves it', async () => {
    const t = await renderTicket(createStubApi());
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    const table = t.getByRole('table', { name: 'Trailing stop at the market now' });
    expect(table.textContent).toContain('Starts at the stop price 1.08400');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['Buy', '1.08500', 'stays 1.08400'],
      ['Sell', '1.08500', '1.08490'],
    ]);
  });

  it('places the stop, then starts trailing it by its order id, and says both', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(t.getByRole('status').textContent).toContain(
        'trailing 10 ticks from 1.08400 (only while this app runs)',
      ),
    );
    const sent = commands(api).filter((c) => c === 'placeOrder' || c === 'startTrailingStop');
    expect(sent).toEqual(['placeOrder', 'startTrailingStop']);
    expect(inputs(api, 'placeOrder')[0]).toMatchObject({
      side: 'SELL',
      type: 'STOP',
      stopPrice: 1.084,
    });
    const [placed] = inputs(api, 'placeOrder');
    expect(placed).not.toHaveProperty('trail');
    expect(inputs(api, 'startTrailingStop')).toEqual([
      { orderId: 1, distance: { kind: 'ticks', ticks: 10 } },
    ]);
    expect(t.getByRole('status').textContent).toContain('Order 1 NEW');
  });

  it('sends a percent trail as a percent', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'percent', '0.5');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(inputs(api, 'startTrailingStop')).toHaveLength(1));
    expect(inputs(api, 'startTrailingStop')[0]).toEqual({
      orderId: 1,
      distance: { kind: 'percent', percent: 0.5 },
    });
  });

  it('a refused trail says why and that the stop stays where it was placed', async () => {
    const api = createStubApi();
    api.reply('startTrailingStop', ({ orderId }) => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        field: 'orderId',
        message: `orderId: order ${orderId} is not a working, untriggered STOP order`,
      },
    }));
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() =>
      expect(t.getByRole('status').textContent).toContain(
        'trail not started: orderId: order 1 is not a working, untriggered STOP order. The stop stays at 1.08400',
      ),
    );
    // The order itself went: the line says so before the warning.
    expect(t.getByRole('status').textContent).toMatch(/Sent · .*Order 1 NEW/);
  });

  it('refuses a bad distance before anything is sent, and focuses it', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'percent', '60');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(t.getByText('Trail distance is at most 50%')).toBeTruthy());
    expect(document.activeElement).toBe(t.getByLabelText('Trail distance percent'));
    expect(inputs(api, 'placeOrder')).toHaveLength(0);
    expect(inputs(api, 'startTrailingStop')).toHaveLength(0);
  });

  it('does not start a trail when the order is rejected', async () => {
    const api = createStubApi();
    api.reply('placeOrder', () => ({
      ok: false,
      error: { code: 'EXCHANGE', message: 'Insufficient margin' },
    }));
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(screen.getByText('Insufficient margin')).toBeTruthy());
    expect(inputs(api, 'startTrailingStop')).toHaveLength(0);
  });

  it('goes through the confirmation with the trail named, and only once confirmed', async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('trail 10 ticks');
    expect(inputs(api, 'placeOrder')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(inputs(api, 'startTrailingStop')).toHaveLength(1));
  });

  it('a stop a safety limit stopped trails only after the override placed it', async () => {
    const api = createStubApi();
    api.reply('placeOrder', (input) =>
      input.override
        ? { ok: true, value: { orderId: 9, clientOrderId: 'c9', status: 'NEW' } }
        : {
            ok: false,
            error: {
              code: 'LIMIT_EXCEEDED',
              field: 'quantity',
              message: 'Quantity 1000 is above the EURUSD limit of 500',
            },
          },
    );
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Safety limit: order stopped' });
    expect(inputs(api, 'startTrailingStop')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Override and send' }));
    await waitFor(() =>
      expect(inputs(api, 'startTrailingStop')).toEqual([
        { orderId: 9, distance: { kind: 'ticks', ticks: 10 } },
      ]),
    );
  });

  it('is disabled with the reason while TP/SL is attached', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await stopOrder(t);
    await setTrail(t, 'ticks', '10');
    await fireEvent.click(t.getByRole('button', { name: 'Attach TP/SL' }));
    await fireEvent.change(t.getByLabelText('Stop loss'), { target: { value: 'ticks' } });
    await typeInto(t.getByLabelText('Stop-loss ticks'), '30');
    expect((t.getByLabelText('Trail') as HTMLSelectElement).disabled).toBe(true);
    expect((t.getByLabelText('Trail') as HTMLSelectElement).value).toBe('off');
    expect(t.getByText(/Off while TP\/SL is attached/)).toBeTruthy();
    expect(t.queryByLabelText('Trail distance ticks')).toBeNull();
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(1));
    expect(inputs(api, 'startTrailingStop')).toHaveLength(0);

    // Closing TP/SL gives the trail back as it was typed.
    await fireEvent.click(t.getByRole('button', { name: 'Attach TP/SL' }));
    expect((t.getByLabelText('Trail') as HTMLSelectElement).value).toBe('ticks');
    expect((t.getByLabelText('Trail distance ticks') as HTMLInputElement).value).toBe('10');
  });

  it('stays as the user left it when the tab changes', async () => {
    const t = await renderTicket(createStubApi());
    await stopOrder(t);
    await setTrail(t, 'percent', '1.5');
    await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
    await fireEvent.click(screen.getByRole('tab', { name: 'Single order' }));
    const again = within(await screen.findByRole('form', { name: 'Order ticket' }));
    expect((again.getByLabelText('Trail') as HTMLSelectElement).value).toBe('percent');
    expect((again.getByLabelText('Trail distance percent') as HTMLInputElement).value).toBe('1.5');
  });
});
