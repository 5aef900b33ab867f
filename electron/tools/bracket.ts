/**
 * The bracket state machine: an entry order and, once it fills (even partly),
 * an OCO of take-profit and stop-loss for the filled quantity, kept in step
 * with further fills. Pure: it is fed order versions and outcomes and answers
 * a new plan and the actions main must take. Exit clientOrderIds derive from
 * the plan id, so an exit placed just before a crash is found by a lookup and
 * never placed twice.
 */
import { isFinalStatus } from '../../shared/domain';
import type { OrderRow } from '../../shared/ipc';
import type { BracketLeg, BracketPlan, BracketSpec, ExitLevel } from '../../shared/ipc/tools';
import { cmpDecimal, opposite, ticksAway, type Side, type TickRules } from './units';

/** What the machine is told. */
export type BracketInput =
  /** A version of the entry or of an exit (matched by clientOrderId). */
  | { kind: 'order'; row: OrderRow }
  /** The exchange refused the exits' OCO. */
  | { kind: 'placeFailed'; message: string }
  /** Raising the exits' quantity was refused. */
  | { kind: 'modifyFailed'; message: string }
  /** After a (re)connect or a restart: find out what is still to do. */
  | { kind: 'resync' }
  /** A lookup by clientOrderId proved the entry or the exits are not at the exchange. */
  | { kind: 'absent'; what: 'entry' | 'exits' }
  /** The user cancels the plan. */
  | { kind: 'cancel' }
  /** The user closed the position: exits (and what is left of the entry) go. */
  | { kind: 'positionClosed' };

/** What main must do. */
export type BracketAction =
  | {
      kind: 'placeExits';
      symbol: string;
      login: string;
      side: Side;
      qty: number;
      takeProfit: { clientOrderId: string; price: number };
      stopLoss: { clientOrderId: string; stopPrice: number };
    }
  | { kind: 'modifyQty'; orderId: number; qty: number }
  | { kind: 'cancel'; orderId: number }
  | { kind: 'lookUp'; what: 'entry' | 'exits'; clientOrderIds: string[] }
  | { kind: 'notify'; level: 'info' | 'error'; message: string };

/** What a step needs besides the plan: the instrument's tick rules and the time. */
export interface BracketContext {
  rules: TickRules | null;
  now: number;
}

/** The result of one step. */
export interface BracketStep {
  plan: BracketPlan;
  actions: BracketAction[];
}

/** clientOrderIds of a plan's orders, derived from its id. */
export function bracketClientOrderIds(planId: string): { entry: string; tp: string; sl: string } {
  return { entry: `${planId}-e`, tp: `${planId}-tp`, sl: `${planId}-sl` };
}

