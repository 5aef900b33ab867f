import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { ConnectionStatus, FillRow, OrderRow, PositionRow } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { formatLocalDateTime } from '../format';
import { connectedTo, order, PAPER_PROFILE } from '../testing/fixtures';
import { createStubApi, type StubApi } from '../testing/stub-api';
import { csvPieces, savedCsvExport } from '../testing/history-stub';

const T0 = new Date(2024, 4, 1, 9, 30, 0, 0).getTime();

const orders: OrderRow[] = [
  order({
    orderId: 11,
    symbol: 'EURUSD',
    side: 'BUY',
    price: 1.08,
    origQty: 3000,
    leavesQty: 3000,
    updatedAt: T0 + 1000,
  }),
  order({
    orderId: 12,
    symbol: 'BTCUSDT',
    side: 'SELL',
    price: 64000.5,
    origQty: 0.25,
    leavesQty: 0.15,
    executedQty: 0.1,
    status: 'PARTIALLY_FILLED',
    updatedAt: T0 + 3000,
  }),
  order({
    orderId: 13,
    symbol: 'USDJPY',
    side: 'SELL',
    price: 151.25,
    origQty: 10000,
    leavesQty: 10000,
    updatedAt: T0 + 2000,
  }),
  order({
    orderId: 14,
    symbol: 'EURUSD',
    side: 'BUY',
    price: 1.081,
    status: 'FILLED',
    executedQty: 1000,
    leavesQty: 0,
    avgPrice: 1.081,
    updatedAt: T0 - 5000,
  }),
  order({
    orderId: 15,
    symbol: 'GBPUSD',
    side: 'SELL',
    price: 1.27,
    status: 'CANCELED',
    lastReason: 'USER',
    updatedAt: T0 - 9000,
  }),
];
const fills: FillRow[] = [
  {
    fillId: '14:1',
    orderId: 14,
    clientOrderId: 'c14',
    login: 'L1',
    symbol: 'EURUSD',
    side: 'BUY',
    price: 1.081,
    qty: 1000,
    time: T0 - 5000 + 7,
    tradeId: 1,
  },
  {
    fillId: '12:2',
    orderId: 12,
    clientOrderId: 'c12',
    login: 'L1',
    symbol: 'BTCUSDT',
    side: 'SELL',
    price: 64000.5,
    qty: 0.1,
    time: T0 + 3000,
    tradeId: 2,
  },
];
const positions: PositionRow[] = [
  {
    login: 'L1',
    symbol: 'EURUSD',
    netQty: 1000,
    avgPrice: 1.081,
    realizedPnl: 0,
    unrealizedPnl: 4,
    markPrice: 1.085,
  },
  {
    login: 'L1',
    symbol: 'BTCUSDT',
    netQty: -0.1,
    avgPrice: 64000.5,
    realizedPnl: -12.5,
    unrealizedPnl: 0.05,
    markPrice: 64000,
  },
];

let api: StubApi;

