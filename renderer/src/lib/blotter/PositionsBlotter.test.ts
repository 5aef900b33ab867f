import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import {
  AccountSettings,
  type AccountFigures,
  type InstrumentFigures,
  type PositionRow,
} from '../../../../shared/ipc';
import App from '../../App.svelte';
import { AccountState } from '../account/account.svelte';
import { emptyAccount } from '../account/testing/accountStub';
import { AppState } from '../state/app.svelte';
import { csvPieces, savedCsvExport } from '../testing/history-stub';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';
import { ToolsUi } from '../tools/tools.svelte';
import PositionsBlotter from './PositionsBlotter.svelte';

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

/** A USD account under FIFO: EURUSD, USDJPY (P&L in yen) and EURGBP (no GBP rate known). */
const settings = AccountSettings.parse({});
const instrument = (over: Partial<InstrumentFigures> & { symbol: string }): InstrumentFigures => ({
  currency: 'USD',
  netQty: 0,
  realized: 0,
  unrealized: null,
  realizedAccount: 0,
  unrealizedAccount: null,
  exposureAccount: null,
  noRate: false,
  ...over,
});
const EURUSD = instrument({
  symbol: 'EURUSD',
  netQty: 1000,
  unrealized: 4,
  unrealizedAccount: 4,
  exposureAccount: 1085,
});
const USDJPY = instrument({
  symbol: 'USDJPY',
  currency: 'JPY',
  netQty: 10_000,
  realized: 15_000,
  unrealized: 5_000,
  // 15,000 JPY / 150 and 5,000 JPY / 150 (main's conversion, rounded to cents).
  realizedAccount: 100,
  unrealizedAccount: 33.33,
  exposureAccount: 10_000,
});
const EURGBP = instrument({
  symbol: 'EURGBP',
  currency: 'GBP',
  netQty: -2000,
  realized: -10,
  unrealized: 6,
  realizedAccount: null,
  noRate: true,
});
const row = (inst: InstrumentFigures, avgPrice: number, markPrice: number): PositionRow => ({
  login: 'L1',
  symbol: inst.symbol,
  netQty: inst.netQty,
  avgPrice,
  realizedPnl: inst.realized,
  unrealizedPnl: inst.unrealized,
  markPrice,
});
const ROWS = {
  EURUSD: row(EURUSD, 1.081, 1.085),
  USDJPY: row(USDJPY, 149.5, 150),
  EURGBP: row(EURGBP, 0.8563, 0.856),
};
const figuresOf = (
  instruments: InstrumentFigures[],
  over: Partial<AccountFigures> = {},
): AccountFigures => ({
  ...emptyAccount(),
  instruments,
  realized: 100,
  unrealized: 37.33,
  ...over,
});

/** The Positions blotter on its own, fed main's positions and the account bar's state. */
async function mountPositions(rows: PositionRow[], figures: AccountFigures) {
  const api = createStubApi({ positions: rows });
  api.reply('getAccount', () => ok(figures));
  api.reply('exportCsv', savedCsvExport());
  const app = new AppState(api, { schedule: (flush) => flush() });
  await app.start();
  const account = new AccountState(api);
  await account.refresh();
  render(PositionsBlotter, { props: { app, tools: new ToolsUi(api, app), account } });
  const grid = await screen.findByRole('grid', { name: 'Positions' });
  await waitFor(() => expect(dataRows(grid)).toHaveLength(rows.length));
  return { api, app, account, grid };
}

const dataRows = (grid: HTMLElement) => within(grid).getAllByRole('row').slice(1);
const headers = (grid: HTMLElement) =>
  within(grid)
    .getAllByRole('columnheader')
    .map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
