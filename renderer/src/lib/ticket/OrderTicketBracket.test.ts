/** The order ticket's "Attach TP/SL" section: entry + take-profit + stop-loss sent as a bracket. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { DEFAULT_TOOL_SETTINGS } from '../../../../shared/ipc';
import { createStubApi, type StubApi } from '../testing/stub-api';
import { stubPlan } from '../testing/tools-stub';

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
const inputs = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

/** A buy or sell limit of 1,000 EURUSD at 1.08500 with the section open. */
async function limitWithSection(t: Form): Promise<void> {
  await typeInto(t.getByLabelText('Quantity'), '1000');
  await typeInto(t.getByLabelText('Limit price'), '1.08500');
  await fireEvent.click(t.getByRole('button', { name: 'Attach TP/SL' }));
}

/** The preview's body rows, each cell's words (price and P&L) spaced. */
function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      [...r.children].map((c) =>
        [...c.childNodes]
          .map((n) => n.textContent?.trim() ?? '')
          .filter(Boolean)
          .join(' '),
      ),
    );
}

async function setLeg(
  t: Form,
  leg: 'Take profit' | 'Stop loss',
  mode: 'price' | 'ticks',
  v: string,
) {
  await fireEvent.change(t.getByLabelText(leg), { target: { value: mode } });
  const name = `${leg === 'Take profit' ? 'Take-profit' : 'Stop-loss'} ${mode}`;
  await typeInto(t.getByLabelText(name), v);
}

