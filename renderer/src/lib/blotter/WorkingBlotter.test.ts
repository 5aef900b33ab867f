import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import {
  DEFAULT_TOOL_SETTINGS,
  type OrderRow,
  type TrailDistance,
  type TrailingStop,
} from '../../../../shared/ipc';
import { AppState } from '../state/app.svelte';
import { order } from '../testing/fixtures';
import { csvPieces, savedCsvExport } from '../testing/history-stub';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';
import { ToolsUi } from '../tools/tools.svelte';
import WorkingBlotter from './WorkingBlotter.svelte';

afterEach(() => cleanup());

/** A sell stop under the market, a buy stop above it, and a plain limit order. */
const ORDERS: OrderRow[] = [
  order({
    orderId: 21,
    side: 'SELL',
    type: 'STOP',
    price: null,
    stopPrice: 1.08,
    updatedAt: 3,
  }),
  order({
    orderId: 22,
    side: 'BUY',
    type: 'STOP',
    price: null,
    stopPrice: 1.09,
    updatedAt: 2,
  }),
  order({ orderId: 23, side: 'BUY', type: 'LIMIT', price: 1.07, updatedAt: 1 }),
];

/** Main's trail of an order at `distance` (trailing unless told). */
function trail(orderId: number, distance: TrailDistance, over: Partial<TrailingStop> = {}) {
  return {
    id: `tr${orderId}`,
    orderId,
    symbol: 'EURUSD',
    side: 'SELL' as const,
    distance,
    bestPrice: null,
    stopPrice: 1.08,
    limitPrice: null,
    state: 'trailing' as const,
    reason: null,
    updatedAt: 0,
    ...over,
  };
}

/** The tool state main holds with these trails. */
const toolsWith = (trailingStops: TrailingStop[]) => ({
  settings: DEFAULT_TOOL_SETTINGS,
  brackets: [],
  trailingStops,
  alerts: [],
});

/** The Working blotter on its own, with the tools (as App passes them) unless told not to. */
async function mount(trails: TrailingStop[] = [], withTools = true) {
  const api = createStubApi({ orders: ORDERS });
  api.reply('getTools', () => ok(toolsWith(trails)));
  api.reply('exportCsv', savedCsvExport());
  const app = new AppState(api, { schedule: (flush) => flush() });
  await app.start();
  const tools = new ToolsUi(api, app);
  await tools.start();
  render(WorkingBlotter, { props: withTools ? { app, tools } : { app } });
  const grid = await screen.findByRole('grid', { name: 'Working orders' });
  await waitFor(() => expect(dataRows(grid)).toHaveLength(ORDERS.length));
  return { api, app, grid };
}

const dataRows = (grid: HTMLElement) => within(grid).getAllByRole('row').slice(1);
const cellText = (grid: HTMLElement, colId: string) =>
  dataRows(grid).map((r) => r.querySelector(`[data-col="${colId}"]`)?.textContent?.trim());
const rowOf = (grid: HTMLElement, orderId: number): HTMLElement => {
  const line = dataRows(grid).find(
    (r) => r.querySelector('[data-col="orderId"]')?.textContent === String(orderId),
  );
  if (!line) throw new Error(`no row of order ${orderId}`);
  return line;
};
const calls = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

async function openTrailEditor(grid: HTMLElement, orderId: number): Promise<HTMLElement> {
  await fireEvent.click(within(rowOf(grid, orderId)).getByRole('button', { name: 'Trail' }));
  return screen.getByRole('form', { name: `Trailing stop of order ${orderId}` });
}

