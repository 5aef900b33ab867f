import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryCursor, HistoryRowFilter, OrderRow } from '../../shared/ipc';
import type { StoredFill } from '../store';
import { tempDir } from '../testing/coreTestkit';
import { HistoryDb } from './historyDb';
import {
  HISTORY_TABLES,
  countStatement,
  pageStatement,
  type PageQuery,
  type Statement,
} from './historyQueries';
import { seededFills, seededOrders, writeHistory } from './testing/historyRows';

const T0 = Date.UTC(2024, 4, 1, 9, 30);
const PROFILE = 'paper';
const N = 5000;

let tmp: ReturnType<typeof tempDir>;
let db: HistoryDb;
const fills = seededFills(N, T0);
const orders = seededOrders(N, T0);

beforeAll(() => {
  tmp = tempDir('pd-history-');
  db = new HistoryDb(tmp.dir);
  writeHistory(db, PROFILE, { fills, orders });
  // Another profile's rows must never show.
  writeHistory(db, 'other', { fills: seededFills(50, T0, 99), orders: seededOrders(50, T0, 99) });
});
afterAll(() => {
  db.close();
  tmp.remove();
});

type Blotter = PageQuery['blotter'];
const keyOf = (blotter: Blotter, row: unknown): string | number =>
  blotter === 'fills' ? (row as StoredFill).fillId : (row as OrderRow).orderId;

/** Walks every page of a query, forward (or backward from the end), collecting row keys. */
function walk(
  blotter: Blotter,
  sort: PageQuery['sort'],
  filter: HistoryRowFilter = {},
  direction: PageQuery['direction'] = 'forward',
  limit = 333,
): (string | number)[] {
  const keys: (string | number)[][] = [];
  let after: HistoryCursor | undefined;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = db.historyPage(PROFILE, { blotter, filter, sort, after, direction, limit });
    const pageKeys = page.rows.map((r) => keyOf(blotter, r));
    if (direction === 'forward') keys.push(pageKeys);
    else keys.unshift(pageKeys);
    if (page.rows.length < limit) return keys.flat();
    after = direction === 'forward' ? page.cursors.at(-1) : page.cursors[0];
  }
  throw new Error('paging never ended');
}

describe('history pages (keyset)', () => {
  for (const blotter of ['fills', 'orders'] as const) {
    const all = blotter === 'fills' ? fills.map((f) => f.fillId) : orders.map((o) => o.orderId);
    for (const columnId of Object.keys(HISTORY_TABLES[blotter].sortable)) {
      it(`walking every ${blotter} page sorted by ${columnId} returns each row exactly once, both ways`, () => {
        for (const dir of ['asc', 'desc'] as const) {
          const forward = walk(blotter, { columnId, dir });
          expect(forward).toHaveLength(all.length);
          expect(new Set(forward).size).toBe(all.length);
          expect([...forward].sort()).toEqual([...all].sort());
          // Walking back from the end meets the same order.
          expect(walk(blotter, { columnId, dir }, {}, 'backward')).toEqual(forward);
        }
      });
    }
  }

  it('sorts by the column, nulls last ascending, ties broken by the key', () => {
    const keys = walk('orders', { columnId: 'price', dir: 'asc' });
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    const prices = keys.map((k) => byId.get(k as number)?.price ?? null);
    const firstNull = prices.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(prices.slice(firstNull).every((p) => p === null)).toBe(true);
    const numbers = prices.slice(0, firstNull) as number[];
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const newestFirst = walk('fills', { columnId: 'time', dir: 'desc' });
    const expected = [...fills]
      .sort((a, b) => b.time - a.time || (a.fillId < b.fillId ? 1 : -1))
      .map((f) => f.fillId);
    expect(newestFirst).toEqual(expected);
  });

  for (const blotter of ['fills', 'orders'] as const) {
    it(`a ${blotter} page at a row index starts exactly where walking would reach`, () => {
      const sort = { columnId: 'price', dir: 'desc' } as const;
      const walked = walk(blotter, sort, { side: 'SELL' });
      for (const at of [0, 1, 999, walked.length - 5]) {
        const page = db.historyPage(PROFILE, {
          blotter,
          filter: { side: 'SELL' },
          sort,
          direction: 'forward',
          at,
          limit: 10,
        });
        expect(page.rows.map((r) => keyOf(blotter, r))).toEqual(walked.slice(at, at + 10));
      }
    });
  }
});

