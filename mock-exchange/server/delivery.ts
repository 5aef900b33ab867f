/** What happens to the engine's executions: persisted (user orders) and fanned out to sessions. */
import type { Engine, ExecutionEvent, PersistedOrder } from '../engine/api';
import { isInternalLogin } from '../market/constants';
import type { OrderJournal } from './journal';
import type { RevisionCodec } from './revisions';
import type { Session } from './session';

/**
 * Sends each execution to every open session holding the order's login: in
 * `extended` with each session's own seq; in another revision encoded once
 * per event by its codec (which sees every user execution, sessions or not).
 */
export function fanOutExecutions(
  events: readonly ExecutionEvent[],
  sessions: Iterable<Session>,
  codec: RevisionCodec | null = null,
): void {
  if (codec !== null) {
    fanOutEncoded(events, sessions, codec);
    return;
  }
  for (const event of events) {
    if (isInternalLogin(event.login)) continue;
    // Built once per event, when a session holds its login: the engine's own
    // text when it has one (no payload object, no generic stringify).
    let body: object | string | null = null;
    for (const session of sessions) {
      if (!session.isClosed && session.holds(event.login)) {
        body ??= event.payloadJson ?? event.payload;
        session.pushExecution(body);
      }
    }
  }
}

function fanOutEncoded(
  events: readonly ExecutionEvent[],
  sessions: Iterable<Session>,
  codec: RevisionCodec,
): void {
  for (const event of events) {
    if (isInternalLogin(event.login)) continue;
    const message = codec.executionMessage(event);
    for (const session of sessions) {
      if (!session.isClosed && session.holds(event.login)) session.push(message);
    }
  }
}

/**
 * Appends the latest state of every user order the executions touched to the
 * journal; false when the journal could not write them.
 */
export function journalChanges(
  engine: Engine,
  journal: OrderJournal,
  events: readonly ExecutionEvent[],
): boolean {
  const changed = new Map<number, string>();
  for (const event of events) {
    if (!isInternalLogin(event.login)) changed.set(event.orderId, event.login);
  }
  if (changed.size === 0) return true;
  const orders: PersistedOrder[] = [];
  for (const [orderId, login] of changed) {
    const status = engine.orderStatus([login], { orderId });
    if (status.ok) orders.push({ ...status.value, login });
  }
  return journal.record(orders, engine.nextOrderId);
}
