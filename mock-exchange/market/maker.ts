/**
 * The market maker's re-quote, shared by the simulated market and the
 * replay: cancel quotes that left the ladder first (so the maker never
 * crosses itself), then place the missing ones. Its new quotes trade with
 * user orders in the way, which is how a resting limit fills.
 */
import { lotsToQty, priceToTicks, ticksToPrice, type Side } from '../../shared/domain';
import type { OrderOut } from '../../shared/protocol';
import type { Engine } from '../engine/api';
import { MARKET_MAKER_LOGIN } from './constants';
import { buildLadder } from './ladder';
import type { SymbolParams } from './params';

/** Moves the maker's quotes of one symbol to the ladder around `referenceTicks`; `lotsAt(depth)` sizes a new quote. */
export function requoteLadder(
  engine: Engine,
  symbol: string,
  params: SymbolParams,
  levels: number,
  referenceTicks: number,
  working: readonly OrderOut[],
  lotsAt: (depth: number) => number,
  now: number,
): void {
  const { instrument } = params;
  const ladder = buildLadder(referenceTicks, params, levels);
  const wanted = { BUY: new Set(ladder.bids), SELL: new Set(ladder.asks) };
  const held = { BUY: new Set<number>(), SELL: new Set<number>() };
  for (const order of working) {
    const ticks = priceToTicks(Number(order.price), instrument);
    const side = order.side;
    if (ticks !== null && wanted[side].has(ticks) && !held[side].has(ticks)) {
      held[side].add(ticks);
    } else {
      engine.cancelOrder([MARKET_MAKER_LOGIN], { orderId: order.orderId }, now);
    }
  }
  const place = (side: Side, ticks: number, depth: number): void => {
    if (held[side].has(ticks)) return;
    engine.placeOrder(
      MARKET_MAKER_LOGIN,
      {
        symbol,
        side,
        type: 'LIMIT',
        price: ticksToPrice(ticks, instrument),
        quantity: lotsToQty(lotsAt(depth), instrument),
        timeInForce: 'GTC',
        login: MARKET_MAKER_LOGIN,
      },
      now,
    );
  };
  ladder.bids.forEach((ticks, depth) => place('BUY', ticks, depth));
  ladder.asks.forEach((ticks, depth) => place('SELL', ticks, depth));
}
