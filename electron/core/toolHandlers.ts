/**
 * Handlers of the tools' commands: settings, position actions (close,
 * reverse, flatten), brackets, trailing stops and alerts. The decisions are
 * the pure machines' in electron/tools; these only fetch, send and report.
 */
import { canTrailOrder, formatPrice, toUnits } from '../../shared/domain';
import type { CommandOutput, IpcResult } from '../../shared/ipc';
import type { PositionActionReport } from '../../shared/ipc/tools';
import {
  emptyReport,
  ordersToCancel,
  positionOrders,
  type ActionOrder,
  type ActionScope,
  type PositionAction,
} from '../tools/positionActions';
import type { CoreContext, ParsedInput } from './context';
import { failure, fromSessionError, notConnected, success } from './errors';
import { limitExceeded } from './limitErrors';
import { placeOrder } from './orderHandlers';
import { cancelPaced } from './pacedCancels';

/** getTools. */
export function getTools(ctx: CoreContext): IpcResult<CommandOutput<'getTools'>> {
  return success(ctx.tools.state());
}

/** saveToolSettings. */
export function saveToolSettings(
  ctx: CoreContext,
  input: ParsedInput<'saveToolSettings'>,
): IpcResult<CommandOutput<'saveToolSettings'>> {
  return success(ctx.tools.saveSettings(input));
}

/** Cancels the orders, paced, and adds the outcome to the report. */
async function cancelFirst(
  ctx: CoreContext,
  orderIds: readonly number[],
  report: PositionActionReport,
): Promise<void> {
  const session = ctx.connection.session;
  if (!session || orderIds.length === 0) return;
  const live = ctx.live();
  for (const orderId of orderIds) live.expectUserAction(orderId, 'cancel');
  const outcome = await cancelPaced([...new Set(orderIds)], async (orderId) => {
    const result = await session.cancelOrder({
      orderId,
      clientOrderId: live.store.get(orderId)?.clientOrderId,
    });
    if (!result.ok) live.forgetUserAction(orderId);
    return result;
  });
  report.cancelled += outcome.cancelled;
  report.cancelFailed.push(...outcome.failed);
}

/** Sends the market orders one after another and reports each outcome. */
async function sendAll(
  ctx: CoreContext,
  orders: readonly ActionOrder[],
  report: PositionActionReport,
  override: boolean,
): Promise<void> {
  for (const order of orders) {
    const result = await placeOrder(ctx, {
      symbol: order.symbol,
      side: order.side,
      type: 'MARKET',
      quantity: order.quantity,
      login: order.login,
      override,
    });
    if (result.ok) {
      report.sent += 1;
      if (result.value.status === 'FILLED') report.filled += 1;
    } else {
      report.failed.push({ symbol: order.symbol, message: result.error.message });
    }
  }
}

/** Close or reverse the positions in scope; flatten also cancels every working order first. */
async function positionAction(
  ctx: CoreContext,
  scope: ActionScope,
  action: PositionAction,
  flatten: boolean,
  override: boolean,
): Promise<IpcResult<PositionActionReport>> {
  if (!ctx.connection.session?.connected) return notConnected();
  const report = emptyReport();
  const live = ctx.live();
  // Exits go before the close so none trades against it (a reverse keeps no exits either).
  const planCancels = ctx.tools.endPlansFor(scope);
  const working = flatten ? ordersToCancel(live.workingOrders(), scope) : [];
  await cancelFirst(ctx, [...planCancels, ...working], report);
  const orders = positionOrders(live.positions.rows(live.quotes), scope, action);
  // A reverse opens new exposure: its size is checked against the limits like any order.
  if (action === 'reverse' && !override) {
    for (const order of orders) {
      const breach = ctx.tools.breach({ symbol: order.symbol, quantity: order.quantity });
      if (breach) return limitExceeded(breach);
    }
  }
  // Closing reduces risk: a limit never stands in the way of getting flat.
  await sendAll(ctx, orders, report, action === 'close' || override);
  return success(report);
}

/** closePosition: a market order for the net quantity. */
export function closePosition(
  ctx: CoreContext,
  input: ParsedInput<'closePosition'>,
): Promise<IpcResult<PositionActionReport>> {
  return positionAction(ctx, input, 'close', false, false);
}

/** reversePosition: a market order for twice the net quantity, the other way. */
export function reversePosition(
  ctx: CoreContext,
  input: ParsedInput<'reversePosition'>,
): Promise<IpcResult<PositionActionReport>> {
  const { override, ...scope } = input;
  return positionAction(ctx, scope, 'reverse', false, override === true);
}

/** flatten: cancel the working orders (of a symbol, or all), then close the positions. */
export function flatten(
  ctx: CoreContext,
  input: ParsedInput<'flatten'>,
): Promise<IpcResult<PositionActionReport>> {
  return positionAction(ctx, { symbol: input?.symbol }, 'close', true, false);
}

