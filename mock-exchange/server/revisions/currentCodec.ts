/**
 * The `current` revision (the operator's newest text): numeric logins,
 * tillTime lifetimes run by the revision itself, notes, renamed
 * clientOrderIds, executions with their fills, and errors naming the
 * request's event: ORDER_NOT_EXISTS / ORDER_ALREADY_CLOSED by name, every
 * other error with a venue number and a sentence.
 */
import { ErrorCode, type ProtocolError, type RequestId } from '../../../shared/protocol';
import { CURRENT_EVENTS } from '../../../shared/protocol/revisions';
import type { Engine, ExecutionEvent } from '../../engine/api';
import type { RevisionCodec } from './codec';
import { CURRENT_HANDLERS } from './currentHandlers';
import { CurrentOrders } from './currentOrders';
import { currentOrderWithFills, fillsUpTo } from './currentShapes';
import { CurrentLedger } from './ledger';
import { venueCode } from './venueErrors';

const EVENTS: ReadonlySet<string> = new Set(CURRENT_EVENTS);
const CLOSED: ReadonlySet<string> = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED']);

/** The error payload of this revision: a name for the two order errors, else a number and a sentence. */
function currentErrorPayload(event: string, error: ProtocolError): object {
  if (error.code === ErrorCode.UNKNOWN_ORDER) return { event, error: 'ORDER_NOT_EXISTS' };
  if (error.code === ErrorCode.ORDER_FINAL) return { event, error: 'ORDER_ALREADY_CLOSED' };
  return { event, code: venueCode(error.code), error: error.error };
}

/** The codec of the `current` revision over `engine`. */
export function createCurrentCodec(engine: Engine): RevisionCodec {
  const orders = new CurrentOrders(engine, new CurrentLedger());
  const advanceTime = (now: number): void => {
    for (const [orderId, login] of orders.ledger.takeDue(now)) {
      // Cancelling one OCO leg cancels its sibling with the same reason.
      engine.cancelOrder([login], { orderId }, now, 'LIFETIME_EXPIRED');
    }
  };
  return {
    revision: 'current',
    hasEvent: (event) => EVENTS.has(event),
    handle(event, payload, request) {
      // Lifetimes end before the request runs, as the engine's own expiries do.
      advanceTime(request.now);
      const handler = CURRENT_HANDLERS[event];
      if (handler === undefined) throw new Error(`current revision has no route for ${event}`);
      return handler(orders, payload, request);
    },
    errorMessage: (requestId: RequestId | null, event: string, error: ProtocolError) => ({
      event: 'error',
      requestId,
      payload: currentErrorPayload(event, error),
    }),
    executionMessage(execution: ExecutionEvent) {
      const { login, payload } = execution;
      if (CLOSED.has(payload.status)) orders.ledger.closed(payload.orderId, login, payload.reason);
      const fills = fillsUpTo(orders.fillsOf(login, payload.orderId), payload.executedQty);
      return {
        event: 'execution',
        payload: currentOrderWithFills(payload, fills, orders.extrasOf(payload)),
      };
    },
    advanceTime,
  };
}
