/** Handlers of the order commands: place, OCO, modify, cancel, cancel all, detail. */
import type { CommandOutput, IpcResult, PlacedOrder } from '../../shared/ipc';
import type { SessionError } from '../session';
import type { CoreContext, ParsedInput } from './context';
import { failure, fromSessionError, invalidInput, notConnected, success } from './errors';
import type { RejectedRequest } from './localRejects';
import { toFillRow } from './liveState';
import { cancelPaced } from './pacedCancels';
import { limitExceeded } from './limitErrors';

/** A refused modify also becomes a notification. */
function rejected<T>(ctx: CoreContext, what: string, error: SessionError): IpcResult<T> {
  if (error.kind === 'exchange') ctx.notify('reject', `${what} rejected: ${error.message}`, null);
  return fromSessionError(error);
}

/**
 * A new order the exchange refused with an error reply: kept as a REJECTED row
 * (and announced once, by the live state) unless an execution already told of it.
 */
function orderRejected<T>(
  ctx: CoreContext,
  requests: readonly RejectedRequest[],
  error: SessionError,
): IpcResult<T> {
  if (error.kind !== 'exchange') return fromSessionError(error);
  const live = ctx.live();
  for (const request of requests) {
    if (!live.store.byClientOrderId(request.clientOrderId))
      live.recordRejected(request, error.message);
  }
  return fromSessionError(error);
}

/** placeOrder: PlaceOrderInput -> newordersingle. */
export async function placeOrder(
  ctx: CoreContext,
  { override, ...input }: ParsedInput<'placeOrder'>,
  /** The clientOrderId to send under (a bracket's entry); absent: a fresh one. */
  assignedClientOrderId?: string,
): Promise<IpcResult<CommandOutput<'placeOrder'>>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const breach = override ? null : ctx.tools.breach(input);
  if (breach) return limitExceeded(breach);
  const offered = session.serverDialect.timesInForce(input.type);
  if (input.timeInForce !== undefined && !offered.includes(input.timeInForce)) {
    return invalidInput(
      'timeInForce',
      `${input.timeInForce} is not offered by this exchange for ${input.type} orders (${offered.join(', ')})`,
    );
  }
  const login = input.login ?? ctx.connection.orderLogin;
  // Assigned here so a refused order's row carries the id the exchange saw.
  const clientOrderId = assignedClientOrderId ?? session.nextClientOrderId();
  const result = await session.placeOrder({
    ...input,
    clientOrderId,
    ...(login !== undefined && { login }),
  });
  if (!result.ok)
    return orderRejected(
      ctx,
      [
        {
          clientOrderId,
          login: login ?? ctx.live().defaultLogin,
          symbol: input.symbol,
          side: input.side,
          type: input.type,
          // The exchange's default when the ticket sent none.
          timeInForce: input.timeInForce ?? 'GTC',
          quantity: input.quantity,
          price: input.price,
          stopPrice: input.stopPrice,
        },
      ],
      result.error,
    );
  return success(result.value);
}

/** placeOco: a LIMIT leg and a STOP / STOP_LIMIT leg -> neworderoco. */
export async function placeOco(
  ctx: CoreContext,
  { override, ...input }: ParsedInput<'placeOco'>,
): Promise<IpcResult<CommandOutput<'placeOco'>>> {
  for (const price of override ? [] : [input.limitPrice, input.stopPrice]) {
    const breach = ctx.tools.breach({ symbol: input.symbol, quantity: input.quantity, price });
    if (breach)
      return limitExceeded(
        breach.field === 'price' && price === input.stopPrice
          ? { ...breach, field: 'stopPrice' }
          : breach,
      );
  }
  if (input.stopType === 'STOP_LIMIT' && input.stopLimitPrice === undefined) {
    return invalidInput('stopLimitPrice', 'required for a STOP_LIMIT leg');
  }
  if (input.timeInForce === 'GTT' && input.lifeTime === undefined) {
    return invalidInput('lifeTime', 'required for GTT');
  }
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const login = input.login ?? ctx.connection.orderLogin;
  const limitId = session.nextClientOrderId();
  const stopId = session.nextClientOrderId();
  const stopLeg =
    input.stopType === 'STOP_LIMIT'
      ? {
          type: 'STOP_LIMIT' as const,
          stopPrice: input.stopPrice,
          price: input.stopLimitPrice,
          clientOrderId: stopId,
        }
      : { type: 'STOP' as const, stopPrice: input.stopPrice, clientOrderId: stopId };
  const result = await session.placeOco({
    symbol: input.symbol,
    side: input.side,
    quantity: input.quantity,
    timeInForce: input.timeInForce,
    ...(input.lifeTime !== undefined && { lifeTime: input.lifeTime }),
    ...(login !== undefined && { login }),
    orders: [{ type: 'LIMIT', price: input.limitPrice, clientOrderId: limitId }, stopLeg],
  });
  if (!result.ok) {
    const leg = {
      login: login ?? ctx.live().defaultLogin,
      symbol: input.symbol,
      side: input.side,
      timeInForce: input.timeInForce ?? 'GTC',
      quantity: input.quantity,
    };
    return orderRejected(
      ctx,
      [
        { ...leg, clientOrderId: limitId, type: 'LIMIT', price: input.limitPrice },
        {
          ...leg,
          clientOrderId: stopId,
          type: input.stopType,
          stopPrice: input.stopPrice,
          price: input.stopLimitPrice,
        },
      ],
      result.error,
    );
  }
  return success(
    result.value.map((leg): PlacedOrder => ({
      orderId: leg.orderId,
      clientOrderId: leg.clientOrderId,
      status: leg.status,
    })),
  );
}

