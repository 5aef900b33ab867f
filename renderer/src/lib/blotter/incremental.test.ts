/** The incremental sort of a blotter must show exactly what a full sort shows. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
import { RowStore } from '../state/row-store.svelte';
import { orderKey } from '../state/trading.svelte';
import { order } from '../testing/fixtures';
import { BlotterState } from './blotter.svelte';
import { orderHistoryColumns } from './blotters';
import { filterRows, patchSorted, sortComparator, sortRows } from './grid';

const SYMBOLS = DEFAULT_INSTRUMENTS.slice(0, 3).map((i) => i.symbol);

describe('patchSorted', () => {
  it('equals a stable full sort when rows are replaced and added', () => {
    // Distinct values: patchSorted needs a total order.
    const values = fc.uniqueArray(fc.integer({ min: 0, max: 999 }), {
      minLength: 45,
      maxLength: 60,
    });
    fc.assert(
      fc.property(values, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (v, drop) => {
        const boxed = v
          .slice(0, 40)
          .sort((a, b) => a - b)
          .map((n) => ({ v: n }));
        const removed = boxed.filter((_, i) => drop[i]);
        const added = v.slice(40, 45).map((n) => ({ v: n }));
        const full = [...boxed.filter((b) => !removed.includes(b)), ...added].sort(
          (a, b) => a.v - b.v,
        );
        expect(patchSorted(boxed, removed, added, (a, b) => a.v - b.v)).toEqual(full);
      }),
      { numRuns: 50 },
    );
  });
});

/** One change of a round: a new order or a new version of a known one. */
const change = fc.record({
  existing: fc.boolean(),
  pick: fc.nat(),
  symbol: fc.constantFrom(...SYMBOLS),
  cents: fc.integer({ min: 0, max: 1000 }),
  step: fc.integer({ min: 1, max: 3 }),
});
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
const round = fc.record({
  changes: fc.array(change, { minLength: 5, maxLength: 5 }),
  removal: fc.option(fc.nat(), { freq: 3 }),
});

describe('BlotterState with row store deltas', () => {
  it('shows what a full filter and sort of the source shows, after every change', () => {
    fc.assert(
      fc.property(fc.array(round, { minLength: 60, maxLength: 60 }), (rounds) => {
        const store = new RowStore(orderKey, { schedule: (flush) => flush() });
        const blotter = new BlotterState({
          id: 'orders',
          label: 'Order history',
          columns: orderHistoryColumns,
          source: () => store.rows,
          delta: (rows) => store.delta(rows),
          keyOf: orderKey,
          defaultSort: { columnId: 'updatedAt', dir: 'desc' },
          format: { precisionOf: () => undefined },
        });
        let time = 1_700_000_000_000;
        const make = (orderId: number, c: Change | null) => {
          time += c?.step ?? 1;
          return order({
            orderId,
            symbol: c?.symbol ?? SYMBOLS[orderId % SYMBOLS.length] ?? 'EURUSD',
            price: (c?.cents ?? orderId) / 100,
            updatedAt: time,
          });
        };
        store.reset(Array.from({ length: 200 }, (_, i) => make(i + 1, null)));
        let nextId = 201;
        const expected = () =>
          sortRows(
            filterRows(store.rows, orderHistoryColumns, blotter.filter),
            orderHistoryColumns,
            blotter.sort,
          );
        expect(blotter.rows).toEqual(expected());
        rounds.forEach(({ changes, removal }, i) => {
          if (i === 20) blotter.setFilter({ symbol: 'EURUSD' });
          if (i === 40) blotter.toggleSort('price');
          store.upsert(
            changes.map((c) =>
              c.existing ? make(1 + (c.pick % (nextId - 1)), c) : make(nextId++, c),
            ),
          );
          if (removal !== null) store.remove([1 + (removal % (nextId - 1))]);
          expect(blotter.rows).toEqual(expected());
        });
      }),
      { numRuns: 5 },
    );
  });

  it('keeps the source order without a sort column', () => {
    expect(sortComparator(orderHistoryColumns, null)).toBeNull();
  });
});
