/**
 * The `current` revision's requests, one handler per event: decode with the
 * revision's schema, call the canonical routes, keep the revision's extras in
 * the ledger, answer in the revision's reply shape.
 */
import {
  ErrorCode,
  fail,
  ok,
  type ExecutionPayload,
  type OrderOut,
  type Result,
} from '../../../shared/protocol';
import type { TimeInForce } from '../../../shared/domain';
import {
  CurrentModifyOrderPayload,
  CurrentNewOrderOcoPayload,
  CurrentNewOrderSinglePayload,
  CurrentOrderCancelPayload,
  CurrentOrderStatusPayload,
  CurrentOrdersPayload,
  type CurrentCanceled,
  type CurrentModified,
  type CurrentPlaced,
  type CurrentTimeInForce,
} from '../../../shared/protocol/revisions';
import type { ReplyBody } from '../routes';
import type { RevisionRequest } from './codec';
import { isWorking, type CurrentOrders, type OrderWithFills } from './currentOrders';
import { currentOrder, currentOrderWithFills, currentStatus } from './currentShapes';
import { decode } from './decode';

/** A handler of one event. */
export type CurrentHandler = (
  orders: CurrentOrders,
  payload: unknown,
  request: RevisionRequest,
) => Result<ReplyBody>;

/** TPI ("take profit immediately") is a LIMIT order that works until filled: canonical GTC. */
const canonicalTif = (tif: CurrentTimeInForce): TimeInForce => (tif === 'TPI' ? 'GTC' : tif);

/** A tillTime in epoch ms; 2006 when it is not in the future. */
function lifetime(tillTime: string | undefined, now: number): Result<number | undefined> {
  if (tillTime === undefined) return ok(undefined);
  const ms = Date.parse(tillTime);
  if (!(ms > now)) {
    return fail(ErrorCode.INVALID_TIME_IN_FORCE, `tillTime ${tillTime} is not in the future.`);
  }
  return ok(ms);
}

interface Placed {
  orderId: number;
  clientOrderId: string;
  status: OrderOut['status'];
  type: OrderOut['type'];
}

function placedReply(orders: CurrentOrders, placed: Placed, login: number): CurrentPlaced {
  return {
    orderId: placed.orderId,
    clientOrderId: orders.cidOf(placed),
    status: currentStatus(placed.status),
    type: placed.type,
    login,
  };
}

const newOrderSingle: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentNewOrderSinglePayload, payload);
  if (!decoded.ok) return decoded;
  const p = decoded.value;
  if (p.timeInForce === 'TPI' && p.type !== 'LIMIT') {
    return fail(ErrorCode.INVALID_TIME_IN_FORCE, `timeInForce TPI is only for LIMIT orders.`);
  }
  const till = lifetime(p.tillTime, request.now);
  if (!till.ok) return till;
  const login = String(p.login);
  const cid = orders.claim(login, p.clientOrderId);
  if (!cid.ok) return cid;
  const placed = request.run('newordersingle', {
    symbol: p.symbol,
    side: p.side,
    type: p.type,
    price: p.price,
    stopPrice: p.stopPrice,
    quantity: p.quantity,
    clientOrderId: cid.value.engineCid,
    timeInForce: canonicalTif(p.timeInForce),
    login,
  });
  if (!placed.ok) return placed;
  const value = placed.value.payload as Omit<Placed, 'type'>;
  orders.ledger.register(value.orderId, login, {
    cid: cid.value.ledgerCid,
    note: p.note,
    tillTime: till.value,
  });
  return ok({ payload: placedReply(orders, { ...value, type: p.type }, p.login) });
};

const newOrderOco: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentNewOrderOcoPayload, payload);
  if (!decoded.ok) return decoded;
  const p = decoded.value;
  if (p.timeInForce === 'TPI') {
    return fail(
      ErrorCode.INVALID_TIME_IN_FORCE,
      'timeInForce TPI is only for LIMIT orders, and an OCO pair has a STOP leg.',
    );
  }
  const till = lifetime(p.tillTime, request.now);
  if (!till.ok) return till;
  const login = String(p.login);
  const [first, second] = p.orders;
  if (first.clientOrderId !== undefined && first.clientOrderId === second.clientOrderId) {
    return fail(
      ErrorCode.DUPLICATE_CLIENT_ORDER_ID,
      `Both legs use clientOrderId ${first.clientOrderId}.`,
    );
  }
  const cids = [
    orders.claim(login, first.clientOrderId),
    orders.claim(login, second.clientOrderId),
  ];
  for (const cid of cids) if (!cid.ok) return cid;
  const claimed = cids.map((cid) => (cid.ok ? cid.value : {}));
  const placed = request.run('neworderoco', {
    login,
    symbol: p.symbol,
    side: p.side,
    timeInForce: canonicalTif(p.timeInForce),
    quantity: p.quantity,
    orders: p.orders.map((leg, i) => ({
      type: leg.type,
      price: leg.price,
      stopPrice: leg.stopPrice,
      clientOrderId: claimed[i]?.engineCid,
    })),
  });
  if (!placed.ok) return placed;
  const legs = placed.value.payload as Placed[];
  legs.forEach((leg, i) => {
    orders.ledger.register(leg.orderId, login, {
      cid: claimed[i]?.ledgerCid,
      note: p.orders[i]?.note,
      tillTime: till.value,
    });
  });
  return ok({ payload: legs.map((leg) => placedReply(orders, leg, p.login)) });
};

