/**
 * The seeded market around the user orders: a reference random walk per
 * symbol, a market maker (`mm`) quoting a ladder on both sides and a noise
 * trader (`flow`) printing small trades so the last price follows the
 * reference and stops trigger. Pure: time is always passed in.
 */
import {
  lotsToQty,
  priceToTicks,
  ticksToPrice,
  type Instrument,
  type Side,
} from '../../shared/domain';
import { ErrorCode, fail, ok, type OrderOut, type Result } from '../../shared/protocol';
import type { Engine } from '../engine/api';
import { FLOW_LOGIN, MARKET_MAKER_LOGIN } from './constants';
import { requoteLadder } from './maker';
import {
  DEFAULT_MARKET_SETTINGS,
  symbolParams,
  type MarketSettings,
  type SymbolParams,
} from './params';
import { createRandom, deriveSeed, type Random } from './prng';
import { walkStep } from './referenceWalk';

/** What the simulator needs to run. */
export interface MarketOptions {
  /** Instruments to make a market in (those without a reference price get none). */
  instruments: readonly Instrument[];
  /** Opening reference price per symbol, as a decimal. */
  referencePrices: Readonly<Record<string, number>>;
  /** Seed of every random choice. */
  seed: number;
  /** Overrides of the default market settings. */
  settings?: Partial<MarketSettings>;
}

interface SymbolState {
  params: SymbolParams;
  referenceTicks: number;
  random: Random;
}

/** A market maker and a noise trader around a random-walk reference price per symbol. */
export class MarketSimulator {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly settings: MarketSettings;

  constructor(
    private readonly engine: Engine,
    options: MarketOptions,
  ) {
    this.settings = { ...DEFAULT_MARKET_SETTINGS, ...options.settings };
    for (const instrument of options.instruments) {
      const price = options.referencePrices[instrument.symbol];
      if (price === undefined) continue;
      const referenceTicks =
        priceToTicks(price, instrument) ?? Math.round(price / instrument.tickSize);
      this.symbols.set(instrument.symbol, {
        params: symbolParams(instrument, referenceTicks, this.settings),
        referenceTicks,
        random: createRandom(deriveSeed(options.seed, instrument.symbol)),
      });
    }
  }

  /** Opens the market: seeds each symbol's last price and places the maker's first quotes. */
  open(now: number): void {
    for (const [symbol, state] of this.symbols) {
      if (this.engine.lastPrice(symbol) === null) {
        this.engine.seedLastPrice(
          symbol,
          ticksToPrice(state.referenceTicks, state.params.instrument),
        );
      }
    }
    this.requoteAll(now);
  }

  /** Advances the market one tick: walk each reference, re-quote, maybe print a noise trade. */
  step(now: number): void {
    for (const state of this.symbols.values()) {
      const { sigmaTicks, floorTicks } = state.params;
      state.referenceTicks = walkStep(state.referenceTicks, sigmaTicks, floorTicks, state.random);
    }
    this.requoteAll(now);
    for (const [symbol, state] of this.symbols) {
      if (state.random.chance(this.settings.flowProbability)) {
        this.flowTrade(symbol, state, state.random.chance(0.5) ? 'BUY' : 'SELL', now);
      }
    }
  }

  /**
   * Jumps a symbol's reference: the maker re-quotes at once (its new quotes
   * trade with resting orders in the way) and a flow trade prints on the
   * side of the move, so the last price follows and stops trigger.
   */
  setReferencePrice(symbol: string, price: number, now: number): Result<void> {
    const state = this.symbols.get(symbol);
    if (!state) return fail(ErrorCode.UNKNOWN_SYMBOL, `Symbol ${symbol} has no simulated market.`);
    const ticks = priceToTicks(price, state.params.instrument);
    if (ticks === null || ticks < state.params.floorTicks) {
      return fail(
        ErrorCode.INVALID_PRICE,
        `Reference price ${price} is off the tick grid or too low.`,
      );
    }
    const previous = state.referenceTicks;
    state.referenceTicks = ticks;
    this.requote(symbol, state, this.makerOrders(symbol), now);
    const side: Side =
      ticks > previous
        ? 'BUY'
        : ticks < previous
          ? 'SELL'
          : state.random.chance(0.5)
            ? 'BUY'
            : 'SELL';
    this.flowTrade(symbol, state, side, now);
    return ok(undefined);
  }

  /** The current reference price of a symbol, or null when it has no market. */
  referencePrice(symbol: string): number | null {
    const state = this.symbols.get(symbol);
    return state ? ticksToPrice(state.referenceTicks, state.params.instrument) : null;
  }

  /** Symbols with a simulated market. */
  marketSymbols(): string[] {
    return [...this.symbols.keys()];
  }

  private requoteAll(now: number): void {
    const bySymbol = new Map<string, OrderOut[]>();
    for (const order of this.engine.workingOrders([MARKET_MAKER_LOGIN])) {
      const list = bySymbol.get(order.symbol);
      if (list) list.push(order);
      else bySymbol.set(order.symbol, [order]);
    }
    for (const [symbol, state] of this.symbols) {
      this.requote(symbol, state, bySymbol.get(symbol) ?? [], now);
    }
  }

  private makerOrders(symbol: string): OrderOut[] {
    return this.engine.workingOrders([MARKET_MAKER_LOGIN]).filter((o) => o.symbol === symbol);
  }

  private requote(symbol: string, state: SymbolState, working: OrderOut[], now: number): void {
    const lotsAt = (depth: number): number => this.makerLots(state, depth);
    const { levels } = this.settings;
    requoteLadder(
      this.engine,
      symbol,
      state.params,
      levels,
      state.referenceTicks,
      working,
      lotsAt,
      now,
    );
  }

  /** Random size of a maker quote: deeper levels are larger. */
  private makerLots(state: SymbolState, depth: number): number {
    const { unitLots, maxLots } = state.params;
    const lots = unitLots * state.random.int(1, 10) * (1 + Math.floor(depth / 2));
    return Math.min(maxLots, lots);
  }

  private flowTrade(symbol: string, state: SymbolState, side: Side, now: number): void {
    const { unitLots, instrument } = state.params;
    const lots = Math.max(1, Math.round((unitLots * state.random.int(1, 4)) / 4));
    this.engine.placeOrder(
      FLOW_LOGIN,
      { symbol, side, type: 'MARKET', quantity: lotsToQty(lots, instrument), login: FLOW_LOGIN },
      now,
    );
  }
}
