/**
 * The trailing-stop rules main runs and the ticket previews: which price a
 * trail follows, where the stop goes for a distance, and which of two stops
 * is tighter. One copy, so the preview shows what main will ask for.
 */
import { cmpDecimal } from './decimal';
import { isWorkingStatus, type OrderStatus, type OrderType, type Side } from './enums';
import { addTicks, roundToTick, ticksAway, type TickRules } from './instrument';
import type { TopOfBook } from './marks';

/** The order types main trails: stops, and stop limits (their limit moves with the stop). */
export function isTrailableType(type: OrderType): boolean {
  return type === 'STOP' || type === 'STOP_LIMIT';
}

/** True when main would trail this order: a working, untriggered stop or stop limit. */
export function canTrailOrder<
  O extends { type: OrderType; triggered: boolean; status: OrderStatus },
>(order: O): boolean {
  return isTrailableType(order.type) && !order.triggered && isWorkingStatus(order.status);
}

/** How far behind the market a stop trails: whole ticks, or a percent of the price. */
export type StopDistance = { kind: 'ticks'; ticks: number } | { kind: 'percent'; percent: number };

/** The stop price `distance` behind `best` for a stop order on `side`: on the grid, never nearer the market. */
export function stopBehind(
  best: number,
  side: Side,
  distance: StopDistance,
  rules: TickRules,
): number {
  // A sell stop sits below the market (rounded down), a buy stop above (rounded up).
  const sell = side === 'SELL';
  if (distance.kind === 'ticks') return ticksAway(best, !sell, distance.ticks, rules);
  const raw = best * (1 + ((sell ? -1 : 1) * distance.percent) / 100);
  return roundToTick(raw, rules, sell ? 'down' : 'up');
}

/**
 * The price a trail on `side` follows: the last trade, else the side it
 * triggers on (a sell stop falls with the bid, a buy stop rises with the ask).
 */
export function trailPrice(side: Side, quote: TopOfBook | undefined): number | null {
  const price = quote?.last ?? (side === 'SELL' ? quote?.bid : quote?.ask) ?? null;
  return price !== null && price > 0 ? price : null;
}

/**
 * A stop-limit's limit after its stop moved from `fromStop` to `toStop`: the
 * same number of ticks, so the order keeps the distance it was placed with.
 */
export function limitWithStop(
  limit: number,
  fromStop: number,
  toStop: number,
  rules: TickRules,
): number {
  const ticks = Math.round(toStop / rules.tickSize) - Math.round(fromStop / rules.tickSize);
  return addTicks(limit, ticks, rules);
}

/** True when `candidate` is a tighter stop than `current` for `side` (differences below 1e-9 of the size are none). */
export function tighterStop(candidate: number, current: number, side: Side): boolean {
  const cmp = cmpDecimal(candidate, current);
  return side === 'SELL' ? cmp > 0 : cmp < 0;
}

/** A distance in words: "20 ticks", "1 tick", "0.5%" (blotter, ticket and chart labels). */
export function formatStopDistance(distance: StopDistance): string {
  if (distance.kind === 'percent') return `${distance.percent}%`;
  return `${distance.ticks} ${distance.ticks === 1 ? 'tick' : 'ticks'}`;
}
