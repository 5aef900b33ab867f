import { describe, expect, it } from 'vitest';
import { stopBehind } from '../../shared/domain';
import type { TrailDistance, TrailingStop } from '../../shared/ipc/tools';
import { newTrailingStop, stepTrail, type TrailAction, type TrailInput } from './trailingStop';
import { orderRow } from './testing/rows';

const rules = { tickSize: 0.01, pricePrecision: 2 };

function trail(side: 'SELL' | 'BUY', stopPrice: number, distance: TrailDistance): TrailingStop {
  return newTrailingStop({
    id: 't1',
    order: orderRow({
      orderId: 5,
      clientOrderId: 'c5',
      side,
      type: 'STOP',
      price: null,
      stopPrice,
    }),
    distance,
    now: 0,
  });
}

/** Feeds inputs, answering every modify at once; returns the modifies sent and the trail. */
function run(
  start: TrailingStop,
  inputs: TrailInput[],
): { trail: TrailingStop; actions: TrailAction[] } {
  let current = start;
  const actions: TrailAction[] = [];
  for (const input of inputs) {
    const step = stepTrail(current, input, { rules, now: 1, pending: null });
    current = step.trail;
    actions.push(...step.actions);
  }
  return { trail: current, actions };
}

const prices = (...list: number[]): TrailInput[] => list.map((price) => ({ kind: 'price', price }));

