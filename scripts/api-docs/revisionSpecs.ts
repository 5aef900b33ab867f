/**
 * The order socket's protocol revisions as the AsyncAPI document lists them:
 * per revision, each request event's request and success-reply frames, its
 * error frame and its unsolicited frames, all zod schemas of shared/protocol
 * (first/current frames wrap that revision's payload schemas).
 */
import { z } from 'zod';
import * as revisions from '../../shared/protocol/revisions';
import * as extended from '../../shared/protocol/schemas';

/** One revision of the order socket: its request/reply pairs, its error and its unsolicited messages. */
export interface RevisionSpec {
  /** extended, first or current. */
  key: string;
  /** Short title. */
  title: string;
  /** What sets it apart. */
  description: string;
  /** Per request event: the request frame and the success reply frame. */
  exchanges: Record<string, readonly [request: z.ZodType, reply: z.ZodType]>;
  /** The error reply frame. */
  error: z.ZodType;
  /** Unsolicited frames by event (execution, quote). */
  unsolicited: Record<string, z.ZodType>;
}

/** `{event, requestId, payload}` around a payload schema (a request or a reply). */
export function frame(event: string, payload: z.ZodType) {
  return z.object({ event: z.literal(event), requestId: extended.RequestId, payload });
}

/** `{event, requestId}` with no payload (a bare acknowledgement, or `orders` of the first revision). */
export function bareFrame(event: string) {
  return z.object({ event: z.literal(event), requestId: extended.RequestId });
}

/** The extended revision (the mock's default): the repository's own frames, extensions included. */
const EXTENDED: RevisionSpec = {
  key: 'extended',
  title: 'extended (the mock exchange by default)',
  description:
    'The first public revision plus every rule and extension of the repository’s protocol notes: symbols, subscribe/unsubscribe and quotes, depth/undepth and depth snapshots, fromTime, lookups by clientOrderId, seq/lastPrice/lastQty/reason on executions, and the numbered error table.',
  exchanges: {
    newordersingle: [extended.NewOrderSingleRequest, extended.NewOrderSingleReply],
    modifyordersingle: [extended.ModifyOrderRequest, extended.ModifyOrderReply],
    neworderoco: [extended.NewOrderOcoRequest, extended.NewOrderOcoReply],
    orders: [extended.OrdersRequest, extended.OrdersReply],
    orderstatus: [extended.OrderStatusRequest, extended.OrderStatusReply],
    ordercancel: [extended.OrderCancelRequest, extended.OrderCancelReply],
    symbols: [extended.SymbolsRequest, extended.SymbolsReply],
    subscribe: [extended.SubscribeRequest, extended.SubscribeReply],
    unsubscribe: [extended.UnsubscribeRequest, extended.UnsubscribeReply],
    depth: [extended.DepthRequest, extended.DepthReply],
    undepth: [extended.UndepthRequest, extended.UndepthReply],
  } satisfies Record<extended.RequestEvent, readonly [z.ZodType, z.ZodType]>,
  error: extended.ErrorMessage,
  unsolicited: {
    execution: extended.ExecutionMessage,
    quote: extended.QuoteMessage,
    // Its event is `depth` too; named apart from the request of the same event.
    depthSnapshot: extended.DepthMessage,
  },
};

/** The first public revision (acttrader/swagger README.md of January 2022) and nothing more. */
const FIRST: RevisionSpec = {
  key: 'first',
  title: 'first (the first public revision only)',
  description:
    'The source document only: no extension events, no fromTime, no lookups by clientOrderId, no execution extensions; error codes are the server’s own.',
  exchanges: {
    newordersingle: [
      frame('newordersingle', revisions.FirstNewOrderSinglePayload),
      frame('newordersingle', revisions.FirstPlaced),
    ],
    modifyordersingle: [
      frame('modifyordersingle', revisions.FirstModifyOrderPayload),
      bareFrame('modifyordersingle'),
    ],
    neworderoco: [
      frame('neworderoco', revisions.FirstNewOrderOcoPayload),
      frame('neworderoco', revisions.FirstOcoLegReply.array()),
    ],
    orders: [bareFrame('orders'), frame('orders', revisions.FirstOrder.array())],
    orderstatus: [
      frame('orderstatus', revisions.FirstOrderRef),
      frame('orderstatus', revisions.FirstOrderWithFills),
    ],
    ordercancel: [frame('ordercancel', revisions.FirstOrderRef), bareFrame('ordercancel')],
  } satisfies Record<revisions.FirstEvent, readonly [z.ZodType, z.ZodType]>,
  error: revisions.FirstErrorMessage,
  unsolicited: { execution: revisions.FirstExecutionMessage },
};

/** The operator's current revision (acttrader/swagger pages/clearing-service.md). */
const CURRENT: RevisionSpec = {
  key: 'current',
  title: 'current (the operator’s newest public revision)',
  description:
    'Numeric logins, tillTime, TIF AON/FOK/IOC/TPI, PARTIAL_FILL, reason and note, richer replies, ISO times, fills on executions, modify by clientOrderId with clientOrderIdValue, orders from an ISO fromTime, and errors that name the request event (a numeric code, or only a name such as ORDER_NOT_EXISTS).',
  exchanges: {
    newordersingle: [
      frame('newordersingle', revisions.CurrentNewOrderSinglePayload),
      frame('newordersingle', revisions.CurrentPlaced),
    ],
    modifyordersingle: [
      frame('modifyordersingle', revisions.CurrentModifyOrderPayload),
      frame('modifyordersingle', revisions.CurrentModified),
    ],
    neworderoco: [
      frame('neworderoco', revisions.CurrentNewOrderOcoPayload),
      frame('neworderoco', revisions.CurrentPlaced.array()),
    ],
    orders: [
      frame('orders', revisions.CurrentOrdersPayload),
      frame('orders', revisions.CurrentOrder.array()),
    ],
    orderstatus: [
      frame('orderstatus', revisions.CurrentOrderStatusPayload),
      frame('orderstatus', revisions.CurrentOrderWithFills),
    ],
    ordercancel: [
      frame('ordercancel', revisions.CurrentOrderCancelPayload),
      frame('ordercancel', revisions.CurrentCanceled),
    ],
  } satisfies Record<revisions.CurrentEvent, readonly [z.ZodType, z.ZodType]>,
  error: revisions.CurrentErrorMessage,
  unsolicited: { execution: revisions.CurrentExecutionMessage },
};

/** Every revision the document describes, in order. */
export const ORDER_SOCKET_REVISIONS: readonly RevisionSpec[] = [EXTENDED, FIRST, CURRENT];
