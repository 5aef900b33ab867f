/**
 * The one wrapper around TradingView's lightweight-charts: candles with a
 * volume histogram, a crosshair readout, price lines and fill markers. The
 * rest of the UI hands it data (bars, LineSpecs, MarkerSpecs) and asks it to
 * convert between prices and pixels; nothing else imports the library.
 */
import {
  CandlestickSeries,
  CrosshairMode,
  HistogramSeries,
  LineStyle,
  createChart,
  createSeriesMarkers,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LogicalRange,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { untrack } from 'svelte';
import { unitOfDecimals } from '../../../../shared/domain';
import type { ChartBar } from '../../../../shared/ipc';
import { labelsThatFit } from './labels';
import { PAIR_COLOURS, type LineColor, type LineSpec, type MarkerSpec } from './overlays';

export type ChartTheme = 'dark' | 'light';

interface Palette {
  background: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  upVolume: string;
  downVolume: string;
  position: string;
  pivot: string;
  pivotPP: string;
  alert: string;
  pairs: readonly string[];
}

/** The app's colours (app.css), per theme. */
const PALETTES: Record<ChartTheme, Palette> = {
  dark: {
    background: '#12161c',
    text: '#8b98a5',
    grid: '#1f262e',
    border: '#2a323c',
    up: '#3fb950',
    down: '#f85149',
    upVolume: 'rgba(63, 185, 80, 0.35)',
    downVolume: 'rgba(248, 81, 73, 0.35)',
    position: '#58a6ff',
    pivot: '#8b98a5',
    pivotPP: '#e3b341',
    alert: '#d29922',
    pairs: ['#a371f7', '#db6d28', '#39c5cf', '#f778ba'],
  },
  light: {
    background: '#ffffff',
    text: '#59636e',
    grid: '#eceff2',
    border: '#d1d9e0',
    up: '#1a7f37',
    down: '#cf222e',
    upVolume: 'rgba(26, 127, 55, 0.3)',
    downVolume: 'rgba(207, 34, 46, 0.3)',
    position: '#0969da',
    pivot: '#59636e',
    pivotPP: '#9a6700',
    alert: '#bf8700',
    pairs: ['#8250df', '#bc4c00', '#1b7c83', '#bf3989'],
  },
};

/** What the readout shows: the bar under the crosshair (or the newest), and fills in it. */
export interface Readout {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  fills: readonly MarkerSpec[];
}

/** Options of a ChartView. */
export interface ChartViewOptions {
  theme: ChartTheme;
  /** The user scrolled near the oldest bar shown: time to fetch older ones. */
  onNeedOlder?: () => void;
  /** The price scale or the time scale moved: overlays placed by price need placing again. */
  onLayout?: () => void;
  /**
   * The market's changes (the live bar, fill markers, lines not under the user's hand)
   * reach the library at most once in this many ms while they keep coming; 0 (the
   * default): each at once. See CHART_PACE_MS.
   */
  paceMs?: number;
}

/**
 * How often the app's chart redraws for the market at most, ms. Under a stream of
 * executions every batch moved the live bar, the fill markers and the order lines, and
 * the library redrew the whole chart each time: 16-20 redraws a second, about a quarter
 * of Chromium's CPU and most of the desk's late frames (bench/README.md). Four a second
 * still moves the live candle more often than common venues' public candle streams
 * update it (every one or two seconds). A change after a quiet spell goes at once; only
 * a stream of them waits, and never longer than this.
 */
export const CHART_PACE_MS = 250;

/** Empty bars right of the newest one. */
const RIGHT_OFFSET_BARS = 4;
/** Bars left of the view below which older history is asked for. */
const OLDER_MARGIN_BARS = 20;
/**
 * Bars handed to the library at first, the newest; older ones held here go to it in
 * chunks of this many as the view scrolls back to them. The library indexes and
 * weighs every bar it holds before its first paint: 50,000 bars took 150-200 ms, the
 * newest 5,000 a third of it, and nobody sees 50,000 one-minute bars at once.
 */
const HANDED_BARS = 5_000;

const STYLES: Record<LineSpec['style'], LineStyle> = {
  solid: LineStyle.Solid,
  dashed: LineStyle.Dashed,
  dotted: LineStyle.Dotted,
};

const toTime = (ms: number): UTCTimestamp => (ms / 1000) as UTCTimestamp;
const toMs = (time: Time): number => (time as number) * 1000;

export class ChartView {
  /** The crosshair's bar (the newest bar when the pointer is elsewhere). */
  readout = $state.raw<Readout | null>(null);
  /** The lines the library has (a paced change may still be on its way: paceMs). */
  drawnLines = $state.raw<readonly LineSpec[]>([]);
  /** The fill markers the library has (those on the bars it holds). */
  drawnMarkers = $state.raw<readonly MarkerSpec[]>([]);

  readonly #chart: IChartApi;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  readonly #options: ChartViewOptions;
  #palette: Palette;
  // Plain maps: the wrapper's own bookkeeping, never shown by Svelte.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #lines = new Map<string, { line: IPriceLine; spec: LineSpec; labelShown: boolean }>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #fillsAt = new Map<number, MarkerSpec[]>();
  #bars: ChartBar[] = [];
  /** Index in `#bars` of the oldest bar the library holds (the ones before wait for a scroll back). */
  #from = 0;
  #hovering = false;
  /** True while setBars swaps the data (range changes then are not the user scrolling). */
  #replacing = false;
  #layoutFrame: number | null = null;
  #destroyed = false;
  // The market's changes not handed to the library yet (paceMs), and when it last got some.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
  readonly #pendingBars = new Set<number>();
  #pendingMarkers: readonly MarkerSpec[] | null = null;
  #pendingLines: readonly LineSpec[] | null = null;
  #handedAt = -Infinity;
  /** When lines or markers last changed. */
  #ownChangedAt = -Infinity;
  /** The user's hand on the lines at the last setLines (the drag; null: none). */
  #userHand: object | null = null;
  #paceTimer: ReturnType<typeof setTimeout> | null = null;
  /** The time of the newest bar the library holds. */
  #libraryLast = -Infinity;

  constructor(container: HTMLElement, options: ChartViewOptions) {
    this.#options = options;
    this.#palette = PALETTES[options.theme];
    this.#chart = createChart(container, {
      autoSize: true,
      crosshair: { mode: CrosshairMode.Normal },
      localization: { locale: 'en-US' },
      ...this.#themeOptions(),
    });
    this.#chart
      .timeScale()
      .applyOptions({ timeVisible: true, secondsVisible: false, rightOffset: RIGHT_OFFSET_BARS });
    this.#candles = this.#chart.addSeries(CandlestickSeries, this.#candleColours());
    this.#volume = this.#chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    // Volume in the bottom fifth, under the candles.
    this.#chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.22 } });
    this.#markers = createSeriesMarkers(this.#candles, []);
    this.#chart.subscribeCrosshairMove(this.#onCrosshair);
    this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#onRange);
    this.#chart.timeScale().subscribeSizeChange(this.#layoutChanged);
  }

  /** The bars shown, oldest first. */
  get bars(): readonly ChartBar[] {
    return this.#bars;
  }

  /** Replaces every bar (a new instrument or interval): the view starts at the newest. */
  setBars(bars: readonly ChartBar[]): void {
    this.#bars = [...bars];
    this.#pendingBars.clear();
    this.#from = Math.max(0, this.#bars.length - HANDED_BARS);
    // Back to the newest bar at once (scrollToRealTime animates, and the ranges it passes
    // through would look like the user scrolling back), before the data so it lands there.
    this.#replacing = true;
    try {
      this.#chart.timeScale().scrollToPosition(RIGHT_OFFSET_BARS, false);
      this.#hand();
      this.#chart.timeScale().scrollToPosition(RIGHT_OFFSET_BARS, false);
    } finally {
      this.#replacing = false;
    }
    this.#refreshReadout();
    this.#layoutChanged();
  }

  /** Puts older bars in front without moving what the user is looking at. */
  prependBars(older: readonly ChartBar[]): void {
    const first = this.#bars[0]?.time ?? Infinity;
    const added = older.filter((b) => b.time < first);
    if (added.length === 0) return;
    this.#bars = [...added, ...this.#bars];
    // Asked for only once the library holds every bar here: it takes these at once.
    this.#handFrom(0, added.length);
  }

  /** Hands the library the bars from index `from` on, keeping what the user looks at in place. */
  #handFrom(from: number, added: number): void {
    const range = this.#chart.timeScale().getVisibleLogicalRange();
    this.#from = from;
    this.#replacing = true;
    try {
      this.#hand();
      if (range)
        this.#chart.timeScale().setVisibleLogicalRange({
          from: range.from + added,
          to: range.to + added,
        });
    } finally {
      this.#replacing = false;
    }
    this.#layoutChanged();
  }

  /** Updates a bar shown (the live one, or a recent one corrected) or appends the next one. */
  updateBar(bar: ChartBar): void {
    const last = this.#bars.at(-1);
    if (last && bar.time < last.time) {
      // A bar the Chart API answered again (complete now): replace it where it is.
      const at = this.#bars.findLastIndex((b) => b.time === bar.time);
      if (at < 0) return;
      this.#bars[at] = bar;
      // Not handed to the library yet: it gets the corrected bar when it gets the others.
      if (at < this.#from) return;
    } else if (last && bar.time === last.time) this.#bars[this.#bars.length - 1] = bar;
    else this.#bars.push(bar);
    this.#pendingBars.add(bar.time);
    this.#request();
  }

  /** Hands the library the bars changed since the last hand-over, oldest first. */
  #handBars(): void {
    if (this.#pendingBars.size === 0) return;
    const times = [...this.#pendingBars].sort((a, b) => a - b);
    this.#pendingBars.clear();
    for (const time of times) {
      const at = this.#bars.findLastIndex((b) => b.time === time);
      // Gone (a new instrument) or not the library's yet (it gets it with the older ones).
      if (at < this.#from) continue;
      const bar = this.#bars[at] as ChartBar;
      const historical = time < this.#libraryLast;
      this.#candles.update(toCandle(bar), historical);
      this.#volume.update(this.#toVolume(bar), historical);
      if (!historical) this.#libraryLast = time;
    }
  }

  /**
   * Shows exactly these lines: existing ones move (by id), others are added or
   * removed. Which axis labels fit is decided here, before the library has the
   * lines: a line added with its label shown and hidden a frame later cost the
   * library a second full redraw for every batch that brought a new order.
   *
   * `hand`: what the user's hand is doing to the lines (the drag, null when none).
   * A new one (a drag starts, moves a step, ends or is put back) draws them at
   * once; the market's changes meanwhile are paced like any others. Lines the
   * same as those drawn (or held) change nothing, and a change after a quiet
   * spell of the lines goes at once, however busy the candles are (an order just
   * placed gets its line and handle straight away).
   */
  setLines(specs: readonly LineSpec[], hand: object | null = null): void {
    const byHand = hand !== this.#userHand;
    this.#userHand = hand;
    // Read untracked: the caller's effect must not run again because the lines were drawn.
    const current = this.#pendingLines ?? untrack(() => this.drawnLines);
    if (!byHand && sameLines(specs, current)) return;
    this.#pendingLines = specs;
    this.#ownChange(byHand);
  }

  /** Lines drawn now (`setLines`). */
  #handLines(specs: readonly LineSpec[]): void {
    this.drawnLines = specs;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
    const keep = new Set(specs.map((s) => s.id));
    for (const [id, entry] of this.#lines) {
      if (keep.has(id)) continue;
      this.#candles.removePriceLine(entry.line);
      this.#lines.delete(id);
    }
    const fit = this.#labelsThatFit(specs);
    for (const spec of specs) {
      const shown = fit.has(spec.id);
      const entry = this.#lines.get(spec.id);
      if (!entry)
        this.#lines.set(spec.id, {
          line: this.#candles.createPriceLine(this.#lineOptions(spec, shown)),
          spec,
          labelShown: shown,
        });
      else {
        if (!sameLine(entry.spec, spec) || entry.labelShown !== shown)
          entry.line.applyOptions(this.#lineOptions(spec, shown));
        entry.spec = spec;
        entry.labelShown = shown;
      }
    }
  }

  /** Shows these fill markers (those on the bars shown: `drawnMarkers`). */
  setMarkers(specs: readonly MarkerSpec[]): void {
    this.#pendingMarkers = specs;
    this.#ownChange(false);
  }

  /**
   * The user's lines or markers changed: at once when asked, or after a quiet spell
   * of them (taking the held bars along); else with the market's next hand-over.
   */
  #ownChange(now: boolean): void {
    const at = performance.now();
    const quiet = at - this.#ownChangedAt >= (this.#options.paceMs ?? 0);
    this.#ownChangedAt = at;
    if (now || quiet) this.#handOver();
    else this.#request();
  }

  /** Fill markers drawn now (`setMarkers`): those on bars the library holds. */
  #handMarkers(specs: readonly MarkerSpec[]): void {
    const first = this.#bars[this.#from]?.time ?? Infinity;
    const shown = specs.filter((m) => m.time >= first && m.time <= this.#libraryLast);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
    this.#fillsAt = new Map();
    for (const m of shown) {
      const list = this.#fillsAt.get(m.time);
      if (list) list.push(m);
      else this.#fillsAt.set(m.time, [m]);
    }
    this.drawnMarkers = shown;
    const markers: SeriesMarker<Time>[] = shown.map((m) => ({
      id: m.id,
      time: toTime(m.time),
      position: m.side === 'BUY' ? 'atPriceBottom' : 'atPriceTop',
      price: m.price,
      shape: m.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      color: m.side === 'BUY' ? this.#palette.up : this.#palette.down,
      text: `${m.side === 'BUY' ? 'B' : 'S'}${m.count > 1 ? `×${m.count}` : ''}`,
    }));
    this.#markers.setMarkers(markers);
  }

  /**
   * The market's changes go to the library now when it had none for paceMs, else
   * once paceMs have passed since it had the last (one redraw for all of them).
   */
  #request(): void {
    if (this.#paceTimer !== null || this.#destroyed) return;
    const wait = this.#handedAt + (this.#options.paceMs ?? 0) - performance.now();
    if (wait <= 0) this.#handOver();
    else this.#paceTimer = setTimeout(() => this.#handOver(), wait);
  }

  /** Hands the library every change held (bars, then markers on them, then lines). */
  #handOver(): void {
    if (this.#paceTimer !== null) clearTimeout(this.#paceTimer);
    this.#paceTimer = null;
    if (this.#destroyed) return;
    this.#handedAt = performance.now();
    const markers = this.#pendingMarkers;
    const lines = this.#pendingLines;
    this.#pendingMarkers = null;
    this.#pendingLines = null;
    this.#handBars();
    if (markers) this.#handMarkers(markers);
    if (lines) this.#handLines(lines);
    // The readout names the newest bar as drawn, with its fills.
    if (!this.#hovering) this.#refreshReadout();
    this.#layoutChanged();
  }

  /** Prices with the instrument's decimals and tick. */
  setPriceFormat(precision: number, tickSize: number): void {
    // A tick computed as 10 ** -5 is 0.000009999999999999999: the library's formatter then
    // printed every price on the axis as 1.99998. The tick to the instrument's decimals is exact.
    const tick = Number(tickSize.toFixed(precision));
    const minMove = tick > 0 ? tick : unitOfDecimals(precision);
    this.#candles.applyOptions({ priceFormat: { type: 'price', precision, minMove } });
  }

  /** Follows the app's light or dark theme. */
  setTheme(theme: ChartTheme): void {
    // The volume is handed again in full below: the candles must have the same bars first.
    this.#handOver();
    this.#palette = PALETTES[theme];
    this.#chart.applyOptions(this.#themeOptions());
    this.#candles.applyOptions(this.#candleColours());
    this.#volume.setData(this.#bars.slice(this.#from).map((b) => this.#toVolume(b)));
    for (const entry of this.#lines.values())
      entry.line.applyOptions(this.#lineOptions(entry.spec, entry.labelShown));
  }

  /** Turns the chart's own panning and zooming off (while a line is dragged) or back on. */
  setInteractive(on: boolean): void {
    this.#chart.applyOptions({ handleScroll: on, handleScale: on });
  }

  /** The pixel row (from the chart's top) of a price, or null when the scale is not ready. */
  yOf(price: number): number | null {
    return this.#candles.priceToCoordinate(price);
  }

  /** The price at a pixel row (from the chart's top), or null outside the pane. */
  priceAt(y: number): number | null {
    return this.#candles.coordinateToPrice(y);
  }

  /** Puts the crosshair on a price at the newest bar (keyboard use); returns that price. */
  crosshairTo(price: number): void {
    const last = this.#bars.at(-1);
    if (last) this.#chart.setCrosshairPosition(price, toTime(last.time), this.#candles);
  }

  /** Removes the chart. */
  destroy(): void {
    this.#destroyed = true;
    if (this.#layoutFrame !== null) cancelAnimationFrame(this.#layoutFrame);
    if (this.#paceTimer !== null) clearTimeout(this.#paceTimer);
    this.#chart.unsubscribeCrosshairMove(this.#onCrosshair);
    this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#onRange);
    this.#chart.timeScale().unsubscribeSizeChange(this.#layoutChanged);
    this.#chart.remove();
  }

  // ------------------------------------------------------------ internals

  readonly #onCrosshair = (param: MouseEventParams<Time>): void => {
    const bar = param.time === undefined ? undefined : param.seriesData.get(this.#candles);
    this.#hovering = bar !== undefined && param.point !== undefined;
    if (bar && isOhlc(bar)) {
      const time = toMs(param.time as Time);
      const volume = param.seriesData.get(this.#volume);
      this.readout = {
        time,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        volume: volume && 'value' in volume ? volume.value : 0,
        fills: this.#fillsAt.get(time) ?? [],
      };
    } else this.#refreshReadout();
    this.#layoutChanged();
  };

  readonly #onRange = (range: LogicalRange | null): void => {
    if (range && !this.#replacing && range.from < OLDER_MARGIN_BARS && this.#bars.length > 0) {
      // Older bars held here go first; the Chart API is asked once the library has them all.
      if (this.#from > 0) {
        const more = Math.min(this.#from, HANDED_BARS);
        this.#handFrom(this.#from - more, more);
      } else this.#options.onNeedOlder?.();
    }
    this.#layoutChanged();
  };

  /** Tells the overlays once the library has drawn (it draws on the next frame). */
  readonly #layoutChanged = (): void => {
    if (this.#layoutFrame !== null || this.#destroyed) return;
    this.#layoutFrame = requestAnimationFrame(() => {
      this.#layoutFrame = null;
      if (this.#destroyed) return;
      this.#fitLabels();
      this.#options.onLayout?.();
    });
  };

  /** Hands the bars from `#from` on to both series: one pass, arrays of the final length. */
  #hand(): void {
    const from = this.#from;
    const n = this.#bars.length - from;
    const candles = new Array<CandlestickData<Time>>(n);
    const volumes = new Array<HistogramData<Time>>(n);
    for (let i = 0; i < n; i++) {
      const b = this.#bars[from + i] as ChartBar;
      candles[i] = toCandle(b);
      volumes[i] = this.#toVolume(b);
    }
    this.#candles.setData(candles);
    this.#volume.setData(volumes);
    // Every bar held here is the library's now, the ones changed since the last hand-over too.
    this.#pendingBars.clear();
    this.#libraryLast = this.#bars.at(-1)?.time ?? -Infinity;
  }

  #refreshReadout(): void {
    const last = this.#bars.at(-1);
    this.readout = last ? { ...last, fills: this.#fillsAt.get(last.time) ?? [] } : null;
  }

  #toVolume(b: ChartBar): HistogramData<Time> {
    return {
      time: toTime(b.time),
      value: b.volume,
      color: b.close >= b.open ? this.#palette.upVolume : this.#palette.downVolume,
    };
  }

  #themeOptions() {
    const p = this.#palette;
    return {
      // No logo over the candles: the library's notice and link are in the Help dialog.
      layout: { background: { color: p.background }, textColor: p.text, attributionLogo: false },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border },
    };
  }

  #candleColours() {
    const p = this.#palette;
    return {
      upColor: p.up,
      downColor: p.down,
      borderUpColor: p.up,
      borderDownColor: p.down,
      wickUpColor: p.up,
      wickDownColor: p.down,
    };
  }

  #colour(color: LineColor): string {
    const p = this.#palette;
    switch (color) {
      case 'buy':
        return p.up;
      case 'sell':
        return p.down;
      case 'position':
        return p.position;
      case 'pivot':
        return p.pivot;
      case 'pivot-pp':
        return p.pivotPP;
      case 'alert':
        return p.alert;
      default:
        return p.pairs[Number(color.slice('pair-'.length)) % PAIR_COLOURS] as string;
    }
  }

  /** The lines whose axis labels fit where the price scale puts them now (chart/labels.ts). */
  #labelsThatFit(specs: readonly LineSpec[]): Set<string> {
    const height = this.#chart.paneSize().height;
    return labelsThatFit(
      specs.map((spec) => {
        const y = this.#candles.priceToCoordinate(spec.price);
        return {
          id: spec.id,
          y: y === null || y < 0 || y > height ? null : y,
          rank: labelRank(spec),
        };
      }),
      LABEL_GAP_PX,
    );
  }

  /** Hides the axis labels that would overlap others, shows those that fit again (the scale moved). */
  #fitLabels(): void {
    const entries = [...this.#lines.values()];
    const fit = this.#labelsThatFit(entries.map((e) => e.spec));
    for (const e of entries) {
      const show = fit.has(e.spec.id);
      if (show === e.labelShown) continue;
      e.labelShown = show;
      e.line.applyOptions({ axisLabelVisible: show });
    }
  }

  #lineOptions(spec: LineSpec, labelShown: boolean) {
    return {
      id: spec.id,
      price: spec.price,
      color: this.#colour(spec.color),
      lineWidth: (spec.order ? 2 : 1) as 1 | 2,
      lineStyle: STYLES[spec.style],
      axisLabelVisible: labelShown,
      title: spec.title,
    };
  }
}