describe('order ticket: attach TP/SL', () => {
  it('is collapsed at first and stays as the user left it when the tab changes', async () => {
    const t = await renderTicket(createStubApi());
    const toggle = t.getByRole('button', { name: 'Attach TP/SL' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(t.queryByLabelText('Take profit')).toBeNull();
    await fireEvent.click(toggle);
    expect(t.getByLabelText('Take profit')).toBeTruthy();
    await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
    await fireEvent.click(screen.getByRole('tab', { name: 'Single order' }));
    const again = within(await screen.findByRole('form', { name: 'Order ticket' }));
    expect(again.getByRole('button', { name: 'Attach TP/SL' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(again.getByLabelText('Stop loss')).toBeTruthy();
  });

  it('sends placeBracket with the entry and both legs, and says the plan was created', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'ticks', '30');
    await setLeg(t, 'Stop loss', 'price', '1.08400');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(1));
    expect(inputs(api, 'placeBracket')[0]).toEqual({
      entry: {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        quantity: 1000,
        price: 1.085,
        timeInForce: 'GTC',
      },
      bracket: {
        takeProfit: { kind: 'ticks', ticks: 30 },
        stopLoss: { kind: 'price', price: 1.084 },
      },
    });
    expect(inputs(api, 'placeOrder')).toHaveLength(0);
    const status = t.getByRole('status');
    await waitFor(() => expect(status.textContent).toMatch(/bracket plan bk\d+ created/));
    expect(status.textContent).toContain('TP 30 ticks / SL 1.08400');
  });

  it('sends a stop loss alone: the preview and the description show only that leg', async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    const t = await renderTicket(api);
    await limitWithSection(t);
    await typeInto(t.getByLabelText('Quantity'), '2000');
    await setLeg(t, 'Stop loss', 'ticks', '20');
    const table = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
    const head = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.trim());
    expect(head).toEqual(['Entry ≈', 'SL · P&L']);
    expect(rows(table)).toEqual([
      ['Buy 1.08500', '1.08480 −0.40'],
      ['Sell 1.08500', '1.08520 −0.40'],
    ]);
    expect(t.getByText(/Sent as one stop order when the entry fills/)).toBeTruthy();

    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(dialog.textContent).toContain('BUY 2,000 EURUSD LIMIT limit 1.08500 GTC · SL 20 ticks');
    expect(dialog.textContent).not.toContain('TP');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(1));
    expect(inputs(api, 'placeBracket')[0]).toEqual({
      entry: {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        quantity: 2000,
        price: 1.085,
        timeInForce: 'GTC',
      },
      bracket: { stopLoss: { kind: 'ticks', ticks: 20 } },
    });
    const status = t.getByRole('status');
    await waitFor(() =>
      expect(status.textContent).toMatch(
        /bracket plan bk\d+ created: SL goes out when the entry fills/,
      ),
    );
    expect(t.queryByText(/Set a stop loss too/)).toBeNull();
  });

  it('a take profit alone is previewed alone and said to go out as one limit order', async () => {
    const t = await renderTicket(createStubApi());
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'price', '1.08600');
    const table = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
    expect(rows(table)).toEqual([
      ['Buy 1.08500', '1.08600 +1.00'],
      ['Sell 1.08500', '✕ not valid'],
    ]);
    expect(t.getByText(/Sent as one limit order when the entry fills/)).toBeTruthy();
  });

  it('still sends a plain placeOrder with no leg set, or with the section closed', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await limitWithSection(t);
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(inputs(api, 'placeOrder')).toHaveLength(1));
    // Legs typed, then the section closed: what is hidden is not sent.
    await setLeg(t, 'Take profit', 'ticks', '30');
    await setLeg(t, 'Stop loss', 'ticks', '30');
    await fireEvent.click(t.getByRole('button', { name: 'Attach TP/SL' }));
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(inputs(api, 'placeOrder')).toHaveLength(2));
    expect(inputs(api, 'placeBracket')).toHaveLength(0);
  });

  it('refuses a buy TP below and SL above the entry with field errors; the same legs sell', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'price', '1.08400');
    await setLeg(t, 'Stop loss', 'price', '1.08600');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const tp = t.getByLabelText('Take-profit price');
    await waitFor(() => expect(tp.getAttribute('aria-invalid')).toBe('true'));
    expect(t.getByText('Take profit must be above the entry price 1.08500 for a buy')).toBeTruthy();
    expect(t.getByText('Stop loss must be below the entry price 1.08500 for a buy')).toBeTruthy();
    // The preview says a buy does not fit either leg.
    const buyRow = rows(t.getByRole('table', { name: 'Exits if the entry fills at its price' }))[0];
    expect(buyRow?.slice(1)).toEqual(['✕ not valid', '✕ not valid']);
    expect(document.activeElement).toBe(tp);
    expect(inputs(api, 'placeBracket')).toHaveLength(0);
    expect(inputs(api, 'placeOrder')).toHaveLength(0);

    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(1));
    expect(inputs(api, 'placeBracket')[0]).toMatchObject({
      entry: { side: 'SELL' },
      bracket: {
        takeProfit: { kind: 'price', price: 1.084 },
        stopLoss: { kind: 'price', price: 1.086 },
      },
    });
  });

  it('refuses a sell SL below the entry and a TP off the tick', async () => {
    const api = createStubApi();
    const t = await renderTicket(api);
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'price', '1.084005');
    await setLeg(t, 'Stop loss', 'price', '1.08450');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    expect(await t.findByText('Take profit price is off the tick size 0.00001')).toBeTruthy();
    expect(t.getByText('Stop loss must be above the entry price 1.08500 for a sell')).toBeTruthy();
    expect(inputs(api, 'placeBracket')).toHaveLength(0);
  });

  it('shows the exit prices from a tick distance and the P&L for the quantity, for each side', async () => {
    const t = await renderTicket(createStubApi());
    await limitWithSection(t);
    await typeInto(t.getByLabelText('Quantity'), '3000');
    await setLeg(t, 'Take profit', 'ticks', '30');
    await setLeg(t, 'Stop loss', 'ticks', '20');
    const table = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
    expect(rows(table)).toEqual([
      ['Buy 1.08500', '1.08530 +0.90', '1.08480 −0.60'],
      ['Sell 1.08500', '1.08470 +0.90', '1.08520 −0.60'],
    ]);
  });

  it('a market entry is measured from the side it takes (ask for a buy)', async () => {
    const t = await renderTicket(createStubApi());
    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    await typeInto(t.getByLabelText('Quantity'), '1000');
    await fireEvent.click(t.getByRole('button', { name: 'Attach TP/SL' }));
    await setLeg(t, 'Take profit', 'ticks', '10');
    await setLeg(t, 'Stop loss', 'ticks', '10');
    const table = t.getByRole('table', { name: 'Exits if the entry fills at its price' });
    expect(rows(table)[0]).toEqual(['Buy 1.08502', '1.08512 +0.10', '1.08492 −0.10']);
  });

  it('goes through the confirmation dialog when the setting is on', async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    const t = await renderTicket(api);
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'ticks', '30');
    await setLeg(t, 'Stop loss', 'ticks', '30');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Send this order?' });
    expect(dialog.textContent).toContain(
      'BUY 1,000 EURUSD LIMIT limit 1.08500 GTC · TP 30 ticks / SL 30 ticks',
    );
    expect(inputs(api, 'placeBracket')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(1));
  });

  it('a bracket a safety limit stopped is resent with override only through the dialog', async () => {
    const api = createStubApi();
    api.reply('placeBracket', ({ entry, bracket }) =>
      entry.override
        ? {
            ok: true,
            value: {
              plan: stubPlan('bk9', entry, bracket),
              order: { orderId: 9, clientOrderId: 'bk9-e', status: 'NEW' },
            },
          }
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
    await limitWithSection(t);
    await setLeg(t, 'Take profit', 'ticks', '30');
    await setLeg(t, 'Stop loss', 'ticks', '30');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Safety limit: order stopped' });
    expect(dialog.textContent).toContain('above the EURUSD limit of 500');
    expect(inputs(api, 'placeBracket')).toHaveLength(1);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Override and send' }));
    await waitFor(() => expect(inputs(api, 'placeBracket')).toHaveLength(2));
    expect(inputs(api, 'placeBracket')[1]).toMatchObject({
      entry: { override: true, side: 'BUY' },
      bracket: { takeProfit: { kind: 'ticks', ticks: 30 } },
    });
    await waitFor(() =>
      expect(t.getByRole('status').textContent).toContain('bracket plan bk9 created'),
    );
  });

  it('the OCO ticket offers no TP/SL and says why', async () => {
    await renderTicket(createStubApi());
    await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
    const oco = within(await screen.findByRole('form', { name: 'OCO ticket' }));
    const button = oco.getByRole<HTMLButtonElement>('button', { name: 'Attach TP/SL' });
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('Not on an OCO pair');
  });
});

