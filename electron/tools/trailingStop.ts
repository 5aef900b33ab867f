/**
 * The trailing-stop state machine: a stop order main moves behind the market
 * by a distance (ticks or percent) as the price goes the trader's way, and
 * never back. A stop-limit's limit moves with its stop, the same number of
 * ticks, so the order keeps the stop-to-limit distance it was placed with.
 * Pure: fed prices and the stop order's versions, it answers the modifies to
 * send. It works only while the app runs (main sends them).
 */
import {
  cmpDecimal,
  isFinalStatus,
  limitWithStop,
  stopBehind,
  tighterStop,
  type TickRules,
} from '../../shared/domain';
import type { OrderRow } from '../../shared/ipc';
import type { TrailDistance, TrailingStop } from '../../shared/ipc/tools';

/** What the machine is told. */
export type TrailInput =
  /** A market price (the last trade, else the side the stop triggers on). */
  | { kind: 'price'; price: number }
  /** A version of the stop order. */
  | { kind: 'order'; row: OrderRow }
  /** The modify sent for `stopPrice` was answered. */
  | { kind: 'modified'; ok: boolean; stopPrice: number; message?: string }
  /** The user stops trailing. */
  | { kind: 'stop' };

/** What main must do. */
export type TrailAction =
  /** Move the stop (and a stop-limit's limit, `limitPrice`, with it). */
  | { kind: 'modifyStop'; orderId: number; stopPrice: number; limitPrice?: number }
  | { kind: 'notify'; level: 'info' | 'error'; message: string };

/** One step's result; `inFlight` tells main a modify awaits its answer. */
export interface TrailStep {
  trail: TrailingStop;
  actions: TrailAction[];
}

/** A trail of a working stop or stop-limit order, starting at its current prices. */
export function newTrailingStop(fields: {
  id: string;
  order: OrderRow;
  distance: TrailDistance;
  now: number;
}): TrailingStop {
  return {
    id: fields.id,
    orderId: fields.order.orderId,
    symbol: fields.order.symbol,
    side: fields.order.side,
    distance: fields.distance,
    bestPrice: null,
    stopPrice: fields.order.stopPrice ?? 0,
    limitPrice: fields.order.type === 'STOP_LIMIT' ? fields.order.price : null,
    state: 'trailing',
    reason: null,
    updatedAt: fields.now,
  };
}

/** One step of the trail; `pending` is the stop price of a modify awaiting its answer (null: none). */
export function stepTrail(
  trail: TrailingStop,
  input: TrailInput,
  ctx: { rules: TickRules | null; now: number; pending: number | null },
): TrailStep {
  const next: TrailingStop = { ...trail };
  const actions: TrailAction[] = [];
  if (next.state !== 'trailing') return { trail: next, actions };
  switch (input.kind) {
    case 'stop':
      next.state = 'ended';
      next.reason = 'Stopped by the user';
      break;
    case 'order':
      if (input.row.orderId !== next.orderId) break;
      if (isFinalStatus(input.row.status) || input.row.triggered) {
        next.state = 'ended';
        next.reason = input.row.triggered
          ? 'Stop triggered'
          : `Order ${input.row.status.toLowerCase()}`;
      }
      break;
    case 'modified':
      if (!input.ok) {
        // One modify at a time: the limit held is the one asked with this stop.
        const to =
          next.limitPrice === null
            ? `${input.stopPrice}`
            : `stop ${input.stopPrice}, limit ${next.limitPrice}`;
        actions.push({
          kind: 'notify',
          level: 'error',
          message: `Trailing stop ${next.symbol}: could not move to ${to} (${input.message ?? 'refused'})`,
        });
      }
      break;
    case 'price': {
      const better =
        next.bestPrice === null ||
        (next.side === 'SELL'
          ? cmpDecimal(input.price, next.bestPrice) > 0
          : cmpDecimal(input.price, next.bestPrice) < 0);
      if (better) next.bestPrice = input.price;
      break;
    }
  }
  // One modify at a time; once it is answered the stop catches up with the best price seen.
  if (next.state === 'trailing' && ctx.rules && ctx.pending === null && next.bestPrice !== null) {
    const target = stopBehind(next.bestPrice, next.side, next.distance, ctx.rules);
    if (tighterStop(target, next.stopPrice, next.side)) {
      const limit =
        next.limitPrice === null
          ? null
          : limitWithStop(next.limitPrice, next.stopPrice, target, ctx.rules);
      next.stopPrice = target;
      next.limitPrice = limit;
      actions.push({
        kind: 'modifyStop',
        orderId: next.orderId,
        stopPrice: target,
        ...(limit !== null && { limitPrice: limit }),
      });
    }
  }
  next.updatedAt = ctx.now;
  return { trail: next, actions };
}
