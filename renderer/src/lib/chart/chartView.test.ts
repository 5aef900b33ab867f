import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartBar, OrderRow } from '../../../../shared/ipc';
import { fill, order as orderRow } from '../testing/fixtures';
import { ChartView } from './chartView.svelte';
import { orderLines, type LineSpec } from './overlays';
import { fillMarkers } from './testing/markers';
import { charts, markersOf, type FakeChart } from './testing/fakeLightweightCharts';

vi.mock('lightweight-charts', () => import('./testing/fakeLightweightCharts'));

const T0 = Date.UTC(2025, 2, 4, 9, 0);
const MIN = 60_000;
const EURUSD = { pricePrecision: 5, qtyPrecision: 0, tickSize: 0.00001 };

function bar(i: number, open: number, close: number, volume = 1000): ChartBar {
  return {
    time: T0 + i * 15 * MIN,
    open,
    high: Math.max(open, close) + 0.0002,
    low: Math.min(open, close) - 0.0002,
    close,
    volume,
  };
}

function make(options: Partial<ConstructorParameters<typeof ChartView>[1]> = {}): {
  view: ChartView;
  chart: FakeChart;
} {
  const view = new ChartView(document.createElement('div'), { theme: 'dark', ...options });
  return { view, chart: charts.at(-1) as FakeChart };
}

beforeEach(() => {
  charts.length = 0;
  markersOf.clear();
});

