import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../shared/ipc';
import { tempDir } from '../testing/coreTestkit';
import type { StoredFill } from '../store';
import { CACHE_KIB, HistoryDb, WAL_CHECKPOINT_PAGES } from './historyDb';
import type { PageQuery } from './historyQueries';
import { MIGRATIONS } from './migrations';

function row(
  orderId: number,
  updatedAt: number,
  symbol = 'EURUSD',
  status: OrderRow['status'] = 'FILLED',
): OrderRow {
  return {
    orderId,
    clientOrderId: `pd-${orderId}`,
    login: 'demo',
    symbol,
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'GTC',
    expiresAt: null,
    price: 1.1,
    stopPrice: null,
    origQty: 1000,
    executedQty: 1000,
    leavesQty: 0,
    avgPrice: 1.1,
    cumQuote: 1100,
    status,
    createdAt: updatedAt,
    updatedAt,
    ocoOrderId: null,
    triggered: false,
    lastReason: null,
  };
}
function fill(orderId: number, time: number, symbol = 'EURUSD'): StoredFill {
  return {
    fillId: `${orderId}:1`,
    orderId,
    clientOrderId: `pd-${orderId}`,
    login: 'demo',
    symbol,
    side: 'BUY',
    price: 1.1,
    qty: 1000,
    time,
    tradeId: 1,
    cumQty: 1000,
    derived: false,
  };
}
const empty = { orders: [], fills: [], removedFillIds: [], audit: [] };
const ids = (orders: readonly OrderRow[]): number[] => orders.map((o) => o.orderId);

/** The order ids of one forward page of profile p's Order history. */
function orderPageIds(db: HistoryDb, query: Omit<PageQuery, 'blotter' | 'direction'>): number[] {
  return ids(
    db.historyPage('p', { blotter: 'orders', direction: 'forward', ...query }).rows as OrderRow[],
  );
}