/** A new plan for an entry about to be sent (its clientOrderId comes from the plan id). */
export function newBracketPlan(fields: {
  id: string;
  symbol: string;
  side: Side;
  login: string;
  spec: BracketSpec;
  now: number;
}): BracketPlan {
  return {
    id: fields.id,
    symbol: fields.symbol,
    side: fields.side,
    login: fields.login,
    spec: fields.spec,
    entry: {
      clientOrderId: bracketClientOrderIds(fields.id).entry,
      orderId: null,
      filledQty: 0,
      avgPrice: null,
      closed: false,
    },
    exits: null,
    state: 'armed',
    reason: null,
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}

/** True while the plan may still act. */
export function isLivePlan(plan: BracketPlan): boolean {
  return plan.state === 'armed' || plan.state === 'active';
}

/** An exit level as a price: a fixed price, or ticks from the entry's fill price. */
function exitPrice(
  level: ExitLevel,
  entrySide: Side,
  avg: number,
  which: 'tp' | 'sl',
  rules: TickRules | null,
): number | null {
  if (level.kind === 'price') return level.price;
  if (!rules) return null;
  // Profit lies above a buy's entry, loss below; a sell the other way round.
  const up = (entrySide === 'BUY') === (which === 'tp');
  return ticksAway(avg, up, level.ticks, rules);
}

/** One step of the machine. */
export function stepBracket(
  plan: BracketPlan,
  input: BracketInput,
  ctx: BracketContext,
): BracketStep {
  const next: BracketPlan = structuredClone(plan);
  const actions: BracketAction[] = [];
  switch (input.kind) {
    case 'order':
      onOrder(next, input.row, actions);
      break;
    case 'placeFailed':
      if (next.exits?.state === 'placing') {
        next.exits.state = 'closed';
        end(next, 'failed', `Exits refused: ${input.message}`);
        actions.push({
          kind: 'notify',
          level: 'error',
          message: `${next.symbol} bracket: exits refused (${input.message}); the position is not protected`,
        });
        cancelEntry(next, actions);
      }
      break;
    case 'modifyFailed':
      actions.push({
        kind: 'notify',
        level: 'error',
        message: `${next.symbol} bracket: exits not raised to ${next.entry.filledQty} (${input.message})`,
      });
      break;
    case 'resync':
      onResync(next, actions);
      break;
    case 'absent':
      onAbsent(next, input.what, actions);
      break;
    case 'cancel':
      if (isLivePlan(next)) {
        cancelEntry(next, actions);
        cancelExits(next, actions);
        end(next, 'cancelled', 'Cancelled by the user');
      }
      break;
    case 'positionClosed':
      if (isLivePlan(next)) {
        cancelEntry(next, actions);
        cancelExits(next, actions);
        end(next, 'done', 'Position closed');
      }
      break;
  }
  if (isLivePlan(next)) advance(next, actions, ctx);
  next.updatedAt = ctx.now;
  return { plan: next, actions };
}

function end(plan: BracketPlan, state: BracketPlan['state'], reason: string): void {
  plan.state = state;
  plan.reason = reason;
}

function cancelEntry(plan: BracketPlan, actions: BracketAction[]): void {
  if (plan.entry.orderId !== null && !plan.entry.closed)
    actions.push({ kind: 'cancel', orderId: plan.entry.orderId });
}

/** One cancel suffices for an OCO pair: the exchange cancels the sibling. */
function cancelExits(plan: BracketPlan, actions: BracketAction[]): void {
  const exits = plan.exits;
  if (!exits) return;
  const open = [exits.takeProfit, exits.stopLoss].find((l) => !l.closed && l.orderId !== null);
  if (open?.orderId) actions.push({ kind: 'cancel', orderId: open.orderId });
}

function applyLeg(leg: BracketLeg, row: OrderRow): boolean {
  // A stale version (less executed than held) never winds a leg back.
  if (cmpDecimal(row.executedQty, leg.executedQty) < 0) return false;
  const firstSeen = leg.orderId === null;
  leg.orderId = row.orderId;
  leg.executedQty = row.executedQty;
  leg.closed = leg.closed || isFinalStatus(row.status);
  return firstSeen;
}

function onOrder(plan: BracketPlan, row: OrderRow, actions: BracketAction[]): void {
  const ids = bracketClientOrderIds(plan.id);
  if (row.clientOrderId === ids.entry) {
    if (cmpDecimal(row.executedQty, plan.entry.filledQty) < 0) return;
    if (row.orderId > 0) plan.entry.orderId = row.orderId;
    plan.entry.filledQty = row.executedQty;
    plan.entry.avgPrice = row.avgPrice ?? plan.entry.avgPrice;
    const wasClosed = plan.entry.closed;
    plan.entry.closed = wasClosed || isFinalStatus(row.status);
    // An entry that ends unfilled ends the plan; a late sighting of a live plan's entry is cancelled.
    if (!isLivePlan(plan) && !plan.entry.closed && row.orderId > 0 && !wasClosed)
      actions.push({ kind: 'cancel', orderId: row.orderId });
    if (isLivePlan(plan) && plan.entry.closed && cmpDecimal(plan.entry.filledQty, 0) === 0)
      end(plan, 'cancelled', `Entry ${row.status.toLowerCase()} before any fill`);
    return;
  }
  const exits = plan.exits;
  if (!exits) return;
  const leg =
    row.clientOrderId === ids.tp
      ? exits.takeProfit
      : row.clientOrderId === ids.sl
        ? exits.stopLoss
        : null;
  if (!leg) return;
  const firstSeen = applyLeg(leg, row);
  // Exits that turn up after the plan ended (sent just before a cancel) are cancelled.
  if (!isLivePlan(plan) && firstSeen && !leg.closed)
    actions.push({ kind: 'cancel', orderId: row.orderId });
  if (exits.takeProfit.orderId !== null && exits.stopLoss.orderId !== null)
    exits.state = exits.state === 'placing' ? 'working' : exits.state;
  if (exits.takeProfit.closed && exits.stopLoss.closed) exits.state = 'closed';
}

function onResync(plan: BracketPlan, actions: BracketAction[]): void {
  if (!isLivePlan(plan)) return;
  const ids = bracketClientOrderIds(plan.id);
  if (plan.entry.orderId === null)
    actions.push({ kind: 'lookUp', what: 'entry', clientOrderIds: [ids.entry] });
  if (plan.exits?.state === 'placing')
    actions.push({ kind: 'lookUp', what: 'exits', clientOrderIds: [ids.tp, ids.sl] });
}

function onAbsent(plan: BracketPlan, what: 'entry' | 'exits', actions: BracketAction[]): void {
  if (!isLivePlan(plan)) return;
  if (what === 'entry' && plan.entry.orderId === null) {
    plan.entry.closed = true;
    end(plan, 'cancelled', 'The entry never reached the exchange');
  }
  // Proved absent: the exits were never placed, so placing them now is the first time.
  if (what === 'exits' && plan.exits?.state === 'placing') placeExits(plan, actions);
}

function placeExits(plan: BracketPlan, actions: BracketAction[]): void {
  const exits = plan.exits;
  if (!exits) return;
  exits.qty = plan.entry.filledQty;
  actions.push({
    kind: 'placeExits',
    symbol: plan.symbol,
    login: plan.login,
    side: opposite(plan.side),
    qty: exits.qty,
    takeProfit: { clientOrderId: exits.takeProfit.clientOrderId, price: exits.takeProfit.price },
    stopLoss: { clientOrderId: exits.stopLoss.clientOrderId, stopPrice: exits.stopLoss.price },
  });
}

/** Moves a live plan on: first exits after the first fill, larger exits after more fills, the end. */
function advance(plan: BracketPlan, actions: BracketAction[], ctx: BracketContext): void {
  const filled = plan.entry.filledQty;
  if (plan.exits === null) {
    if (cmpDecimal(filled, 0) <= 0) return;
    const avg = plan.entry.avgPrice;
    const tp =
      avg === null ? null : exitPrice(plan.spec.takeProfit, plan.side, avg, 'tp', ctx.rules);
    const sl = avg === null ? null : exitPrice(plan.spec.stopLoss, plan.side, avg, 'sl', ctx.rules);
    if (tp === null || sl === null) {
      end(plan, 'failed', 'Exit prices unknown (no fill price or no tick size)');
      actions.push({
        kind: 'notify',
        level: 'error',
        message: `${plan.symbol} bracket: exit prices cannot be worked out; the position is not protected`,
      });
      return;
    }
    const ids = bracketClientOrderIds(plan.id);
    const leg = (clientOrderId: string, price: number): BracketLeg => ({
      clientOrderId,
      orderId: null,
      price,
      executedQty: 0,
      closed: false,
    });
    plan.exits = {
      takeProfit: leg(ids.tp, tp),
      stopLoss: leg(ids.sl, sl),
      qty: 0,
      state: 'placing',
    };
    plan.state = 'active';
    placeExits(plan, actions);
    return;
  }
  const exits = plan.exits;
  if (exits.state === 'working' && cmpDecimal(filled, exits.qty) > 0) {
    const open = [exits.takeProfit, exits.stopLoss].filter((l) => !l.closed);
    if (open.length === 2) {
      exits.qty = filled;
      for (const l of open)
        if (l.orderId) actions.push({ kind: 'modifyQty', orderId: l.orderId, qty: filled });
    }
  }
  if (exits.state === 'closed') {
    // An exit traded (or the exits were cancelled elsewhere): what is left of the entry goes too.
    cancelEntry(plan, actions);
    const hit = [exits.takeProfit, exits.stopLoss].find((l) => cmpDecimal(l.executedQty, 0) > 0);
    const name = hit === exits.takeProfit ? 'take-profit' : 'stop-loss';
    end(plan, 'done', hit ? `${name} filled` : 'Exits closed without a fill');
  }
}