beforeEach(() => {
  api = createStubApi({ orders, fills, positions });
  api.reply('exportCsv', savedCsvExport());
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openBlotter(tab: string, gridName: string) {
  render(App, { props: { api } });
  await screen.findByRole('form', { name: 'Order ticket' });
  await screen.findByRole('grid', { name: 'Working orders' });
  await fireEvent.click(screen.getByRole('tab', { name: tab }));
  const grid = await screen.findByRole('grid', { name: gridName });
  await waitFor(() => expect(bodyRows(grid).length).toBeGreaterThan(0));
  return grid;
}

function bodyRows(grid: HTMLElement) {
  return within(grid).getAllByRole('row').slice(1);
}
function column(grid: HTMLElement, colId: string) {
  return bodyRows(grid).map((r) => r.querySelector(`[data-col="${colId}"]`)?.textContent?.trim());
}
function sent(command: string): unknown[] {
  return api.calls.filter((c) => c.command === command).map((c) => c.input);
}
/** Main's answer to a cancel: the order's newest version, CANCELED. */
function canceled(row: OrderRow, updatedAt: number): OrderRow {
  return { ...row, status: 'CANCELED', leavesQty: 0, lastReason: 'USER', updatedAt };
}
/** The CSV main received: every piece of the streamed export, joined. */
function csvSent(): string {
  return csvPieces(api).join('');
}

describe('Working orders blotter', () => {
  it('shows working orders only, newest first, with Modify and Cancel per row', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    expect(column(grid, 'orderId')).toEqual(['12', '13', '11']);
    expect(column(grid, 'status')).toEqual(['PARTIALLY_FILLED', 'NEW', 'NEW']);
    for (const row of bodyRows(grid)) {
      expect(within(row).getByRole('button', { name: 'Modify' })).toBeTruthy();
      expect(within(row).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    }
  });

  it('formats prices and quantities in each instrument precision, right-aligned', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    expect(column(grid, 'price')).toEqual(['64,000.50', '151.250', '1.08000']);
    expect(column(grid, 'origQty')).toEqual(['0.2500', '10,000', '3,000']);
    const cell = bodyRows(grid)[0]!.querySelector('[data-col="price"]')!;
    expect(cell.classList.contains('right')).toBe(true);
  });

  it('sorts by a clicked header, ascending then descending, with aria-sort', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    const header = within(grid).getByRole('columnheader', { name: /Symbol/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(column(grid, 'symbol')).toEqual(['BTCUSDT', 'EURUSD', 'USDJPY']);
    await fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(column(grid, 'symbol')).toEqual(['USDJPY', 'EURUSD', 'BTCUSDT']);
  });

  it('filters by side and exports exactly the rows shown', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    await fireEvent.change(screen.getByLabelText('Filter by side'), { target: { value: 'SELL' } });
    expect(column(grid, 'orderId')).toEqual(['12', '13']);
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Blotter status').textContent).toMatch(/Saved/),
    );
    const lines = csvSent().trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Symbol,Side,Type,Qty,Filled,Price,Stop,Trail,TIF,Status,Updated,Order ID',
    );
    expect(lines.slice(1)).toEqual([
      `BTCUSDT,SELL,LIMIT,0.2500,0.1000,64000.50,,,GTC,PARTIALLY_FILLED,${formatLocalDateTime(T0 + 3000)},12`,
      `USDJPY,SELL,LIMIT,10000,0,151.250,,,GTC,NEW,${formatLocalDateTime(T0 + 2000)},13`,
    ]);
  });

  it('cancels one order from its row, and all after confirmation', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    await fireEvent.click(within(bodyRows(grid)[1]!).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(sent('cancelOrder')).toEqual([{ orderId: 13 }]));
    api.emit({ orders: [[canceled(orders[2]!, T0 + 10_000)]] });
    await waitFor(() => expect(column(grid, 'orderId')).toEqual(['12', '11']));
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Cancel all working orders?' });
    expect(sent('cancelAll')).toHaveLength(0);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(sent('cancelAll')).toHaveLength(1));
    api.emit({ orders: [[canceled(orders[0]!, T0 + 11_000), canceled(orders[1]!, T0 + 11_000)]] });
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(1));
  });

  it('moves the selection with arrow keys and cancels the selected order with Delete', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    grid.focus();
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(bodyRows(grid)[1]!.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(grid, { key: 'Delete' });
    await waitFor(() => expect(sent('cancelOrder')).toEqual([{ orderId: 13 }]));
  });

  it('modifies price and quantity inline', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    const row = bodyRows(grid)[2]!;
    await fireEvent.click(within(row).getByRole('button', { name: 'Modify' }));
    await fireEvent.input(within(row).getByLabelText('New price'), {
      target: { value: '1.07950' },
    });
    await fireEvent.input(within(row).getByLabelText('New qty'), { target: { value: '2500' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Quantity must be a multiple of the lot step 1000'),
    ).toBeTruthy();
    expect(sent('modifyOrder')).toHaveLength(0);
    await fireEvent.input(within(row).getByLabelText('New qty'), { target: { value: '4000' } });
    await fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent('modifyOrder')).toEqual([{ orderId: 11, price: 1.0795, quantity: 4000 }]),
    );
    const modified = { ...orders[0]!, price: 1.0795, origQty: 4000, leavesQty: 4000 };
    api.emit({ orders: [[{ ...modified, lastReason: 'MODIFIED', updatedAt: T0 + 12_000 }]] });
    await waitFor(() => expect(column(grid, 'price')).toContain('1.07950'));
  });

  it('opens the detail of the selected order with its fills', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    await fireEvent.dblClick(bodyRows(grid)[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Order 12' });
    expect(within(dialog).getByRole('table', { name: 'Fills of order 12' }).textContent).toContain(
      '64,000.50',
    );
  });

  it('repaints a row when an order changes', async () => {
    const grid = await openBlotter('Working', 'Working orders');
    const first = orders[0]!;
    api.emit({
      orders: [
        [
          {
            ...first,
            status: 'PARTIALLY_FILLED',
            executedQty: 1000,
            leavesQty: 2000,
            updatedAt: T0 + 9000,
          },
        ],
      ],
    });
    await waitFor(() => expect(column(grid, 'orderId')[0]).toBe('11'));
    expect(column(grid, 'executedQty')[0]).toBe('1,000');
  });
});

