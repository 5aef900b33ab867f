/** Handlers of the order commands: place, OCO, modify, cancel, cancel all, detail. */
import type { CommandOutput, IpcResult, PlacedOrder } from '../../shared/ipc';
import type { SessionError } from '../session';
import type { CoreContext, ParsedInput } from './context';
import { failure, fromSessionError, invalidInput, notConnected, success } from './errors';
import { toFillRow } from './liveState';

/** A rejected order also becomes a notification. */
function rejected<T>(ctx: CoreContext, what: string, error: SessionError): IpcResult<T> {
  if (error.kind === 'exchange') ctx.notify('reject', `${what} rejected: ${error.message}`, null);
  return fromSessionError(error);
}

/** placeOrder: PlaceOrderInput -> newordersingle. */
export async function placeOrder(
  ctx: CoreContext,
  input: ParsedInput<'placeOrder'>,
): Promise<IpcResult<CommandOutput<'placeOrder'>>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const login = input.login ?? ctx.connection.orderLogin;
  const result = await session.placeOrder({
    symbol: input.symbol,
    side: input.side,
    type: input.type,
    quantity: input.quantity,
    ...(input.price !== undefined && { price: input.price }),
    ...(input.stopPrice !== undefined && { stopPrice: input.stopPrice }),
    timeInForce: input.timeInForce,
    ...(input.timeInForceDate !== undefined && { timeInForceDate: input.timeInForceDate }),
    ...(login !== undefined && { login }),
  });
  if (!result.ok)
    return rejected(ctx, `${input.side} ${input.quantity} ${input.symbol}`, result.error);
  return success(result.value);
}

/** placeOco: a LIMIT leg and a STOP / STOP_LIMIT leg -> neworderoco. */
export async function placeOco(
  ctx: CoreContext,
  input: ParsedInput<'placeOco'>,
): Promise<IpcResult<CommandOutput<'placeOco'>>> {
  if (input.stopType === 'STOP_LIMIT' && input.stopLimitPrice === undefined) {
    return invalidInput('stopLimitPrice', 'required for a STOP_LIMIT leg');
  }
  if (input.timeInForce === 'GTT' && input.lifeTime === undefined) {
    return invalidInput('lifeTime', 'required for GTT');
  }
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const login = input.login ?? ctx.connection.orderLogin;
  const stopLeg =
    input.stopType === 'STOP_LIMIT'
      ? { type: 'STOP_LIMIT' as const, stopPrice: input.stopPrice, price: input.stopLimitPrice }
      : { type: 'STOP' as const, stopPrice: input.stopPrice };
  const result = await session.placeOco({
    symbol: input.symbol,
    side: input.side,
    quantity: input.quantity,
    timeInForce: input.timeInForce,
    ...(input.lifeTime !== undefined && { lifeTime: input.lifeTime }),
    ...(login !== undefined && { login }),
    orders: [{ type: 'LIMIT', price: input.limitPrice }, stopLeg],
  });
  if (!result.ok)
    return rejected(ctx, `OCO ${input.side} ${input.quantity} ${input.symbol}`, result.error);
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
  const clientOrderId = ctx.live().store.get(input.orderId)?.clientOrderId;
  const result = await session.modifyOrder({ ...input, clientOrderId });
  return result.ok
    ? success(null)
    : rejected(ctx, `Modify of order ${input.orderId}`, result.error);
}

/** cancelOrder -> ordercancel. */
export async function cancelOrder(
  ctx: CoreContext,
  input: ParsedInput<'cancelOrder'>,
): Promise<IpcResult<null>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const clientOrderId = ctx.live().store.get(input.orderId)?.clientOrderId;
  const result = await session.cancelOrder({ orderId: input.orderId, clientOrderId });
  return result.ok ? success(null) : fromSessionError(result.error);
}

/** cancelAll: cancels every working order (of a symbol), reporting each failure. */
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
  const store = ctx.live().store;
  const results = await Promise.all(
    targets.map((orderId) =>
      session.cancelOrder({ orderId, clientOrderId: store.get(orderId)?.clientOrderId }),
    ),
  );
  const failed: CommandOutput<'cancelAll'>['failed'] = [];
  results.forEach((result, i) => {
    const orderId = targets[i] ?? 0;
    // Already final means there is nothing left to cancel.
    if (
      !result.ok &&
      !(result.error.kind === 'exchange' && result.error.meaning === 'order_final')
    ) {
      failed.push({ orderId, message: result.error.message });
    }
  });
  return success({ requested: targets.length, failed });
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
