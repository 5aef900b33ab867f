/**
 * Every instrument's 1-minute candles, fed by the exchange's trades, and
 * the questions the Chart API asks of them (candles of an interval, the
 * day's range, pivot periods), answered in decimals. Pure: time is passed in.
 */
import {
  lotsToQty,
  qtyToLots,
  priceToTicks,
  ticksToPrice,
  type Instrument,
} from '../../shared/domain';
import type { ChartCandle, ChartInterval } from '../../shared/protocol';
import type { TradeEvent } from '../engine/api';
import { aggregateSpan, type Candle } from './aggregate';
import { MINUTES_PER_DAY, intervalRule, minuteToIso, toMinute } from './intervals';
import { MinuteSeries, type MinuteCandle, type MinuteColumns } from './minuteSeries';
import { selectCandles, type Selection } from './select';

/** One instrument's candles and what has changed since the last save. */
interface Entry {
  instrument: Instrument;
  series: MinuteSeries;
  /** Minutes changed since they were last handed to `takeDirty`. */
  dirty: Set<number>;
  /** History not generated yet: built on the first read, so a start that never asks costs nothing. */
  pendingHistory: (() => MinuteColumns) | null;
}

/** Today's (UTC) figures of one symbol, in decimals. */
export interface DayStats {
  open: number;
  high: number;
  low: number;
  volume: number;
}

/** The candle store of the Chart API. */
export class CandleStore {
  private readonly entries = new Map<string, Entry>();

  constructor(instruments: readonly Instrument[]) {
    for (const instrument of instruments) {
      this.entries.set(instrument.symbol, {
        instrument,
        series: new MinuteSeries(),
        dirty: new Set(),
        pendingHistory: null,
      });
    }
  }

  /** Symbols in instrument order. */
  symbols(): string[] {
    return [...this.entries.keys()];
  }

  /** True when the store knows the symbol. */
  has(symbol: string): boolean {
    return this.entries.has(symbol);
  }

  /** The instrument of a symbol, or undefined. */
  instrument(symbol: string): Instrument | undefined {
    return this.entries.get(symbol)?.instrument;
  }

  /** The 1-minute series of a symbol, history included, or undefined. */
  series(symbol: string): MinuteSeries | undefined {
    return this.read(symbol)?.series;
  }

  /** Replaces a symbol's candles (loaded from disk or backfilled); nothing of it is dirty. */
  replaceSeries(symbol: string, series: MinuteSeries): void {
    const entry = this.entries.get(symbol);
    if (!entry) return;
    entry.series = series;
    entry.pendingHistory = null;
    entry.dirty.clear();
  }

  /** Sets history older than any trade to come, generated on the first read of the symbol. */
  deferHistory(symbol: string, generate: () => MinuteColumns): void {
    const entry = this.entries.get(symbol);
    if (entry) entry.pendingHistory = generate;
  }

  /** A symbol's entry with its history in place. */
  private read(symbol: string): Entry | undefined {
    const entry = this.entries.get(symbol);
    if (entry?.pendingHistory) {
      const generate = entry.pendingHistory;
      entry.pendingHistory = null;
      entry.series.prependOlder(generate());
    }
    return entry;
  }

  /** Folds trades into their symbols' minute candles (unknown symbols are ignored). */
  addTrades(trades: readonly TradeEvent[]): void {
    for (const trade of trades) {
      const entry = this.entries.get(trade.symbol);
      if (!entry) continue;
      const { instrument } = entry;
      const ticks =
        priceToTicks(trade.price, instrument) ?? Math.round(trade.price / instrument.tickSize);
      const lots = qtyToLots(trade.qty, instrument) ?? Math.round(trade.qty / instrument.stepSize);
      const minute = toMinute(trade.time);
      entry.series.addTrade(minute, ticks, lots);
      entry.dirty.add(minute);
    }
  }

  /** Takes the changed candles of a symbol whose minute is before `beforeMinute` (all when omitted). */
  takeDirty(symbol: string, beforeMinute = Infinity): MinuteCandle[] {
    const entry = this.entries.get(symbol);
    if (!entry || entry.dirty.size === 0) return [];
    const out: MinuteCandle[] = [];
    for (const minute of [...entry.dirty].sort((a, b) => a - b)) {
      if (minute >= beforeMinute) break;
      const i = entry.series.lowerBound(minute);
      out.push(entry.series.at(i));
      entry.dirty.delete(minute);
    }
    return out;
  }

  /** Candles of `interval` for a selection, in decimals, oldest first (undefined for an unknown symbol). */
  candles(
    symbol: string,
    interval: ChartInterval,
    selection: Selection,
  ): ChartCandle[] | undefined {
    const entry = this.read(symbol);
    if (!entry) return undefined;
    return selectCandles(entry.series, intervalRule(interval), selection).map((candle) =>
      toWire(candle, entry.instrument),
    );
  }

  /** The aggregate of [fromMinute, toMinute) in ticks and lots, or null without trades there. */
  span(symbol: string, fromMinute: number, toMinute: number): Candle | null {
    const entry = this.read(symbol);
    return entry ? aggregateSpan(entry.series, fromMinute, toMinute) : null;
  }

  /** Today's (UTC, at `now`) open, high, low and volume in decimals, or null without trades today. */
  day(symbol: string, now: number): DayStats | null {
    const entry = this.read(symbol);
    if (!entry) return null;
    const dayStart = Math.floor(toMinute(now) / MINUTES_PER_DAY) * MINUTES_PER_DAY;
    const candle = aggregateSpan(entry.series, dayStart, dayStart + MINUTES_PER_DAY);
    if (!candle) return null;
    const price = (ticks: number): number => ticksToPrice(ticks, entry.instrument);
    return {
      open: price(candle.open),
      high: price(candle.high),
      low: price(candle.low),
      volume: lotsToQty(candle.volume, entry.instrument),
    };
  }
}

/** A candle in the public shape. */
function toWire(candle: Candle, instrument: Instrument): ChartCandle {
  return {
    time: minuteToIso(candle.minute),
    open: ticksToPrice(candle.open, instrument),
    high: ticksToPrice(candle.high, instrument),
    low: ticksToPrice(candle.low, instrument),
    close: ticksToPrice(candle.close, instrument),
    volume: lotsToQty(candle.volume, instrument),
    count: candle.count,
  };
}
