/**
 * The wire protocol of docs/protocol.md: one zod schema per message, types
 * inferred from them. Inbound order objects are parsed leniently (the later
 * revision's spellings) and come out canonical.
 */
import { z } from 'zod';
import {
  ANY_TIME_IN_FORCE,
  EXEC_REASONS,
  ORDER_STATUSES,
  ORDER_TYPES,
  SIDES,
  TIME_IN_FORCE,
} from '../domain/enums';

// ---------------------------------------------------------------- primitives

/** A string requestId: 1-64 printable ASCII characters (the hot path tests it without zod). */
export const REQUEST_ID_PATTERN = /^[\x20-\x7e]{1,64}$/;
/** requestId: 1-64 printable ASCII chars, or a number echoed as sent. */
export const RequestId = z.union([
  z.string().regex(REQUEST_ID_PATTERN, 'requestId must be 1-64 printable characters'),
  z.number().finite(),
]);
export type RequestId = z.infer<typeof RequestId>;

/** BUY or SELL. */
export const Side = z.enum(SIDES);
/** MARKET, LIMIT, STOP or STOP_LIMIT. */
export const OrderType = z.enum(ORDER_TYPES);
/** GTC, GTT, IOC, FOK, AON or DAY. */
export const TimeInForce = z.enum(TIME_IN_FORCE);
/** Any revision's time in force (the current one adds TPI), as orders report it. */
export const AnyTimeInForce = z.enum(ANY_TIME_IN_FORCE);
/** Canonical status only (what the app itself writes, e.g. over IPC). */
export const CanonicalOrderStatus = z.enum(ORDER_STATUSES);
/** Canonical status; the later revision's PARTIAL_FILL is read as PARTIALLY_FILLED. */
export const OrderStatus = z.preprocess(
  (v) => (v === 'PARTIAL_FILL' ? 'PARTIALLY_FILLED' : v),
  CanonicalOrderStatus,
);
/** Why an execution happened. Unknown reasons from other servers are kept as strings. */
export const ExecReason = z.union([z.enum(EXEC_REASONS), z.string()]);

/** A finite JSON number. */
export const Num = z.number().finite();
/** A strictly positive finite number. */
export const PositiveNum = Num.positive();
/** clientOrderId: 1-36 chars of [A-Za-z0-9_-]. */
export const ClientOrderId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,36}$/, 'clientOrderId must be 1-36 characters of A-Z a-z 0-9 _ -');
/** orderId: a positive integer. */
export const OrderId = z.number().int().positive();
/** ISO-8601 instant (e.g. 2022-03-19T07:22:00.000Z). */
export const IsoTime = z.iso.datetime({ offset: true });
/** Epoch milliseconds; an ISO string (later revision) is read as that instant. */
export const EpochMs = z.union([
  z.number().finite(),
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid time')
    .transform((s) => Date.parse(s)),
]);
/** Account identifier. */
export const Login = z.string().min(1).max(64);
/** An account as any revision reports it (the current one sends a number), read as a string. */
export const AnyLogin = z.union([Login, z.number().int().nonnegative().transform(String)]);
/** Instrument symbol. */
export const SymbolName = z.string().min(1).max(32);

// ---------------------------------------------------------------- requests

/** `newordersingle` payload. */
export const NewOrderSinglePayload = z.object({
  /** Instrument, e.g. EURUSD. */
  symbol: SymbolName,
  /** BUY or SELL. */
  side: Side,
  /** Order type. */
  type: OrderType,
  /** Limit price (LIMIT, STOP_LIMIT); forbidden for MARKET. */
  price: PositiveNum.optional(),
  /** Trigger price (STOP, STOP_LIMIT). */
  stopPrice: PositiveNum.optional(),
  /** Quantity in instrument units. */
  quantity: PositiveNum,
  /** Client's own id; the server makes one when absent. */
  clientOrderId: ClientOrderId.optional(),
  /** Defaults to GTC. */
  timeInForce: TimeInForce.optional(),
  /** Expiry instant for GTT. */
  timeInForceDate: IsoTime.optional(),
  /** Account; defaults to the session's only (first) login. */
  login: Login.optional(),
});
export type NewOrderSinglePayload = z.infer<typeof NewOrderSinglePayload>;

/** Reference to one order: by orderId or by clientOrderId. */
export const OrderRef = z
  .object({
    /** Exchange order id. */
    orderId: OrderId.optional(),
    /** Client order id (a later revision of the source protocol). */
    clientOrderId: ClientOrderId.optional(),
    /** Account of a clientOrderId lookup; defaults to the session's logins. */
    login: Login.optional(),
  })
  .refine((r) => r.orderId !== undefined || r.clientOrderId !== undefined, {
    message: 'orderId or clientOrderId is required',
    path: ['orderId'],
  });
