import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from '../db';
import { newBracketPlan } from './bracket';
import { ToolStore } from './toolStore';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir?: string): { db: HistoryDb; store: ToolStore; dir: string } {
  const at = dir ?? mkdtempSync(join(tmpdir(), 'tools-'));
  if (!dir) dirs.push(at);
  const db = new HistoryDb(at);
  return { db, store: new ToolStore(db), dir: at };
}

describe('tool store', () => {
  it('keeps a bracket plan across a reopen of the database, per profile', () => {
    const first = open();
    const plan = newBracketPlan({
      id: 'bk1',
      symbol: 'EURUSD',
      side: 'BUY',
      login: 'l',
      spec: { takeProfit: { kind: 'ticks', ticks: 3 }, stopLoss: { kind: 'ticks', ticks: 3 } },
      now: 5,
    });
    first.store.save('paper', 'bracket', plan.id, plan, 5);
    first.db.close();
    const second = open(first.dir);
    expect(second.store.load('paper', 'bracket', () => undefined)).toEqual([plan]);
    expect(second.store.load('other', 'bracket', () => undefined)).toEqual([]);
    second.store.remove('paper', 'bracket', plan.id);
    expect(second.store.load('paper', 'bracket', () => undefined)).toEqual([]);
    second.db.close();
  });

  it('reads a two-leg plan stored before single legs existed, exits and all', () => {
    const { db, store } = open();
    // Written by the previous version: both legs required, exits placed and working.
    const leg = (id: string, orderId: number, price: number) => ({
      clientOrderId: id,
      orderId,
      price,
      executedQty: 0,
      closed: false,
    });
    const stored = {
      id: 'bk0',
      symbol: 'EURUSD',
      side: 'BUY',
      login: 'demo',
      spec: { takeProfit: { kind: 'ticks', ticks: 30 }, stopLoss: { kind: 'price', price: 1.08 } },
      entry: { clientOrderId: 'bk0-e', orderId: 4, filledQty: 1000, avgPrice: 1.085, closed: true },
      exits: {
        takeProfit: leg('bk0-tp', 5, 1.0853),
        stopLoss: leg('bk0-sl', 6, 1.08),
        qty: 1000,
        state: 'working',
      },
      state: 'active',
      reason: null,
      createdAt: 1,
      updatedAt: 2,
    };
    db.connection
      .prepare("INSERT INTO tool_state VALUES ('paper', 'bracket', 'bk0', ?, 2)")
      .run(JSON.stringify(stored));
    const lines: string[] = [];
    expect(store.load('paper', 'bracket', (l) => lines.push(l))).toEqual([stored]);
    expect(lines).toEqual([]);
    db.close();
  });

  it('reads a trail stored before stop limits could trail as a stop order trail', () => {
    const { db, store } = open();
    // Written by the previous version: no limitPrice.
    const stored = {
      id: 'tr1',
      orderId: 9,
      symbol: 'EURUSD',
      side: 'SELL',
      distance: { kind: 'ticks', ticks: 20 },
      bestPrice: 1.085,
      stopPrice: 1.0848,
      state: 'trailing',
      reason: null,
      updatedAt: 3,
    };
    db.connection
      .prepare(
        'INSERT INTO tool_state (profile_id, kind, id, state, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run('paper', 'trail', 'tr1', JSON.stringify(stored), 3);
    expect(store.load('paper', 'trail', () => undefined)).toEqual([
      { ...stored, limitPrice: null },
    ]);
    db.close();
  });

  it('keeps a stop-loss-only plan, its missing take-profit included', () => {
    const { db, store } = open();
    const plan = newBracketPlan({
      id: 'bk2',
      symbol: 'EURUSD',
      side: 'SELL',
      login: 'l',
      spec: { stopLoss: { kind: 'ticks', ticks: 3 } },
      now: 5,
    });
    const active = {
      ...plan,
      state: 'active' as const,
      exits: {
        takeProfit: null,
        stopLoss: {
          clientOrderId: 'bk2-sl',
          orderId: 9,
          price: 1.1,
          executedQty: 0,
          closed: false,
        },
        qty: 2,
        state: 'working' as const,
      },
    };
    store.save('paper', 'bracket', plan.id, active, 5);
    expect(store.load('paper', 'bracket', () => undefined)).toEqual([active]);
    db.close();
  });

  it('skips a stored row that no longer parses and says so', () => {
    const { db, store } = open();
    db.connection
      .prepare("INSERT INTO tool_state VALUES ('paper', 'alert', 'x', '{\"id\":1}', 0)")
      .run();
    const lines: string[] = [];
    expect(store.load('paper', 'alert', (l) => lines.push(l))).toEqual([]);
    expect(lines).toHaveLength(1);
    db.close();
  });

  it('answers default settings until some are saved', () => {
    const { db, store } = open();
    expect(store.settings()).toEqual({ limits: {}, oneClick: false });
    store.saveSettings({ limits: { EURUSD: { maxQty: 5 } }, oneClick: true });
    expect(store.settings().limits['EURUSD']?.maxQty).toBe(5);
    db.close();
  });
});
