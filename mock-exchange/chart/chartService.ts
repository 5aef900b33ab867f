/**
 * The Chart API's state behind its transport: the candle store (history
 * loaded from `--data` or backfilled on a first start), trades folded in as
 * they print, complete candles persisted, and the ticker hub.
 */
import { priceToTicks, type Instrument } from '../../shared/domain';
import type { ChartTick } from '../../shared/protocol';
import type { TradeEvent } from '../engine/api';
import { DEFAULT_MARKET_SETTINGS, symbolParams, type MarketSettings } from '../market/params';
import { deriveSeed } from '../market/prng';
import { generateBackfill } from './backfill';
import { CandleFiles } from './candleFiles';
import { CandleStore } from './candleStore';
import { MINUTES_PER_DAY, intervalRule, toMinute } from './intervals';
import { MinuteSeries, type MinuteColumns } from './minuteSeries';
import type { ChartContext, QuoteView } from './routes';
import { TickerHub } from './ticker';

/** Days of 1-minute history a first start backfills (at least; see backfillStart). */
export const BACKFILL_DAYS = 30;

/** What the chart service needs from the exchange. */
export interface ChartServiceOptions {
  instruments: readonly Instrument[];
  /** Live reference price per symbol: the backfill ends there (symbols without one get no history). */
  referencePrices: Readonly<Record<string, number>>;
  /** Seed of the backfill. */
  seed: number;
  /** The simulated market's settings (the backfill moves and trades like it). */
  market: Partial<MarketSettings>;
  /** Market step, ms (sets the backfill's per-minute move). */
  tickMs: number;
  /** Exchange time, epoch ms. */
  now(): number;
  /** The order socket's quote of a symbol. */
  quote(symbol: string): QuoteView;
  /** A fresh id for an error occurrence. */
  errorId(): string;
  /** The exchange's data dir: candles persist there; null keeps them in memory. */
  dataDir: string | null;
  log(message: string): void;
}

/** First minute of a first start's history: 30 days back, or the previous month's 1st if earlier (so 1M pivots have a whole month). */
export function backfillStart(endMinute: number): number {
  const month = intervalRule('1month');
  const previousMonth = month.start(month.start(endMinute) - 1);
  return Math.min(endMinute - BACKFILL_DAYS * MINUTES_PER_DAY, previousMonth);
}

const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** The Chart API's store, persistence and ticker. */
export class ChartService {
  readonly store: CandleStore;
  readonly hub: TickerHub;
  readonly context: ChartContext;
  private readonly files: CandleFiles | null;

  constructor(private readonly options: ChartServiceOptions) {
    this.store = new CandleStore(options.instruments);
    this.files = options.dataDir === null ? null : CandleFiles.open(options.dataDir);
    const endMinute = toMinute(options.now());
    for (const instrument of options.instruments) this.loadHistory(instrument, endMinute);
    this.context = {
      store: this.store,
      now: options.now,
      quote: options.quote,
      errorId: options.errorId,
    };
    this.hub = new TickerHub({
      has: (symbol) => this.store.has(symbol),
      tick: (symbol, now) => this.tick(symbol, now),
      errorId: options.errorId,
    });
  }

  /** Folds new trades into the candles (the very next /candles answer shows them). */
  addTrades(trades: readonly TradeEvent[]): void {
    // Called inside the order server's commit: a chart fault must never cost an execution.
    try {
      this.store.addTrades(trades);
    } catch (error) {
      this.options.log(`chart: trades not recorded: ${describeError(error)}`);
    }
  }

  /** Once per market tick: persists candles that completed and sends due ticks. */
  publish(): void {
    const now = this.options.now();
    try {
      this.persist(toMinute(now));
      this.hub.publish(now);
    } catch (error) {
      // The market tick carries on; the chart catches up on the next one.
      this.options.log(`chart: publish failed: ${describeError(error)}`);
    }
  }

  /** Persists every changed candle, the forming one included (a restart merges into it), and closes the files. */
  close(): void {
    this.persist(Infinity);
    this.files?.close();
  }

  /** A symbol's ticker entry at `now`: quote plus today's open/high/low (the quote when no trade today). */
  tick(symbol: string, now: number): ChartTick | null {
    const quote = this.options.quote(symbol);
    const day = this.store.day(symbol, now);
    const last = quote.last ?? day?.open ?? null;
    if (last === null) return null;
    return {
      m: symbol,
      time: new Date(now).toISOString(),
      bid: quote.bid ?? last,
      ask: quote.ask ?? last,
      day_open: day?.open ?? last,
      day_high: day?.high ?? last,
      day_low: day?.low ?? last,
    };
  }

  private persist(beforeMinute: number): void {
    if (!this.files) return;
    for (const symbol of this.store.symbols()) {
      const instrument = this.store.instrument(symbol)!;
      const candles = this.store.takeDirty(symbol, beforeMinute);
      try {
        this.files.append(instrument, candles);
      } catch (error) {
        this.options.log(`chart: candle write failed: ${describeError(error)}`);
      }
    }
  }

  /** Saved candles when there are any, else a seeded backfill ending at the reference price. */
  private loadHistory(instrument: Instrument, endMinute: number): void {
    const loaded = this.files?.load(instrument) ?? null;
    if (loaded && loaded.series.length > 0) {
      this.store.replaceSeries(instrument.symbol, loaded.series);
      if (loaded.needsCompaction) this.files?.rewrite(instrument, loaded.series);
      return;
    }
    const reference = this.options.referencePrices[instrument.symbol];
    if (reference === undefined) return;
    const referenceTicks =
      priceToTicks(reference, instrument) ?? Math.round(reference / instrument.tickSize);
    const params = symbolParams(instrument, referenceTicks, {
      ...DEFAULT_MARKET_SETTINGS,
      ...this.options.market,
    });
    // A random walk's per-minute spread: one step's times the square root of steps per minute.
    const sigmaTicks = params.sigmaTicks * Math.sqrt(60_000 / this.options.tickMs);
    const generate = (): MinuteColumns =>
      generateBackfill({
        seed: deriveSeed(this.options.seed, `chart:${instrument.symbol}`),
        startMinute: backfillStart(endMinute),
        endMinute,
        referenceTicks,
        sigmaTicks,
        unitLots: params.unitLots,
      });
    if (!this.files) {
      this.store.deferHistory(instrument.symbol, generate);
      return;
    }
    // With --data the history is written at once, so a restart finds exactly this one.
    const series = new MinuteSeries(generate());
    this.store.replaceSeries(instrument.symbol, series);
    this.files.rewrite(instrument, series);
  }
}