describe('ChartView (lightweight-charts wrapped once)', () => {
  it('hands candles and a volume histogram to the library in seconds, coloured by direction', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081, 500), bar(1, 1.081, 1.0805, 700)]);
    expect(chart.candles.data).toEqual([
      { time: T0 / 1000, open: 1.08, high: 1.0812, low: 1.0798, close: 1.081 },
      {
        time: (T0 + 15 * MIN) / 1000,
        open: 1.081,
        high: 1.0812,
        low: 1.0803,
        close: 1.0805,
      },
    ]);
    expect(chart.volume.data.map((d) => d.value)).toEqual([500, 700]);
    const [up, down] = chart.volume.data.map((d) => d.color);
    expect(up).not.toBe(down);
    expect(view.readout).toMatchObject({ time: T0 + 15 * MIN, close: 1.0805, volume: 700 });
  });

  it('draws each working order as a labelled line and moves it in place when its price changes', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081)]);
    const order: OrderRow = orderRow({
      orderId: 7,
      side: 'BUY',
      type: 'LIMIT',
      price: 1.078,
      origQty: 3000,
      leavesQty: 3000,
    });
    view.setLines(orderLines([order], 'EURUSD', EURUSD));
    expect(chart.candles.lines.map((l) => l.options)).toEqual([
      expect.objectContaining({ price: 1.078, title: 'BUY 3,000 LIMIT', color: '#3fb950' }),
    ]);
    view.setLines(orderLines([{ ...order, price: 1.0785 }], 'EURUSD', EURUSD));
    expect(chart.candles.created).toBe(1);
    expect(chart.candles.lines[0]?.options).toMatchObject({ price: 1.0785 });
    view.setLines([]);
    expect(chart.candles.lines).toEqual([]);
  });

  it('gives both legs of an OCO the same colour, unlike a lone order of the same side', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081)]);
    const legs = [
      orderRow({ orderId: 10, side: 'SELL', type: 'LIMIT', price: 1.09, ocoOrderId: 11 }),
      orderRow({
        orderId: 11,
        side: 'SELL',
        type: 'STOP',
        price: null,
        stopPrice: 1.07,
        ocoOrderId: 10,
      }),
      orderRow({ orderId: 12, side: 'SELL', type: 'LIMIT', price: 1.095 }),
    ];
    view.setLines(orderLines(legs, 'EURUSD', EURUSD));
    const [limit, stop, lone] = chart.candles.lines.map((l) => l.options);
    expect(limit?.color).toBe(stop?.color);
    expect(lone?.color).not.toBe(limit?.color);
    expect(limit?.title).toContain('OCO 10↔11');
    expect(stop?.title).toContain('OCO 10↔11');
  });

  it('puts fills as markers on their bars, and leaves out fills before the first bar', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
    const fills = [
      fill({ fillId: 'a', side: 'BUY', price: 1.0811, qty: 2000, time: T0 + 16 * MIN }),
      fill({ fillId: 'b', side: 'SELL', price: 1.0801, qty: 1000, time: T0 + 2 * MIN }),
      fill({ fillId: 'old', side: 'BUY', price: 1.07, qty: 1000, time: T0 - 60 * MIN }),
    ];
    view.setMarkers(fillMarkers(fills, 'EURUSD', '15m', EURUSD));
    expect(view.drawnMarkers.map((m) => m.text)).toEqual([
      'SELL 1,000 @ 1.08010',
      'BUY 2,000 @ 1.08110',
    ]);
    expect(markersOf.get(chart.candles)).toEqual([
      expect.objectContaining({
        time: T0 / 1000,
        shape: 'arrowDown',
        price: 1.0801,
        text: 'S',
      }),
      expect.objectContaining({
        time: (T0 + 15 * MIN) / 1000,
        shape: 'arrowUp',
        price: 1.0811,
        text: 'B',
      }),
    ]);
    // The readout of the newest bar names its fill with quantity and price.
    expect(view.readout?.fills.map((f) => f.text)).toEqual(['BUY 2,000 @ 1.08110']);
  });

  it('draws one marker per bar and side with the count of its fills, and the readout names the group', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
    const fills = Array.from({ length: 300 }, (_, i) =>
      fill({ fillId: `f${i}`, side: 'BUY', price: 1.0811, qty: 1000, time: T0 + 16 * MIN + i }),
    );
    view.setMarkers(fillMarkers(fills, 'EURUSD', '15m', EURUSD));
    expect(markersOf.get(chart.candles)).toEqual([
      expect.objectContaining({ shape: 'arrowUp', price: 1.0811, text: 'B×300' }),
    ]);
    expect(view.readout?.fills.map((f) => f.text)).toEqual(['BUY 300 fills 300,000 @ avg 1.08110']);
  });

  it('stacks at most four axis labels in one place, the position’s first, and shows the rest again when they fit', async () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
    const line = (id: string, price: number, extra: Partial<LineSpec> = {}): LineSpec => ({
      id,
      price,
      color: 'buy',
      title: id,
      style: 'solid',
      ...extra,
    });
    const crowd = Array.from({ length: 6 }, (_, i) =>
      line(`order:${i}`, 1.08 + i * 0.00001, {
        order: { orderId: i + 1, field: 'price', row: {} as never },
      }),
    );
    view.setLines([line('position:demo', 1.0801, { color: 'position' }), ...crowd]);
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const shown = () =>
      chart.candles.lines
        .filter((l) => l.options['axisLabelVisible'] !== false)
        .map((l) => l.options['id']);
    // Seven lines within a pixel: a stack of four labels, the position's first. The lines
    // reach the library that way: none is shown for a frame and then hidden (a second redraw).
    expect(shown()).toEqual(['position:demo', 'order:0', 'order:1', 'order:2']);
    await frame();
    expect(shown()).toEqual(['position:demo', 'order:0', 'order:1', 'order:2']);
    expect(chart.candles.lines.map((l) => l.applied)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Spread apart (the market moved the orders away), each label fits again.
    view.setLines(crowd.map((l, i) => ({ ...l, price: 1.0 + i * 0.02 })));
    await frame();
    expect(shown()).toHaveLength(6);
  });

  it('formats the axis with the instrument’s tick to its decimals (a tick of 10 ** -5 is not 0.00001)', () => {
    const { view, chart } = make();
    view.setPriceFormat(5, 10 ** -5);
    expect(chart.candles.options['priceFormat']).toEqual({
      type: 'price',
      precision: 5,
      minMove: 0.00001,
    });
    view.setPriceFormat(2, 0.05);
    expect(chart.candles.options['priceFormat']).toMatchObject({ precision: 2, minMove: 0.05 });
  });

  it('hands the library the newest 5,000 bars at first and older ones as the view scrolls back to them', () => {
    const onNeedOlder = vi.fn();
    const { view, chart } = make({ onNeedOlder });
    const bars = Array.from({ length: 12_000 }, (_, i) => bar(i, 1.08, 1.081));
    view.setBars(bars);
    expect(view.bars).toHaveLength(12_000);
    expect(chart.candles.data).toHaveLength(5_000);
    expect(chart.candles.data[0]).toMatchObject({ time: (T0 + 7_000 * 15 * MIN) / 1000 });
    // Scrolled back to the oldest bar handed: the next 5,000 from memory, the view kept in place.
    chart.visibleRange = { from: 3, to: 100 };
    chart.rangeHandlers[0]?.({ from: 3, to: 100 });
    expect(chart.candles.data).toHaveLength(10_000);
    expect(chart.volume.data).toHaveLength(10_000);
    expect(chart.visibleRange).toEqual({ from: 5_003, to: 5_100 });
    chart.rangeHandlers[0]?.({ from: 3, to: 100 });
    expect(chart.candles.data).toHaveLength(12_000);
    expect(onNeedOlder).not.toHaveBeenCalled();
    // Every bar held is in the library: now the Chart API is asked for older ones.
    chart.rangeHandlers[0]?.({ from: 3, to: 100 });
    expect(onNeedOlder).toHaveBeenCalledOnce();
  });

  it('shows the bar under the crosshair in the readout, with the fills in it', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081, 400), bar(1, 1.081, 1.082, 900)]);
    view.setMarkers(
      fillMarkers(
        [fill({ fillId: 'f', side: 'SELL', price: 1.0805, qty: 5000, time: T0 + MIN })],
        'EURUSD',
        '15m',
        EURUSD,
      ),
    );
    const seriesData = new Map<unknown, unknown>([
      [chart.candles, chart.candles.data[0]],
      [chart.volume, chart.volume.data[0]],
    ]);
    chart.crosshairHandlers[0]?.({ time: T0 / 1000, point: { x: 5, y: 5 }, seriesData });
    expect(view.readout).toMatchObject({ time: T0, open: 1.08, close: 1.081, volume: 400 });
    expect(view.readout?.fills.map((f) => f.text)).toEqual(['SELL 5,000 @ 1.08050']);
    chart.crosshairHandlers[0]?.({ seriesData: new Map() });
    expect(view.readout).toMatchObject({ time: T0 + 15 * MIN });
  });

  it('updates the live bar in place, appends the next one, and corrects a recent one as history', () => {
    const { view, chart } = make();
    view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
    view.updateBar({ ...bar(1, 1.081, 1.083) });
    view.updateBar(bar(2, 1.083, 1.084));
    view.updateBar({ ...bar(1, 1.081, 1.0825), volume: 9 });
    expect(chart.candles.updates.map((u) => [u.bar.time, u.historical])).toEqual([
      [(T0 + 15 * MIN) / 1000, false],
      [(T0 + 30 * MIN) / 1000, false],
      [(T0 + 15 * MIN) / 1000, true],
    ]);
    expect(view.bars.map((b) => b.close)).toEqual([1.081, 1.0825, 1.084]);
  });

  describe('paced (paceMs): the market moves the chart at most that often', () => {
    const PACE = 250;
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      return () => vi.useRealTimers();
    });
    const line = (id: string, price: number): LineSpec => ({
      id,
      price,
      color: 'buy',
      title: id,
      style: 'solid',
    });

    it('hands a change after a quiet spell over at once, and holds the next ones for one hand-over', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
      vi.advanceTimersByTime(PACE);
      view.updateBar(bar(1, 1.081, 1.083));
      expect(chart.candles.updates).toHaveLength(1);
      view.setLines([line('order:1', 1.079)]);
      expect(chart.candles.lines).toHaveLength(1);
      // A stream: the live bar moves twice, the next bar opens, the line moves, a fill comes.
      view.updateBar(bar(1, 1.081, 1.0835));
      view.updateBar(bar(1, 1.081, 1.084));
      view.updateBar(bar(2, 1.084, 1.085));
      view.setLines([line('order:1', 1.0795)]);
      const fills = [fill({ fillId: 'f', side: 'BUY', price: 1.0841, time: T0 + 31 * MIN })];
      view.setMarkers(fillMarkers(fills, 'EURUSD', '15m', EURUSD));
      // The bars held here are current at once (the feed builds on them)...
      expect(view.bars.map((b) => b.close)).toEqual([1.081, 1.084, 1.085]);
      // ...but the library has none of it yet, no redraw for each, and what the panel
      // shows beside the canvas (readout, handles, words) names what is drawn.
      expect(chart.candles.updates).toHaveLength(1);
      expect(chart.candles.lines[0]?.options['price']).toBe(1.079);
      expect(markersOf.get(chart.candles)).toEqual([]);
      expect(view.readout?.close).toBe(1.083);
      expect(view.drawnLines[0]?.price).toBe(1.079);
      expect(view.drawnMarkers).toEqual([]);

      vi.advanceTimersByTime(PACE - 1);
      expect(chart.candles.updates).toHaveLength(1);
      vi.advanceTimersByTime(1);
      // One hand-over: the live bar's last state once, then the new bar, its marker and the line.
      expect(chart.candles.updates.slice(1).map((u) => [u.bar.time, u.bar.close])).toEqual([
        [(T0 + 15 * MIN) / 1000, 1.084],
        [(T0 + 30 * MIN) / 1000, 1.085],
      ]);
      expect(chart.volume.data.map((d) => d.time)).toEqual(chart.candles.data.map((d) => d.time));
      expect(markersOf.get(chart.candles)).toEqual([
        expect.objectContaining({ time: (T0 + 30 * MIN) / 1000, text: 'B' }),
      ]);
      expect(chart.candles.lines.map((l) => l.options['price'])).toEqual([1.0795]);
      expect(view.drawnLines.map((l) => l.price)).toEqual([1.0795]);
      expect(view.drawnMarkers.map((m) => m.text)).toEqual(['BUY 2,000 @ 1.08410']);
      expect(view.readout).toMatchObject({ close: 1.085, fills: view.drawnMarkers });
    });

    it('draws a line change after a quiet spell of lines at once, however busy the candles, and ignores the same lines again', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setBars([bar(0, 1.08, 1.081)]);
      view.updateBar(bar(0, 1.08, 1.0812));
      view.updateBar(bar(0, 1.08, 1.0813));
      expect(chart.candles.updates.map((u) => u.bar.close)).toEqual([1.0812]);
      // An order just placed: its line at once, and the candle held so far with it.
      view.setLines([line('order:1', 1.079)]);
      expect(chart.candles.lines).toHaveLength(1);
      expect(chart.candles.updates.map((u) => u.bar.close)).toEqual([1.0812, 1.0813]);
      // The same lines again (a quote recomputed them): nothing to draw, nothing handed.
      view.updateBar(bar(0, 1.08, 1.0814));
      view.setLines([line('order:1', 1.079)]);
      expect(chart.candles.lines[0]?.applied).toBe(0);
      expect(chart.candles.updates).toHaveLength(2);
    });

    it('draws each step of the user’s hand at once, and paces the market’s changes meanwhile', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setBars([bar(0, 1.08, 1.081)]);
      view.setLines([line('order:1', 1.079)]);
      expect(chart.candles.lines).toHaveLength(1);
      view.updateBar(bar(0, 1.08, 1.0815));
      // A drag: each step is a new drag, drawn at once with the candle held so far.
      view.setLines([line('order:1', 1.078)], { price: 1.078 });
      const step = { price: 1.077 };
      view.setLines([line('order:1', 1.077)], step);
      expect(chart.candles.lines[0]?.options['price']).toBe(1.077);
      expect(chart.candles.data.at(-1)?.['close']).toBe(1.0815);
      expect(view.drawnLines[0]?.price).toBe(1.077);
      // The market during the same step (a quote, a new order): paced, not drawn at once.
      view.setLines([line('order:1', 1.077)], step);
      view.setLines([line('order:1', 1.077), line('order:2', 1.076)], step);
      expect(chart.candles.lines).toHaveLength(1);
      vi.advanceTimersByTime(PACE);
      expect(chart.candles.lines).toHaveLength(2);
      // Let go (or put back): drawn at once.
      view.setLines([line('order:1', 1.079), line('order:2', 1.076)], null);
      expect(chart.candles.lines[0]?.options['price']).toBe(1.079);
    });

    it('changes theme with bars held: the candles get them first, then the volume in full', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setBars([bar(0, 1.08, 1.081)]);
      view.updateBar(bar(0, 1.08, 1.0812));
      // The live bar's last trade and the next bar's first, in one window, and a line.
      view.updateBar(bar(0, 1.08, 1.0813));
      view.updateBar(bar(1, 1.0813, 1.0814));
      view.setLines([line('order:1', 1.079)]);
      view.setLines([line('order:1', 1.078)]);
      expect(() => view.setTheme('light')).not.toThrow();
      expect(chart.candles.data.map((d) => d['close'])).toEqual([1.0813, 1.0814]);
      expect(chart.volume.data.map((d) => d.time)).toEqual(chart.candles.data.map((d) => d.time));
      expect(chart.candles.lines[0]?.options).toMatchObject({ price: 1.078, color: '#1a7f37' });
      // The next changes are paced as before.
      view.updateBar(bar(1, 1.0813, 1.0816));
      vi.advanceTimersByTime(PACE);
      expect(chart.candles.data.at(-1)?.['close']).toBe(1.0816);
    });

    it('hands a corrected older bar over as history, and new bars wholesale drop what was held', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setBars([bar(0, 1.08, 1.081), bar(1, 1.081, 1.082)]);
      view.updateBar(bar(2, 1.082, 1.083));
      view.updateBar({ ...bar(1, 1.081, 1.0825), volume: 9 });
      view.updateBar(bar(2, 1.082, 1.084));
      vi.advanceTimersByTime(PACE);
      expect(chart.candles.updates.map((u) => [u.bar.time, u.bar.close, u.historical])).toEqual([
        [(T0 + 30 * MIN) / 1000, 1.083, false],
        [(T0 + 15 * MIN) / 1000, 1.0825, true],
        [(T0 + 30 * MIN) / 1000, 1.084, false],
      ]);
      view.updateBar(bar(2, 1.082, 1.085));
      view.setBars([bar(5, 1.1, 1.2)]);
      vi.advanceTimersByTime(PACE);
      expect(chart.candles.data.map((d) => d['close'])).toEqual([1.2]);
    });

    it('hands nothing over once destroyed', () => {
      const { view, chart } = make({ paceMs: PACE });
      view.setLines([line('a', 1)]);
      view.setLines([line('b', 1.1)]);
      view.destroy();
      vi.advanceTimersByTime(PACE);
      expect(chart.candles.lines.map((l) => l.options['id'])).toEqual(['a']);
    });
  });

  it('prepends older bars without moving the view, and asks for more near the oldest bar', () => {
    const onNeedOlder = vi.fn();
    const { view, chart } = make({ onNeedOlder });
    view.setBars([bar(10, 1.08, 1.081), bar(11, 1.081, 1.082)]);
    chart.visibleRange = { from: 0, to: 2 };
    view.prependBars([bar(8, 1.07, 1.071), bar(9, 1.071, 1.08), bar(10, 9, 9)]);
    expect(view.bars.map((b) => b.time)).toEqual([8, 9, 10, 11].map((i) => T0 + i * 15 * MIN));
    expect(chart.visibleRange).toEqual({ from: 2, to: 4 });
    chart.rangeHandlers[0]?.({ from: 150, to: 250 });
    expect(onNeedOlder).not.toHaveBeenCalled();
    chart.rangeHandlers[0]?.({ from: 3, to: 100 });
    expect(onNeedOlder).toHaveBeenCalledOnce();
  });

  it('converts between prices and pixel rows through the candle series', () => {
    const { view } = make();
    expect(view.yOf(1.1)).toBeCloseTo(100);
    expect(view.priceAt(100)).toBeCloseTo(1.1);
  });

  it('follows the theme: background and line colours change', () => {
    const { view, chart } = make();
    const line: LineSpec = { id: 'x', price: 1, color: 'buy', title: 't', style: 'solid' };
    view.setLines([line]);
    view.setTheme('light');
    expect(chart.options).toMatchObject({ layout: { background: { color: '#ffffff' } } });
    expect(chart.candles.lines[0]?.options.color).toBe('#1a7f37');
    view.destroy();
    expect(chart.removed).toBe(true);
  });
});
