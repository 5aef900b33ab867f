/**
 * The market of a replay: the reference follows each candle's path
 * (candlePath.ts) at the exchange (replay) time, the maker quotes its
 * ladder around it, and at each move a trade prints exactly at the path's
 * price (a one-off maker quote swept by the flow), so every passed candle
 * has the file's open, high, low and close. After the last candle the
 * market stays still. Pure: time is always passed in.
 */
import { lotsToQty, ticksToPrice, type Instrument, type Side } from '../../../shared/domain';
import { ErrorCode, fail, type OrderOut, type Result } from '../../../shared/protocol';
import type { Engine } from '../../engine/api';
import type { MinuteColumns } from '../../chart/minuteSeries';
import { FLOW_LOGIN, MARKET_MAKER_LOGIN } from '../constants';
import { requoteLadder } from '../maker';
import {
  DEFAULT_MARKET_SETTINGS,
  symbolParams,
  type MarketSettings,
  type SymbolParams,
} from '../params';
import { pathTicks, waypoints, type PathCandle } from './candlePath';

const MINUTE_MS = 60_000;

/** What the replay market needs. */
export interface ReplayMarketOptions {
  instrument: Instrument;
  /** The file's 1-minute candles in ticks and lots, oldest first. */
  candles: Readonly<MinuteColumns>;
  settings?: Partial<MarketSettings>;
  /** Where the replay starts (a resumed one, on a minute); default the first candle. */
  startAt?: number;
}

/** Candles a jump passed over: indexes [from, to) of the replay's candles. */
export interface SkippedRange {
  from: number;
  to: number;
}

/** A market that replays a file's candles on the exchange clock. */
export class ReplayMarket {
  private readonly params: SymbolParams;
  private readonly settings: MarketSettings;
  private readonly symbol: string;
  /** Index of the candle being replayed (or the next one, in a gap). */
  private cursor = 0;
  /** Time up to which the path has been played. */
  private playedTo: number;
  private lastTicks: number;

  constructor(
    private readonly engine: Engine,
    private readonly options: ReplayMarketOptions,
  ) {
    this.settings = { ...DEFAULT_MARKET_SETTINGS, ...options.settings };
    this.symbol = options.instrument.symbol;
    const c = options.candles;
    this.params = symbolParams(options.instrument, c.open[0]!, this.settings);
    const startAt = Math.max(this.startTime, options.startAt ?? this.startTime);
    while (this.cursor < c.length && c.minute[this.cursor]! * MINUTE_MS < startAt) this.cursor++;
    this.lastTicks = this.cursor > 0 ? c.close[this.cursor - 1]! : c.open[0]!;
    this.playedTo = startAt - 1;
  }

  /** Open time of the first candle: where the replay clock starts. */
  get startTime(): number {
    return this.options.candles.minute[0]! * MINUTE_MS;
  }

  /** End of the last candle: after it the market is still. */
  get endTime(): number {
    const c = this.options.candles;
    return (c.minute[c.length - 1]! + 1) * MINUTE_MS;
  }

  /** Opens the market at the first candle's open: the maker quotes and the open prints. */
  open(now: number): void {
    if (this.engine.lastPrice(this.symbol) === null) {
      this.engine.seedLastPrice(this.symbol, ticksToPrice(this.lastTicks, this.options.instrument));
    }
    this.step(now);
  }

  /** Plays the path up to `now`: every waypoint passed prints exactly, then the price in between. */
  step(now: number): void {
    const c = this.options.candles;
    while (this.cursor < c.length) {
      const start = c.minute[this.cursor]! * MINUTE_MS;
      if (start > now) break;
      const candle = this.candleAt(this.cursor);
      const lots = this.waypointLots(this.cursor);
      for (const point of waypoints(candle)) {
        const at = start + point.atMs;
        if (at > this.playedTo && at <= now) this.moveTo(point.ticks, lots, at);
      }
      if (start + MINUTE_MS <= now) {
        this.cursor++;
        continue;
      }
      const between = pathTicks(candle, now - start);
      if (between !== this.lastTicks) this.moveTo(between, this.minLots(), now);
      break;
    }
    this.playedTo = Math.max(this.playedTo, now);
  }