describe('Working blotter: trailing stops', () => {
  it('shows each active trail distance in the Trail column, blank otherwise, and follows main', async () => {
    const { api, grid } = await mount([
      trail(21, { kind: 'ticks', ticks: 20 }),
      trail(22, { kind: 'percent', percent: 0.5 }, { side: 'BUY' }),
    ]);
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
    // Beside the stop price it moves.
    expect(headers.slice(5, 8)).toEqual(['Price', 'Stop', 'Trail']);
    expect(cellText(grid, 'trail')).toEqual(['20 ticks', '0.5%', '']);

    // Main ends the trail of 21 and restarts 22 at one tick.
    api.emit({
      tools: [
        toolsWith([
          trail(21, { kind: 'ticks', ticks: 20 }, { state: 'ended', reason: 'stopped' }),
          trail(22, { kind: 'ticks', ticks: 1 }, { side: 'BUY' }),
        ]),
      ],
    });
    await waitFor(() => expect(cellText(grid, 'trail')).toEqual(['', '1 tick', '']));
  });

  it('sorts by Trail and exports the column', async () => {
    const { api, app, grid } = await mount([
      trail(21, { kind: 'percent', percent: 0.5 }),
      trail(22, { kind: 'ticks', ticks: 30 }, { side: 'BUY' }),
    ]);
    const header = within(grid).getByRole('columnheader', { name: /Trail/ });
    await fireEvent.click(within(header).getByRole('button'));
    // Ticks before percent, no trail last.
    expect(cellText(grid, 'orderId')).toEqual(['22', '21', '23']);
    await fireEvent.click(within(header).getByRole('button'));
    expect(cellText(grid, 'orderId')).toEqual(['23', '21', '22']);

    await app.exportBlotter('working');
    const lines = csvPieces(api).join('').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Symbol,Side,Type,Qty,Filled,Price,Stop,Trail,TIF,Status,Updated,Order ID',
    );
    expect(lines.slice(1).map((l) => l.split(',')[7])).toEqual(['', '0.5%', '30 ticks']);
  });

  it('has no Trail column or action without the tools', async () => {
    const { grid } = await mount([trail(21, { kind: 'ticks', ticks: 20 })], false);
    expect(within(grid).queryByRole('columnheader', { name: /Trail/ })).toBeNull();
    expect(within(grid).queryByRole('button', { name: 'Trail' })).toBeNull();
  });

  it('offers Trail only on working stop orders', async () => {
    const { grid } = await mount();
    expect(within(rowOf(grid, 21)).getByRole('button', { name: 'Trail' })).toBeTruthy();
    expect(within(rowOf(grid, 22)).getByRole('button', { name: 'Trail' })).toBeTruthy();
    expect(within(rowOf(grid, 23)).queryByRole('button', { name: 'Trail' })).toBeNull();
  });

  it('starts a trail with the distance typed, in ticks or percent', async () => {
    const { api, grid } = await mount();
    let editor = await openTrailEditor(grid, 21);
    expect(within(editor).getByText(/Trailing works only while this app runs/)).toBeTruthy();
    const distance = within(editor).getByLabelText('Trail distance');
    expect(document.activeElement).toBe(distance);
    await fireEvent.input(distance, { target: { value: '10' } });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Start trailing' }));
    await waitFor(() =>
      expect(calls(api, 'startTrailingStop')).toEqual([
        { orderId: 21, distance: { kind: 'ticks', ticks: 10 } },
      ]),
    );
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());

    editor = await openTrailEditor(grid, 22);
    await fireEvent.input(within(editor).getByLabelText('Trail distance'), {
      target: { value: '0.25' },
    });
    await fireEvent.change(within(editor).getByLabelText('Trail unit'), {
      target: { value: 'percent' },
    });
    await fireEvent.submit(editor);
    await waitFor(() =>
      expect(calls(api, 'startTrailingStop').at(-1)).toEqual({
        orderId: 22,
        distance: { kind: 'percent', percent: 0.25 },
      }),
    );
  });

  it('refuses a bad distance with a message and sends nothing', async () => {
    const { api, grid } = await mount();
    const editor = await openTrailEditor(grid, 21);
    const distance = within(editor).getByLabelText('Trail distance');
    await fireEvent.input(distance, { target: { value: '2.5' } });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Start trailing' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Trail distance is a whole number of ticks/,
    );
    expect(distance.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.change(within(editor).getByLabelText('Trail unit'), {
      target: { value: 'percent' },
    });
    await fireEvent.input(distance, { target: { value: '75' } });
    await fireEvent.submit(editor);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Trail distance is at most 50%/),
    );
    expect(calls(api, 'startTrailingStop')).toEqual([]);
  });

  it("shows main's refusal of a trail", async () => {
    const { api, grid } = await mount();
    api.reply('startTrailingStop', () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'orderId: order 21 is not a working STOP' },
    }));
    const editor = await openTrailEditor(grid, 21);
    await fireEvent.submit(editor);
    expect((await screen.findByRole('alert')).textContent).toMatch(/is not a working STOP/);
    expect(screen.getByRole('form', { name: 'Trailing stop of order 21' })).toBeTruthy();
  });

  it('stops a trail, and changes its distance by stopping it and starting anew', async () => {
    const { api, grid } = await mount([trail(21, { kind: 'ticks', ticks: 20 })]);
    let editor = await openTrailEditor(grid, 21);
    const distance = within(editor).getByLabelText('Trail distance') as HTMLInputElement;
    expect(distance.value).toBe('20');
    await fireEvent.click(within(editor).getByRole('button', { name: 'Stop trailing' }));
    await waitFor(() => expect(calls(api, 'stopTrailingStop')).toEqual([{ id: 'tr21' }]));
    expect(calls(api, 'startTrailingStop')).toEqual([]);

    editor = await openTrailEditor(grid, 21);
    await fireEvent.input(within(editor).getByLabelText('Trail distance'), {
      target: { value: '5' },
    });
    await fireEvent.click(within(editor).getByRole('button', { name: 'Change distance' }));
    await waitFor(() =>
      expect(calls(api, 'startTrailingStop')).toEqual([
        { orderId: 21, distance: { kind: 'ticks', ticks: 5 } },
      ]),
    );
    expect(calls(api, 'stopTrailingStop')).toEqual([{ id: 'tr21' }, { id: 'tr21' }]);
  });

  it('closes the editor with Escape and gives the keyboard back to the grid', async () => {
    const { api, grid } = await mount();
    const editor = await openTrailEditor(grid, 21);
    await fireEvent.keyDown(within(editor).getByLabelText('Trail distance'), { key: 'Escape' });
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(grid);
    expect(calls(api, 'startTrailingStop')).toEqual([]);
    // The row's Trail button is in the tab order once its row is selected, as Modify is.
    const button = within(rowOf(grid, 21)).getByRole('button', { name: 'Trail' });
    expect(button.getAttribute('tabindex')).toBe('0');
  });
});
