/**
 * How the `current` revision names and claims orders: by orderId, or by the
 * clientOrderId the client sees (the ledger's, else the engine's), scoped to
 * the session's logins. Lookups run through the canonical routes.
 */
import {
  ClientOrderId,
  ErrorCode,
  fail,
  ok,
  type OrderOut,
  type Result,
} from '../../../shared/protocol';
import type { Engine } from '../../engine/api';
import type { RevisionRequest } from './codec';
import type { CurrentExtras } from './currentShapes';
import type { CurrentLedger } from './ledger';

/** A canonical order with its fills, as the orderstatus route answers. */
export type OrderWithFills = OrderOut & { fills: Array<{ price: number; qty: number }> };

/** How a new clientOrderId is stored: in the engine when it can hold it, else in the ledger. */
export interface ClaimedCid {
  engineCid?: string;
  ledgerCid?: string;
}

const isWorking = (status: OrderOut['status']): boolean =>
  status === 'NEW' || status === 'PARTIALLY_FILLED' || status === 'PARTIAL_FILL';

/** The current revision's order lookups over the engine and the ledger. */
export class CurrentOrders {
  constructor(
    private readonly engine: Engine,
    readonly ledger: CurrentLedger,
  ) {}

  /** The clientOrderId the client sees for a canonical order. */
  cidOf(order: { orderId: number; clientOrderId: string }): string {
    return this.ledger.cidOf(order.orderId) ?? order.clientOrderId;
  }

  /** The revision's extras of a canonical order (client-visible cid, lifetime, closing reason). */
  extrasOf(order: { orderId: number; clientOrderId: string }): CurrentExtras {
    return {
      cid: this.cidOf(order),
      tillTime: this.ledger.tillTimeOf(order.orderId),
      reason: this.ledger.reasonOf(order.orderId),
    };
  }

  /** The order of `logins` the client knows as `cid`, if any. */
  resolveCid(logins: readonly string[], cid: string): number | undefined {
    for (const login of logins) {
      const orderId = this.ledger.orderByCid(login, cid);
      if (orderId !== undefined) return orderId;
    }
    const found = this.engine.orderStatus(logins, { clientOrderId: cid });
    if (!found.ok) return undefined;
    // An order renamed since answers only to its new clientOrderId.
    return this.cidOf(found.value) === cid ? found.value.orderId : undefined;
  }

  /** One order of the session named by orderId or clientOrderId, with its fills. */
  find(
    request: RevisionRequest,
    ref: { orderId?: number; clientOrderId?: string },
  ): Result<OrderWithFills> {
    const orderId =
      ref.orderId ??
      (ref.clientOrderId === undefined
        ? undefined
        : this.resolveCid(request.session.logins, ref.clientOrderId));
    if (orderId === undefined) {
      return fail(ErrorCode.UNKNOWN_ORDER, `Unknown order ${ref.clientOrderId ?? ''}.`);
    }
    const found = request.run('orderstatus', { orderId });
    return found.ok ? ok(found.value.payload as OrderWithFills) : found;
  }

  /**
   * Checks a clientOrderId a new (or renamed) order of `login` wants: a working
   * order already known by it is 2002. Engine-shaped ids go to the engine (they
   * survive a restart with --data); free text and ids the engine still uses
   * for a renamed order stay in the ledger.
   */
  claim(login: string, cid: string | undefined, forRename = false): Result<ClaimedCid> {
    if (cid === undefined) return ok({});
    const holder = this.resolveCid([login], cid);
    if (holder !== undefined) {
      const held = this.engine.orderStatus([login], { orderId: holder });
      if (held.ok && isWorking(held.value.status)) {
        return fail(
          ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
          `clientOrderId ${cid} is already used by working order ${holder}.`,
        );
      }
    }
    if (forRename || !ClientOrderId.safeParse(cid).success) return ok({ ledgerCid: cid });
    const engineHolder = this.engine.orderStatus([login], { clientOrderId: cid });
    const engineBusy = engineHolder.ok && isWorking(engineHolder.value.status);
    return engineBusy ? ok({ ledgerCid: cid }) : ok({ engineCid: cid });
  }

  /** Canonical fills of an order (for completing an execution). */
  fillsOf(login: string, orderId: number): Array<{ price: number; qty: number }> {
    const found = this.engine.orderStatus([login], { orderId });
    return found.ok ? found.value.fills : [];
  }
}

/** True for NEW and PARTIALLY_FILLED (either spelling). */
export { isWorking };
