/**
 * The bracket state machine: an entry order and, once it fills (even partly),
 * its exits for the filled quantity, kept in step with further fills: an OCO
 * of take-profit and stop-loss, or the one leg the spec has (traders often
 * attach only a protective stop, or only a target). Pure: it is fed order
 * versions and outcomes and answers a new plan and the actions main must
 * take. Exit clientOrderIds derive from the plan id, so an exit placed just
 * before a crash is found by a lookup and never placed twice.
 */
import { isFinalStatus } from '../../shared/domain';
import type { OrderRow } from '../../shared/ipc';
import type { BracketLeg, BracketPlan, BracketSpec, ExitLevel } from '../../shared/ipc/tools';
import { cmpDecimal, ticksAway, type Side, type TickRules } from '../../shared/domain';
import { opposite } from './units';

/** What the machine is told. */
export type BracketInput =
  /** A version of the entry or of an exit (matched by clientOrderId). */
  | { kind: 'order'; row: OrderRow }
  /** The exchange refused the exits (the OCO, or the single exit order). */
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
  /**
   * Both legs: one OCO (a LIMIT and a STOP). One leg (the other null): a
   * single LIMIT or STOP order.
   */
  | {
      kind: 'placeExits';
      symbol: string;
      login: string;
      side: Side;
      qty: number;
      takeProfit: { clientOrderId: string; price: number } | null;
      stopLoss: { clientOrderId: string; stopPrice: number } | null;
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
        const name = exitsName(next);
        end(next, 'failed', `${name[0]?.toUpperCase()}${name.slice(1)} refused: ${input.message}`);
        actions.push({
          kind: 'notify',
          level: 'error',
          message: `${next.symbol} bracket: ${name} refused (${input.message}); the position is not protected`,
        });
        cancelEntry(next, actions);
      }
      break;
    case 'modifyFailed':
      actions.push({
        kind: 'notify',
        level: 'error',
        message: `${next.symbol} bracket: ${exitsName(next)} not raised to ${next.entry.filledQty} (${input.message})`,
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

/** The legs a plan's exits have: both, or the one its spec asked for. */
export function exitLegsOf(exits: NonNullable<BracketPlan['exits']>): BracketLeg[] {
  return [exits.takeProfit, exits.stopLoss].filter((l): l is BracketLeg => l !== null);
}

/**
 * One cancel suffices: for an OCO pair the exchange cancels the sibling, and
 * a single exit is the only order there is.
 */
function cancelExits(plan: BracketPlan, actions: BracketAction[]): void {
  const exits = plan.exits;
  if (!exits) return;
  const open = exitLegsOf(exits).find((l) => !l.closed && l.orderId !== null);
  if (open?.orderId) actions.push({ kind: 'cancel', orderId: open.orderId });
}

/** What the plan's exits are called in messages. */
function exitsName(plan: BracketPlan): string {
  if (plan.spec.takeProfit && plan.spec.stopLoss) return 'exits';
  return plan.spec.takeProfit ? 'take-profit' : 'stop-loss';
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
  // A leg the plan does not have is null: an order under its id is none of the plan's.
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
  const legs = exitLegsOf(exits);
  if (legs.every((l) => l.orderId !== null))
    exits.state = exits.state === 'placing' ? 'working' : exits.state;
  if (legs.every((l) => l.closed)) exits.state = 'closed';
}

function onResync(plan: BracketPlan, actions: BracketAction[]): void {
  if (!isLivePlan(plan)) return;
  const ids = bracketClientOrderIds(plan.id);
  if (plan.entry.orderId === null)
    actions.push({ kind: 'lookUp', what: 'entry', clientOrderIds: [ids.entry] });
  // Only the legs the plan has: a single exit is looked up alone.
  if (plan.exits?.state === 'placing')
    actions.push({
      kind: 'lookUp',
      what: 'exits',
      clientOrderIds: exitLegsOf(plan.exits).map((l) => l.clientOrderId),
    });
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
    takeProfit: exits.takeProfit && {
      clientOrderId: exits.takeProfit.clientOrderId,
      price: exits.takeProfit.price,
    },
    stopLoss: exits.stopLoss && {
      clientOrderId: exits.stopLoss.clientOrderId,
      stopPrice: exits.stopLoss.price,
    },
  });
}

/** Moves a live plan on: first exits after the first fill, larger exits after more fills, the end. */
function advance(plan: BracketPlan, actions: BracketAction[], ctx: BracketContext): void {
  const filled = plan.entry.filledQty;
  if (plan.exits === null) {
    if (cmpDecimal(filled, 0) <= 0) return;
    const avg = plan.entry.avgPrice;
    // undefined: the spec has no such leg; null: it has one whose price cannot be worked out.
    const priceOf = (level: ExitLevel | undefined, which: 'tp' | 'sl') =>
      level === undefined
        ? undefined
        : avg === null
          ? null
          : exitPrice(level, plan.side, avg, which, ctx.rules);
    const tp = priceOf(plan.spec.takeProfit, 'tp');
    const sl = priceOf(plan.spec.stopLoss, 'sl');
    if (tp === null || sl === null || (tp === undefined && sl === undefined)) {
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
      takeProfit: tp === undefined ? null : leg(ids.tp, tp),
      stopLoss: sl === undefined ? null : leg(ids.sl, sl),
      qty: 0,
      state: 'placing',
    };
    plan.state = 'active';
    placeExits(plan, actions);
    return;
  }
  const exits = plan.exits;
  const legs = exitLegsOf(exits);
  if (exits.state === 'working' && cmpDecimal(filled, exits.qty) > 0) {
    // Every leg still open: an OCO leg that closed has taken (or is taking) its sibling with it.
    const open = legs.filter((l) => !l.closed);
    if (open.length === legs.length) {
      exits.qty = filled;
      for (const l of open)
        if (l.orderId) actions.push({ kind: 'modifyQty', orderId: l.orderId, qty: filled });
    }
  }
  if (exits.state === 'closed') {
    // An exit traded (or the exits were cancelled elsewhere): what is left of the entry goes too.
    cancelEntry(plan, actions);
    const hit = legs.find((l) => cmpDecimal(l.executedQty, 0) > 0);
    const name = hit === exits.takeProfit ? 'take-profit' : 'stop-loss';
    end(plan, 'done', hit ? `${name} filled` : 'Exits closed without a fill');
  }
}
