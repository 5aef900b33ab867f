/**
 * Fast, exact integer -> decimal conversions for one instrument. A decimal is
 * an integer count of 10^-precision divided by a power of ten, which IEEE
 * division rounds to the same double as `Number(x.toFixed(precision))`.
 */
import type { Instrument } from '../../shared/domain';
import { lotsToQty, tickLotsToQuote, ticksToPrice } from '../../shared/domain';

/** Integer `step * 10^precision`, or 0 when the step is not on that grid. */
function scaleOf(step: number, precision: number): number {
  const scaled = step * 10 ** precision;
  const rounded = Math.round(scaled);
  return rounded > 0 && Math.abs(scaled - rounded) < 1e-6 ? rounded : 0;
}

/** Converts ticks, lots and tick-lots of one instrument to wire decimals. */
export class Units {
  private readonly tickScale: number;
  private readonly stepScale: number;
  private readonly pricePow: number;
  private readonly qtyPow: number;
  private readonly quotePow: number;

  constructor(readonly inst: Instrument) {
    this.tickScale = scaleOf(inst.tickSize, inst.pricePrecision);
    this.stepScale = scaleOf(inst.stepSize, inst.qtyPrecision);
    this.pricePow = 10 ** inst.pricePrecision;
    this.qtyPow = 10 ** inst.qtyPrecision;
    this.quotePow = 10 ** (inst.pricePrecision + inst.qtyPrecision);
  }

  /** Decimal price of a tick count. */
  price(ticks: number): number {
    const n = ticks * this.tickScale;
    return this.tickScale > 0 && n <= Number.MAX_SAFE_INTEGER
      ? n / this.pricePow
      : ticksToPrice(ticks, this.inst);
  }

  /** Decimal quantity of a lot count. */
  qty(lots: number): number {
    const n = lots * this.stepScale;
    return this.stepScale > 0 && n <= Number.MAX_SAFE_INTEGER
      ? n / this.qtyPow
      : lotsToQty(lots, this.inst);
  }

  /** Decimal notional of a sum of ticks x lots. */
  quote(tickLots: number): number {
    const n = tickLots * this.tickScale * this.stepScale;
    return this.tickScale > 0 && this.stepScale > 0 && n <= Number.MAX_SAFE_INTEGER
      ? n / this.quotePow
      : tickLotsToQuote(tickLots, this.inst);
  }
}
