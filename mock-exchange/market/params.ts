/**
 * Per-symbol shape of the simulated market, in integer ticks and lots,
 * derived once from the instrument and its opening reference price.
 */
import type { Instrument } from '../../shared/domain';

/** Tunables of the simulated market (relative to price, so every symbol looks alike). */
export interface MarketSettings {
  /** Price levels the maker keeps on each side (default 8). */
  levels: number;
  /** Half of the maker's spread, in basis points of the price (default 0.5). */
  halfSpreadBps: number;
  /** Distance between the maker's levels, in basis points (default 0.5). */
  levelSpacingBps: number;
  /** Standard deviation of one reference step, in basis points (default 0.2). */
  volatilityBps: number;
  /** Probability per step and symbol of a noise-flow market order (default 0.25). */
  flowProbability: number;
}

/** Default market settings. */
export const DEFAULT_MARKET_SETTINGS: MarketSettings = {
  levels: 8,
  halfSpreadBps: 0.5,
  levelSpacingBps: 0.5,
  volatilityBps: 0.2,
  flowProbability: 0.25,
};

/** The integer parameters of one symbol's market. */
export interface SymbolParams {
  instrument: Instrument;
  halfSpreadTicks: number;
  spacingTicks: number;
  sigmaTicks: number;
  /** The reference never falls below this, so the deepest bid stays positive. */
  floorTicks: number;
  /** One "size unit" of the maker and the flow, in lots. */
  unitLots: number;
  /** Largest order, in lots. */
  maxLots: number;
}

/** Computes a symbol's integer parameters from its opening reference (in ticks). */
export function symbolParams(
  instrument: Instrument,
  referenceTicks: number,
  settings: MarketSettings,
): SymbolParams {
  const bps = referenceTicks / 10_000;
  const halfSpreadTicks = Math.max(1, Math.round(bps * settings.halfSpreadBps));
  const spacingTicks = Math.max(1, Math.round(bps * settings.levelSpacingBps));
  const sigmaTicks = Math.max(0.5, bps * settings.volatilityBps);
  const minLots = Math.max(1, Math.round(instrument.minQty / instrument.stepSize));
  const maxLots = Math.max(minLots, Math.floor(instrument.maxQty / instrument.stepSize));
  return {
    instrument,
    halfSpreadTicks,
    spacingTicks,
    sigmaTicks,
    floorTicks: halfSpreadTicks + spacingTicks * (settings.levels + 1) + 1,
    // A unit of 100 minimum quantities: 100k EURUSD, 0.01 BTC.
    unitLots: Math.min(maxLots, minLots * 100),
    maxLots,
  };
}
