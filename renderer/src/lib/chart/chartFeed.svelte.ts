/**
 * The candles of the chart panel: the newest page on a change of instrument
 * or interval, older pages on demand (`before`, never the whole history), the
 * live bar moved by trade prices the app already receives, and a sentence for
 * the panel whenever there is nothing (or not everything) to show.
 */
import type { Api, ChartBar } from '../../../../shared/ipc';
import {
  applyTrade,
  formatBarTime,
  longestGap,
  mergeNewest,
  prependOlder,
  type PickerInterval,
} from './bars';

/** Candles per request (first page and each older page). */
export const PAGE_BARS = 500;
/** Candles asked again when a bar closes (it and the one before, now complete). */
const REFRESH_BARS = 3;

/** Where the feed's candles go (the chart wrapper, or a test's recorder). */
export interface FeedSink {
  /** Every bar replaced: a new instrument or interval. */
  reset(bars: readonly ChartBar[]): void;
  /** Older bars in front. */
  prepend(bars: readonly ChartBar[]): void;
  /** One bar changed or the next one opened. */
  update(bar: ChartBar): void;
}

/** One trade for the live bar: its price, epoch ms, and quantity (0: a quote's last, no volume). */
export interface Trade {
  price: number;
  at: number;
  volume?: number;
}

export class ChartFeed {
  symbol = $state('');
  interval = $state<PickerInterval>('15m');
  loading = $state(false);
  /** Why no candles are shown (no Chart API, refused, none yet), or null. */
  message = $state<string | null>(null);
  /** A remark on the history shown: its start, or a gap in it. */
  note = $state<string | null>(null);

  readonly #api: Api;
  readonly #sink: FeedSink;
  #bars: ChartBar[] = [];
  /** Bumped by every load: answers of an older one are dropped. */
  #generation = 0;
  #olderInFlight = false;
  /** The start of the history was reached (an older page came back short). */
  #exhausted = false;

  constructor(api: Api, sink: FeedSink) {
    this.#api = api;
    this.#sink = sink;
  }

  /** The bars held, oldest first. */
  get bars(): readonly ChartBar[] {
    return this.#bars;
  }

  /** Loads the newest page of an instrument at an interval (dropping whatever was shown). */
  async load(symbol: string, interval: PickerInterval): Promise<void> {
    const generation = ++this.#generation;
    this.symbol = symbol;
    this.interval = interval;
    this.#bars = [];
    this.#exhausted = false;
    this.#olderInFlight = false;
    this.note = null;
    this.#sink.reset([]);
    if (symbol === '') {
      this.message = 'No instrument picked';
      return;
    }
    this.loading = true;
    this.message = null;
    const result = await this.#api.chartCandles({ symbol, interval, count: PAGE_BARS });
    if (generation !== this.#generation) return;
    this.loading = false;
    if (!result.ok) {
      this.message = result.error.message;
      return;
    }
    this.#bars = result.value;
    this.#exhausted = result.value.length < PAGE_BARS;
    this.message = result.value.length === 0 ? `No candles yet for ${symbol} (${interval})` : null;
    this.#sink.reset(this.#bars);
    this.#describe();
  }

  /** Fetches the page before the oldest bar shown (once at a time, until history ends). */
  async loadOlder(): Promise<void> {
    const first = this.#bars[0];
    if (!first || this.#olderInFlight || this.#exhausted || this.loading) return;
    const generation = this.#generation;
    this.#olderInFlight = true;
    const result = await this.#api.chartCandles({
      symbol: this.symbol,
      interval: this.interval,
      count: PAGE_BARS,
      before: first.time,
    });
    if (generation !== this.#generation) return;
    this.#olderInFlight = false;
    if (!result.ok) {
      this.note = `Older candles could not be loaded: ${result.error.message}`;
      return;
    }
    if (result.value.length < PAGE_BARS) this.#exhausted = true;
    const before = this.#bars.length;
    this.#bars = prependOlder(result.value, this.#bars);
    if (this.#bars.length > before)
      this.#sink.prepend(this.#bars.slice(0, this.#bars.length - before));
    this.#describe();
  }

  /**
   * A trade at `price` at exchange time `at` (a quote's `last`, or one of the
   * user's fills with its quantity): moves the live bar, or opens the next
   * one and asks the Chart API for the bars just completed.
   */
  applyTrade(price: number, at: number, volume = 0): void {
    this.applyTrades([{ price, at, volume }]);
  }

  /**
   * Trades in time order (a frame's fills): folded into the bars first, then
   * the chart told once per bar they touched, not once per trade.
   */
  applyTrades(trades: readonly Trade[]): void {
    if (this.loading || this.message !== null) return;
    let touched: ChartBar | null = null;
    let opened = false;
    for (const { price, at, volume = 0 } of trades) {
      const step = applyTrade(this.#bars.at(-1), price, at, this.interval, volume);
      if (!step) continue;
      if (step.kind === 'open') {
        // The bar it closes is shown in its final state before the next one opens.
        if (touched) this.#sink.update(touched);
        this.#bars.push(step.bar);
        opened = true;
      } else this.#bars[this.#bars.length - 1] = step.bar;
      touched = step.bar;
    }
    if (touched) this.#sink.update(touched);
    if (opened) void this.refreshNewest();
  }

  /** Asks for the newest few bars again and shows the Chart API's exact values. */
  async refreshNewest(): Promise<void> {
    const generation = this.#generation;
    const result = await this.#api.chartCandles({
      symbol: this.symbol,
      interval: this.interval,
      count: REFRESH_BARS,
    });
    if (generation !== this.#generation || !result.ok || result.value.length === 0) return;
    const merged = mergeNewest(this.#bars, result.value);
    const from = result.value[0]?.time ?? Infinity;
    this.#bars = merged;
    for (const bar of merged) if (bar.time >= from) this.#sink.update(bar);
  }

  /** The note under the chart: where history starts, or a gap in what is shown. */
  #describe(): void {
    const gap = longestGap(this.#bars, this.interval);
    const first = this.#bars[0];
    if (gap)
      this.note = `Gap in history: no candles from ${formatBarTime(gap.from, this.interval)} to ${formatBarTime(gap.to, this.interval)}`;
    else if (this.#exhausted && first)
      this.note = `History starts ${formatBarTime(first.time, this.interval)}`;
    else this.note = null;
  }
}
