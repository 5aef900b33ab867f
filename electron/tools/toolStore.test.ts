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