describe('trailing stop', () => {
  it('moves a stop limit with its limit, keeping the ticks between them, never back', () => {
    const start = newTrailingStop({
      id: 't2',
      order: orderRow({
        orderId: 6,
        clientOrderId: 'c6',
        side: 'SELL',
        type: 'STOP_LIMIT',
        price: 94.95,
        stopPrice: 95,
      }),
      distance: { kind: 'ticks', ticks: 200 },
      now: 0,
    });
    expect(start.limitPrice).toBe(94.95);
    const { trail: t, actions } = run(start, prices(100, 101.37, 99));
    expect(actions).toEqual([
      { kind: 'modifyStop', orderId: 6, stopPrice: 98, limitPrice: 97.95 },
      { kind: 'modifyStop', orderId: 6, stopPrice: 99.37, limitPrice: 99.32 },
    ]);
    expect(t).toMatchObject({ stopPrice: 99.37, limitPrice: 99.32 });
    // A buy stop limit above the market moves down, its limit too.
    const buy = newTrailingStop({
      id: 't3',
      order: orderRow({
        orderId: 7,
        clientOrderId: 'c7',
        side: 'BUY',
        type: 'STOP_LIMIT',
        price: 105.1,
        stopPrice: 105,
      }),
      distance: { kind: 'percent', percent: 2 },
      now: 0,
    });
    expect(run(buy, prices(100)).actions).toEqual([
      { kind: 'modifyStop', orderId: 7, stopPrice: 102, limitPrice: 102.1 },
    ]);
  });

  it('a stop order has no limit to move', () => {
    expect(trail('SELL', 95, { kind: 'ticks', ticks: 200 }).limitPrice).toBeNull();
  });

  it('moves a sell stop up as the market rises, never back down', () => {
    const { trail: t, actions } = run(
      trail('SELL', 95, { kind: 'ticks', ticks: 200 }),
      prices(100, 101, 103, 102, 100, 104),
    );
    expect(actions).toEqual([
      { kind: 'modifyStop', orderId: 5, stopPrice: 98 },
      { kind: 'modifyStop', orderId: 5, stopPrice: 99 },
      { kind: 'modifyStop', orderId: 5, stopPrice: 101 },
      { kind: 'modifyStop', orderId: 5, stopPrice: 102 },
    ]);
    expect(t.stopPrice).toBe(102);
    expect(t.bestPrice).toBe(104);
  });

  it('leaves a stop that is already tighter than the distance alone', () => {
    const { actions } = run(trail('SELL', 99.5, { kind: 'ticks', ticks: 100 }), prices(100));
    expect(actions).toEqual([]);
  });

  it('moves a buy stop down as the market falls', () => {
    const { actions } = run(trail('BUY', 110, { kind: 'percent', percent: 5 }), prices(100, 98));
    expect(actions).toEqual([
      { kind: 'modifyStop', orderId: 5, stopPrice: 105 },
      { kind: 'modifyStop', orderId: 5, stopPrice: 102.9 },
    ]);
  });

  it('catches up with the best price once the modify in flight is answered', () => {
    const start = trail('SELL', 90, { kind: 'ticks', ticks: 100 });
    const first = stepTrail(start, { kind: 'price', price: 100 }, { rules, now: 1, pending: null });
    expect(first.actions).toEqual([{ kind: 'modifyStop', orderId: 5, stopPrice: 99 }]);
    const during = stepTrail(
      first.trail,
      { kind: 'price', price: 103 },
      { rules, now: 2, pending: 99 },
    );
    expect(during.actions).toEqual([]);
    const answered = stepTrail(
      during.trail,
      { kind: 'modified', ok: true, stopPrice: 99 },
      { rules, now: 3, pending: null },
    );
    expect(answered.actions).toEqual([{ kind: 'modifyStop', orderId: 5, stopPrice: 102 }]);
  });

  it("says which prices a refused move asked for: the stop, and a stop limit's limit", () => {
    const refused = (start: TrailingStop) => {
      const moved = stepTrail(
        start,
        { kind: 'price', price: 100 },
        { rules, now: 1, pending: null },
      );
      const modify = moved.actions[0];
      if (modify?.kind !== 'modifyStop') throw new Error('no modify');
      return stepTrail(
        moved.trail,
        { kind: 'modified', ok: false, stopPrice: modify.stopPrice, message: 'market closed' },
        { rules, now: 2, pending: null },
      ).actions;
    };
    expect(refused(trail('SELL', 90, { kind: 'ticks', ticks: 100 }))).toContainEqual({
      kind: 'notify',
      level: 'error',
      message: 'Trailing stop EURUSD: could not move to 99 (market closed)',
    });
    const stopLimit = newTrailingStop({
      id: 't4',
      order: orderRow({
        orderId: 6,
        clientOrderId: 'c6',
        type: 'STOP_LIMIT',
        side: 'SELL',
        price: 89.9,
        stopPrice: 90,
      }),
      distance: { kind: 'ticks', ticks: 100 },
      now: 0,
    });
    expect(refused(stopLimit)).toContainEqual({
      kind: 'notify',
      level: 'error',
      message: 'Trailing stop EURUSD: could not move to stop 99, limit 98.9 (market closed)',
    });
  });

  it('sends one modify at a time while one awaits its answer', () => {
    const step = stepTrail(
      trail('SELL', 90, { kind: 'ticks', ticks: 100 }),
      { kind: 'price', price: 100 },
      {
        rules,
        now: 1,
        pending: 95,
      },
    );
    expect(step.actions).toEqual([]);
    expect(step.trail.bestPrice).toBe(100);
  });

  it('ends when the stop triggers or the order closes', () => {
    const triggered = run(trail('SELL', 90, { kind: 'ticks', ticks: 100 }), [
      { kind: 'order', row: orderRow({ orderId: 5, clientOrderId: 'c5', triggered: true }) },
      ...prices(120),
    ]);
    expect(triggered.trail.state).toBe('ended');
    expect(triggered.actions).toEqual([]);
    const cancelled = run(trail('SELL', 90, { kind: 'ticks', ticks: 100 }), [
      { kind: 'order', row: orderRow({ orderId: 5, clientOrderId: 'c5', status: 'CANCELED' }) },
    ]);
    expect(cancelled.trail.reason).toBe('Order canceled');
  });

  it('rounds a percent distance onto the tick grid away from the market', () => {
    expect(stopBehind(101.23, 'SELL', { kind: 'percent', percent: 1 }, rules)).toBe(100.21);
    expect(stopBehind(101.23, 'BUY', { kind: 'percent', percent: 1 }, rules)).toBe(102.25);
  });
});