export type OrderRef = z.infer<typeof OrderRef>;

/** `modifyordersingle` payload: new price, stopPrice and/or total quantity. */
export const ModifyOrderPayload = z
  .object({
    orderId: OrderId.optional(),
    clientOrderId: ClientOrderId.optional(),
    login: Login.optional(),
    /** New limit price. */
    price: PositiveNum.optional(),
    /** New stop price. */
    stopPrice: PositiveNum.optional(),
    /** New total quantity (greater than executedQty). */
    quantity: PositiveNum.optional(),
  })
  .refine((r) => r.orderId !== undefined || r.clientOrderId !== undefined, {
    message: 'orderId or clientOrderId is required',
    path: ['orderId'],
  })
  .refine((r) => r.price !== undefined || r.stopPrice !== undefined || r.quantity !== undefined, {
    message: 'price, stopPrice or quantity is required',
    path: ['price'],
  });
export type ModifyOrderPayload = z.infer<typeof ModifyOrderPayload>;

/** One leg of an OCO pair. */
export const OcoLeg = z.object({
  /** LIMIT for one leg, STOP or STOP_LIMIT for the other. */
  type: OrderType,
  price: PositiveNum.optional(),
  stopPrice: PositiveNum.optional(),
  clientOrderId: ClientOrderId.optional(),
});
export type OcoLeg = z.infer<typeof OcoLeg>;

/** `neworderoco` payload. */
export const NewOrderOcoPayload = z.object({
  login: Login.optional(),
  /** Expiry of both legs (like GTT). */
  lifeTime: IsoTime.optional(),
  symbol: SymbolName,
  side: Side,
  /** Applies to both legs. */
  timeInForce: TimeInForce.optional(),
  quantity: PositiveNum,
  /** Exactly two legs. */
  orders: z.tuple([OcoLeg, OcoLeg]),
});
export type NewOrderOcoPayload = z.infer<typeof NewOrderOcoPayload>;

/** `orders` payload (optional): fromTime returns every order changed since. */
export const OrdersPayload = z
  .object({
    /** Epoch ms; with it, orders in any state changed at or after this time. */
    fromTime: z.number().finite().nonnegative().optional(),
    login: Login.optional(),
  })
  .optional();
export type OrdersPayload = z.infer<typeof OrdersPayload>;

/** `subscribe` / `unsubscribe` payload. */
export const SubscribePayload = z.object({ symbols: z.array(SymbolName).min(1).max(100) });
export type SubscribePayload = z.infer<typeof SubscribePayload>;

/** Most depth levels a side a `depth` request may ask for. */
export const MAX_DEPTH_LEVELS = 50;
/** `depth` payload (extension): a symbol and how many levels a side. */
export const DepthPayload = z.object({
  symbol: SymbolName,
  levels: z.number().int().min(1).max(MAX_DEPTH_LEVELS),
});
export type DepthPayload = z.infer<typeof DepthPayload>;
/** `undepth` payload (extension). */
export const UndepthPayload = z.object({ symbol: SymbolName });

const req = <E extends string, P extends z.ZodType>(event: E, payload: P) =>
  z.object({ event: z.literal(event), requestId: RequestId, payload });

/** Every request, keyed by event: the server parses `payload` with these. */
export const RequestPayloads = {
  newordersingle: NewOrderSinglePayload,
  modifyordersingle: ModifyOrderPayload,
  neworderoco: NewOrderOcoPayload,
  orders: OrdersPayload,
  orderstatus: OrderRef,
  ordercancel: OrderRef,
  symbols: z.unknown().optional(),
  subscribe: SubscribePayload,
  unsubscribe: SubscribePayload,
  depth: DepthPayload,
  undepth: UndepthPayload,
} as const;
export type RequestEvent = keyof typeof RequestPayloads;
/** Events of the source document (every server has them). */
export const CORE_EVENTS = [
  'newordersingle',
  'modifyordersingle',
  'neworderoco',
  'orders',
  'orderstatus',
  'ordercancel',
] as const satisfies readonly RequestEvent[];
/** Extension events (a server answering 1001 does not support them). */
export const EXTENSION_EVENTS = [
  'symbols',
  'subscribe',
  'unsubscribe',
  'depth',
  'undepth',
] as const satisfies readonly RequestEvent[];

export const NewOrderSingleRequest = req('newordersingle', NewOrderSinglePayload);
export const ModifyOrderRequest = req('modifyordersingle', ModifyOrderPayload);
export const NewOrderOcoRequest = req('neworderoco', NewOrderOcoPayload);
export const OrdersRequest = z.object({
  event: z.literal('orders'),
  requestId: RequestId,
  payload: OrdersPayload,
});
export const OrderStatusRequest = req('orderstatus', OrderRef);
export const OrderCancelRequest = req('ordercancel', OrderRef);
export const SymbolsRequest = z.object({ event: z.literal('symbols'), requestId: RequestId });
export const SubscribeRequest = req('subscribe', SubscribePayload);
export const UnsubscribeRequest = req('unsubscribe', SubscribePayload);
export const DepthRequest = req('depth', DepthPayload);
export const UndepthRequest = req('undepth', UndepthPayload);

