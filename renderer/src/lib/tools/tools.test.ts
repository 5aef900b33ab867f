import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(() => cleanup());

const calls = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

/** A stub whose placeOrder refuses anything without `override` as main's limits would. */
function limitedApi(): StubApi {
  const api = createStubApi();
  api.reply('placeOrder', (input) =>
    input.override
      ? { ok: true, value: { orderId: 5, clientOrderId: 'c5', status: 'NEW' } }
      : {
          ok: false,
          error: {
            code: 'LIMIT_EXCEEDED',
            field: 'quantity',
            message: 'Quantity 90000 is above the EURUSD limit of 5000',
          },
        },
  );
  return api;
}

async function sendFromTicket(api: StubApi): Promise<void> {
  render(App, { props: { api } });
  const form = await screen.findByRole('form', { name: 'Order ticket' });
  await fireEvent.change(within(form).getByLabelText('Order type'), {
    target: { value: 'MARKET' },
  });
  await fireEvent.input(within(form).getByLabelText('Quantity'), { target: { value: '90000' } });
  await fireEvent.click(within(form).getByRole('button', { name: 'Buy' }));
}

describe('safety limits in the renderer', () => {
  it('a ticket order a limit stopped goes through the override dialog with override set', async () => {
    const api = limitedApi();
    await sendFromTicket(api);
    const dialog = await screen.findByRole('alertdialog', { name: 'Safety limit: order stopped' });
    expect(dialog.textContent).toContain('above the EURUSD limit of 5000');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Override and send' }));
    await waitFor(() => expect(calls(api, 'placeOrder')).toHaveLength(2));
    expect(calls(api, 'placeOrder')[1]).toMatchObject({ quantity: 90000, override: true });
  });

  it('dismissing the override dialog sends nothing more and the ticket says why', async () => {
    const api = limitedApi();
    await sendFromTicket(api);
    const dialog = await screen.findByRole('alertdialog', { name: 'Safety limit: order stopped' });
    await fireEvent.click(within(dialog).getByRole('button', { name: "Don't send" }));
    const form = screen.getByRole('form', { name: 'Order ticket' });
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toMatch(/limit/));
    expect(calls(api, 'placeOrder')).toHaveLength(1);
  });
});

describe('limits per instrument', () => {
  it('an instrument’s empty field shows and uses the value set for every instrument', async () => {
    const api = createStubApi();
    api.reply('getTools', () => ({
      ok: true,
      value: {
        settings: {
          oneClick: true,
          limits: { '*': { maxDistancePct: 1, defaultQty: 3000 }, EURUSD: { maxNotional: 50_000 } },
        },
        brackets: [],
        trailingStops: [],
        alerts: [],
      },
    }));
    render(App, { props: { api } });
    await fireEvent.click(await screen.findByRole('tab', { name: 'Limits' }));
    const form = await screen.findByRole('form', { name: 'Safety limits' });
    await fireEvent.change(within(form).getByLabelText('Limits instrument'), {
      target: { value: 'EURUSD' },
    });
    expect(within(form).getByLabelText<HTMLInputElement>('Max notional').value).toBe('50000');
    const far = within(form).getByLabelText<HTMLInputElement>('Max % from last');
    expect([far.value, far.placeholder]).toEqual(['', '* 1']);
    // The quick orders start with the * default quantity, EURUSD having none of its own.
    const watchlist = screen.getByRole('region', { name: 'Watchlist' });
    await fireEvent.click(
      await within(watchlist).findByRole('button', { name: 'Buy EURUSD at market' }),
    );
    await waitFor(() =>
      expect(calls(api, 'placeOrder')).toEqual([
        { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 3000 },
      ]),
    );
  });
});

describe('price alerts panel', () => {
  async function alertsPanel(api: StubApi) {
    render(App, { props: { api } });
    await fireEvent.click(await screen.findByRole('tab', { name: 'Alerts' }));
    return within(await screen.findByRole('form', { name: 'New price alert' }));
  }
  const addWith = async (form: Awaited<ReturnType<typeof alertsPanel>>, price: string) => {
    await fireEvent.input(form.getByLabelText('Alert price'), { target: { value: price } });
    await fireEvent.submit(form.getByRole('button', { name: 'Add alert' }));
  };

  it('refuses a price off the tick, unreadable or far from the market, saying which', async () => {
    const api = createStubApi();
    const form = await alertsPanel(api);
    await addWith(form, '1.0812345');
    expect(screen.getByRole('alert').textContent).toBe('Alert price is off the tick size 0.00001');
    await addWith(form, '1e3');
    expect(screen.getByRole('alert').textContent).toBe('Alert price is not a number');
    await addWith(form, '20');
    expect(screen.getByRole('alert').textContent).toMatch(/^Alert price .* is far from the market/);
    expect(calls(api, 'saveAlert')).toEqual([]);
  });

  it('a double click adds one alert', async () => {
    const api = createStubApi();
    const form = await alertsPanel(api);
    await fireEvent.input(form.getByLabelText('Alert price'), { target: { value: '1.0817' } });
    const add = form.getByRole('button', { name: 'Add alert' });
    await Promise.all([fireEvent.submit(add), fireEvent.submit(add)]);
    await waitFor(() => expect(calls(api, 'saveAlert')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls(api, 'saveAlert')).toHaveLength(1);
  });

  it('lists alerts with the instrument’s decimals', async () => {
    const api = createStubApi();
    api.reply('getTools', () => ({
      ok: true,
      value: {
        settings: { oneClick: false, limits: {} },
        brackets: [],
        trailingStops: [],
        alerts: [
          {
            id: 'al1',
            symbol: 'EURUSD',
            condition: 'crossing',
            price: 1.0817,
            armed: false,
            lastPrice: 1.0822,
            firedAt: 1,
            firedPrice: 1.0822,
            createdAt: 0,
          },
        ],
      },
    }));
    await alertsPanel(api);
    const list = screen.getByRole('list', { name: 'Price alerts' });
    await waitFor(() => expect(list.textContent).toContain('EURUSD crossing 1.08170'));
    expect(list.textContent).toContain('fired at 1.08220');
  });
});

describe('watchlist quick orders', () => {
  it('B buys the instrument’s default quantity at market', async () => {
    const api = createStubApi();
    render(App, { props: { api } });
    const watchlist = await screen.findByRole('region', { name: 'Watchlist' });
    // The B/S buttons show only while one-click trading is on.
    expect(within(watchlist).queryByRole('button', { name: 'Buy EURUSD at market' })).toBeNull();
    await fireEvent.click(screen.getByRole('checkbox', { name: /One-click trading/ }));
    await fireEvent.click(
      await within(watchlist).findByRole('button', { name: 'Buy EURUSD at market' }),
    );
    await waitFor(() =>
      expect(calls(api, 'placeOrder')).toEqual([
        { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 1000 },
      ]),
    );
  });
});
