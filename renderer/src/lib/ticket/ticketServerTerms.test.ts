import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import {
  disconnectedStatus,
  type ConnectionStatus,
  type InstrumentInfo,
  type SessionFeatures,
} from '../../../../shared/ipc';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import App from '../../App.svelte';
import { toDateTimeLocal } from '../format';
import {
  CURRENT_FEATURES,
  EXTENDED_FEATURES,
  REMOTE_PROFILE,
  connectedTo,
} from '../testing/fixtures';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(cleanup);

const typeInto = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const sent = (api: StubApi, command: string) => api.calls.filter((c) => c.command === command);
const optionsOf = (select: HTMLElement) =>
  [...(select as HTMLSelectElement).options].map((o) => o.value);
const valueOf = (select: HTMLElement) => (select as HTMLSelectElement).value;

/** Connected to a remote server with these features. */
const connected = (features: SessionFeatures): ConnectionStatus => ({
  ...connectedTo(REMOTE_PROFILE),
  features,
});

async function renderTicket(api: StubApi, symbol = 'EURUSD') {
  render(App, { props: { api } });
  const form = await screen.findByRole('form', { name: 'Order ticket' });
  await waitFor(() =>
    expect(within(form).getByLabelText<HTMLSelectElement>('Symbol').value).toBe(symbol),
  );
  return within(form);
}

async function renderOco(api: StubApi) {
  await renderTicket(api);
  await fireEvent.click(screen.getByRole('tab', { name: 'OCO' }));
  return within(await screen.findByRole('form', { name: 'OCO ticket' }));
}

describe("order ticket on the connected server's terms", () => {
  it('offers exactly the times in force of the current revision, with Till and Note', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES) });
    const t = await renderTicket(api);
    const tif = t.getByLabelText('Time in force');
    expect(optionsOf(tif)).toEqual(['TPI', 'AON', 'FOK', 'IOC']);
    // GTC is not offered: the server's default (the first offered) is picked, silently; a
    // plain limit order is TPI (works for the rest), never all-or-none by default.
    expect(valueOf(tif)).toBe('TPI');
    expect(t.queryByText(/not offered/)).toBeNull();
    expect(t.getByLabelText('Till (optional)')).toBeTruthy();
    expect(t.getByLabelText('Note (optional)').getAttribute('maxlength')).toBe('256');
    expect(t.queryByLabelText('Expires')).toBeNull();

    await fireEvent.change(t.getByLabelText('Order type'), { target: { value: 'MARKET' } });
    // MARKET never rests: the server offers the immediate values, IOC first.
    expect(optionsOf(t.getByLabelText('Time in force'))).toEqual(['IOC', 'FOK']);
    expect(valueOf(t.getByLabelText('Time in force'))).toBe('IOC');
  });

  it('sends TPI, the Till as timeInForceDate and the note', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES) });
    const t = await renderTicket(api);
    const till = Date.now() + 3_600_000;
    await typeInto(t.getByLabelText('Limit price'), '1.08000');
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'TPI' } });
    await typeInto(t.getByLabelText('Till (optional)'), toDateTimeLocal(till));
    await typeInto(t.getByLabelText('Note (optional)'), ' take profit ');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    await waitFor(() => expect(sent(api, 'placeOrder')).toHaveLength(1));
    const input = sent(api, 'placeOrder')[0]?.input as Record<string, unknown>;
    expect(input).toMatchObject({ type: 'LIMIT', timeInForce: 'TPI', note: 'take profit' });
    // datetime-local has minute resolution.
    expect(Date.parse(String(input.timeInForceDate))).toBe(Math.floor(till / 60_000) * 60_000);
  });

  it('keeps the GTT expiry for a revision that has GTT, and offers no Till or Note', async () => {
    const api = createStubApi({ connection: connected(EXTENDED_FEATURES) });
    const t = await renderTicket(api);
    expect(optionsOf(t.getByLabelText('Time in force'))).toEqual(
      EXTENDED_FEATURES.timesInForce.LIMIT,
    );
    expect(t.queryByLabelText('Till (optional)')).toBeNull();
    expect(t.queryByLabelText('Note (optional)')).toBeNull();
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'GTT' } });
    expect(t.getByLabelText('Expires')).toBeTruthy();
  });

  it("falls back to the ticket's own list when disconnected or the server gives none", async () => {
    const api = createStubApi({ connection: disconnectedStatus() });
    const t = await renderTicket(api);
    expect(optionsOf(t.getByLabelText('Time in force'))).toEqual([
      'GTC',
      'GTT',
      'IOC',
      'FOK',
      'AON',
      'DAY',
    ]);
    expect(t.queryByLabelText('Note (optional)')).toBeNull();
  });

  it('keeps the server’s fields and the trader’s pick while the link reconnects', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES) });
    const t = await renderTicket(api);
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'FOK' } });
    api.emit({
      connection: [
        {
          ...connected(CURRENT_FEATURES),
          state: 'reconnecting',
          latencyMs: null,
          retryInMs: 2000,
          reason: 'connect ECONNREFUSED',
        },
      ],
    });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Connection' }).textContent).toMatch(
        /Reconnecting/,
      ),
    );
    expect(optionsOf(t.getByLabelText('Time in force'))).toEqual(['TPI', 'AON', 'FOK', 'IOC']);
    expect(valueOf(t.getByLabelText('Time in force'))).toBe('FOK');
    expect(t.getByLabelText('Till (optional)')).toBeTruthy();
    api.emit({ connection: [connected(CURRENT_FEATURES)] });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Connection' }).textContent).toMatch(/Connected/),
    );
    expect(valueOf(t.getByLabelText('Time in force'))).toBe('FOK');
  });

  it('follows a change of server: the pick comes back when the server offers it again', async () => {
    const api = createStubApi({ connection: connected(EXTENDED_FEATURES) });
    const t = await renderTicket(api);
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'IOC' } });
    api.emit({ connection: [connected(CURRENT_FEATURES)] });
    await waitFor(() => expect(optionsOf(t.getByLabelText('Time in force'))).toContain('TPI'));
    expect(valueOf(t.getByLabelText('Time in force'))).toBe('IOC');
    await fireEvent.change(t.getByLabelText('Time in force'), { target: { value: 'TPI' } });
    api.emit({ connection: [connected(EXTENDED_FEATURES)] });
    await waitFor(() => expect(optionsOf(t.getByLabelText('Time in force'))).toContain('GTC'));
    expect(valueOf(t.getByLabelText('Time in force'))).toBe('GTC');
  });
});

