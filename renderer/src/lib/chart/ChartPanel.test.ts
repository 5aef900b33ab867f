/**
 * The chart panel inside the app, against the stub api, with the drawing
 * library replaced by a recorder (jsdom has no canvas): candles come from
 * `chartCandles`, working orders become lines with a cancel control, the
 * panel says why when there is no chart, and the menu trades at a price.
 */
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { DEFAULT_TOOL_SETTINGS, type ChartBar, type ToolsState } from '../../../../shared/ipc';
import { fill, order } from '../testing/fixtures';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';
import { KEPT_FILLS } from '../state/trading.svelte';
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

  /** The chart started with 45 buy limits a pip apart below the market. */
  function startedWith45Limits(): ReturnType<typeof started> {
    const orders = Array.from({ length: 45 }, (_, i) =>
      order({ orderId: 100 + i, price: Number((1.08 - i * 0.0001).toFixed(5)) }),
    );
    const api = createStubApi({ orders });
    api.reply('chartCandles', (input) => ok(input.before === undefined ? bars(40) : []));
    return started(api);
  }

  it('draws only the working orders nearest the market and says how many it left out', async () => {
    // Where nothing measures the plot (jsdom), the 40 nearest are drawn.
    const { panel } = await startedWith45Limits();
    await vi.waitFor(() => expect(charts[0]?.candles.lines).toHaveLength(40));
    const prices = (charts[0]?.candles.lines ?? []).map((l) => Number(l.options.price));
    expect(Math.min(...prices)).toBe(1.0761);
    expect(within(panel).getByRole('status', { name: 'Chart notes' }).textContent).toMatch(
      /5 more working orders not drawn \(the nearest 40\s+are; the blotter lists all\)/,
    );
  });

  it('draws one order per 10 px of a short plot (a plot 150 px tall: the 15 nearest)', async () => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe(): void {}
        disconnect(): void {}
      },
    );
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(150);
    try {
      const { panel } = await startedWith45Limits();
      await vi.waitFor(() => expect(charts[0]?.candles.lines).toHaveLength(15));
      expect(within(panel).getByRole('status', { name: 'Chart notes' }).textContent).toMatch(
        /30 more working orders not drawn \(the nearest 15\s+are; the blotter lists all\)/,
      );
    } finally {
      height.mockRestore();
      vi.unstubAllGlobals();
    }
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

  /** Opens the order menu from the keyboard ten ticks under the last price; returns its items. */
  async function menuTenTicksDown(panel: HTMLElement) {
    const plot = within(panel).getByRole('application');
    plot.focus();
    for (let i = 0; i < 10; i++) await fireEvent.keyDown(plot, { key: 'ArrowDown' });
    await fireEvent.keyDown(plot, { key: 'Enter' });
    const menu = await within(panel).findByRole('menu');
    return within(menu).getAllByRole('menuitem');
  }

  it('opens the order menu from the keyboard at the crosshair price; a choice fills the ticket in', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    const items = await menuTenTicksDown(panel);
    expect(items.map((i) => i.textContent)).toEqual([
      'Buy limit @ 1.08490…',
      'Sell stop @ 1.08490…',
      'Close',
    ]);
    expect(document.activeElement).toBe(items[0]);
    await fireEvent.click(items[1] as HTMLElement);
    // The ticket holds the menu's order, its Sell button has the focus; nothing is sent yet.
    const ticket = screen.getByRole('form', { name: 'Order ticket' });
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(within(ticket).getByRole('button', { name: 'Sell' })),
    );
    expect((within(ticket).getByLabelText('Order type') as HTMLSelectElement).value).toBe('STOP');
    expect(api.calls.filter((c) => c.command === 'placeOrder')).toEqual([]);
  });

  it("marks the instrument's fills, and leaves the markers (and the library's redraw) alone for other instruments' fills", async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    const candles = () => charts[0]?.candles;
    api.emit({ fills: [[fill({ fillId: 'e1', time: T0 })]] });
    await vi.waitFor(() => expect(markersOf.get(candles()!)).toHaveLength(1));
    const drawn = markersOf.get(candles()!);
    api.emit({ fills: [[fill({ fillId: 'g1', symbol: 'GBPUSD', time: T0 })]] });
    await tick();
    api.emit({ fills: [[fill({ fillId: 'g2', symbol: 'GBPUSD', time: T0, side: 'SELL' })]] });
    await tick();
    expect(markersOf.get(candles()!)).toBe(drawn);
    api.emit({ fills: [[fill({ fillId: 'e2', time: T0, side: 'SELL' })]] });
    await vi.waitFor(() => expect(markersOf.get(candles()!)).toHaveLength(2));
  });

  it('marks the fills main has stored for the bars shown, each once, and asks again only for older bars', async () => {
    const BAR = 15 * 60_000;
    const held = fill({ fillId: 'held', time: T0, side: 'BUY', qty: 2000, price: 1.085 });
    const stored = fill({ fillId: 'old', time: T0 - 2 * BAR, side: 'SELL', price: 1.0845 });
    const older = fill({ fillId: 'older', time: T0 - 505 * BAR, side: 'SELL', price: 1.084 });
    const api = createStubApi({ fills: [held] });
    // Main has what the page holds and what it does not (an earlier session's).
    api.reply('queryFills', (input) =>
      ok(
        [held, stored, older].filter(
          (f) => f.time >= (input.from ?? 0) && f.time < (input.to ?? Infinity),
        ),
      ),
    );
    // A full first page (so there is more to scroll back to), then ten older bars.
    api.reply('chartCandles', (input) =>
      ok(input.before === undefined ? bars(500) : bars(510).slice(0, 10)),
    );
    const { contents } = await started(api);
    const markers = () => markersOf.get(charts[0]!.candles);
    await vi.waitFor(() => expect(markers()).toHaveLength(2));
    expect(markers()).toEqual([
      expect.objectContaining({ time: (T0 - 2 * BAR) / 1000, text: 'S' }),
      expect.objectContaining({ time: T0 / 1000, text: 'B' }),
    ]);
    expect(contents.textContent).toContain('Fill BUY 2,000 @ 1.08500');
    const asked = () => api.calls.filter((c) => c.command === 'queryFills').map((c) => c.input);
    expect(asked()).toEqual([{ symbol: 'EURUSD', from: T0 - 499 * BAR, limit: 100_000 }]);
    // A scroll back brings older bars: only their range is asked for.
    charts[0]!.rangeHandlers.forEach((h) => h({ from: 0, to: 40 }));
    await vi.waitFor(() => expect(markers()).toHaveLength(3));
    expect(markers()?.[0]).toMatchObject({ time: (T0 - 505 * BAR) / 1000, text: 'S' });
    expect(asked()).toEqual([
      { symbol: 'EURUSD', from: T0 - 499 * BAR, limit: 100_000 },
      { symbol: 'EURUSD', from: T0 - 509 * BAR, to: T0 - 499 * BAR, limit: 100_000 },
    ]);
  });

  it('asks again for the older fills of a range when a reply was full', async () => {
    const BAR = 15 * 60_000;
    // 100,000 stored fills in the newest bar (newest first, as main answers), one older.
    const full = Array.from({ length: 100_000 }, (_, i) =>
      fill({ fillId: `s${i}`, orderId: i, time: T0 + 99_999 - i, side: 'BUY', qty: 1 }),
    );
    const older = fill({ fillId: 'older', time: T0 - 2 * BAR, side: 'SELL' });
    const api = createStubApi();
    api.reply('queryFills', (input) =>
      ok(input.to === undefined ? full : [older].filter((f) => f.time < (input.to ?? Infinity))),
    );
    api.reply('chartCandles', () => ok(bars(5)));
    await started(api);
    await vi.waitFor(() =>
      expect(markersOf.get(charts[0]!.candles)).toEqual([
        expect.objectContaining({ text: 'S' }),
        expect.objectContaining({ text: 'B×100000' }),
      ]),
    );
    expect(api.calls.filter((c) => c.command === 'queryFills').map((c) => c.input)).toEqual([
      { symbol: 'EURUSD', from: T0 - 4 * BAR, limit: 100_000 },
      { symbol: 'EURUSD', from: T0 - 4 * BAR, to: T0 + 1, limit: 100_000 },
    ]);
  });

  it('keeps counting the fills the page no longer holds (a burst beyond KEPT_FILLS)', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    const burst = Array.from({ length: KEPT_FILLS + 10 }, (_, i) =>
      fill({ fillId: `b${i}`, orderId: i, time: T0 + i, side: 'BUY' }),
    );
    // One frame brings more than the page keeps: those forgotten at once still count.
    api.emit({ fills: [burst] });
    await vi.waitFor(() =>
      expect(markersOf.get(charts[0]!.candles)).toEqual([
        expect.objectContaining({ text: `B×${KEPT_FILLS + 10}` }),
      ]),
    );
  });

  it('moves the live candle once for each fill, even one that comes again after the page forgot it', async () => {
    const api = createStubApi();
    api.reply('chartCandles', () => ok(bars(5)));
    const { contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    const volume = () => charts[0]!.volume.data.at(-1)?.['value'];
    const burst = Array.from({ length: 2 * KEPT_FILLS + 1 }, (_, i) =>
      fill({ fillId: `v${i}`, orderId: i, time: T0 + i, qty: 1 }),
    );
    api.emit({ fills: [burst] });
    await vi.waitFor(() => expect(volume()).toBe(1000 + burst.length));
    // The first fill again (main sends an order's fills again when it reconciles it),
    // then one more: only the new one moves the candle.
    api.emit({ fills: [[burst[0]!]] });
    api.emit({ fills: [[fill({ fillId: 'new', orderId: 1, time: T0 + 1, qty: 1 })]] });
    await vi.waitFor(() => expect(volume()).toBe(1000 + burst.length + 1));
  });

  it("in one-click mode the menu says the quantity and sends at once through the tools' door", async () => {
    const api = createStubApi({ settings: { confirmOrders: true } });
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    api.emit({
      tools: [
        {
          ...NO_TOOLS,
          settings: { oneClick: true, limits: { EURUSD: { defaultQty: 3000 } } },
        },
      ],
    });
    const items = await menuTenTicksDown(panel);
    expect(items.map((i) => i.textContent)).toEqual([
      'Buy limit 3,000 @ 1.08490',
      'Sell stop 3,000 @ 1.08490',
      'Close',
    ]);
    await fireEvent.click(items[0] as HTMLElement);
    // No confirmation although the setting asks for one: one-click mode is on.
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.command === 'placeOrder').map((c) => c.input)).toEqual([
        { symbol: 'EURUSD', side: 'BUY', type: 'LIMIT', quantity: 3000, price: 1.0849 },
      ]),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('moves an order line with the keys: a tick per arrow, ten per page, Enter modifies the order', async () => {
    const api = createStubApi({
      orders: [order({ orderId: 9, price: 1.08, origQty: 2000, leavesQty: 2000 })],
    });
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    const handle = await within(panel).findByRole('button', {
      name: 'Buy 2,000 EURUSD limit 1.08000',
    });
    // The one tab stop of the order lines.
    expect(handle.tabIndex).toBe(0);
    handle.focus();
    await fireEvent.keyDown(handle, { key: 'ArrowUp' });
    await fireEvent.keyDown(handle, { key: 'PageUp' });
    await fireEvent.keyDown(handle, { key: 'ArrowDown' });
    const notes = within(panel).getByRole('status', { name: 'Chart notes' });
    expect(notes.textContent).toContain('Order 9: 1.08000 → 1.08010 (+10 ticks)');
    expect(contents.textContent).toContain('Line: BUY 2,000 LIMIT at 1.08010');
    expect(charts[0]?.candles.lines[0]?.options.price).toBe(1.0801);
    expect(api.calls.filter((c) => c.command === 'modifyOrder')).toEqual([]);
    await fireEvent.keyDown(handle, { key: 'Enter' });
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.command === 'modifyOrder').map((c) => c.input)).toEqual([
        { orderId: 9, price: 1.0801 },
      ]),
    );
    expect(document.activeElement).toBe(handle);
  });

  it('lists the order-line keys in the help dialog', async () => {
    await started(createStubApi());
    await fireEvent.keyDown(window, { key: '?', code: 'Slash', shiftKey: true });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(help)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(
      expect.arrayContaining([
        '↑ / ↓, PgUp / PgDnOrder line: move it one tick or ten (nothing is sent yet)',
        'DeleteOrder line: cancel the order',
      ]),
    );
  });

  it('puts a line moved with the keys back on Escape, and cancels its order on Delete', async () => {
    const api = createStubApi({
      orders: [
        order({ orderId: 9, price: 1.08, origQty: 2000, leavesQty: 2000 }),
        order({ orderId: 10, side: 'SELL', price: 1.09 }),
      ],
    });
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    const lower = await within(panel).findByRole('button', {
      name: 'Buy 2,000 EURUSD limit 1.08000',
    });
    lower.focus();
    for (let i = 0; i < 3; i++) await fireEvent.keyDown(lower, { key: 'ArrowDown' });
    expect(contents.textContent).toContain('Line: BUY 2,000 LIMIT at 1.07997');
    await fireEvent.keyDown(lower, { key: 'Escape' });
    expect(contents.textContent).toContain('Line: BUY 2,000 LIMIT at 1.08000');
    expect(within(panel).getByRole('status', { name: 'Chart notes' }).textContent).not.toContain(
      '→',
    );

    // ← goes to the line above (the sell at 1.09000); Delete cancels that order only.
    await fireEvent.keyDown(lower, { key: 'ArrowLeft' });
    const upper = within(panel).getByRole('button', { name: 'Sell 1,000 EURUSD limit 1.09000' });
    await vi.waitFor(() => expect(document.activeElement).toBe(upper));
    expect(upper.tabIndex).toBe(0);
    expect(lower.tabIndex).toBe(-1);
    await fireEvent.keyDown(upper, { key: 'Delete' });
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.command === 'cancelOrder').map((c) => c.input)).toEqual([
        { orderId: 10 },
      ]),
    );
    expect(api.calls.filter((c) => c.command === 'modifyOrder')).toEqual([]);
  });

  it("draws the instrument's alerts, a pending bracket's exits and a trailing stop, with their labels", async () => {
    const api = createStubApi({
      orders: [
        order({ orderId: 9, price: 1.08, origQty: 2000, leavesQty: 2000 }),
        order({ orderId: 11, side: 'SELL', type: 'STOP', price: null, stopPrice: 1.07 }),
      ],
    });
    api.reply('chartCandles', () => ok(bars(5)));
    const { panel, contents } = await started(api);
    await vi.waitFor(() => expect(contents.textContent).toContain('5 candles'));
    api.emit({
      tools: [
        {
          ...NO_TOOLS,
          alerts: [
            {
              id: 'a1',
              symbol: 'EURUSD',
              condition: 'above',
              price: 1.095,
              armed: true,
              lastPrice: null,
              firedAt: null,
              firedPrice: null,
              createdAt: 0,
            },
          ],
          brackets: [
            {
              id: 'p1',
              symbol: 'EURUSD',
              side: 'BUY',
              login: 'L1',
              spec: {
                takeProfit: { kind: 'ticks', ticks: 300 },
                stopLoss: { kind: 'price', price: 1.0785 },
              },
              entry: {
                clientOrderId: 'c9',
                orderId: 9,
                filledQty: 0,
                avgPrice: null,
                closed: false,
              },
              exits: null,
              state: 'armed',
              reason: null,
              createdAt: 0,
              updatedAt: 0,
            },
          ],
          trailingStops: [
            {
              id: 't1',
              orderId: 11,
              symbol: 'EURUSD',
              side: 'SELL',
              distance: { kind: 'ticks', ticks: 25 },
              bestPrice: 1.0725,
              stopPrice: 1.07,
              limitPrice: null,
              state: 'trailing',
              reason: null,
              updatedAt: 0,
            },
          ],
        },
      ],
    });
    await vi.waitFor(() => expect(contents.textContent).toContain('Line: ALERT above at 1.09500'));
    expect(contents.textContent).toContain('Line: TP SELL 2,000 · entry 9 (300 ticks) at 1.08300');
    expect(contents.textContent).toContain('Line: SL SELL 2,000 · entry 9 at 1.07850');
    expect(contents.textContent).toContain('Line: SELL 1,000 STOP · TRAIL 25 ticks at 1.07000');
    const drawn = charts[0]?.candles.lines.map((l) => [l.options.title, l.options.lineStyle]);
    expect(drawn).toEqual(
      expect.arrayContaining([
        ['ALERT above', 0],
        ['TP SELL 2,000 · entry 9 (300 ticks)', 2],
        ['SL SELL 2,000 · entry 9', 2],
      ]),
    );
    expect(panel.querySelector('.bell')?.getAttribute('title')).toBe(
      'Alert above 1.09500: drag the line to move it',
    );
    expect(
      within(panel).getByRole('button', {
        name: 'Sell 1,000 EURUSD stop 1.07000, trailing 25 ticks',
      }),
    ).toBeTruthy();

    // The entry moved with the keys: the exit set in ticks moves with it.
    const entry = within(panel).getByRole('button', { name: 'Buy 2,000 EURUSD limit 1.08000' });
    entry.focus();
    await fireEvent.keyDown(entry, { key: 'PageUp' });
    expect(contents.textContent).toContain('(300 ticks) at 1.08310');
    expect(contents.textContent).toContain('SL SELL 2,000 · entry 9 at 1.07850');
  });
});

const NO_TOOLS: ToolsState = {
  settings: DEFAULT_TOOL_SETTINGS,
  brackets: [],
  trailingStops: [],
  alerts: [],
};