/** Any request (discriminated by event). */
export const Request = z.discriminatedUnion('event', [
  NewOrderSingleRequest,
  ModifyOrderRequest,
  NewOrderOcoRequest,
  OrdersRequest,
  OrderStatusRequest,
  OrderCancelRequest,
  SymbolsRequest,
  SubscribeRequest,
  UnsubscribeRequest,
  DepthRequest,
  UndepthRequest,
]);
export type Request = z.infer<typeof Request>;

/** The envelope every request shares, checked before the payload. */
export const RequestEnvelope = z.object({
  event: z.string(),
  requestId: RequestId,
  payload: z.unknown().optional(),
});

// ---------------------------------------------------------------- order object

/** The order object of the source document (as sent by `orders`, `orderstatus`, `execution`). */
export const Order = z.object({
  symbol: SymbolName,
  type: OrderType,
  orderId: OrderId,
  clientOrderId: z.string(),
  /** Epoch ms of the order's last change. */
  transactTime: EpochMs,
  /** Limit price; 0 for MARKET and STOP. */
  price: Num,
  /** Trigger price of STOP and STOP_LIMIT orders. */
  stopPrice: Num.optional(),
  origQty: Num,
  executedQty: Num,
  /** Sum of fill price x fill quantity (the source document's spelling). */
  cummulativeQuoteQty: Num.optional(),
  status: OrderStatus,
  timeInForce: TimeInForce,
  /** Expiry instant of GTT orders and OCO legs with a lifeTime. */
  timeInForceDate: z.string().optional(),
  side: Side,
  /** Account that owns the order (extension). */
  login: z.string().optional(),
  /** The other leg of an OCO pair (extension). */
  ocoOrderId: OrderId.optional(),
  /** True once a stop order has triggered (extension). */
  triggered: z.boolean().optional(),
});
export type Order = z.infer<typeof Order>;
/** What a server writes (before lenient parsing). */
export type OrderOut = z.input<typeof Order>;

/** One fill of an order. */
export const Fill = z.object({
  price: Num,
  qty: Num,
  tradeId: z.number().int().optional(),
  time: EpochMs.optional(),
});
export type Fill = z.infer<typeof Fill>;

/** `orderstatus` reply payload: the order with its fills. */
export const OrderWithFills = Order.extend({ fills: z.array(Fill) });
export type OrderWithFills = z.infer<typeof OrderWithFills>;

/** `execution` payload: the full order after a change, plus optional extensions. */
export const ExecutionPayload = Order.extend({
  /** Price of the fill that caused this execution. */
  lastPrice: Num.optional(),
  /** Quantity of the fill that caused this execution. */
  lastQty: Num.optional(),
  /** Why this execution happened. */
  reason: ExecReason.optional(),
  /** Per-connection sequence number, +1 per execution. */
  seq: z.number().int().nonnegative().optional(),
  /** Trade id of the fill that caused this execution. */
  tradeId: z.number().int().optional(),
});
export type ExecutionPayload = z.infer<typeof ExecutionPayload>;

/** An instrument's rules (`symbols` extension). */
export const SymbolInfo = z.object({
  symbol: SymbolName,
  tickSize: PositiveNum,
  stepSize: PositiveNum,
  minQty: PositiveNum,
  maxQty: PositiveNum.optional(),
  pricePrecision: z.number().int().nonnegative(),
  qtyPrecision: z.number().int().nonnegative(),
});
export type SymbolInfo = z.infer<typeof SymbolInfo>;

/** A top-of-book quote (`quote` extension). */
export const QuotePayload = z.object({
  symbol: SymbolName,
  bid: Num.nullable(),
  ask: Num.nullable(),
  last: Num.nullable(),
  time: Num,
});
export type QuotePayload = z.infer<typeof QuotePayload>;

/** One depth level: [price, the book's total quantity at that price]. */
export const DepthLevel = z.tuple([Num, Num]);
/** A depth snapshot (`depth` extension): public data only, best first on each side. */
export const DepthSnapshot = z.object({
  symbol: SymbolName,
  bids: z.array(DepthLevel),
  asks: z.array(DepthLevel),
  time: Num,
});
export type DepthSnapshot = z.infer<typeof DepthSnapshot>;

/** Error payload: a code and one sentence. */
export const ErrorPayload = z.object({ code: z.number().int(), error: z.string() });
export type ErrorPayload = z.infer<typeof ErrorPayload>;

// ---------------------------------------------------------------- replies and server messages

