import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFixed } from '../../shared/domain/decimal';
import {
  applyFill,
  averageOpenPrice,
  fillUnits,
  flatPosition,
  netQty,
  unrealizedAt,
} from './positionMath';

describe('average cost', () => {
  it('nets adds into one lot at the average and realizes against it', () => {
    const state = flatPosition('AVERAGE');
    applyFill(state, 'BUY', toFixed(1), toFixed(100));
    applyFill(state, 'BUY', toFixed(1), toFixed(110));
    const closes = applyFill(state, 'SELL', toFixed(0.5), toFixed(120));
    // Average 105: 0.5 x (120 - 105) = 7.5.
    expect(state.realized).toBe(toFixed(7.5, 16));
    expect(closes).toMatchObject([{ qty: toFixed(0.5), long: true, entryPrice: toFixed(105) }]);
    expect(averageOpenPrice(state)).toEqual({ sum: toFixed(157.5, 16), qty: toFixed(1.5) });
    expect(unrealizedAt(state, toFixed(100))).toBe(toFixed(-7.5, 16));
  });

  it('closes the whole cost and opens the rest the other way on a flip', () => {
    const state = flatPosition('AVERAGE');
    applyFill(state, 'SELL', toFixed(3), toFixed(10));
    applyFill(state, 'SELL', toFixed(1), toFixed(14));
    applyFill(state, 'BUY', toFixed(6), toFixed(9));
    // Short 4 at an average of 11, bought back at 9: +8; long 2 at 9 remains.
    expect(state.realized).toBe(toFixed(8, 16));
    expect(netQty(state)).toBe(toFixed(2));
    expect(state.cost).toBe(toFixed(18, 16));
  });

  it('differs from FIFO on a partial close', () => {
    const fifo = flatPosition('FIFO');
    const avg = flatPosition('AVERAGE');
    for (const s of [fifo, avg]) {
      applyFill(s, 'BUY', toFixed(1), toFixed(100));
      applyFill(s, 'BUY', toFixed(1), toFixed(110));
      applyFill(s, 'SELL', toFixed(1), toFixed(120));
    }
    expect([fifo.realized, avg.realized]).toEqual([toFixed(20, 16), toFixed(15, 16)]);
  });
});

describe('positions (properties)', () => {
  const fillArb = fc.record({
    buy: fc.boolean(),
    lots: fc.integer({ min: 1, max: 1_000_000 }),
    ticks: fc.integer({ min: 1, max: 10_000_000 }),
  });

  it('realized + unrealized equals the mark-to-market of all fills, exactly, under both methods', () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom('FIFO' as const, 'AVERAGE' as const),
        (fills, markTicks, method) => {
          const state = flatPosition(method);
          let cash = 0n;
          let net = 0n;
          for (const f of fills) {
            // Quantities of 0.001 lots, prices of 0.00001 ticks: on-grid decimals.
            const qty = toFixed(f.lots / 1000);
            const price = toFixed(f.ticks / 100_000);
            applyFill(state, f.buy ? 'BUY' : 'SELL', qty, price);
            cash += (f.buy ? -qty : qty) * price;
            net += f.buy ? qty : -qty;
          }
          const mark = toFixed(markTicks / 100_000);
          expect(netQty(state)).toBe(net);
          expect(state.realized + unrealizedAt(state, mark)).toBe(cash + net * mark);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('running sums of the open lots (properties)', () => {
  it('FIFO: the kept cost and net quantity equal the sums over the lots after any fills', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            buy: fc.boolean(),
            lots: fc.integer({ min: 1, max: 1_000_000 }),
            ticks: fc.integer({ min: 1, max: 10_000_000 }),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        (fills) => {
          const state = flatPosition('FIFO');
          for (const f of fills) {
            applyFill(
              state,
              f.buy ? 'BUY' : 'SELL',
              toFixed(f.lots / 1000),
              toFixed(f.ticks / 100_000),
            );
            const lots = state.lots.reduce(
              (sum, lot) => ({ qty: sum.qty + lot.qty, cost: sum.cost + lot.qty * lot.price }),
              { qty: 0n, cost: 0n },
            );
            expect(state.net).toBe(lots.qty);
            expect(state.cost).toBe(lots.cost);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fill units', () => {
  it('equal the decimal string conversion for on-grid prices and quantities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
        fc.integer({ min: 0, max: 8 }),
        (units, decimals) => {
          const value = units / 10 ** decimals;
          expect(fillUnits(value)).toBe(toFixed(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