describe('history filters', () => {
  const mid = T0 + 400;
  const fillFilters: HistoryRowFilter[] = [
    { symbol: 'EURUSD' },
    { side: 'SELL' },
    { from: mid, to: mid + 300 },
    { symbol: 'BTCUSDT', side: 'BUY', from: T0 + 100 },
  ];
  for (const filter of fillFilters) {
    it(`fills matching ${JSON.stringify(filter)} are exactly the brute-force ones, and counted`, () => {
      const expected = fills.filter(
        (f) =>
          (filter.symbol === undefined || f.symbol === filter.symbol) &&
          (filter.side === undefined || f.side === filter.side) &&
          (filter.from === undefined || f.time >= filter.from) &&
          (filter.to === undefined || f.time < filter.to),
      );
      const keys = walk('fills', { columnId: 'qty', dir: 'asc' }, filter);
      expect([...keys].sort()).toEqual(expected.map((f) => f.fillId).sort());
      expect(db.historyCount(PROFILE, 'fills', filter)).toBe(expected.length);
    });
  }

  const orderFilters: HistoryRowFilter[] = [
    { status: 'CANCELED' },
    { status: 'NEW' },
    { status: 'PARTIALLY_FILLED', side: 'SELL' },
    { status: 'FILLED', symbol: 'GBPUSD' },
    { side: 'BUY', from: T0 + 1000, to: T0 + 2000 },
  ];
  for (const filter of orderFilters) {
    it(`orders matching ${JSON.stringify(filter)} are exactly the brute-force ones, and counted`, () => {
      const expected = orders.filter(
        (o) =>
          (filter.symbol === undefined || o.symbol === filter.symbol) &&
          (filter.side === undefined || o.side === filter.side) &&
          (filter.status === undefined || o.status === filter.status) &&
          (filter.from === undefined || o.updatedAt >= filter.from) &&
          (filter.to === undefined || o.updatedAt < filter.to),
      );
      const keys = walk('orders', { columnId: 'updatedAt', dir: 'desc' }, filter, 'forward', 97);
      expect([...keys].sort((a, b) => Number(a) - Number(b))).toEqual(
        expected.map((o) => o.orderId).sort((a, b) => a - b),
      );
      expect(db.historyCount(PROFILE, 'orders', filter)).toBe(expected.length);
    });
  }
});

describe('history query plans', () => {
  /** The plan's lines: a page must read an index in order (no sort of every row, no table scan). */
  function plan(query: PageQuery | Statement): string {
    const { sql, params } = 'sql' in query ? query : pageStatement(PROFILE, query);
    const raw = (
      db as unknown as { db: { prepare(s: string): { all(...p: unknown[]): unknown[] } } }
    ).db;
    return raw
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((r) => String((r as { detail: string }).detail))
      .join('\n');
  }
  /**
   * How a page finds its keys (before it reads the rows of the page by primary key), or a
   * count, in its two parts: the done rows (all of a table not in parts) and the working
   * orders, read apart by their own index and sorted (a few), or undefined.
   */
  function parts(text: string): [done: string, working: string | undefined] {
    const keys = text.includes('CO-ROUTINE k')
      ? text.slice(text.indexOf('CO-ROUTINE k'), text.indexOf('\nSCAN k\n'))
      : text;
    const [done = '', working] = keys.split(/\n(?:RIGHT|UNION ALL)\n/);
    return [done, working];
  }
  for (const blotter of ['fills', 'orders'] as const) {
    for (const columnId of Object.keys(HISTORY_TABLES[blotter].sortable)) {
      it(`a ${blotter} page sorted by ${columnId} reads an index in order`, () => {
        const text = plan({
          blotter,
          filter: {},
          sort: { columnId, dir: 'desc' },
          after: { value: 1, key: 1 },
          direction: 'forward',
          limit: 100,
        });
        // Orders: the done ones read in the sort index's order, merged with the working ones
        // (read by their own index and sorted, a few).
        const [done, working] = parts(text);
        expect(done).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
        expect(done).not.toContain('TEMP B-TREE');
        if (blotter === 'orders')
          expect(working).toMatch(/^SEARCH orders USING (COVERING )?INDEX orders_working/);
        else expect(working).toBeUndefined();
      });
    }
  }
  const countFilters: [PageQuery['blotter'], HistoryRowFilter][] = [
    ['fills', {}],
    ['fills', { symbol: 'EURUSD' }],
    ['fills', { side: 'BUY' }],
    ['fills', { symbol: 'EURUSD', side: 'BUY' }],
    ['fills', { from: T0, to: T0 + 100 }],
    ['orders', {}],
    ['orders', { status: 'FILLED' }],
    ['orders', { side: 'SELL' }],
    ['orders', { symbol: 'EURUSD', from: T0 }],
  ];
  for (const [blotter, filter] of countFilters) {
    it(`counting ${blotter} matching ${JSON.stringify(filter)} reads an index alone`, () => {
      const [done, working] = parts(plan(countStatement(blotter, PROFILE, filter)));
      expect(done).toMatch(/COVERING INDEX/);
      // A final status rules the working orders out: no part of theirs.
      if (blotter === 'orders' && filter.status !== 'FILLED')
        expect(working).toMatch(/USING (COVERING )?INDEX orders_working/);
      else expect(working).toBeUndefined();
    });
  }

  it('a status filter reads only the part that can hold it', () => {
    const page = (status: 'NEW' | 'FILLED'): string =>
      plan({
        blotter: 'orders',
        filter: { status },
        sort: { columnId: 'symbol', dir: 'asc' },
        direction: 'forward',
        limit: 100,
      });
    // A working status: the working orders alone, not a walk of every done one.
    expect(page('NEW')).toContain('orders_working');
    expect(page('NEW')).not.toContain('orders_by_symbol');
    // A final status: the done orders alone, in the sort's index.
    expect(page('FILLED')).toContain('orders_by_symbol');
    expect(page('FILLED')).not.toContain('orders_working');
    expect(plan(countStatement('orders', PROFILE, { status: 'NEW' }))).not.toContain(
      'orders_status_time',
    );
  });

  it('a filtered page by time uses the filter’s index', () => {
    const text = plan({
      blotter: 'orders',
      filter: { status: 'FILLED' },
      sort: { columnId: 'updatedAt', dir: 'desc' },
      direction: 'forward',
      limit: 100,
    });
    const [done] = parts(text);
    expect(done).toContain('orders_status_time');
    expect(done).not.toContain('TEMP B-TREE');
  });
});
