/** Stub replies of the tools' commands for component tests. */
import type {
  BracketPlan,
  BracketSpec,
  PlaceOrderInput,
  PositionActionReport,
} from '../../../../shared/ipc';

/** A position action that did nothing. */
export function emptyReport(): PositionActionReport {
  return { sent: 0, filled: 0, failed: [], cancelled: 0, cancelFailed: [] };
}

/** An armed plan for a bracket entry just sent. */
export function stubPlan(id: string, entry: PlaceOrderInput, spec: BracketSpec): BracketPlan {
  return {
    id,
    symbol: entry.symbol,
    side: entry.side,
    login: 'demo',
    spec,
    entry: { clientOrderId: `${id}-e`, orderId: null, filledQty: 0, avgPrice: null, closed: false },
    exits: null,
    state: 'armed',
    reason: null,
    createdAt: 0,
    updatedAt: 0,
  };
}