describe('Order history blotter', () => {
  it('shows every order with protocol status words and filters by status and symbol', async () => {
    const grid = await openBlotter('Orders', 'Order history');
    expect(column(grid, 'status')).toEqual([
      'PARTIALLY_FILLED',
      'NEW',
      'NEW',
      'FILLED',
      'CANCELED',
    ]);
    await fireEvent.change(screen.getByLabelText('Filter by status'), {
      target: { value: 'FILLED' },
    });
    expect(column(grid, 'orderId')).toEqual(['14']);
    await fireEvent.change(screen.getByLabelText('Filter by status'), { target: { value: '' } });
    await fireEvent.change(screen.getByLabelText('Filter by instrument'), {
      target: { value: 'EURUSD' },
    });
    expect(column(grid, 'orderId')).toEqual(['11', '14']);
  });

  it('filters by date range', async () => {
    const grid = await openBlotter('Orders', 'Order history');
    const pad = (n: number) => String(n).padStart(2, '0');
    const d = new Date(T0);
    const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    await fireEvent.change(screen.getByLabelText('From'), { target: { value: local } });
    expect(column(grid, 'orderId')).toEqual(['12', '13', '11']);
    expect(screen.queryByText(/From is after To/)).toBeNull();
    // A To before the From: nothing matches, and the bar says why rather than only "0 rows".
    const earlier = new Date(T0 - 3_600_000);
    const before = `${earlier.getFullYear()}-${pad(earlier.getMonth() + 1)}-${pad(earlier.getDate())}T${pad(earlier.getHours())}:${pad(earlier.getMinutes())}`;
    await fireEvent.change(screen.getByLabelText('To'), { target: { value: before } });
    expect(column(grid, 'orderId')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('From is after To: no row can match');
  });
});

describe('Fills blotter', () => {
  it('shows local times with milliseconds and notional, and exports CSV', async () => {
    const grid = await openBlotter('Fills', 'Fills');
    expect(column(grid, 'time')).toEqual([
      formatLocalDateTime(T0 + 3000),
      formatLocalDateTime(T0 - 4993),
    ]);
    expect(column(grid, 'time')[1]).toMatch(/\.007$/);
    expect(column(grid, 'qty')).toEqual(['0.1000', '1,000']);
    expect(column(grid, 'notional')).toEqual(['6,400.05', '1,081.00']);
    await fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(csvSent()).toContain('BTCUSDT,SELL,0.1000,64000.50,6400.05,12,2,L1'),
    );
  });
});