/** The modify reply: the order's values after the change. */
function modifiedReply(orders: CurrentOrders, order: OrderWithFills): CurrentModified {
  const shown = currentOrder(order, {
    cid: orders.cidOf(order),
    tillTime: orders.ledger.tillTimeOf(order.orderId),
  });
  return {
    orderId: shown.orderId,
    clientOrderId: shown.clientOrderId,
    price: shown.price,
    stopPrice: shown.stopPrice,
    quantity: shown.origQty,
    tillTime: shown.tillTime,
  };
}

const modifyOrderSingle: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentModifyOrderPayload, payload);
  if (!decoded.ok) return decoded;
  const p = decoded.value;
  const found = orders.find(request, p);
  if (!found.ok) return found;
  const order = found.value;
  if (!isWorking(order.status)) {
    return fail(ErrorCode.ORDER_FINAL, `Order ${order.orderId} is ${order.status}.`);
  }
  const login = String(order.login ?? request.session.logins[0] ?? '');
  const till = p.tillTime === '' ? ok(undefined) : lifetime(p.tillTime, request.now);
  if (!till.ok) return till;
  const rename = p.clientOrderIdValue !== undefined && p.clientOrderIdValue !== orders.cidOf(order);
  if (rename) {
    const claimed = orders.claim(login, p.clientOrderIdValue, true);
    if (!claimed.ok) return claimed;
  }
  const repriced = p.price !== undefined || p.stopPrice !== undefined || p.quantity !== undefined;
  if (repriced) {
    const { orderId } = order;
    const changed = request.run('modifyordersingle', {
      orderId,
      price: p.price,
      stopPrice: p.stopPrice,
      quantity: p.quantity,
    });
    if (!changed.ok) return changed;
  }
  const retimed = p.tillTime !== undefined;
  if (retimed) orders.ledger.setTillTime(order.orderId, till.value);
  if (rename && p.clientOrderIdValue !== undefined) {
    orders.ledger.rename(order.orderId, p.clientOrderIdValue);
  }
  if (p.note !== undefined) orders.ledger.setNote(order.orderId, p.note);
  const after = orders.find(request, { orderId: order.orderId });
  if (!after.ok) return after;
  const reply = { payload: modifiedReply(orders, after.value) };
  if (repriced || !(retimed || rename)) return ok(reply);
  // Only the revision's own values changed: the engine sends nothing, so the execution is ours.
  const { fills: _fills, ...state } = after.value;
  const execution = { ...state, reason: 'MODIFIED' } as ExecutionPayload;
  return ok({
    ...reply,
    after: () => request.deliver([{ login, orderId: order.orderId, payload: execution }]),
  });
};

const orderCancel: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentOrderCancelPayload, payload);
  if (!decoded.ok) return decoded;
  const p = decoded.value;
  const found = orders.find(request, p);
  if (!found.ok) return found;
  const order = found.value;
  if (p.note !== undefined) orders.ledger.setNote(order.orderId, p.note);
  const canceled = request.run('ordercancel', { orderId: order.orderId });
  if (!canceled.ok) return canceled;
  const reply: CurrentCanceled = {
    orderId: order.orderId,
    clientOrderId: orders.cidOf(order),
    status: 'CANCELED',
    reason: 'USER',
  };
  return ok({ payload: reply });
};

const orderStatus: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentOrderStatusPayload, payload);
  if (!decoded.ok) return decoded;
  const found = orders.find(request, decoded.value);
  if (!found.ok) return found;
  const order = found.value;
  return ok({ payload: currentOrderWithFills(order, order.fills, orders.extrasOf(order)) });
};

/** Closed states `orders` lists since fromTime: filled and cancelled (an expiry is a cancel here). */
const LISTED_CLOSED: ReadonlySet<string> = new Set(['FILLED', 'CANCELED', 'EXPIRED']);

const ordersList: CurrentHandler = (orders, payload, request) => {
  const decoded = decode(CurrentOrdersPayload, payload);
  if (!decoded.ok) return decoded;
  const working = request.run('orders', undefined);
  if (!working.ok) return working;
  const listed = new Map<number, OrderOut>();
  for (const order of working.value.payload as OrderOut[]) listed.set(order.orderId, order);
  const fromTime = decoded.value?.fromTime;
  if (fromTime !== undefined) {
    const since = request.run('orders', { fromTime: Date.parse(fromTime) });
    if (!since.ok) return since;
    for (const order of since.value.payload as OrderOut[]) {
      if (LISTED_CLOSED.has(String(order.status))) listed.set(order.orderId, order);
    }
  }
  // Conditional orders only: a MARKET order never pends.
  const shown = [...listed.values()]
    .filter((order) => order.type !== 'MARKET')
    .sort((a, b) => a.orderId - b.orderId)
    .map((order) => currentOrder(order, orders.extrasOf(order)));
  return ok({ payload: shown });
};

/** Every event of the revision, by name. */
export const CURRENT_HANDLERS: Readonly<Record<string, CurrentHandler>> = {
  newordersingle: newOrderSingle,
  neworderoco: newOrderOco,
  modifyordersingle: modifyOrderSingle,
  ordercancel: orderCancel,
  orderstatus: orderStatus,
  orders: ordersList,
};
