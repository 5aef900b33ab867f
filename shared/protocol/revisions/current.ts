/**
 * Wire shapes of the operator's current revision of the order protocol
 * (ActTrader's public clearing-service text), exactly as that text shows
 * them: numeric logins, `tillTime`, TIF AON/FOK/IOC/TPI, PARTIAL_FILL,
 * `reason` and `note`, richer replies, ISO times, `fills` on executions and
 * error payloads naming the request's event.
 */
import { z } from 'zod';
import {
  ErrorPayload,
  Fill,
  NewOrderOcoPayload,
  NewOrderSinglePayload,
  Num,
  OcoLeg,
  Order,
  OrderId,
  OrderType,
  errorMessageOf,
  executionMessageOf,
} from '../schemas';

// ---------------------------------------------------------------- primitives

/** A trading account: a LONG (positive safe integer). */
export const CurrentLogin = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export type CurrentLogin = z.infer<typeof CurrentLogin>;
/** A client's own order id: free text of 1-64 characters (e.g. "my first order"). */
export const CurrentClientOrderId = z.string().min(1).max(64);
/** An instant in UTC, ISO-8601 ending in Z (e.g. 2022-04-23T18:25:43.511Z). */
export const UtcTime = z.iso.datetime();
/** Free text a client attaches to an order. */
export const Note = z.string().max(256);
/** AON, FOK, IOC or TPI (take profit immediately: LIMIT orders only). */
export const CurrentTimeInForce = z.enum(['AON', 'FOK', 'IOC', 'TPI']);
export type CurrentTimeInForce = z.infer<typeof CurrentTimeInForce>;
/** NEW, REJECTED, FILLED, PARTIAL_FILL or CANCELED. */
export const CurrentOrderStatus = z.enum(['NEW', 'REJECTED', 'FILLED', 'PARTIAL_FILL', 'CANCELED']);
export type CurrentOrderStatus = z.infer<typeof CurrentOrderStatus>;
/** Why an order closed: OCO_CONDITION, LIFETIME_EXPIRED, USER, or free text. */
export const CurrentReason = z.union([
  z.enum(['OCO_CONDITION', 'LIFETIME_EXPIRED', 'USER']),
  z.string(),
]);
export type CurrentReason = z.infer<typeof CurrentReason>;

// ---------------------------------------------------------------- requests

/** `newordersingle` payload. */
export const CurrentNewOrderSinglePayload = NewOrderSinglePayload.omit({
  clientOrderId: true,
  timeInForce: true,
  timeInForceDate: true,
  login: true,
}).extend({
  /** Client's own id; the server makes one when absent. */
  clientOrderId: CurrentClientOrderId.optional(),
  /** Mandatory; TPI for LIMIT orders only. */
  timeInForce: CurrentTimeInForce,
  /** Order lifetime: the order is cancelled (LIFETIME_EXPIRED) at this instant. */
  tillTime: UtcTime.optional(),
  /** Account the order is placed for. */
  login: CurrentLogin,
  /** Free text kept with the order. */
  note: Note.optional(),
});
export type CurrentNewOrderSinglePayload = z.infer<typeof CurrentNewOrderSinglePayload>;

/** How a request names one order: orderId, else clientOrderId. */
const CurrentOrderRefFields = z.object({
  /** Exchange order id; mandatory when clientOrderId is absent. */
  orderId: OrderId.optional(),
  /** Client order id; names the order when orderId is absent. */
  clientOrderId: CurrentClientOrderId.optional(),
});
const needsOrderId = {
  message: 'orderId or clientOrderId is required',
  path: ['orderId'],
};
const namesOrder = (r: { orderId?: number; clientOrderId?: string }): boolean =>
  r.orderId !== undefined || r.clientOrderId !== undefined;

/** `modifyordersingle` payload: any of the new values. */
export const CurrentModifyOrderPayload = CurrentOrderRefFields.extend({
  /** New limit price. */
  price: NewOrderSinglePayload.shape.price,
  /** New stop price. */
  stopPrice: NewOrderSinglePayload.shape.stopPrice,
  /** New total quantity. */
  quantity: NewOrderSinglePayload.shape.quantity.optional(),
  /** New lifetime; "" removes it. */
  tillTime: z.union([UtcTime, z.literal('')]).optional(),
  /** New clientOrderId of the order. */
  clientOrderIdValue: CurrentClientOrderId.optional(),
  /** Free text kept with the order. */
  note: Note.optional(),
}).refine(namesOrder, needsOrderId);
export type CurrentModifyOrderPayload = z.infer<typeof CurrentModifyOrderPayload>;

/** One leg of an OCO request. */
export const CurrentOcoLeg = OcoLeg.omit({ clientOrderId: true }).extend({
  /** Client's own id of this leg. */
  clientOrderId: CurrentClientOrderId.optional(),
  /** Free text kept with this leg. */
  note: Note.optional(),
});
export type CurrentOcoLeg = z.infer<typeof CurrentOcoLeg>;

/** `neworderoco` payload. */
export const CurrentNewOrderOcoPayload = NewOrderOcoPayload.omit({
  login: true,
  lifeTime: true,
  timeInForce: true,
  orders: true,
}).extend({
  /** Account the pair is placed for. */
  login: CurrentLogin,
  /** Lifetime of both legs. */
  tillTime: UtcTime.optional(),
  /** Mandatory; applies to both legs. */
  timeInForce: CurrentTimeInForce,
  /** Exactly two legs: one LIMIT, one STOP or STOP_LIMIT. */
  orders: z.tuple([CurrentOcoLeg, CurrentOcoLeg]),
});
export type CurrentNewOrderOcoPayload = z.infer<typeof CurrentNewOrderOcoPayload>;

