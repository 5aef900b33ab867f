/** The request vocabulary the session offers its parts (resync, reconciler, core). */
import type { z } from 'zod';
import type { ReplyOf, RequestEvent, RequestPayloads } from '../../shared/protocol';
import type { AnyTimeInForce } from '../../shared/domain';

/** Payload a request of `E` takes (before defaults). */
export type PayloadOf<E extends RequestEvent> = z.input<(typeof RequestPayloads)[E]>;
/** Payload of the reply to `E`. */
export type ReplyPayloadOf<E extends RequestEvent> = ReplyOf<E>['payload'];

/** A new order as the core asks for it (any revision's fields; the dialect writes the wire). */
export type PlaceRequest = Omit<PayloadOf<'newordersingle'>, 'timeInForce'> & {
  timeInForce?: AnyTimeInForce;
  /** Free text kept with the order (revisions that have notes). */
  note?: string;
};
/** One leg of an OCO pair as the core asks for it. */
export type OcoLegRequest = PayloadOf<'neworderoco'>['orders'][number] & { note?: string };
/** An OCO pair as the core asks for it. */
export type OcoRequest = Omit<PayloadOf<'neworderoco'>, 'timeInForce' | 'orders'> & {
  timeInForce?: AnyTimeInForce;
  orders: [OcoLegRequest, OcoLegRequest];
};
/** A change to a working order: named by orderId, with its clientOrderId where known. */
export interface ModifyRequest {
  orderId: number;
  clientOrderId?: string;
  price?: number;
  stopPrice?: number;
  quantity?: number;
  note?: string;
}
/** A cancel: named by orderId, with its clientOrderId where known. */
export interface CancelRequest {
  orderId: number;
  clientOrderId?: string;
  note?: string;
}
/** Which order a lookup asks for. */
export type OrderRef = { orderId: number } | { clientOrderId: string };