describe('Positions blotter', () => {
  it('shows side, signed quantity and P&L, sortable by P&L', async () => {
    const grid = await openBlotter('Positions', 'Positions');
    expect(column(grid, 'symbol')).toEqual(['BTCUSDT', 'EURUSD']);
    expect(column(grid, 'direction')).toEqual(['SHORT', 'LONG']);
    expect(column(grid, 'netQty')).toEqual(['-0.1000', '1,000']);
    expect(column(grid, 'realizedPnl')).toEqual(['-12.50', '0.00']);
    const header = within(grid).getByRole('columnheader', { name: /^Unrealized P&L/ });
    await fireEvent.click(within(header).getByRole('button'));
    expect(column(grid, 'symbol')).toEqual(['BTCUSDT', 'EURUSD']);
    await fireEvent.click(within(header).getByRole('button'));
    expect(column(grid, 'symbol')).toEqual(['EURUSD', 'BTCUSDT']);
  });
});

describe('connection status', () => {
  /** The desk connected, then the link down for `reason` (after status `first`, if given). */
  async function linkDown(reason: string, first?: ConnectionStatus): Promise<void> {
    render(App, { props: { api } });
    const status = await screen.findByRole('status', { name: 'Connection' });
    await waitFor(() => expect(status.textContent).toContain('Connected'));
    if (first) api.emit({ connection: [first] });
    const down = { state: 'reconnecting', reason, retryInMs: 5000, latencyMs: null } as const;
    api.emit({ connection: [{ ...connectedTo(PAPER_PROFILE), ...down }] });
    await waitFor(() => expect(status.textContent).toContain('Reconnecting'));
  }

  it('reads Connected, then Reconnecting with a reason and countdown', async () => {
    await linkDown('heartbeat timeout');
    expect(screen.getByText(/Reconnecting in/).textContent).toMatch(
      /Connection lost: heartbeat timeout\. Reconnecting in \d s/,
    );
    expect(screen.getByText('PAPER')).toBeTruthy();
  });

  it('says "Cannot connect", not "Connection lost", when the link was never up', async () => {
    await linkDown('connect ECONNREFUSED 127.0.0.1:9', {
      ...connectedTo(PAPER_PROFILE),
      state: 'disconnected',
    });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^\s*Cannot connect: connect ECONNREFUSED 127\.0\.0\.1:9\. Reconnecting in \d s/,
    );
  });
});

describe('blotter tabs', () => {
  it('switches tabs with Alt+1..4 and lists those keys in the help', async () => {
    render(App, { props: { api } });
    await screen.findByRole('grid', { name: 'Working orders' });
    const grids: [string, string][] = [
      ['3', 'Fills'],
      ['4', 'Positions'],
      ['2', 'Order history'],
      ['1', 'Working orders'],
    ];
    for (const [digit, name] of grids) {
      await fireEvent.keyDown(window, { key: digit, code: `Digit${digit}`, altKey: true });
      expect(await screen.findByRole('grid', { name })).toBeTruthy();
    }
    expect(screen.getByRole('tab', { name: 'Working' }).textContent).toContain('3');
    await fireEvent.keyDown(window, { key: '?', code: 'Slash', shiftKey: true });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const lines = within(help)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(lines).toEqual(
      expect.arrayContaining(['Alt+1Working orders', 'Alt+3Fills', 'Alt+4Positions']),
    );
  });

  it('opens on the remembered tab with its remembered sort', async () => {
    api = createStubApi({
      fills,
      settings: { layout: { 'blotter.tab': 'fills', 'sort.fills': 'qty:desc' } },
    });
    render(App, { props: { api } });
    const grid = await screen.findByRole('grid', { name: 'Fills' });
    await waitFor(() => expect(column(grid, 'qty')).toEqual(['1,000', '0.1000']));
    const header = within(grid).getByRole('columnheader', { name: /Qty/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
  });
});