/** placeBracket: a plan stored first, then its entry sent under the plan's clientOrderId. */
export async function placeBracket(
  ctx: CoreContext,
  input: ParsedInput<'placeBracket'>,
): Promise<IpcResult<CommandOutput<'placeBracket'>>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  const entry = input.entry;
  if (!entry.override) {
    const breach = ctx.tools.breach(entry);
    if (breach) return limitExceeded(breach);
  }
  const login = entry.login ?? ctx.connection.orderLogin ?? ctx.live().defaultLogin;
  const plan = ctx.tools.openBracket(
    { symbol: entry.symbol, side: entry.side, login },
    input.bracket,
  );
  const placed = await placeOrder(
    ctx,
    { ...entry, login, override: true },
    plan.entry.clientOrderId,
  );
  if (!placed.ok) {
    // A lost reply leaves the plan armed: the session looks the entry up, as does the next resync.
    if (placed.error.code !== 'TIMEOUT')
      ctx.tools.bracketEntryFailed(plan.id, placed.error.message);
    return failure(placed.error);
  }
  return success({
    plan: ctx.tools.state().brackets.find((p) => p.id === plan.id) ?? plan,
    order: placed.value,
  });
}

/** cancelBracket. */
export function cancelBracket(
  ctx: CoreContext,
  input: ParsedInput<'cancelBracket'>,
): IpcResult<null> {
  if (!ctx.tools.cancelBracket(input.planId))
    return failure({ code: 'NOT_FOUND', message: `No bracket ${input.planId}` });
  return success(null);
}

/** startTrailingStop: a working, untriggered STOP or STOP_LIMIT order (the limit moves with the stop). */
export function startTrailingStop(
  ctx: CoreContext,
  input: ParsedInput<'startTrailingStop'>,
): IpcResult<CommandOutput<'startTrailingStop'>> {
  const order = ctx.live().store.get(input.orderId);
  if (!order) return failure({ code: 'NOT_FOUND', message: `No working order ${input.orderId}` });
  if (!canTrailOrder(order))
    return failure({
      code: 'INVALID_INPUT',
      field: 'orderId',
      message: `orderId: order ${input.orderId} is not a working, untriggered STOP or STOP_LIMIT order`,
    });
  return success(ctx.tools.startTrail(order, input.distance));
}

/** stopTrailingStop. */
export function stopTrailingStop(
  ctx: CoreContext,
  input: ParsedInput<'stopTrailingStop'>,
): IpcResult<null> {
  if (!ctx.tools.stopTrail(input.id))
    return failure({ code: 'NOT_FOUND', message: `No trailing stop ${input.id}` });
  return success(null);
}

/** saveAlert. */
export function saveAlert(
  ctx: CoreContext,
  input: ParsedInput<'saveAlert'>,
): IpcResult<CommandOutput<'saveAlert'>> {
  // An alert off the instrument's tick could never be shown where it fires (the renderer
  // checks first; main is the one that must hold).
  const inst = ctx.live().instruments.get(input.symbol);
  if (inst && inst.rules !== 'unknown' && toUnits(input.price, inst.tickSize) === null)
    return failure({
      code: 'INVALID_INPUT',
      field: 'price',
      message: `price: ${input.price} is off the ${input.symbol} tick size ${formatPrice(inst.tickSize, inst)}`,
    });
  return success(ctx.tools.saveAlert(input));
}

/** rearmAlert. */
export function rearmAlert(ctx: CoreContext, input: ParsedInput<'rearmAlert'>): IpcResult<null> {
  if (!ctx.tools.rearm(input.id))
    return failure({ code: 'NOT_FOUND', message: `No alert ${input.id}` });
  return success(null);
}

/** deleteAlert. */
export function deleteAlert(ctx: CoreContext, input: ParsedInput<'deleteAlert'>): IpcResult<null> {
  if (!ctx.tools.deleteAlert(input.id))
    return failure({ code: 'NOT_FOUND', message: `No alert ${input.id}` });
  return success(null);
}

/** watchDepth: an error reply to the extension means the server has no depth. */
export async function watchDepth(
  ctx: CoreContext,
  input: ParsedInput<'watchDepth'>,
): Promise<IpcResult<CommandOutput<'watchDepth'>>> {
  const session = ctx.connection.session;
  if (!session?.connected) return notConnected();
  // Watched before asking: the first snapshot follows the ack at once.
  ctx.tools.watchDepth(input.symbol, input.levels);
  const result = await session.depth(input.symbol, input.levels);
  if (result.ok) return success({ supported: true });
  ctx.tools.watchDepth(input.symbol, 0);
  if (result.error.kind === 'exchange') return success({ supported: false });
  return fromSessionError(result.error);
}

/** unwatchDepth. */
export async function unwatchDepth(
  ctx: CoreContext,
  input: ParsedInput<'unwatchDepth'>,
): Promise<IpcResult<null>> {
  ctx.tools.watchDepth(input.symbol, 0);
  const session = ctx.connection.session;
  if (!session?.connected) return success(null);
  await session.depth(input.symbol, 0);
  return success(null);
}
