/**
 * The chart panel inside the app, against the stub api, with the drawing
 * library replaced by a recorder (jsdom has no canvas): candles come from
 * `chartCandles`, working orders become lines with a cancel control, the
 * panel says why when there is no chart, and the menu trades at a price.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import type { ChartBar } from '../../../../shared/ipc';
import { order } from '../testing/fixtures';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';
import { charts, markersOf } from './testing/fakeLightweightCharts';

vi.mock('lightweight-charts', () => import('./testing/fakeLightweightCharts'));

const now = (flush: () => void) => flush();
const T0 = Date.UTC(2023, 10, 14, 12, 0);

function bars(count: number): ChartBar[] {
  return Array.from({ length: count }, (_, i) => ({
    time: T0 + (i - count + 1) * 15 * 60_000,
    open: 1.084,
    high: 1.086,
    low: 1.083,
    close: 1.085,
    volume: 1000,
  }));
}

beforeEach(() => {
  charts.length = 0;
  markersOf.clear();
  // The page "can draw" (the library itself is the recorder) and has a size.
  vi.stubGlobal('CanvasRenderingContext2D', class {});
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(900);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function started(api: StubApi) {
  render(App, { props: { api, schedule: now } });
  await screen.findByRole('form', { name: 'Order ticket' });
  const panel = screen.getByRole('region', { name: 'Chart' });
  return { panel, contents: within(panel).getByRole('list', { name: 'Chart contents' }) };
}

describe('chart panel', () => {
  it("shows the ticket instrument's candles and each working order as a line with a cancel control", async () => {
    const api = createStubApi({
      orders: [order({ orderId: 9, price: 1.08, origQty: 2000, leavesQty: 2000 })],
    });
    api.reply('chartCandles', (input) => ok(input.before === undefined ? bars(40) : []));
    const { panel, contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('40 candles of EURUSD 15m'));
    expect(api.calls.find((c) => c.command === 'chartCandles')?.input).toEqual({
      symbol: 'EURUSD',
      interval: '15m',
      count: 500,
    });
    expect(charts[0]?.candles.data).toHaveLength(40);
    expect(contents.textContent).toContain('Line: BUY 2,000 LIMIT at 1.08000');
    expect(charts[0]?.candles.lines.map((l) => l.options.title)).toEqual(['BUY 2,000 LIMIT']);

    const cancel = await within(panel).findByRole('button', {
      name: /^Cancel order 9: BUY 2,000 LIMIT/,
    });
    await fireEvent.click(cancel);
    expect(api.calls.filter((c) => c.command === 'cancelOrder').map((c) => c.input)).toEqual([
      { orderId: 9 },
    ]);
  });

  it('asks for the picked interval and remembers it', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel } = await started(api);
    await fireEvent.click(within(panel).getByRole('button', { name: '1h' }));
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.command === 'chartCandles').at(-1)?.input).toMatchObject({
        interval: '1h',
      }),
    );
    await vi.waitFor(
      () =>
        expect(api.calls.filter((c) => c.command === 'saveSettings').at(-1)?.input).toMatchObject({
          layout: { 'chart.interval': '1h' },
        }),
      { timeout: 2000 },
    );
  });

  it('resizes against the blotters from the keyboard and remembers the height', async () => {
    const api = createStubApi();
    await started(api);
    const splitter = screen.getByRole('separator', { name: 'Resize chart' });
    const before = Number(splitter.getAttribute('aria-valuenow'));
    await fireEvent.keyDown(splitter, { key: 'ArrowDown' });
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(before + 20);
    await vi.waitFor(
      () =>
        expect(api.calls.filter((c) => c.command === 'saveSettings').at(-1)?.input).toMatchObject({
          layout: { 'chart.height': before + 20 },
        }),
      { timeout: 2000 },
    );
  });

  it('says so in words when the profile has no Chart API, and the ticket still works', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No Chart API on this profile' },
    }));
    const { panel } = await started(api);
    const status = await within(panel).findByRole('status', { name: 'Chart status' });
    await vi.waitFor(() => expect(status.textContent?.trim()).toBe('No Chart API on this profile'));
    expect(screen.getByRole('button', { name: 'Buy' })).toBeTruthy();
  });

  it('draws the pivot levels when asked', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    api.reply('chartPivots', () =>
      ok({ PP: 1.08, R1: 1.09, R2: 1.1, R3: 1.11, S1: 1.07, S2: 1.06, S3: 1.05 }),
    );
    const { panel, contents } = await started(api);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Pivots' }));
    await vi.waitFor(() => expect(contents.textContent).toContain('Line: PP at 1.08000'));
    expect(charts[0]?.candles.lines.map((l) => l.options.title)).toEqual([
      'R3',
      'R2',
      'R1',
      'PP',
      'S1',
      'S2',
      'S3',
    ]);
  });

  it('opens the order menu from the keyboard at the crosshair price and sends from the ticket', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    const plot = within(panel).getByRole('application');
    plot.focus();
    // Ten ticks down from the last price, then the menu.
    for (let i = 0; i < 10; i++) await fireEvent.keyDown(plot, { key: 'ArrowDown' });
    await fireEvent.keyDown(plot, { key: 'Enter' });
    const menu = await within(panel).findByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Buy limit at 1.08490',
      'Sell stop at 1.08490',
      'Close',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.click(items[0] as HTMLElement);
    await vi.waitFor(() =>
      expect(api.calls.find((c) => c.command === 'placeOrder')?.input).toMatchObject({
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.0849,
      }),
    );
  });
});