describe('order ticket without known rules', () => {
  const XAU: InstrumentInfo = {
    symbol: 'XAUUSD',
    tickSize: 0.01,
    stepSize: 1e-8,
    minQty: 1e-8,
    pricePrecision: 2,
    qtyPrecision: 8,
    rules: 'unknown',
  };
  const instruments = [
    XAU,
    ...DEFAULT_INSTRUMENTS.map((i) => ({ ...i, rules: 'profile' as const })),
  ];

  it('says so in one line and lets the exchange judge tick and lot', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES), instruments });
    const t = await renderTicket(api, 'XAUUSD');
    const line =
      'No trading rules known for XAUUSD: the exchange will judge the price and quantity.';
    expect(t.getByText(line)).toBeTruthy();
    expect(t.queryByText(/^Tick /)).toBeNull();
    expect(t.queryByText(/^Step /)).toBeNull();
    await typeInto(t.getByLabelText('Quantity'), '0.123456789');
    await typeInto(t.getByLabelText('Limit price'), '2345.6789');
    await fireEvent.click(t.getByRole('button', { name: 'Sell' }));
    await waitFor(() => expect(sent(api, 'placeOrder')).toHaveLength(1));
    expect(sent(api, 'placeOrder')[0]?.input).toMatchObject({
      symbol: 'XAUUSD',
      quantity: 0.123456789,
      price: 2345.6789,
    });
  });

  it('still refuses a quantity that is not positive', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES), instruments });
    const t = await renderTicket(api, 'XAUUSD');
    await typeInto(t.getByLabelText('Quantity'), '0');
    await typeInto(t.getByLabelText('Limit price'), '2345.67');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText('Quantity must be positive')).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });

  it('validates as usual when the rules come from the profile', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES), instruments });
    const t = await renderTicket(api, 'XAUUSD');
    await fireEvent.change(t.getByLabelText('Symbol'), { target: { value: 'EURUSD' } });
    expect(t.queryByText(/No trading rules known/)).toBeNull();
    await typeInto(t.getByLabelText('Limit price'), '1.085005');
    await fireEvent.click(t.getByRole('button', { name: 'Buy' }));
    expect(await t.findByText('Limit price is off the tick size 0.00001')).toBeTruthy();
    expect(sent(api, 'placeOrder')).toHaveLength(0);
  });
});

describe("OCO ticket on the connected server's terms", () => {
  it('offers the OCO values the server has for both legs, with Till and no note', async () => {
    const api = createStubApi({ connection: connected(CURRENT_FEATURES) });
    const o = await renderOco(api);
    expect(optionsOf(o.getByLabelText('Time in force'))).toEqual(['AON']);
    expect(o.getByLabelText('Till (optional)')).toBeTruthy();
    expect(o.queryByLabelText('Note (optional)')).toBeNull();
    await typeInto(o.getByLabelText('Limit price'), '1.08600');
    await typeInto(o.getByLabelText('Stop price'), '1.08300');
    await fireEvent.click(o.getByRole('button', { name: 'Place OCO' }));
    await waitFor(() => expect(sent(api, 'placeOco')).toHaveLength(1));
    expect(sent(api, 'placeOco')[0]?.input).toMatchObject({ timeInForce: 'AON' });
  });

  it('offers every OCO value when disconnected', async () => {
    const api = createStubApi({ connection: disconnectedStatus() });
    const o = await renderOco(api);
    expect(optionsOf(o.getByLabelText('Time in force'))).toEqual(['GTC', 'GTT', 'DAY', 'AON']);
    expect(o.queryByLabelText('Till (optional)')).toBeNull();
  });
});
