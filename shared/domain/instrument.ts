import type { SymbolInfo } from '../protocol/schemas';

/**
 * An instrument's trading rules: the protocol's SymbolInfo with its largest
 * quantity always known (it keeps tick x lot sums exact in a double). Prices
 * and quantities are decimals on the wire and integers (ticks, lots) inside
 * the engine and the stores.
 */
export type Instrument = Required<SymbolInfo>;

/** Relative tolerance used to decide whether a decimal sits on a grid. */
const GRID_EPSILON = 1e-7;

/** Integer number of `step`s in `value`, or null when value is off the grid. */
export function toUnits(value: number, step: number): number | null {
  if (!Number.isFinite(value)) return null;
  const units = Math.round(value / step);
  if (Math.abs(units * step - value) > step * GRID_EPSILON) return null;
  if (!Number.isSafeInteger(units)) return null;
  return units;
}

/** Decimal value of `units` steps, rounded to `precision` decimals. */
export function fromUnits(units: number, step: number, precision: number): number {
  return Number((units * step).toFixed(precision));
}

/** Price in ticks, or null when off the instrument's tick grid. */
export function priceToTicks(price: number, inst: Instrument): number | null {
  return toUnits(price, inst.tickSize);
}

/** Decimal price of a tick count, at the instrument's precision. */
export function ticksToPrice(ticks: number, inst: Instrument): number {
  return fromUnits(ticks, inst.tickSize, inst.pricePrecision);
}

/** Quantity in lots, or null when off the instrument's step. */
export function qtyToLots(qty: number, inst: Instrument): number | null {
  return toUnits(qty, inst.stepSize);
}

/** Decimal quantity of a lot count, at the instrument's precision. */
export function lotsToQty(lots: number, inst: Instrument): number {
  return fromUnits(lots, inst.stepSize, inst.qtyPrecision);
}

/** Decimal notional of a sum of (ticks x lots), exact to the combined precision. */
export function tickLotsToQuote(tickLots: number, inst: Instrument): number {
  return Number(
    (tickLots * inst.tickSize * inst.stepSize).toFixed(inst.pricePrecision + inst.qtyPrecision),
  );
}

/** The instrument fields tick rounding needs. */
export type TickRules = Pick<Instrument, 'tickSize' | 'pricePrecision'>;

/** Rounds a price onto the tick grid, down or up (a price already on it stays put). */
export function roundToTick(price: number, rules: TickRules, dir: 'down' | 'up'): number {
  const raw = price / rules.tickSize;
  // A price already on the grid must not move by float noise.
  const near = Math.round(raw);
  const ticks =
    Math.abs(raw - near) < GRID_EPSILON ? near : dir === 'down' ? Math.floor(raw) : Math.ceil(raw);
  return fromUnits(ticks, rules.tickSize, rules.pricePrecision);
}

/** `price` moved by `ticks` ticks (negative: down), on the grid. */
export function addTicks(price: number, ticks: number, rules: TickRules): number {
  const base = Math.round(price / rules.tickSize);
  return fromUnits(base + ticks, rules.tickSize, rules.pricePrecision);
}

/**
 * The price `ticks` ticks above (`up`) or below `from`: `from` rounded onto
 * the grid toward that direction first, so a bracket exit or a trailing stop
 * measured from an off-grid average fill is never nearer than asked.
 */
export function ticksAway(from: number, up: boolean, ticks: number, rules: TickRules): number {
  return addTicks(roundToTick(from, rules, up ? 'up' : 'down'), up ? ticks : -ticks, rules);
}

/** Formats a price with the instrument's precision (for display and CSV). */
export function formatPrice(price: number, inst: Pick<Instrument, 'pricePrecision'>): string {
  return price.toFixed(inst.pricePrecision);
}

/** The decimals an instrument's prices and quantities are written with. */
export type Precision = Pick<Instrument, 'pricePrecision' | 'qtyPrecision'>;

/** Formats a quantity with the instrument's precision (for display and CSV). */
export function formatQty(qty: number, inst: Pick<Instrument, 'qtyPrecision'>): string {
  return qty.toFixed(inst.qtyPrecision);
}

/** The default instruments of the paper exchange. */
export const DEFAULT_INSTRUMENTS: readonly Instrument[] = [
  {
    symbol: 'EURUSD',
    tickSize: 0.00001,
    stepSize: 1000,
    minQty: 1000,
    maxQty: 100_000_000,
    pricePrecision: 5,
    qtyPrecision: 0,
  },
  {
    symbol: 'GBPUSD',
    tickSize: 0.00001,
    stepSize: 1000,
    minQty: 1000,
    maxQty: 100_000_000,
    pricePrecision: 5,
    qtyPrecision: 0,
  },
  {
    symbol: 'USDJPY',
    tickSize: 0.001,
    stepSize: 1000,
    minQty: 1000,
    maxQty: 100_000_000,
    pricePrecision: 3,
    qtyPrecision: 0,
  },
  {
    symbol: 'BTCUSDT',
    tickSize: 0.01,
    stepSize: 0.0001,
    minQty: 0.0001,
    maxQty: 1000,
    pricePrecision: 2,
    qtyPrecision: 4,
  },
  {
    symbol: 'ETHUSDT',
    tickSize: 0.01,
    stepSize: 0.001,
    minQty: 0.001,
    maxQty: 10_000,
    pricePrecision: 2,
    qtyPrecision: 3,
  },
];

/** Starting reference prices of the default instruments. */
export const DEFAULT_REFERENCE_PRICES: Readonly<Record<string, number>> = {
  EURUSD: 1.085,
  GBPUSD: 1.265,
  USDJPY: 151.2,
  BTCUSDT: 64000,
  ETHUSDT: 3200,
};
