import { describe, expect, it } from 'vitest';
import type { InstrumentFigures, PositionRow } from '../../../../shared/ipc';
import { emptyAccount } from '../account/testing/accountStub';
import { positionLines, positionTotals, type PositionLine } from './positions';

const row = (login: string, netQty: number): PositionRow => ({
  login,
  symbol: 'USDJPY',
  netQty,
  avgPrice: 150,
  realizedPnl: 0,
  unrealizedPnl: 1500,
  markPrice: 151,
});
const usdjpy: InstrumentFigures = {
  symbol: 'USDJPY',
  currency: 'JPY',
  netQty: 1000,
  realized: 0,
  unrealized: 1000,
  realizedAccount: 0,
  unrealizedAccount: 6.62,
  exposureAccount: 1000,
  noRate: false,
};
const figures = { ...emptyAccount(), instruments: [usdjpy] };

describe('position lines', () => {
  it('puts no account figure on a symbol two logins hold (main nets them into one)', () => {
    const lines = positionLines([row('A', 500), row('B', 500)], figures);
    expect(lines.map((l) => l.account)).toEqual([null, null]);
    expect(positionTotals(lines).unrealized).toBe('unknown');
  });

  it('keeps the line of a row whose position and figures did not change', () => {
    const reuse = new WeakMap<PositionRow, PositionLine>();
    const held = row('A', 1000);
    const [first] = positionLines([held], figures, reuse);
    const [again] = positionLines([held], figures, reuse);
    expect(again).toBe(first);
    const [moved] = positionLines([{ ...held, unrealizedPnl: 2000 }], figures, reuse);
    expect(moved).not.toBe(first);
    expect(moved?.unrealizedPnl).toBe(2000);
  });
});
