import { describe, expect, it } from 'vitest';
import type { PositionRow } from '../../shared/ipc';
import { ordersToCancel, positionOrders } from './positionActions';
import { orderRow } from './testing/rows';

const position = (symbol: string, netQty: number, login = 'trader'): PositionRow => ({
  login,
  symbol,
  netQty,
  avgPrice: netQty === 0 ? null : 1,
  realizedPnl: 0,
  unrealizedPnl: null,
  markPrice: null,
});

describe('position actions', () => {
  const book = [position('EURUSD', 3000), position('GBPUSD', -2000), position('USDJPY', 0)];

  it('closes a long with a market sell of the net quantity', () => {
    expect(positionOrders(book, { symbol: 'EURUSD' }, 'close')).toEqual([
      { symbol: 'EURUSD', login: 'trader', side: 'SELL', quantity: 3000 },
    ]);
  });

  it('reverses a short with a buy of twice its size', () => {
    expect(positionOrders(book, { symbol: 'GBPUSD' }, 'reverse')).toEqual([
      { symbol: 'GBPUSD', login: 'trader', side: 'BUY', quantity: 4000 },
    ]);
  });

  it('flattening everything closes every open position and skips flat ones', () => {
    expect(positionOrders(book, {}, 'close').map((o) => o.symbol)).toEqual(['EURUSD', 'GBPUSD']);
  });

  it('keeps to one login when asked', () => {
    const two = [position('EURUSD', 1, 'a'), position('EURUSD', 2, 'b')];
    expect(positionOrders(two, { symbol: 'EURUSD', login: 'b' }, 'close')).toEqual([
      { symbol: 'EURUSD', login: 'b', side: 'SELL', quantity: 2 },
    ]);
  });

  it('cancels one leg of an OCO pair and skips local reject rows', () => {
    const working = [
      orderRow({ orderId: 1, clientOrderId: 'a', ocoOrderId: 2 }),
      orderRow({ orderId: 2, clientOrderId: 'b', ocoOrderId: 1 }),
      orderRow({ orderId: 3, clientOrderId: 'c', symbol: 'GBPUSD' }),
      orderRow({ orderId: -1, clientOrderId: 'd' }),
    ];
    expect(ordersToCancel(working, { symbol: 'EURUSD' })).toEqual([1]);
    expect(ordersToCancel(working, {})).toEqual([1, 3]);
  });
});