const reply = <E extends string, P extends z.ZodType>(event: E, payload: P) =>
  z.object({ event: z.literal(event), requestId: RequestId, payload });
const bareReply = <E extends string>(event: E) =>
  z.object({ event: z.literal(event), requestId: RequestId, payload: z.unknown().optional() });

/** `newordersingle` reply. */
export const NewOrderSingleReply = reply(
  'newordersingle',
  z.object({ orderId: OrderId, status: OrderStatus, clientOrderId: z.string().optional() }),
);
/** The `newordersingle` reply's payload. */
export type NewOrderSingleReplyPayload = z.infer<typeof NewOrderSingleReply>['payload'];
/** `modifyordersingle` reply (no payload). */
export const ModifyOrderReply = bareReply('modifyordersingle');
/** `neworderoco` reply: both legs in request order. */
export const NewOrderOcoReply = reply(
  'neworderoco',
  z.array(
    z.object({ orderId: OrderId, clientOrderId: z.string(), status: OrderStatus, type: OrderType }),
  ),
);
/** The `neworderoco` reply's payload: both legs. */
export type NewOrderOcoReplyPayload = z.infer<typeof NewOrderOcoReply>['payload'];
/** `orders` reply. */
export const OrdersReply = reply('orders', z.array(Order));
/** `orderstatus` reply. */
export const OrderStatusReply = reply('orderstatus', OrderWithFills);
/** `ordercancel` reply (no payload). */
export const OrderCancelReply = bareReply('ordercancel');
/** `symbols` reply. */
export const SymbolsReply = reply('symbols', z.array(SymbolInfo));
/** `subscribe` ack: the symbols now subscribed. */
export const SubscribeReply = reply('subscribe', z.object({ symbols: z.array(SymbolName) }));
/** `unsubscribe` ack. */
export const UnsubscribeReply = reply('unsubscribe', z.object({ symbols: z.array(SymbolName) }));
/** `depth` ack: the symbol and levels now streamed (snapshots follow). */
export const DepthReply = reply('depth', DepthPayload);
/** `undepth` ack. */
export const UndepthReply = reply('undepth', UndepthPayload);
/** An `error` message around one revision's error payload (requestId null when unparsable). */
export const errorMessageOf = <P extends z.ZodType>(payload: P) =>
  z.object({ event: z.literal('error'), requestId: RequestId.nullable(), payload });
/** An unsolicited `execution` around one revision's order shape. */
export const executionMessageOf = <P extends z.ZodType>(payload: P) =>
  z.object({ event: z.literal('execution'), payload });

/** `error` reply; requestId is null when the request could not be parsed. */
export const ErrorMessage = errorMessageOf(ErrorPayload);
export type ErrorMessage = z.infer<typeof ErrorMessage>;
/** Unsolicited `execution`. */
export const ExecutionMessage = executionMessageOf(ExecutionPayload);
export type ExecutionMessage = z.infer<typeof ExecutionMessage>;
/** Unsolicited `quote`. */
export const QuoteMessage = z.object({ event: z.literal('quote'), payload: QuotePayload });
export type QuoteMessage = z.infer<typeof QuoteMessage>;
/** Unsolicited `depth` snapshot (no requestId: that is what tells it from the ack). */
export const DepthMessage = z.object({ event: z.literal('depth'), payload: DepthSnapshot });
export type DepthMessage = z.infer<typeof DepthMessage>;

/** Reply schema per request event (what a client parses a correlated reply with). */
export const ReplySchemas = {
  newordersingle: NewOrderSingleReply,
  modifyordersingle: ModifyOrderReply,
  neworderoco: NewOrderOcoReply,
  orders: OrdersReply,
  orderstatus: OrderStatusReply,
  ordercancel: OrderCancelReply,
  symbols: SymbolsReply,
  subscribe: SubscribeReply,
  unsubscribe: UnsubscribeReply,
  depth: DepthReply,
  undepth: UndepthReply,
} as const satisfies Record<RequestEvent, z.ZodType>;
export type ReplyOf<E extends RequestEvent> = z.infer<(typeof ReplySchemas)[E]>;

/** Any message a server sends (a client parses unsolicited frames with this). */
export const ServerMessage = z.union([
  ExecutionMessage,
  QuoteMessage,
  ErrorMessage,
  NewOrderSingleReply,
  ModifyOrderReply,
  NewOrderOcoReply,
  OrdersReply,
  OrderStatusReply,
  OrderCancelReply,
  SymbolsReply,
  SubscribeReply,
  UnsubscribeReply,
  DepthMessage,
  DepthReply,
  UndepthReply,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Names the first failing field of a zod error, e.g. "payload.price". */
export function describeZodError(
  error: z.ZodError,
  prefix = '',
): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: prefix || 'message', message: 'invalid' };
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return { field: path || 'message', message: issue.message };
}
