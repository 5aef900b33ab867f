/** What happens to the engine's executions: persisted (user orders) and fanned out to sessions. */
import type { Engine, ExecutionEvent, PersistedOrder } from '../engine/api';
import { isInternalLogin } from '../market/constants';
import type { OrderJournal } from './journal';
import type { Session } from './session';

/** Sends each execution to every open session holding the order's login (each with its own seq). */
export function fanOutExecutions(
  events: readonly ExecutionEvent[],
  sessions: Iterable<Session>,
): void {
  for (const event of events) {
    if (isInternalLogin(event.login)) continue;
    for (const session of sessions) {
      if (!session.isClosed && session.holds(event.login)) session.pushExecution(event.payload);
    }
  }
}

/** Appends the latest state of every user order the executions touched to the journal. */
export function journalChanges(
  engine: Engine,
  journal: OrderJournal,
  events: readonly ExecutionEvent[],
): void {
  const changed = new Map<number, string>();
  for (const event of events) {
    if (!isInternalLogin(event.login)) changed.set(event.payload.orderId, event.login);
  }
  if (changed.size === 0) return;
  const orders: PersistedOrder[] = [];
  for (const [orderId, login] of changed) {
    const status = engine.orderStatus([login], { orderId });
    if (status.ok) orders.push({ ...status.value, login });
  }
  journal.record(orders, engine.nextOrderId);
}
