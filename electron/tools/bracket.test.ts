import { describe, expect, it } from 'vitest';
import type { BracketPlan } from '../../shared/ipc/tools';
import {
  bracketClientOrderIds,
  newBracketPlan,
  stepBracket,
  type BracketAction,
  type BracketInput,
} from './bracket';
import { orderRow } from './testing/rows';

const rules = { tickSize: 0.0001, pricePrecision: 4 };
const ctx = { rules, now: 1000 };
const ids = bracketClientOrderIds('bk1');

function plan(): BracketPlan {
  return newBracketPlan({
    id: 'bk1',
    symbol: 'EURUSD',
    side: 'BUY',
    login: 'trader',
    spec: { takeProfit: { kind: 'ticks', ticks: 20 }, stopLoss: { kind: 'price', price: 1.09 } },
    now: 0,
  });
}

/** Runs inputs in order, collecting every action. */
function run(
  start: BracketPlan,
  inputs: BracketInput[],
): { plan: BracketPlan; actions: BracketAction[] } {
  let current = start;
  const actions: BracketAction[] = [];
  for (const input of inputs) {
    const step = stepBracket(current, input, ctx);
    current = step.plan;
    actions.push(...step.actions);
  }
  return { plan: current, actions };
}

const entry = (executedQty: number, extra: Partial<Parameters<typeof orderRow>[0]> = {}) =>
  ({
    kind: 'order',
    row: orderRow({
      orderId: 7,
      clientOrderId: ids.entry,
      origQty: 10,
      executedQty,
      avgPrice: executedQty > 0 ? 1.1 : null,
      ...extra,
    }),
  }) as const;
const tp = (executedQty = 0, origQty = 4, extra: Partial<Parameters<typeof orderRow>[0]> = {}) =>
  ({
    kind: 'order',
    row: orderRow({
      orderId: 8,
      clientOrderId: ids.tp,
      side: 'SELL',
      origQty,
      executedQty,
      ...extra,
    }),
  }) as const;
const sl = (executedQty = 0, origQty = 4, extra: Partial<Parameters<typeof orderRow>[0]> = {}) =>
  ({
    kind: 'order',
    row: orderRow({
      orderId: 9,
      clientOrderId: ids.sl,
      side: 'SELL',
      type: 'STOP',
      origQty,
      executedQty,
      ...extra,
    }),
  }) as const;

