import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../shared/ipc';
import type { BracketPlan, BracketSpec } from '../../shared/ipc/tools';
import { bracketClientOrderIds, newBracketPlan, stepBracket, type BracketInput } from './bracket';
import { orderRow } from './testing/rows';

/** How the exchange answers one exits placement. */
type PlaceOutcome = 'ok' | 'replyLost' | 'neverSent' | 'refused';

/** One thing that happens to the plan and its exchange. */
type Event =
  | { kind: 'entryFill'; lots: number }
  | { kind: 'exitFill'; leg: 'tp' | 'sl' }
  /** Part of an exit's working quantity trades (an OCO's sibling is cancelled, as the engine does). */
  | { kind: 'exitPartial'; leg: 'tp' | 'sl' }
  | { kind: 'restart' }
  | { kind: 'redeliver' }
  | { kind: 'cancelEntry' }
  | { kind: 'cancelPlan' }
  | { kind: 'closePosition' };

const events = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('entryFill' as const), lots: fc.integer({ min: 1, max: 4 }) }),
    fc.record({
      kind: fc.constant('exitFill' as const),
      leg: fc.constantFrom('tp' as const, 'sl' as const),
    }),
    fc.record({
      kind: fc.constant('exitPartial' as const),
      leg: fc.constantFrom('tp' as const, 'sl' as const),
    }),
    fc.constant({ kind: 'restart' as const }),
    fc.constant({ kind: 'redeliver' as const }),
    fc.constant({ kind: 'cancelEntry' as const }),
    fc.constant({ kind: 'cancelPlan' as const }),
    fc.constant({ kind: 'closePosition' as const }),
  ),
  { maxLength: 30 },
);

/** Both legs (an OCO), a stop-loss alone or a take-profit alone. */
const specs = fc.constantFrom<BracketSpec>(
  { takeProfit: { kind: 'ticks', ticks: 5 }, stopLoss: { kind: 'ticks', ticks: 5 } },
  { stopLoss: { kind: 'ticks', ticks: 5 } },
  { takeProfit: { kind: 'ticks', ticks: 5 } },
);

interface SimOrder {
  orderId: number;
  clientOrderId: string;
  origQty: number;
  executedQty: number;
  final: boolean;
}