describe('Brackets tab', () => {
  it('has no entry form of its own and opens the section on the ticket', async () => {
    await renderTicket(createStubApi());
    await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
    await fireEvent.click(screen.getByRole('tab', { name: 'Brackets' }));
    const panel = document.getElementById('tools-panel');
    if (!panel) throw new Error('no tools panel');
    expect(within(panel).queryByRole('form')).toBeNull();
    await fireEvent.click(
      within(panel).getByRole('button', { name: 'Attach TP/SL on the ticket' }),
    );
    const form = within(await screen.findByRole('form', { name: 'Order ticket' }));
    expect(form.getByRole('button', { name: 'Attach TP/SL' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await waitFor(() => expect(document.activeElement).toBe(form.getByLabelText('Take profit')));
  });

  it('lists a plan with the levels asked for, then the exit prices once placed', async () => {
    const api = createStubApi();
    await renderTicket(api);
    await fireEvent.click(screen.getByRole('tab', { name: 'Brackets' }));
    const armed = stubPlan(
      'bk1',
      { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', quantity: 2000, price: 1.085 },
      {
        takeProfit: { kind: 'ticks', ticks: 30 },
        stopLoss: { kind: 'price', price: 1.084 },
      },
    );
    const tools = (plan: typeof armed) => ({
      settings: DEFAULT_TOOL_SETTINGS,
      brackets: [plan],
      trailingStops: [],
      alerts: [],
    });
    api.emit({ tools: [tools(armed)] });
    const list = await screen.findByRole('list', { name: 'Bracket plans' });
    await waitFor(() =>
      expect(list.textContent).toContain('BUY EURUSD: entry not filled yet · armed'),
    );
    expect(list.textContent).toContain('TP 30 ticks / SL 1.08400');
    const leg = (clientOrderId: string, price: number) => ({
      clientOrderId,
      orderId: 7,
      price,
      executedQty: 0,
      closed: false,
    });
    api.emit({
      tools: [
        tools({
          ...armed,
          state: 'active',
          entry: { ...armed.entry, orderId: 6, filledQty: 2000, avgPrice: 1.085 },
          exits: {
            takeProfit: leg('bk1-tp', 1.0853),
            stopLoss: leg('bk1-sl', 1.084),
            qty: 2000,
            state: 'working',
          },
        }),
      ],
    });
    await waitFor(() => expect(list.textContent).toContain('BUY 2,000 EURUSD filled · active'));
    expect(list.textContent).toContain('TP 1.08530 / SL 1.08400');
  });

  it('lists a stop-loss-only plan with its one leg, asked for and then placed', async () => {
    const api = createStubApi();
    await renderTicket(api);
    await fireEvent.click(screen.getByRole('tab', { name: 'Brackets' }));
    const armed = stubPlan(
      'bk2',
      { symbol: 'EURUSD', side: 'SELL', type: 'LIMIT', quantity: 1000, price: 1.085 },
      { stopLoss: { kind: 'price', price: 1.086 } },
    );
    const tools = (plan: typeof armed) => ({
      settings: DEFAULT_TOOL_SETTINGS,
      brackets: [plan],
      trailingStops: [],
      alerts: [],
    });
    api.emit({ tools: [tools(armed)] });
    const list = await screen.findByRole('list', { name: 'Bracket plans' });
    await waitFor(() =>
      expect(list.textContent).toContain('SELL EURUSD: entry not filled yet · armed'),
    );
    expect(list.textContent).toContain('SL 1.08600');
    expect(list.textContent).not.toContain('TP');
    api.emit({
      tools: [
        tools({
          ...armed,
          state: 'active',
          entry: { ...armed.entry, orderId: 6, filledQty: 1000, avgPrice: 1.085 },
          exits: {
            takeProfit: null,
            stopLoss: {
              clientOrderId: 'bk2-sl',
              orderId: 7,
              price: 1.086,
              executedQty: 0,
              closed: false,
            },
            qty: 1000,
            state: 'working',
          },
        }),
      ],
    });
    await waitFor(() => expect(list.textContent).toContain('SELL 1,000 EURUSD filled · active'));
    expect(list.textContent).toContain('SL 1.08600');
    expect(list.textContent).not.toContain('TP');
  });
});