describe('bracket plan', () => {
  it('places nothing while the entry has not filled', () => {
    const { plan: p, actions } = run(plan(), [entry(0)]);
    expect(actions).toEqual([]);
    expect(p.state).toBe('armed');
    expect(p.entry.orderId).toBe(7);
  });

  it('places an OCO of exits for the filled quantity on the first partial fill', () => {
    const { plan: p, actions } = run(plan(), [entry(4)]);
    expect(actions).toEqual([
      {
        kind: 'placeExits',
        symbol: 'EURUSD',
        login: 'trader',
        side: 'SELL',
        qty: 4,
        takeProfit: { clientOrderId: ids.tp, price: 1.102 },
        stopLoss: { clientOrderId: ids.sl, stopPrice: 1.09 },
      },
    ]);
    expect(p.state).toBe('active');
    expect(p.exits?.state).toBe('placing');
  });

  it('measures tick distances from the fill price, below for a sell entry take-profit', () => {
    const sell = newBracketPlan({
      id: 'bk1',
      symbol: 'EURUSD',
      side: 'SELL',
      login: 'trader',
      spec: { takeProfit: { kind: 'ticks', ticks: 10 }, stopLoss: { kind: 'ticks', ticks: 5 } },
      now: 0,
    });
    const { actions } = run(sell, [entry(2, { side: 'SELL', avgPrice: 1.10005 })]);
    const place = actions[0];
    expect(place?.kind).toBe('placeExits');
    if (place?.kind !== 'placeExits') return;
    expect(place.side).toBe('BUY');
    expect(place.takeProfit?.price).toBe(1.099);
    expect(place.stopLoss?.stopPrice).toBe(1.1006);
  });

  it('raises both exits to the filled quantity when the entry fills further', () => {
    const { actions } = run(plan(), [entry(4), tp(), sl(), entry(10, { status: 'FILLED' })]);
    expect(actions.filter((a) => a.kind === 'modifyQty')).toEqual([
      { kind: 'modifyQty', orderId: 8, qty: 10 },
      { kind: 'modifyQty', orderId: 9, qty: 10 },
    ]);
  });

  it('waits for the exits to be seen before raising them, then raises once', () => {
    const { actions } = run(plan(), [entry(4), entry(6), entry(6), tp(), sl()]);
    expect(actions.filter((a) => a.kind === 'placeExits')).toHaveLength(1);
    expect(actions.filter((a) => a.kind === 'modifyQty')).toHaveLength(2);
  });

  it('ignores a stale entry version with less filled', () => {
    const { plan: p } = run(plan(), [entry(6), entry(4)]);
    expect(p.entry.filledQty).toBe(6);
  });

  it('ends done when one exit fills and the exchange cancels the other', () => {
    const { plan: p, actions } = run(plan(), [
      entry(10, { status: 'FILLED' }),
      tp(0, 10),
      sl(0, 10),
      tp(10, 10, { status: 'FILLED' }),
      sl(0, 10, { status: 'CANCELED', lastReason: 'OCO_CONDITION' }),
    ]);
    expect(p.state).toBe('done');
    expect(p.reason).toBe('take-profit filled');
    expect(actions.filter((a) => a.kind === 'cancel')).toEqual([]);
  });

  it('cancels the rest of a partly filled entry when an exit has closed the position', () => {
    const { plan: p, actions } = run(plan(), [
      entry(4),
      tp(0, 4),
      sl(0, 4),
      sl(4, 4, { status: 'FILLED' }),
      tp(0, 4, { status: 'CANCELED' }),
    ]);
    expect(p.state).toBe('done');
    expect(actions).toContainEqual({ kind: 'cancel', orderId: 7 });
  });

  it('ends cancelled when the entry is cancelled before any fill', () => {
    const { plan: p, actions } = run(plan(), [entry(0), entry(0, { status: 'CANCELED' })]);
    expect(p.state).toBe('cancelled');
    expect(actions).toEqual([]);
  });

  it('keeps the exits of a partly filled entry that is cancelled', () => {
    const { plan: p } = run(plan(), [
      entry(3),
      tp(0, 3),
      sl(0, 3),
      entry(3, { status: 'CANCELED' }),
    ]);
    expect(p.state).toBe('active');
    expect(p.exits?.qty).toBe(3);
  });

  it('cancelling the plan cancels the working entry and one exit leg (the OCO takes the other)', () => {
    const { plan: p, actions } = run(plan(), [entry(3), tp(0, 3), sl(0, 3), { kind: 'cancel' }]);
    expect(p.state).toBe('cancelled');
    expect(actions.filter((a) => a.kind === 'cancel')).toEqual([
      { kind: 'cancel', orderId: 7 },
      { kind: 'cancel', orderId: 8 },
    ]);
  });

  it('closing the position cancels the exits', () => {
    const { plan: p, actions } = run(plan(), [
      entry(10, { status: 'FILLED' }),
      tp(0, 10),
      sl(0, 10),
      { kind: 'positionClosed' },
    ]);
    expect(p.state).toBe('done');
    expect(actions.filter((a) => a.kind === 'cancel')).toEqual([{ kind: 'cancel', orderId: 8 }]);
  });

  it('cancels exits that turn up after the plan was cancelled', () => {
    const { actions } = run(plan(), [
      entry(10, { status: 'FILLED' }),
      { kind: 'cancel' },
      tp(0, 10),
    ]);
    expect(actions).toContainEqual({ kind: 'cancel', orderId: 8 });
  });

  it('after a restart looks exits that were being placed up instead of placing them again', () => {
    const placing = run(plan(), [entry(5)]).plan;
    const restored = JSON.parse(JSON.stringify(placing)) as BracketPlan;
    const { actions } = run(restored, [{ kind: 'resync' }]);
    expect(actions).toEqual([{ kind: 'lookUp', what: 'exits', clientOrderIds: [ids.tp, ids.sl] }]);
  });

  it('places the exits after a lookup proved they never reached the exchange, with the same ids', () => {
    const placing = run(plan(), [entry(5)]).plan;
    const { actions } = run(placing, [{ kind: 'resync' }, { kind: 'absent', what: 'exits' }]);
    const place = actions.find((a) => a.kind === 'placeExits');
    expect(place).toMatchObject({ qty: 5, takeProfit: { clientOrderId: ids.tp } });
  });

  it('adopts exits found by the lookup and places nothing', () => {
    const placing = run(plan(), [entry(5)]).plan;
    const { plan: p, actions } = run(placing, [{ kind: 'resync' }, tp(0, 5), sl(0, 5)]);
    expect(actions.filter((a) => a.kind === 'placeExits')).toEqual([]);
    expect(p.exits?.state).toBe('working');
  });

  it('cancels a plan whose entry never reached the exchange', () => {
    const { plan: p, actions } = run(plan(), [
      { kind: 'resync' },
      { kind: 'absent', what: 'entry' },
    ]);
    expect(actions[0]).toEqual({ kind: 'lookUp', what: 'entry', clientOrderIds: [ids.entry] });
    expect(p.state).toBe('cancelled');
  });

  it('fails loudly when the exchange refuses the exits', () => {
    const { plan: p, actions } = run(plan(), [
      entry(5),
      { kind: 'placeFailed', message: 'bad price' },
    ]);
    expect(p.state).toBe('failed');
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'notify', level: 'error' }));
  });
});

