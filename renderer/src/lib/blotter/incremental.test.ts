/** The incremental sort of a blotter must show exactly what a full sort shows. */
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../../shared/ipc';
import { random } from '../fake-api';
import { RowStore } from '../state/row-store.svelte';
import { order } from '../testing/fixtures';
import { BlotterState } from './blotter.svelte';
import { orderHistoryColumns } from './blotters';
import { filterRows, patchSorted, sortComparator, sortRows } from './grid';

const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY'];

describe('patchSorted', () => {
  it('equals a stable full sort when rows are replaced and added', () => {
    const rand = random(3);
    const cmp = (a: number, b: number) => a - b;
    for (let round = 0; round < 50; round += 1) {
      // Distinct values: patchSorted needs a total order.
      const values = [...new Set(Array.from({ length: 60 }, () => Math.floor(rand() * 1000)))];
      const boxed = values
        .slice(0, 40)
        .sort(cmp)
        .map((v) => ({ v }));
      const removed = boxed.filter(() => rand() < 0.2);
      const added = values.slice(40, 45).map((v) => ({ v }));
      const full = [...boxed.filter((b) => !removed.includes(b)), ...added].sort(
        (a, b) => a.v - b.v,
      );
      expect(patchSorted(boxed, removed, added, (a, b) => a.v - b.v)).toEqual(full);
    }
  });
});

describe('BlotterState with row store deltas', () => {
  it('shows what a full filter and sort of the source shows, after every change', () => {
    const rand = random(11);
    const store = new RowStore((o: OrderRow) => o.orderId, { schedule: (flush) => flush() });
    const blotter = new BlotterState<OrderRow, number>({
      id: 'orders',
      label: 'Order history',
      columns: orderHistoryColumns,
      source: () => store.rows,
      delta: (rows) => store.delta(rows),
      keyOf: (r) => r.orderId,
      defaultSort: { columnId: 'updatedAt', dir: 'desc' },
      format: { precisionOf: () => undefined },
    });
    let time = 1_700_000_000_000;
    const make = (orderId: number) => {
      time += 1 + Math.floor(rand() * 3);
      return order({
        orderId,
        symbol: SYMBOLS[Math.floor(rand() * SYMBOLS.length)] as string,
        price: Math.round(rand() * 1000) / 100,
        updatedAt: time,
      });
    };
    store.reset(Array.from({ length: 200 }, (_, i) => make(i + 1)));
    let nextId = 201;
    const expected = () =>
      sortRows(
        filterRows(store.rows, orderHistoryColumns, blotter.filter),
        orderHistoryColumns,
        blotter.sort,
      );
    expect(blotter.rows).toEqual(expected());
    for (let round = 0; round < 60; round += 1) {
      if (round === 20) blotter.setFilter({ symbol: 'EURUSD' });
      if (round === 40) blotter.toggleSort('price');
      const changes: OrderRow[] = [];
      for (let i = 0; i < 5; i += 1) {
        const existing = 1 + Math.floor(rand() * (nextId - 1));
        changes.push(rand() < 0.5 ? make(nextId++) : make(existing));
      }
      store.upsert(changes);
      if (rand() < 0.3) store.remove([1 + Math.floor(rand() * (nextId - 1))]);
      expect(blotter.rows).toEqual(expected());
    }
  });

  it('keeps the source order without a sort column', () => {
    expect(sortComparator(orderHistoryColumns, null)).toBeNull();
  });
});