/** `orders` payload: pending orders, plus those filled or cancelled since `fromTime`. */
export const CurrentOrdersPayload = z
  .object({
    /** Also list conditional orders filled or cancelled at or after this instant. */
    fromTime: UtcTime.optional(),
  })
  .optional();
export type CurrentOrdersPayload = z.infer<typeof CurrentOrdersPayload>;

/** `orderstatus` payload. */
export const CurrentOrderStatusPayload = CurrentOrderRefFields.refine(namesOrder, needsOrderId);
export type CurrentOrderStatusPayload = z.infer<typeof CurrentOrderStatusPayload>;

/** `ordercancel` payload. */
export const CurrentOrderCancelPayload = CurrentOrderRefFields.extend({
  /** Free text kept with the order. */
  note: Note.optional(),
}).refine(namesOrder, needsOrderId);
export type CurrentOrderCancelPayload = z.infer<typeof CurrentOrderCancelPayload>;

/** Request events of this revision. */
export const CURRENT_EVENTS = [
  'newordersingle',
  'modifyordersingle',
  'neworderoco',
  'orders',
  'orderstatus',
  'ordercancel',
] as const;
export type CurrentEvent = (typeof CURRENT_EVENTS)[number];

// ---------------------------------------------------------------- replies

/** `newordersingle` reply payload, and each leg of a `neworderoco` reply. */
export const CurrentPlaced = z.object({
  /** Exchange order id. */
  orderId: OrderId,
  /** The order's clientOrderId (the server's own when none was given). */
  clientOrderId: z.string(),
  /** Status once the exchange has processed the order. */
  status: CurrentOrderStatus,
  /** Order type. */
  type: OrderType,
  /** Account of the order. */
  login: CurrentLogin,
});
export type CurrentPlaced = z.infer<typeof CurrentPlaced>;

/** `modifyordersingle` reply payload: the order's values after the change. */
export const CurrentModified = z.object({
  /** Exchange order id. */
  orderId: OrderId,
  /** clientOrderId after the change. */
  clientOrderId: z.string(),
  /** Limit price (LIMIT, STOP_LIMIT). */
  price: Num.optional(),
  /** Stop price (STOP, STOP_LIMIT). */
  stopPrice: Num.optional(),
  /** Total quantity. */
  quantity: Num,
  /** Lifetime, when the order has one. */
  tillTime: UtcTime.optional(),
});
export type CurrentModified = z.infer<typeof CurrentModified>;

/** `ordercancel` reply payload. */
export const CurrentCanceled = CurrentPlaced.pick({ orderId: true, clientOrderId: true }).extend({
  /** Always CANCELED. */
  status: z.literal('CANCELED'),
  /** Always USER. */
  reason: z.literal('USER'),
});
export type CurrentCanceled = z.infer<typeof CurrentCanceled>;

/** An order as `orders` lists it (no transactTime, no quote quantity). */
export const CurrentOrder = Order.pick({
  symbol: true,
  type: true,
  orderId: true,
  side: true,
  origQty: true,
  executedQty: true,
}).extend({
  /** The order's clientOrderId. */
  clientOrderId: z.string(),
  /** Limit price (LIMIT and STOP_LIMIT orders). */
  price: Num.optional(),
  /** Stop price (STOP, STOP_LIMIT). */
  stopPrice: Num.optional(),
  /** Status in this revision's spelling. */
  status: CurrentOrderStatus,
  /** AON, FOK, IOC or TPI. */
  timeInForce: CurrentTimeInForce,
  /** Lifetime, when the order has one. */
  tillTime: UtcTime.optional(),
  /** Why a CANCELED or REJECTED order closed. */
  reason: CurrentReason.optional(),
});
export type CurrentOrder = z.infer<typeof CurrentOrder>;

/** One fill. */
export const CurrentFill = Fill.pick({ price: true, qty: true });
export type CurrentFill = z.infer<typeof CurrentFill>;

/** `orderstatus` reply payload and `execution` payload: the order, its time and its fills. */
export const CurrentOrderWithFills = CurrentOrder.extend({
  /** Time of the order's last change, ISO in UTC. */
  transactTime: UtcTime,
  /** Every fill of the order, oldest first. */
  fills: z.array(CurrentFill),
});
export type CurrentOrderWithFills = z.infer<typeof CurrentOrderWithFills>;

/** An error with a numeric code and a message, naming the request's event. */
export const CurrentCodedError = ErrorPayload.extend({
  /** The failed request's event ("" when the frame could not be read). */
  event: z.string(),
});
/** An error that is only a name, e.g. ORDER_NOT_EXISTS or ORDER_ALREADY_CLOSED. */
export const CurrentNamedError = ErrorPayload.pick({ error: true }).extend({
  /** The failed request's event. */
  event: z.string(),
});
/** `error` payload: coded or named. */
export const CurrentErrorPayload = z.union([CurrentCodedError, CurrentNamedError]);
export type CurrentErrorPayload = z.infer<typeof CurrentErrorPayload>;

/** An `error` reply. */
export const CurrentErrorMessage = errorMessageOf(CurrentErrorPayload);
export type CurrentErrorMessage = z.infer<typeof CurrentErrorMessage>;

/** An unsolicited `execution`. */
export const CurrentExecutionMessage = executionMessageOf(CurrentOrderWithFills);
export type CurrentExecutionMessage = z.infer<typeof CurrentExecutionMessage>;