/** A price-axis label's height with the chart's font, and a little air. */
const LABEL_GAP_PX = 18;

/** Whose label wins where labels would overlap: the position, then alerts, orders, the rest. */
function labelRank(spec: LineSpec): number {
  if (spec.color === 'position') return 0;
  if (spec.alert) return 1;
  if (spec.order) return 2;
  return 3;
}

function toCandle(b: ChartBar): CandlestickData<Time> {
  return { time: toTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close };
}

function isOhlc(data: object): data is CandlestickData<Time> {
  return 'open' in data && 'close' in data;
}

function sameLine(a: LineSpec, b: LineSpec): boolean {
  return a.price === b.price && a.title === b.title && a.color === b.color && a.style === b.style;
}

/** The same lines, drawn alike and for the same rows (a quote recomputing them changed nothing). */
function sameLines(a: readonly LineSpec[], b: readonly LineSpec[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as LineSpec;
      return (
        x.id === y.id &&
        sameLine(x, y) &&
        x.order?.row === y.order?.row &&
        x.order?.field === y.order?.field &&
        x.order?.trail === y.order?.trail &&
        x.alert?.id === y.alert?.id &&
        x.alert?.condition === y.alert?.condition &&
        x.alert?.armed === y.alert?.armed
      );
    })
  );
}