/** The cells of one symbol's row, by column id. */
function cellsOf(grid: HTMLElement, symbol: string): Record<string, string> {
  const line = dataRows(grid).find(
    (r) => r.querySelector('[data-col="symbol"]')?.textContent === symbol,
  );
  if (!line) throw new Error(`no ${symbol} row`);
  return Object.fromEntries(
    [...line.querySelectorAll('[data-col]')].map((c) => [
      c.getAttribute('data-col'),
      c.textContent?.trim() ?? '',
    ]),
  );
}
function totals(): Record<string, string> {
  const table = screen.getByRole('table', { name: 'Position totals' });
  return {
    label: within(table).getByRole('rowheader').textContent?.trim() ?? '',
    ...Object.fromEntries(
      [...table.querySelectorAll('[data-col]')].map((c) => [
        c.getAttribute('data-col'),
        c.textContent?.trim() ?? '',
      ]),
    ),
  };
}

describe('positions in the account currency', () => {
  it('names the accounting method in its headers and follows the setting, keeping the sort', async () => {
    const { api, account, grid } = await mountPositions(
      [ROWS.EURUSD, ROWS.USDJPY],
      figuresOf([EURUSD, USDJPY]),
    );
    expect(headers(grid)).toEqual([
      'Symbol',
      'Side',
      'Net qty',
      'Unrealized USD',
      'Realized USD (FIFO)',
      'Avg price (FIFO)',
      'Mark',
      'Exposure USD',
      'Ccy',
      'Unrealized P&L',
      'Realized P&L (FIFO)',
      'Account',
      'Actions',
    ]);
    const byRealized = within(grid).getByRole('columnheader', { name: /Realized USD/ });
    await fireEvent.click(within(byRealized).getByRole('button'));
    expect(byRealized.getAttribute('aria-sort')).toBe('ascending');

    const average = { ...settings, method: 'AVERAGE' as const };
    api.reply('saveAccountSettings', () => ok(figuresOf([EURUSD, USDJPY], { settings: average })));
    await account.save({ method: 'AVERAGE' });
    await waitFor(() => expect(headers(grid)).toContain('Avg price (average)'));
    expect(headers(grid)).toContain('Realized P&L (average)');
    expect(headers(grid)).toContain('Realized USD (average)');
    expect(headers(grid)).not.toContain('Avg price (FIFO)');
    const renamed = within(grid).getByRole('columnheader', { name: /Realized USD \(average\)/ });
    expect(renamed.getAttribute('aria-sort')).toBe('ascending');
  });

  it('shows a USDJPY position in yen and in dollars, with its exposure', async () => {
    const { grid } = await mountPositions([ROWS.USDJPY], figuresOf([USDJPY]));
    expect(cellsOf(grid, 'USDJPY')).toMatchObject({
      avgPrice: '149.500',
      currency: 'JPY',
      unrealizedPnl: '5,000.00',
      realizedPnl: '15,000.00',
      unrealizedAccount: '33.33',
      realizedAccount: '100.00',
      exposureAccount: '10,000.00',
    });
  });

  it('totals the rows shown in the account currency, and only those under a filter', async () => {
    const { grid } = await mountPositions([ROWS.EURUSD, ROWS.USDJPY], figuresOf([EURUSD, USDJPY]));
    // 4 + 33.33, 0 + 100, 1,085 + 10,000: the sum of the cells above, to the cent.
    expect(totals()).toEqual({
      label: 'Total USD',
      unrealizedAccount: '37.33',
      realizedAccount: '100.00',
      exposureAccount: '11,085.00',
    });
    await fireEvent.change(screen.getByLabelText('Filter by instrument'), {
      target: { value: 'EURUSD' },
    });
    await waitFor(() => expect(dataRows(grid)).toHaveLength(1));
    expect(totals()).toEqual({
      label: 'Total USD (filtered)',
      unrealizedAccount: '4.00',
      realizedAccount: '0.00',
      exposureAccount: '1,085.00',
    });
  });

  it('says "no rate" where main has no rate to the account currency, never a guess', async () => {
    const { grid } = await mountPositions(
      [ROWS.USDJPY, ROWS.EURGBP],
      figuresOf([EURGBP, USDJPY], { realized: null, unrealized: null, noRate: ['EURGBP'] }),
    );
    expect(cellsOf(grid, 'EURGBP')).toMatchObject({
      currency: 'GBP',
      unrealizedPnl: '6.00',
      realizedPnl: '-10.00',
      unrealizedAccount: 'no rate',
      realizedAccount: 'no rate',
      exposureAccount: 'no rate',
    });
    expect(cellsOf(grid, 'USDJPY').unrealizedAccount).toBe('33.33');
    expect(totals()).toMatchObject({
      unrealizedAccount: 'no rate',
      realizedAccount: 'no rate',
      exposureAccount: 'no rate',
    });
  });

  it('shows "—" for a position that moved since the figures, until main sends new ones', async () => {
    const { api, account, grid } = await mountPositions([ROWS.USDJPY], figuresOf([USDJPY]));
    // A fill doubles the position; main's figures of the old one must not be shown against it.
    api.emit({ positions: [[{ ...ROWS.USDJPY, netQty: 20_000, unrealizedPnl: 10_000 }]] });
    await waitFor(() => expect(cellsOf(grid, 'USDJPY').unrealizedAccount).toBe('—'));
    expect(totals().unrealizedAccount).toBe('—');
    const doubled = { ...USDJPY, netQty: 20_000, unrealized: 10_000, unrealizedAccount: 66.67 };
    api.reply('getAccount', () => ok(figuresOf([doubled])));
    await account.refresh();
    await waitFor(() => expect(cellsOf(grid, 'USDJPY').unrealizedAccount).toBe('66.67'));
    expect(totals().unrealizedAccount).toBe('66.67');
  });

  it('exports the account-currency columns with the method and currency in the headers', async () => {
    const { api } = await mountPositions([ROWS.USDJPY, ROWS.EURGBP], figuresOf([EURGBP, USDJPY]));
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(csvPieces(api).join('')).toContain('USDJPY'));
    const [header, ...lines] = csvPieces(api).join('').trim().split('\r\n');
    expect(header).toBe(
      'Symbol,Side,Net qty,Unrealized USD,Realized USD (FIFO),Avg price (FIFO),Mark,Exposure USD,Ccy,Unrealized P&L,Realized P&L (FIFO),Account',
    );
    expect(lines).toEqual([
      'EURGBP,SHORT,-2000,no rate,no rate,0.8563,0.856,no rate,GBP,6.00,-10.00,L1',
      'USDJPY,LONG,10000,33.33,100.00,149.500,150.000,10000.00,JPY,5000.00,15000.00,L1',
      // The totals row, as under the grid: one line without a rate makes its totals "no rate".
      'Total USD,,,no rate,no rate,,,no rate,,,,',
    ]);
  });

  it('ends the CSV with the totals of the rows shown, in the account currency', async () => {
    const { api } = await mountPositions([ROWS.USDJPY], figuresOf([USDJPY]));
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(csvPieces(api).join('')).toContain('USDJPY'));
    const lines = csvPieces(api).join('').trim().split('\r\n');
    expect(lines.at(-1)).toBe('Total USD,,,33.33,100.00,,,10000.00,,,,');
  });
});

describe('positions blotter in the app', () => {
  it('asks main for the account figures itself and names the method they carry', async () => {
    const average = { ...settings, method: 'AVERAGE' as const };
    const api = createStubApi({ positions: [ROWS.USDJPY] });
    api.reply('getAccount', () => ok(figuresOf([USDJPY], { settings: average })));
    const blotter = await positionsTab(api);
    const grid = within(blotter).getByRole('grid', { name: 'Positions' });
    await waitFor(() => expect(headers(grid)).toContain('Avg price (average)'));
    expect(cellsOf(grid, 'USDJPY').realizedAccount).toBe('100.00');
  });
});
