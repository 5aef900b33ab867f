/**
 * A stand-in for the `lightweight-charts` module in jsdom (which has no
 * canvas): it records what the wrapper asks for (series data, price lines,
 * markers, options) and maps prices to pixels linearly, so tests can check
 * data in -> lines and markers out. Use with
 * `vi.mock('lightweight-charts', () => import('./testing/fakeLightweightCharts'))`.
 */
type Handler<T> = (arg: T) => void;
type Options = Record<string, unknown>;

/** Pixels per unit of price in the fake's linear scale (y = (TOP_PRICE - price) * PX_PER_PRICE). */
export const PX_PER_PRICE = 1000;
/** The price at y = 0. */
export const TOP_PRICE = 1.2;

export const LineStyle = {
  Solid: 0,
  Dotted: 1,
  Dashed: 2,
  LargeDashed: 3,
  SparseDotted: 4,
} as const;
export const CrosshairMode = { Normal: 0, Magnet: 1, Hidden: 2, MagnetOHLC: 3 } as const;
export const CandlestickSeries = { type: 'Candlestick' } as const;
export const HistogramSeries = { type: 'Histogram' } as const;

export class FakePriceLine {
  /** applyOptions calls (each one a redraw of the real library). */
  applied = 0;
  constructor(public options: Options) {}
  applyOptions(options: Options): void {
    this.applied++;
    this.options = { ...this.options, ...options };
  }
}

export class FakeSeries {
  data: Options[] = [];
  options: Options;
  readonly updates: { bar: Options; historical: boolean }[] = [];
  readonly lines: FakePriceLine[] = [];
  /** Price lines ever created (a moved line must not be created again). */
  created = 0;
  constructor(
    readonly type: string,
    options: Options,
  ) {
    this.options = options;
  }
  setData(data: Options[]): void {
    this.data = data;
  }
  update(bar: Options, historical = false): void {
    this.updates.push({ bar, historical });
    const at = this.data.findIndex((d) => d.time === bar.time);
    // As the library: only the newest bar moves or a newer one is appended, unless the
    // update says it is history (and then the bar must be there).
    const newest = this.data.at(-1)?.time as number | undefined;
    if (historical ? at < 0 : newest !== undefined && (bar.time as number) < newest)
      throw new Error('Cannot update oldest data');
    if (at >= 0) this.data[at] = bar;
    else this.data.push(bar);
  }
  applyOptions(options: Options): void {
    this.options = { ...this.options, ...options };
  }
  priceScale() {
    return { applyOptions: () => undefined };
  }
  createPriceLine(options: Options): FakePriceLine {
    const line = new FakePriceLine(options);
    this.lines.push(line);
    this.created++;
    return line;
  }
  removePriceLine(line: FakePriceLine): void {
    this.lines.splice(this.lines.indexOf(line), 1);
  }
  priceToCoordinate(price: number): number {
    return (TOP_PRICE - price) * PX_PER_PRICE;
  }
  coordinateToPrice(y: number): number {
    return TOP_PRICE - y / PX_PER_PRICE;
  }
}

export class FakeChart {
  readonly series: FakeSeries[] = [];
  options: Options;
  visibleRange: { from: number; to: number } | null = { from: 400, to: 500 };
  readonly crosshairHandlers: Handler<unknown>[] = [];
  readonly rangeHandlers: Handler<{ from: number; to: number } | null>[] = [];
  crosshairAt: { price: number; time: number } | null = null;
  removed = false;
  constructor(
    readonly container: HTMLElement,
    options: Options,
  ) {
    this.options = options;
  }
  addSeries(definition: { type: string }, options: Options): FakeSeries {
    const s = new FakeSeries(definition.type, options);
    this.series.push(s);
    return s;
  }
  applyOptions(options: Options): void {
    this.options = { ...this.options, ...options };
  }
  priceScale() {
    return { applyOptions: () => undefined, width: () => 60 };
  }
  paneSize() {
    return { width: 800, height: 400 };
  }
  timeScale() {
    return {
      applyOptions: () => undefined,
      scrollToRealTime: () => undefined,
      scrollToPosition: () => undefined,
      getVisibleLogicalRange: () => this.visibleRange,
      setVisibleLogicalRange: (range: { from: number; to: number }) => (this.visibleRange = range),
      subscribeVisibleLogicalRangeChange: (h: Handler<{ from: number; to: number } | null>) =>
        this.rangeHandlers.push(h),
      unsubscribeVisibleLogicalRangeChange: () => undefined,
      subscribeSizeChange: () => undefined,
      unsubscribeSizeChange: () => undefined,
    };
  }
  subscribeCrosshairMove(h: Handler<unknown>): void {
    this.crosshairHandlers.push(h);
  }
  unsubscribeCrosshairMove(): void {}
  setCrosshairPosition(price: number, time: number): void {
    this.crosshairAt = { price, time };
  }
  remove(): void {
    this.removed = true;
  }
  /** The candlestick series (the first one added). */
  get candles(): FakeSeries {
    return this.series.find((s) => s.type === 'Candlestick') as FakeSeries;
  }
  get volume(): FakeSeries {
    return this.series.find((s) => s.type === 'Histogram') as FakeSeries;
  }
}

/** Every chart created, newest last. */
export const charts: FakeChart[] = [];
/** Markers last set, per series. */
export const markersOf = new Map<FakeSeries, Options[]>();

export function createChart(container: HTMLElement, options: Options): FakeChart {
  const chart = new FakeChart(container, options);
  charts.push(chart);
  return chart;
}

export function createSeriesMarkers(series: FakeSeries, markers: Options[] = []) {
  markersOf.set(series, markers);
  return {
    setMarkers: (m: Options[]) => markersOf.set(series, m),
    markers: () => markersOf.get(series) ?? [],
    detach: () => markersOf.delete(series),
  };
}
