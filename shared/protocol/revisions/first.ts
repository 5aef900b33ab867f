/**
 * Wire shapes of the first public revision of the order protocol (the source
 * document, docs/protocol.md's appendix) and nothing more: no extension events,
 * no `fromTime`, no lookups by clientOrderId, no execution extensions. A
 * server of this revision numbers its errors itself.
 */
import { z } from 'zod';
import {
  CanonicalOrderStatus,
  ErrorPayload,
  Fill,
  ModifyOrderPayload,
  NewOrderOcoPayload,
  NewOrderOcoReply,
  NewOrderSingleReply,
  NewOrderSinglePayload,
  Order,
  OrderId,
  errorMessageOf,
  executionMessageOf,
} from '../schemas';

// ---------------------------------------------------------------- requests

/** `newordersingle` payload: the source document's fields are exactly ours. */
export const FirstNewOrderSinglePayload = NewOrderSinglePayload;
export type FirstNewOrderSinglePayload = z.infer<typeof FirstNewOrderSinglePayload>;

/** `neworderoco` payload: the source document's fields are exactly ours. */
export const FirstNewOrderOcoPayload = NewOrderOcoPayload;
export type FirstNewOrderOcoPayload = z.infer<typeof FirstNewOrderOcoPayload>;

/** `orderstatus` and `ordercancel` payload: one order by orderId. */
export const FirstOrderRef = z.object({
  /** Exchange order id. */
  orderId: OrderId,
});
export type FirstOrderRef = z.infer<typeof FirstOrderRef>;

/** `modifyordersingle` payload: by orderId only. */
export const FirstModifyOrderPayload = FirstOrderRef.extend({
  /** New limit price. */
  price: ModifyOrderPayload.shape.price,
  /** New stop price. */
  stopPrice: ModifyOrderPayload.shape.stopPrice,
  /** New total quantity. */
  quantity: ModifyOrderPayload.shape.quantity,
});
export type FirstModifyOrderPayload = z.infer<typeof FirstModifyOrderPayload>;

/** Request events of this revision (an `orders` request has no payload). */
export const FIRST_EVENTS = [
  'newordersingle',
  'modifyordersingle',
  'neworderoco',
  'orders',
  'orderstatus',
  'ordercancel',
] as const;
export type FirstEvent = (typeof FIRST_EVENTS)[number];

// ---------------------------------------------------------------- server messages

/** The order object of the source document (`orders` items, `execution` payloads). */
export const FirstOrder = Order.omit({ login: true, ocoOrderId: true, triggered: true }).extend({
  /** Epoch milliseconds of the order's last change. */
  transactTime: z.number().int().nonnegative(),
  /** NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED or EXPIRED. */
  status: CanonicalOrderStatus,
});
export type FirstOrder = z.infer<typeof FirstOrder>;

/** One fill as the source document shows it. */
export const FirstFill = Fill.pick({ price: true, qty: true });
export type FirstFill = z.infer<typeof FirstFill>;

/** `orderstatus` reply payload: the order with its fills. */
export const FirstOrderWithFills = FirstOrder.extend({
  /** Every fill of the order, oldest first. */
  fills: z.array(FirstFill),
});
export type FirstOrderWithFills = z.infer<typeof FirstOrderWithFills>;

/** `newordersingle` reply payload. */
export const FirstPlaced = NewOrderSingleReply.shape.payload.omit({ clientOrderId: true }).extend({
  /** Status once the exchange has processed the order. */
  status: CanonicalOrderStatus,
});
export type FirstPlaced = z.infer<typeof FirstPlaced>;

/** One leg of a `neworderoco` reply (both legs, in request order). */
export const FirstOcoLegReply = NewOrderOcoReply.shape.payload.element.extend({
  /** Status once the exchange has processed the leg. */
  status: CanonicalOrderStatus,
});
export type FirstOcoLegReply = z.infer<typeof FirstOcoLegReply>;

/** An `error` reply: the server's own code and a message (requestId null when unparsable). */
export const FirstErrorMessage = errorMessageOf(ErrorPayload);
export type FirstErrorMessage = z.infer<typeof FirstErrorMessage>;

/** An unsolicited `execution`: the order object only (no seq, lastPrice, lastQty or reason). */
export const FirstExecutionMessage = executionMessageOf(FirstOrder);
export type FirstExecutionMessage = z.infer<typeof FirstExecutionMessage>;
