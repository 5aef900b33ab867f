/**
 * The `first` revision: the source document only. Requests are the
 * canonical ones minus every extension (no extension events, no fromTime,
 * no clientOrderId lookups); replies and executions carry only the source
 * document's fields; errors carry the venue's own numbers.
 */
import {
  FIRST_EVENTS,
  FirstModifyOrderPayload,
  FirstOrder,
  FirstOrderRef,
  FirstOrderWithFills,
  FirstPlaced,
} from '../../../shared/protocol/revisions';
import { ok, type ProtocolError, type RequestId, type Result } from '../../../shared/protocol';
import type { ExecutionEvent } from '../../engine/api';
import type { ReplyBody } from '../routes';
import type { RevisionCodec, RevisionRequest } from './codec';
import { decode, pickKeys } from './decode';
import { venueCode } from './venueErrors';

const ORDER_KEYS = Object.keys(FirstOrder.shape);
const ORDER_WITH_FILLS_KEYS = Object.keys(FirstOrderWithFills.shape);
const PLACED_KEYS = Object.keys(FirstPlaced.shape);
const EVENTS: ReadonlySet<string> = new Set(FIRST_EVENTS);

/** A canonical order (or order with fills) in the source document's shape. */
function firstOrder(order: object, withFills: boolean): Record<string, unknown> {
  const out = pickKeys(order, withFills ? ORDER_WITH_FILLS_KEYS : ORDER_KEYS);
  if (withFills && Array.isArray(out.fills)) {
    out.fills = out.fills.map((fill: object) => pickKeys(fill, ['price', 'qty']));
  }
  return out;
}

/** Re-shapes the payload of a successful canonical reply. */
function reshape(
  result: Result<ReplyBody>,
  shape: (payload: unknown) => unknown,
): Result<ReplyBody> {
  if (!result.ok) return result;
  return ok({ ...result.value, payload: shape(result.value.payload) });
}

/** Runs a canonical route after checking the payload with this revision's schema. */
function runChecked(
  request: RevisionRequest,
  event: 'modifyordersingle' | 'orderstatus' | 'ordercancel',
  payload: unknown,
): Result<ReplyBody> {
  const schema = event === 'modifyordersingle' ? FirstModifyOrderPayload : FirstOrderRef;
  const decoded = decode(schema, payload);
  return decoded.ok ? request.run(event, decoded.value) : decoded;
}

/** The codec of the `first` revision. */
export function createFirstCodec(): RevisionCodec {
  return {
    revision: 'first',
    hasEvent: (event) => EVENTS.has(event),
    handle(event, payload, request) {
      switch (event) {
        case 'newordersingle':
          return reshape(request.run(event, payload), (p) => pickKeys(p as object, PLACED_KEYS));
        case 'neworderoco':
          return request.run(event, payload);
        case 'modifyordersingle':
        case 'ordercancel':
          return runChecked(request, event, payload);
        case 'orderstatus':
          return reshape(runChecked(request, event, payload), (p) => firstOrder(p as object, true));
        case 'orders':
          // The source document's `orders` has no payload: whatever is sent, the working orders.
          return reshape(request.run('orders', undefined), (p) =>
            (p as object[]).map((order) => firstOrder(order, false)),
          );
        default:
          throw new Error(`first revision has no route for ${event}`);
      }
    },
    errorMessage: (requestId: RequestId | null, _event: string, error: ProtocolError) => ({
      event: 'error',
      requestId,
      payload: { code: venueCode(error.code), error: error.error },
    }),
    executionMessage: (execution: ExecutionEvent) => ({
      event: 'execution',
      payload: firstOrder(execution.payload, false),
    }),
    advanceTime: () => undefined,
  };
}
