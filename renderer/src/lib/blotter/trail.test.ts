import { describe, expect, it } from 'vitest';
import { canTrailOrder as canTrail, formatStopDistance } from '../../../../shared/domain';
import type { TrailDistance } from '../../../../shared/ipc';
import { order } from '../testing/fixtures';
import { comparatorOf, formatCell } from './column';
import { activeTrails, trailColumn, trailDraft } from './trail';

const ticks = (n: number): TrailDistance => ({ kind: 'ticks', ticks: n });
const percent = (n: number): TrailDistance => ({ kind: 'percent', percent: n });

describe('trail distance shown', () => {
  it('says ticks, one tick, or a percent', () => {
    expect(formatStopDistance(ticks(20))).toBe('20 ticks');
    expect(formatStopDistance(ticks(1))).toBe('1 tick');
    expect(formatStopDistance(percent(0.5))).toBe('0.5%');
  });

  it('starts the editor from the current distance, else 20 ticks', () => {
    expect(trailDraft(undefined)).toEqual({ text: '20', unit: 'ticks' });
    expect(trailDraft(percent(1.5))).toEqual({ text: '1.5', unit: 'percent' });
    expect(trailDraft(ticks(7))).toEqual({ text: '7', unit: 'ticks' });
  });
});

describe('which orders trail', () => {
  it('is a working, untriggered STOP or STOP_LIMIT order', () => {
    const stop = order({ type: 'STOP', price: null, stopPrice: 1.08 });
    expect(canTrail(stop)).toBe(true);
    expect(canTrail({ ...stop, status: 'PARTIALLY_FILLED' })).toBe(true);
    expect(canTrail({ ...stop, triggered: true })).toBe(false);
    expect(canTrail({ ...stop, status: 'CANCELED' })).toBe(false);
    expect(canTrail({ ...stop, type: 'STOP_LIMIT', price: 1.079 })).toBe(true);
    expect(canTrail({ ...stop, type: 'STOP_LIMIT', price: 1.079, triggered: true })).toBe(false);
    expect(canTrail(order({ type: 'LIMIT' }))).toBe(false);
  });

  it('keeps only trails still moving, by order', () => {
    const base = {
      symbol: 'EURUSD',
      side: 'SELL' as const,
      bestPrice: null,
      stopPrice: 1,
      limitPrice: null,
      reason: null,
      updatedAt: 0,
    };
    const map = activeTrails([
      { ...base, id: 'a', orderId: 1, distance: ticks(5), state: 'ended' },
      { ...base, id: 'b', orderId: 2, distance: ticks(6), state: 'trailing' },
    ]);
    expect([...map.keys()]).toEqual([2]);
  });
});

describe('Trail column', () => {
  const trails = new Map<number, TrailDistance>([
    [1, percent(0.5)],
    [2, ticks(30)],
    [3, ticks(4)],
    [5, percent(0.1)],
  ]);
  const col = trailColumn((id) => trails.get(id));
  const rows = [1, 2, 3, 4, 5].map((orderId) => order({ orderId }));
  const ctx = { precisionOf: () => undefined };

  it('shows the distance, blank without a trail, in cells and CSV alike', () => {
    expect(rows.map((r) => formatCell(col, r, ctx))).toEqual([
      '0.5%',
      '30 ticks',
      '4 ticks',
      '',
      '0.1%',
    ]);
    expect(formatCell(col, rows[1]!, ctx, 'csv')).toBe('30 ticks');
  });

  it('sorts ticks by size, then percents by size, then orders without a trail', () => {
    const sorted = [...rows].sort(comparatorOf(col)).map((r) => r.orderId);
    expect(sorted).toEqual([3, 2, 5, 1, 4]);
  });
});
