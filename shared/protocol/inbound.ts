/**
 * What a client reads: every revision's spelling of every server message,
 * parsed into one canonical shape (numeric or string login, ISO or epoch or
 * no transactTime, TPI, PARTIAL_FILL, tillTime, free-text reason, note,
 * executions with a `fills` list and no price, errors with a code or only a
 * name). Servers write with the strict schemas of schemas.ts and revisions/.
 */
import { z } from 'zod';
import {
  AnyLogin,
  AnyTimeInForce,
  DepthMessage,
  DepthPayload,
  EpochMs,
  ExecReason,
  Fill,
  Num,
  Order,
  OrderId,
  OrderStatus,
  OrderType,
  QuotePayload,
  RequestId,
  SymbolInfo,
  SymbolName,
  UndepthPayload,
  type RequestEvent,
  executionMessageOf,
} from './schemas';

/** An order as any revision sends it, read into the canonical order. */
export const InboundOrder = Order.extend({
  /** Epoch ms of the last change; ISO read as that instant; absent in some revisions' lists. */
  transactTime: EpochMs.optional(),
  /** Limit price; absent (0) for MARKET/STOP in the current revision. */
  price: Num.default(0),
  /** Any revision's time in force. */
  timeInForce: AnyTimeInForce,
  /** The current revision's lifetime (read as timeInForceDate). */
  tillTime: z.string().optional(),
  /** Account: a string, or the current revision's number. */
  login: AnyLogin.optional(),
  /** Why a closed order closed (current revision), or why this execution happened (ours). */
  reason: ExecReason.optional(),
  /** Free text the client attached (current revision). */
  note: z.string().optional(),
});
/** The canonical order every revision reads into. */
export type CanonicalOrder = z.output<typeof InboundOrder>;

/** `orderstatus` reply payload: the order with its exact fills. */
export const InboundOrderWithFills = InboundOrder.extend({ fills: z.array(Fill) });
export type CanonicalOrderWithFills = z.output<typeof InboundOrderWithFills>;

/** `execution` payload: the order plus whatever tells the fill that caused it. */
export const InboundExecution = InboundOrder.extend({
  /** Price of the fill that caused this execution (ours). */
  lastPrice: Num.optional(),
  /** Quantity of the fill that caused this execution (ours). */
  lastQty: Num.optional(),
  /** Per-connection sequence number (ours). */
  seq: z.number().int().nonnegative().optional(),
  /** Trade id of the fill that caused this execution (ours). */
  tradeId: z.number().int().optional(),
  /** Every fill so far (current revision): new ones are found by difference. */
  fills: z.array(Fill).optional(),
});
export type CanonicalExecution = z.output<typeof InboundExecution>;

/** An error payload of any revision: a code and a message, or only a name; maybe the event. */
export const InboundErrorPayload = z.object({
  /** Numeric code (absent when the server sends only a name). */
  code: z.number().int().optional(),
  /** A sentence, or a name such as ORDER_NOT_EXISTS. */
  error: z.string(),
  /** The failed request's event (current revision). */
  event: z.string().optional(),
});
export type InboundErrorPayload = z.infer<typeof InboundErrorPayload>;

const reply = <E extends string, P extends z.ZodType>(event: E, payload: P) =>
  z.object({ event: z.literal(event), requestId: RequestId, payload });
/** A reply whose payload, when any, the client does not need (modify and cancel). */
const bareReply = <E extends string>(event: E) =>
  z.object({ event: z.literal(event), requestId: RequestId, payload: z.unknown().optional() });

/** How a client reads the reply to each request, in any revision. */
export const InboundReplies = {
  newordersingle: reply(
    'newordersingle',
    z.object({
      orderId: OrderId,
      status: OrderStatus,
      clientOrderId: z.string().optional(),
    }),
  ),
  modifyordersingle: bareReply('modifyordersingle'),
  neworderoco: reply(
    'neworderoco',
    z.array(
      z.object({
        orderId: OrderId,
        clientOrderId: z.string(),
        status: OrderStatus,
        type: OrderType,
      }),
    ),
  ),
  orders: reply('orders', z.array(InboundOrder)),
  orderstatus: reply('orderstatus', InboundOrderWithFills),
  ordercancel: bareReply('ordercancel'),
  symbols: reply('symbols', z.array(SymbolInfo)),
  subscribe: reply('subscribe', z.object({ symbols: z.array(SymbolName) })),
  unsubscribe: reply('unsubscribe', z.object({ symbols: z.array(SymbolName) })),
  depth: reply('depth', DepthPayload),
  undepth: reply('undepth', UndepthPayload),
} as const satisfies Record<RequestEvent, z.ZodType>;
/** The canonical payload of the reply to `E`. */
export type InboundReplyPayload<E extends RequestEvent> = z.output<
  (typeof InboundReplies)[E]
>['payload'];

/** Unsolicited `execution`, any revision. */
export const InboundExecutionMessage = executionMessageOf(InboundExecution);
/** Unsolicited `depth` snapshot (ours). */
export const InboundDepthMessage = DepthMessage;
/** Unsolicited `quote` (ours). */
export const InboundQuoteMessage = z.object({ event: z.literal('quote'), payload: QuotePayload });
/** `error`, any revision; requestId is null (or absent) when the request could not be read. */
export const InboundErrorMessage = z.object({
  event: z.literal('error'),
  requestId: RequestId.nullish().transform((v) => v ?? null),
  payload: InboundErrorPayload,
});