  /**
   * Passes over every candle that ends at or before `target`'s minute
   * without playing each: resting orders still meet the range's extremes
   * (printed at their candles' times, in the order they came), and the
   * caller files the passed candles whole as history.
   */
  skipTo(target: number): SkippedRange {
    const c = this.options.candles;
    const from = this.cursor;
    let to = from;
    while (to < c.length && (c.minute[to]! + 1) * MINUTE_MS <= target) to++;
    if (to === from) return { from, to };
    let lowAt = from;
    let highAt = from;
    for (let i = from; i < to; i++) {
      if (c.low[i]! < c.low[lowAt]!) lowAt = i;
      if (c.high[i]! > c.high[highAt]!) highAt = i;
    }
    const extremes = [
      { index: lowAt, ticks: c.low[lowAt]! },
      { index: highAt, ticks: c.high[highAt]! },
    ].sort((a, b) => a.index - b.index);
    for (const { index, ticks } of extremes) {
      this.moveTo(ticks, this.minLots(), c.minute[index]! * MINUTE_MS);
    }
    this.moveTo(c.close[to - 1]!, this.minLots(), c.minute[to - 1]! * MINUTE_MS + MINUTE_MS - 1);
    this.cursor = to;
    this.playedTo = Math.max(this.playedTo, c.minute[to - 1]! * MINUTE_MS + MINUTE_MS - 1);
    return { from, to };
  }

  /** A replay follows its file: explicit price moves are refused. */
  setReferencePrice(symbol: string, _price: number, _now: number): Result<void> {
    return fail(
      ErrorCode.INVALID_PRICE,
      `${symbol} is replaying a file; its price follows the file.`,
    );
  }

  /** The price the market stands at (the last print), or null for another symbol. */
  referencePrice(symbol: string): number | null {
    return symbol === this.symbol ? ticksToPrice(this.lastTicks, this.options.instrument) : null;
  }

  /** The replayed symbol. */
  marketSymbols(): string[] {
    return [this.symbol];
  }

  private candleAt(i: number): PathCandle {
    const c = this.options.candles;
    return { open: c.open[i]!, high: c.high[i]!, low: c.low[i]!, close: c.close[i]! };
  }

  private minLots(): number {
    const { instrument } = this.options;
    return Math.max(1, Math.round(instrument.minQty / instrument.stepSize));
  }

  /** A quarter of the candle's volume at each of its four waypoints. */
  private waypointLots(i: number): number {
    const quarter = Math.round(this.options.candles.volume[i]! / 4);
    return Math.min(this.params.maxLots, Math.max(this.minLots(), quarter));
  }

  /**
   * Re-quotes the ladder around `ticks`, then prints exactly there: a
   * one-off maker quote at `ticks` swept by a flow IOC at the same price,
   * which also takes any user order on the way (at that order's price).
   */
  private moveTo(ticks: number, lots: number, now: number): void {
    const { instrument } = this.options;
    const working: OrderOut[] = this.engine
      .workingOrders([MARKET_MAKER_LOGIN])
      .filter((o) => o.symbol === this.symbol);
    const unit = this.params.unitLots;
    const lotsAt = (depth: number): number =>
      Math.min(this.params.maxLots, unit * (1 + Math.floor(depth / 2)));
    requoteLadder(
      this.engine,
      this.symbol,
      this.params,
      this.settings.levels,
      ticks,
      working,
      lotsAt,
      now,
    );
    const sweep: Side = ticks >= this.lastTicks ? 'BUY' : 'SELL';
    const price = ticksToPrice(ticks, instrument);
    this.engine.placeOrder(
      MARKET_MAKER_LOGIN,
      {
        symbol: this.symbol,
        side: sweep === 'BUY' ? 'SELL' : 'BUY',
        type: 'LIMIT',
        price,
        quantity: lotsToQty(lots, instrument),
        timeInForce: 'GTC',
        login: MARKET_MAKER_LOGIN,
      },
      now,
    );
    this.engine.placeOrder(
      FLOW_LOGIN,
      {
        symbol: this.symbol,
        side: sweep,
        type: 'LIMIT',
        price,
        quantity: lotsToQty(this.params.maxLots, instrument),
        timeInForce: 'IOC',
        login: FLOW_LOGIN,
      },
      now,
    );
    this.lastTicks = ticks;
  }
}