describe('HistoryDb', () => {
  it('migrates to the latest user_version, in WAL mode', () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    expect(db.version).toBe(MIGRATIONS.length);
    db.close();
    const again = new HistoryDb(tmp.dir);
    expect(again.version).toBe(MIGRATIONS.length);
    again.close();
    tmp.remove();
  });

  it('fsyncs every commit, checkpoints the WAL every 40 MB and caches 32 MiB of pages', () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    const pragma = (name: string): unknown =>
      Object.values(db.connection.prepare(`PRAGMA ${name}`).get() as object)[0];
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2); // FULL
    expect(pragma('wal_autocheckpoint')).toBe(WAL_CHECKPOINT_PAGES);
    expect(Number(pragma('page_size')) * WAL_CHECKPOINT_PAGES).toBe(40_960_000);
    expect(pragma('cache_size')).toBe(-CACHE_KIB);
    db.close();
    tmp.remove();
  });

  it('keeps the newest version per order and queries by date range and symbol', () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    db.write('p', {
      ...empty,
      orders: [row(1, 100, 'EURUSD', 'NEW'), row(2, 200, 'GBPUSD'), row(3, 300)],
      fills: [fill(2, 200, 'GBPUSD'), fill(3, 300)],
    });
    db.write('p', { ...empty, orders: [row(1, 150)], fills: [fill(3, 300)] });
    db.write('other', { ...empty, orders: [row(1, 999)] });
    expect(db.queryOrders('p', {}).map((o) => [o.orderId, o.status])).toEqual([
      [3, 'FILLED'],
      [2, 'FILLED'],
      [1, 'FILLED'],
    ]);
    expect(db.queryOrders('p', { from: 150, to: 300 }).map((o) => o.orderId)).toEqual([2, 1]);
    expect(db.queryOrders('p', { symbol: 'EURUSD', limit: 1 }).map((o) => o.orderId)).toEqual([3]);
    expect(db.queryFills('p', {}).map((f) => f.fillId)).toEqual(['3:1', '2:1']);
    expect(db.queryFills('p', { symbol: 'GBPUSD' }).map((f) => f.orderId)).toEqual([2]);
    expect(db.workingOrders('p')).toEqual([]);
    expect(db.lastUpdate('p')).toBe(300);
    expect(db.lastUpdate('nobody')).toBeNull();
    db.write('p', { ...empty, removedFillIds: ['3:1'] });
    expect(db.fillsOfOrder('p', 3)).toEqual([]);
    db.close();
    tmp.remove();
  });

  it('merges working orders with done ones in every ordered query, whichever is newer', () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    // Done orders sit in the sort indexes; working ones only in orders_working (migration 6).
    db.write('p', {
      ...empty,
      orders: [
        row(1, 100),
        row(2, 400, 'EURUSD', 'NEW'),
        row(3, 200, 'GBPUSD'),
        row(4, 300, 'EURUSD', 'PARTIALLY_FILLED'),
        row(5, 250),
      ],
    });
    expect(ids(db.queryOrders('p', {}))).toEqual([2, 4, 5, 3, 1]);
    expect(ids(db.queryOrders('p', { limit: 3 }))).toEqual([2, 4, 5]);
    expect(ids(db.queryOrders('p', { symbol: 'EURUSD', from: 250, to: 400 }))).toEqual([4, 5]);
    expect(db.lastUpdate('p')).toBe(400);
    expect(db.historyCount('p', 'orders', {})).toBe(5);
    expect(db.historyCount('p', 'orders', { symbol: 'EURUSD', from: 250 })).toBe(3);
    // The working order fills: it leaves orders_working for the sort indexes, shown once.
    db.write('p', { ...empty, orders: [row(2, 500)] });
    expect(ids(db.queryOrders('p', {}))).toEqual([2, 4, 5, 3, 1]);
    expect(db.historyCount('p', 'orders', { status: 'FILLED' })).toBe(4);
    expect(ids(db.workingOrders('p'))).toEqual([4]);
    expect(
      orderPageIds(db, { filter: {}, sort: { columnId: 'orderId', dir: 'asc' }, at: 1, limit: 3 }),
    ).toEqual([2, 3, 4]);
    db.close();
    tmp.remove();
  });

  it('moves the orders of a database made before migration 6 into the done and working sets', () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'history.db');
    const old = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 5)) old.exec(migration);
    old.exec('PRAGMA user_version = 5');
    const insert = old.prepare(
      'INSERT INTO orders (profile_id, order_id, client_order_id, login, symbol, status, working, created_at, updated_at, side, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const order of [row(1, 100), row(2, 300, 'EURUSD', 'NEW'), row(3, 200)])
      insert.run(
        'p',
        order.orderId,
        order.clientOrderId,
        order.login,
        order.symbol,
        order.status,
        order.status === 'NEW' ? 1 : 0,
        order.createdAt,
        order.updatedAt,
        order.side,
        JSON.stringify(order),
      );
    old.close();
    const db = new HistoryDb(tmp.dir);
    expect(db.version).toBe(MIGRATIONS.length);
    expect(ids(db.queryOrders('p', {}))).toEqual([2, 3, 1]);
    const sort = { columnId: 'status', dir: 'desc' } as const;
    expect(orderPageIds(db, { filter: { symbol: 'EURUSD' }, sort, limit: 10 })).toEqual([2, 3, 1]);
    expect(db.historyCount('p', 'orders', { symbol: 'EURUSD' })).toBe(3);
    db.close();
    tmp.remove();
  });

  it('stores audit frames with direction, event and time; settings and profiles', () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    db.write('p', {
      ...empty,
      audit: [
        { time: 5, direction: 'out', frame: '{"event":"orders","requestId":"r1"}' },
        { time: 6, direction: 'in', frame: 'garbage' },
      ],
    });
    expect(db.audit('p')).toEqual([
      { time: 5, direction: 'out', event: 'orders', frame: '{"event":"orders","requestId":"r1"}' },
      { time: 6, direction: 'in', event: null, frame: 'garbage' },
    ]);
    db.setValue('settings', { theme: 'light' });
    expect(db.getValue('settings')).toEqual({ theme: 'light' });
    expect(db.getValue('missing')).toBeNull();
    db.saveProfile({ id: 'a', name: 'A', url: 'ws://x', login: null, options: {} }, 1);
    const options = { revision: 'current', chartUrl: 'http://c', instruments: [] };
    db.saveProfile({ id: 'a', name: 'A2', url: 'ws://y', login: 'l', options }, 2);
    expect(db.profiles()).toEqual([{ id: 'a', name: 'A2', url: 'ws://y', login: 'l', options }]);
    db.deleteProfile('a');
    expect(db.profiles()).toEqual([]);
    db.close();
    tmp.remove();
  });

  // Speed is measured by `npm run bench`, never asserted here (a busy machine would flake).
  it('writes and loads 100k orders in one batch', { timeout: 120_000 }, () => {
    const tmp = tempDir();
    const db = new HistoryDb(tmp.dir);
    const orders = Array.from({ length: 100_000 }, (_, i) =>
      row(i + 1, 1_000 + i, i % 2 ? 'EURUSD' : 'GBPUSD'),
    );
    db.write('p', { ...empty, orders });
    const loaded = db.queryOrders('p', {});
    expect(loaded).toHaveLength(100_000);
    expect(loaded.map((o) => o.orderId).sort((a, b) => a - b)).toEqual(
      orders.map((o) => o.orderId),
    );
    expect(db.queryOrders('p', { symbol: 'EURUSD', from: 50_000, limit: 10 })).toHaveLength(10);
    db.close();
    tmp.remove();
  });
});