/** modifyOrder -> modifyordersingle. */
export async function modifyOrder(
  ctx: CoreContext,
  input: ParsedInput<'modifyOrder'>,
): Promise<IpcResult<null>> {
  if (input.price === undefined && input.stopPrice === undefined && input.quantity === undefined) {
    return invalidInput('price', 'price, stopPrice or quantity is required');
  }
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const live = ctx.live();
  const clientOrderId = live.store.get(input.orderId)?.clientOrderId;
  live.expectUserAction(input.orderId, 'modify');
  const result = await session.modifyOrder({ ...input, clientOrderId });
  if (result.ok) return success(null);
  live.forgetUserAction(input.orderId);
  return rejected(ctx, `Modify of order ${input.orderId}`, result.error);
}

/** cancelOrder -> ordercancel. */
export async function cancelOrder(
  ctx: CoreContext,
  input: ParsedInput<'cancelOrder'>,
): Promise<IpcResult<null>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const live = ctx.live();
  const clientOrderId = live.store.get(input.orderId)?.clientOrderId;
  live.expectUserAction(input.orderId, 'cancel');
  const result = await session.cancelOrder({ orderId: input.orderId, clientOrderId });
  if (result.ok) return success(null);
  live.forgetUserAction(input.orderId);
  return fromSessionError(result.error);
}

/**
 * cancelAll: cancels every working order (of a symbol) of the connected profile,
 * paced under the exchange's rate limit, reporting the true outcome.
 */
export async function cancelAll(
  ctx: CoreContext,
  input: ParsedInput<'cancelAll'>,
): Promise<IpcResult<CommandOutput<'cancelAll'>>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const targets: number[] = [];
  const covered = new Set<number>();
  for (const row of ctx.live().workingOrders()) {
    if (input?.symbol !== undefined && row.symbol !== input.symbol) continue;
    // Cancelling one OCO leg cancels its sibling.
    if (covered.has(row.orderId)) continue;
    targets.push(row.orderId);
    if (row.ocoOrderId !== null) covered.add(row.ocoOrderId);
  }
  const live = ctx.live();
  for (const orderId of targets) live.expectUserAction(orderId, 'cancel');
  const outcome = await cancelPaced(targets, async (orderId) => {
    const result = await session.cancelOrder({
      orderId,
      clientOrderId: live.store.get(orderId)?.clientOrderId,
    });
    if (!result.ok) live.forgetUserAction(orderId);
    return result;
  });
  return success(outcome);
}

/** orderDetail: `orderstatus` when connected, else the local copy and the database. */
export async function orderDetail(
  ctx: CoreContext,
  input: ParsedInput<'orderDetail'>,
): Promise<IpcResult<CommandOutput<'orderDetail'>>> {
  const live = ctx.live();
  const session = ctx.connection.session;
  if (session?.connected) {
    const result = await session.orderStatus({ orderId: input.orderId });
    if (
      !result.ok &&
      result.error.kind === 'exchange' &&
      result.error.meaning !== 'unknown_order'
    ) {
      return fromSessionError(result.error);
    }
  }
  const order = live.store.get(input.orderId) ?? ctx.db.order(live.profileId, input.orderId);
  if (!order) return failure({ code: 'NOT_FOUND', message: `No order ${input.orderId}` });
  const held = live.store.fillsOf(input.orderId);
  const fills = held.length > 0 ? held : ctx.db.fillsOfOrder(live.profileId, input.orderId);
  return success({ order, fills: fills.map(toFillRow) });
}