/** A buy plan with one exit leg only. */
function oneLeg(leg: 'takeProfit' | 'stopLoss'): BracketPlan {
  return newBracketPlan({
    id: 'bk1',
    symbol: 'EURUSD',
    side: 'BUY',
    login: 'trader',
    spec:
      leg === 'stopLoss'
        ? { stopLoss: { kind: 'price', price: 1.09 } }
        : { takeProfit: { kind: 'ticks', ticks: 20 } },
    now: 0,
  });
}

describe('bracket plan with one leg', () => {
  it('places a single stop-loss (no OCO) for the filled quantity on the first fill', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [entry(4)]);
    expect(actions).toEqual([
      {
        kind: 'placeExits',
        symbol: 'EURUSD',
        login: 'trader',
        side: 'SELL',
        qty: 4,
        takeProfit: null,
        stopLoss: { clientOrderId: ids.sl, stopPrice: 1.09 },
      },
    ]);
    expect(p.exits?.takeProfit).toBeNull();
    expect(p.exits?.stopLoss).toMatchObject({ clientOrderId: ids.sl, price: 1.09 });
    expect(p.state).toBe('active');
  });

  it('places a single take-profit measured in ticks from the fill', () => {
    const { actions } = run(oneLeg('takeProfit'), [entry(4)]);
    expect(actions).toEqual([
      expect.objectContaining({
        kind: 'placeExits',
        qty: 4,
        takeProfit: { clientOrderId: ids.tp, price: 1.102 },
        stopLoss: null,
      }),
    ]);
  });

  it('is working once its one exit is seen, and grows it with each further entry fill', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [
      entry(4),
      sl(0, 4),
      entry(7),
      sl(0, 7),
      entry(10, { status: 'FILLED' }),
    ]);
    expect(actions.filter((a) => a.kind === 'placeExits')).toHaveLength(1);
    expect(actions.filter((a) => a.kind === 'modifyQty')).toEqual([
      { kind: 'modifyQty', orderId: 9, qty: 7 },
      { kind: 'modifyQty', orderId: 9, qty: 10 },
    ]);
    expect(p.exits).toMatchObject({ state: 'working', qty: 10 });
  });

  it('still grows a take-profit that has partly filled, so it covers what is left of the position', () => {
    const { actions } = run(oneLeg('takeProfit'), [entry(4), tp(0, 4), tp(2, 4), entry(8)]);
    // 8 bought, 2 sold by the exit: its total of 8 leaves 6 working, the position.
    expect(actions.filter((a) => a.kind === 'modifyQty')).toEqual([
      { kind: 'modifyQty', orderId: 8, qty: 8 },
    ]);
  });

  it('ignores an order under the id of the leg the plan has not got', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [entry(4), tp(0, 4), sl(0, 4)]);
    expect(p.exits?.takeProfit).toBeNull();
    expect(actions.filter((a) => a.kind !== 'placeExits')).toEqual([]);
  });

  it('ends done when its exit fills, cancelling what is left of the entry', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [
      entry(4),
      sl(0, 4),
      sl(4, 4, { status: 'FILLED' }),
    ]);
    expect(p.state).toBe('done');
    expect(p.reason).toBe('stop-loss filled');
    expect(actions.filter((a) => a.kind === 'cancel')).toEqual([{ kind: 'cancel', orderId: 7 }]);
  });

  it('ends cancelled, placing nothing, when the entry is cancelled before any fill', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [
      entry(0),
      entry(0, { status: 'CANCELED' }),
    ]);
    expect(p.state).toBe('cancelled');
    expect(p.exits).toBeNull();
    expect(actions).toEqual([]);
  });

  it('closing the position cancels the one exit and the rest of the entry', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [
      entry(6),
      sl(0, 6),
      { kind: 'positionClosed' },
    ]);
    expect(p.state).toBe('done');
    expect(p.reason).toBe('Position closed');
    expect(actions.filter((a) => a.kind === 'cancel')).toEqual([
      { kind: 'cancel', orderId: 7 },
      { kind: 'cancel', orderId: 9 },
    ]);
  });

  it('after a restart looks the one exit up by its clientOrderId, and adopts it without placing again', () => {
    const placing = run(oneLeg('stopLoss'), [entry(5)]).plan;
    const restored = JSON.parse(JSON.stringify(placing)) as BracketPlan;
    const resynced = run(restored, [{ kind: 'resync' }]);
    expect(resynced.actions).toEqual([{ kind: 'lookUp', what: 'exits', clientOrderIds: [ids.sl] }]);
    const { plan: p, actions } = run(resynced.plan, [sl(0, 5)]);
    expect(actions).toEqual([]);
    expect(p.exits?.state).toBe('working');
    expect(p.exits?.stopLoss?.orderId).toBe(9);
  });

  it('places the one exit after a lookup proved it absent, under the same id', () => {
    const placing = run(oneLeg('takeProfit'), [entry(5)]).plan;
    const { actions } = run(placing, [{ kind: 'resync' }, { kind: 'absent', what: 'exits' }]);
    expect(actions.filter((a) => a.kind === 'placeExits')).toEqual([
      expect.objectContaining({
        qty: 5,
        takeProfit: { clientOrderId: ids.tp, price: 1.102 },
        stopLoss: null,
      }),
    ]);
  });

  it('names the one leg when the exchange refuses it', () => {
    const { plan: p, actions } = run(oneLeg('stopLoss'), [
      entry(5),
      { kind: 'placeFailed', message: 'stop price through the market' },
    ]);
    expect(p.state).toBe('failed');
    expect(p.reason).toBe('Stop-loss refused: stop price through the market');
    expect(actions).toContainEqual({ kind: 'cancel', orderId: 7 });
  });
});