/** Runs the plan against a tiny exchange; returns what the invariants read. */
function simulate(spec: BracketSpec, script: Event[], outcomes: PlaceOutcome[]): void {
  const ids = bracketClientOrderIds('p1');
  const ENTRY_QTY = 10;
  let plan: BracketPlan = newBracketPlan({
    id: 'p1',
    symbol: 'EURUSD',
    side: 'BUY',
    login: 'trader',
    spec,
    now: 0,
  });
  // The clientOrderIds of the legs the spec has: no other exit may ever be placed.
  const specIds = new Set([
    ...(spec.takeProfit ? [ids.tp] : []),
    ...(spec.stopLoss ? [ids.sl] : []),
  ]);
  const entry: SimOrder = {
    orderId: 1,
    clientOrderId: ids.entry,
    origQty: ENTRY_QTY,
    executedQty: 0,
    final: false,
  };
  const exits = new Map<string, SimOrder>();
  const placements = new Map<string, number>();
  let outcomeAt = 0;
  let nextOrderId = 2;
  const rowOf = (o: SimOrder, side: 'BUY' | 'SELL'): OrderRow =>
    orderRow({
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
      side,
      origQty: o.origQty,
      executedQty: o.executedQty,
      avgPrice: o.executedQty > 0 ? 1.1 : null,
      status: o.final
        ? o.executedQty >= o.origQty
          ? 'FILLED'
          : 'CANCELED'
        : o.executedQty > 0
          ? 'PARTIALLY_FILLED'
          : 'NEW',
    });
  const queue: BracketInput[] = [];
  const position = (): number =>
    entry.executedQty - [...exits.values()].reduce((sum, o) => sum + o.executedQty, 0);

  const check = (): void => {
    for (const o of exits.values()) {
      // An exit never asks for more than the entry bought.
      expect(o.origQty).toBeLessThanOrEqual(entry.executedQty);
      if (!o.final) expect(o.origQty - o.executedQty).toBeLessThanOrEqual(position());
    }
    expect(position()).toBeGreaterThanOrEqual(0);
    for (const count of placements.values()) expect(count).toBe(1);
  };

  const cancelOco = (o: SimOrder): void => {
    o.final = true;
    for (const other of exits.values()) other.final = true;
  };

  const feed = (input: BracketInput): void => {
    queue.push(input);
    while (queue.length > 0) {
      const next = queue.shift() as BracketInput;
      const step = stepBracket(plan, next, {
        rules: { tickSize: 0.0001, pricePrecision: 4 },
        now: 0,
      });
      plan = step.plan;
      for (const action of step.actions) {
        switch (action.kind) {
          case 'placeExits': {
            const outcome = outcomes[outcomeAt++ % outcomes.length] ?? 'ok';
            if (outcome === 'neverSent') break;
            if (outcome === 'refused') {
              queue.push({ kind: 'placeFailed', message: 'refused' });
              break;
            }
            const legs = [action.takeProfit?.clientOrderId, action.stopLoss?.clientOrderId];
            const cids = legs.filter((cid): cid is string => cid !== undefined);
            // Exactly the legs the spec asked for, and an OCO only when there are two.
            expect(new Set(cids)).toEqual(specIds);
            for (const cid of cids) {
              placements.set(cid, (placements.get(cid) ?? 0) + 1);
              // A duplicate clientOrderId would be refused by a real exchange: the test fails above instead.
              exits.set(cid, {
                orderId: nextOrderId++,
                clientOrderId: cid,
                origQty: action.qty,
                executedQty: 0,
                final: false,
              });
            }
            if (outcome === 'ok')
              for (const o of exits.values()) queue.push({ kind: 'order', row: rowOf(o, 'SELL') });
            break;
          }
          case 'modifyQty': {
            const o = [...exits.values()].find((x) => x.orderId === action.orderId);
            if (o && !o.final && action.qty > o.executedQty) {
              o.origQty = action.qty;
              queue.push({ kind: 'order', row: rowOf(o, 'SELL') });
            }
            break;
          }
          case 'cancel': {
            if (action.orderId === entry.orderId && !entry.final) {
              entry.final = true;
              queue.push({ kind: 'order', row: rowOf(entry, 'BUY') });
            }
            const o = [...exits.values()].find((x) => x.orderId === action.orderId);
            if (o && !o.final) {
              cancelOco(o);
              for (const x of exits.values()) queue.push({ kind: 'order', row: rowOf(x, 'SELL') });
            }
            break;
          }
          case 'lookUp': {
            const found = action.clientOrderIds.flatMap((cid) =>
              cid === entry.clientOrderId
                ? [rowOf(entry, 'BUY')]
                : exits.has(cid)
                  ? [rowOf(exits.get(cid) as SimOrder, 'SELL')]
                  : [],
            );
            if (found.length === 0) queue.push({ kind: 'absent', what: action.what });
            for (const row of found) queue.push({ kind: 'order', row });
            break;
          }
          case 'notify':
            break;
        }
      }
      check();
    }
  };

  feed({ kind: 'order', row: rowOf(entry, 'BUY') });
  for (const event of script) {
    switch (event.kind) {
      case 'entryFill':
        if (entry.final) break;
        entry.executedQty = Math.min(ENTRY_QTY, entry.executedQty + event.lots);
        entry.final = entry.executedQty === ENTRY_QTY;
        feed({ kind: 'order', row: rowOf(entry, 'BUY') });
        break;
      case 'exitFill': {
        const o = exits.get(event.leg === 'tp' ? ids.tp : ids.sl);
        if (!o || o.final) break;
        o.executedQty = o.origQty;
        cancelOco(o);
        for (const x of exits.values()) feed({ kind: 'order', row: rowOf(x, 'SELL') });
        break;
      }
      case 'exitPartial': {
        const o = exits.get(event.leg === 'tp' ? ids.tp : ids.sl);
        const leaves = o ? o.origQty - o.executedQty : 0;
        if (!o || o.final || leaves < 2) break;
        o.executedQty += Math.floor(leaves / 2);
        // The engine cancels an OCO sibling on any fill; a single exit has none.
        for (const other of exits.values()) if (other !== o) other.final = true;
        for (const x of exits.values()) feed({ kind: 'order', row: rowOf(x, 'SELL') });
        break;
      }
      case 'restart':
        plan = JSON.parse(JSON.stringify(plan)) as BracketPlan;
        feed({ kind: 'resync' });
        for (const x of exits.values()) feed({ kind: 'order', row: rowOf(x, 'SELL') });
        break;
      case 'redeliver':
        // Duplicates and an old version of the entry arrive again.
        feed({ kind: 'order', row: rowOf({ ...entry, executedQty: 0, final: false }, 'BUY') });
        feed({ kind: 'order', row: rowOf(entry, 'BUY') });
        break;
      case 'cancelEntry':
        if (!entry.final) {
          entry.final = true;
          feed({ kind: 'order', row: rowOf(entry, 'BUY') });
        }
        break;
      case 'cancelPlan':
        feed({ kind: 'cancel' });
        break;
      case 'closePosition':
        feed({ kind: 'positionClosed' });
        break;
    }
  }
}

describe('bracket plan, any sequence of fills, restarts and lost replies', () => {
  it('never places an exit twice and exits never exceed the position, with one leg or two', () => {
    fc.assert(
      fc.property(
        specs,
        events,
        fc.array(fc.constantFrom<PlaceOutcome>('ok', 'replyLost', 'neverSent', 'refused'), {
          minLength: 1,
          maxLength: 5,
        }),
        (spec, script, outcomes) => simulate(spec, script, outcomes),
      ),
      { numRuns: 500 },
    );
  });
});
