/**
 * One instrument's ledger for the account: its fills replayed in time order
 * under the account's method, with the realized P&L noted at the account's
 * epoch and at today's 00:00 UTC rollover (exact integers throughout).
 */
import type { Side } from '../../shared/domain';
import type { AccountingMethod } from '../../shared/ipc';
import { applyFill, fillUnits, flatPosition, netQty, unrealizedAt } from '../store/positionMath';
import type { PositionState } from '../store/positionMath';

/** What the ledger needs of a fill. */
export interface LedgerFill {
  side: Side;
  qty: number;
  price: number;
  time: number;
}

/** An instrument's integer account state. */
export interface InstrumentLedger {
  state: PositionState;
  /** Realized before the epoch and before today's rollover (1e-16 units). */
  realizedBeforeEpoch: bigint;
  realizedBeforeToday: bigint;
}

/** Replays fills (sorted by time) and notes realized P&L at the two checkpoints. */
export function instrumentLedger(
  fills: readonly LedgerFill[],
  method: AccountingMethod,
  epochStart: number,
  dayStart: number,
): InstrumentLedger {
  const state = flatPosition(method);
  // Today counts from the later of 00:00 UTC and the account's start: a paper account reset
  // this afternoon has realized nothing today before the reset.
  const todayFrom = Math.max(dayStart, epochStart);
  let beforeEpoch: bigint | null = null;
  let beforeToday: bigint | null = null;
  for (const fill of fills) {
    if (beforeEpoch === null && fill.time >= epochStart) beforeEpoch = state.realized;
    if (beforeToday === null && fill.time >= todayFrom) beforeToday = state.realized;
    applyFill(state, fill.side, fillUnits(fill.qty), fillUnits(fill.price));
  }
  return {
    state,
    realizedBeforeEpoch: beforeEpoch ?? state.realized,
    realizedBeforeToday: beforeToday ?? state.realized,
  };
}

/** Realized since the epoch, since today's rollover, unrealized at a mark (1e-16), net (1e-8). */
export function ledgerAmounts(
  ledger: InstrumentLedger,
  mark: bigint | null,
): { sinceEpoch: bigint; today: bigint; unrealized: bigint | null; net: bigint } {
  const net = netQty(ledger.state);
  return {
    sinceEpoch: ledger.state.realized - ledger.realizedBeforeEpoch,
    today: ledger.state.realized - ledger.realizedBeforeToday,
    unrealized: net === 0n ? 0n : mark === null ? null : unrealizedAt(ledger.state, mark),
    net,
  };
}

/** Every position's ledger under the account's method, epoch and today's rollover. */
export function ledgersOf(
  positions: readonly { symbol: string; fills: readonly LedgerFill[] }[],
  method: AccountingMethod,
  epochStart: number,
  dayStart: number,
): { symbol: string; ledger: InstrumentLedger }[] {
  return positions.map((p) => ({
    symbol: p.symbol,
    ledger: instrumentLedger(p.fills, method, epochStart, dayStart),
  }));
}
