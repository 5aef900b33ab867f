/**
 * One route per request event: its payload schema and its handler. Handlers
 * are plain functions of the session, the engine and the payload; they
 * return the reply body or a protocol error (errors are values).
 */
import type { z } from 'zod';
import type { Instrument } from '../../shared/domain';
import {
  ErrorCode,
  RequestPayloads,
  describeZodError,
  fail,
  ok,
  type ProtocolError,
  type RequestEvent,
  type Result,
  type SymbolInfo,
} from '../../shared/protocol';
import type { Engine } from '../engine/api';
import { fastNewOrderSingle } from './newOrderFastPath';
import type { Session } from './session';

/** What a handler may use. */
export interface RouteContext {
  engine: Engine;
  session: Session;
  now: number;
  instruments: readonly Instrument[];
  /** Subscribes the session to `symbols` quotes and returns a function that sends their snapshot. */
  subscribe(session: Session, symbols: readonly string[]): () => void;
  /** Starts a `depth` stream and returns a function that sends its first snapshot; null: no depth. */
  depth?: {
    subscribe(session: Session, symbol: string, levels: number): () => void;
    unsubscribe(session: Session, symbol: string): void;
  };
}

/** A successful reply: its payload (none for modify/cancel) and work to do once it is queued. */
export interface ReplyBody {
  payload?: unknown;
  after?: () => void;
}

/** A request whose payload passed its schema, ready to run. */
export type BoundHandler = (ctx: RouteContext) => Result<ReplyBody>;

/** A route: validates the payload, yields a runnable handler or a 1002 error. */
export type Route = (
  payload: unknown,
) => { ok: true; run: BoundHandler } | { ok: false; error: ProtocolError };

/** Builds an "invalid field" sentence naming the field. */
function invalidField(field: string, message: string): ProtocolError {
  return {
    code: ErrorCode.INVALID_FIELD,
    error: `Invalid field ${field}: ${message.replace(/\.$/, '')}.`,
  };
}

/** docs/protocol.md: a price or quantity <= 0 is 2004/2005 (a well-typed value out of range), not 1002. */
const RANGE_CODES: Readonly<Record<string, ErrorCode>> = {
  price: ErrorCode.INVALID_PRICE,
  stopPrice: ErrorCode.INVALID_PRICE,
  quantity: ErrorCode.INVALID_QUANTITY,
};

/** The protocol error of a payload that failed its schema: 1002 naming the field, or 2004/2005. */
export function schemaError(error: z.ZodError): ProtocolError {
  const { field, message } = describeZodError(error, 'payload');
  const issue = error.issues[0];
  const name = issue?.path[issue.path.length - 1];
  const code =
    typeof name === 'string' && Object.hasOwn(RANGE_CODES, name) ? RANGE_CODES[name] : undefined;
  if (issue?.code === 'too_small' && code !== undefined) {
    return { code, error: `Invalid ${field}: must be greater than 0.` };
  }
  return invalidField(field, message);
}

/**
 * The handler of one parsed payload. The arrow is returned, not assigned to a
 * named property: under tsx (esbuild keepNames) a named arrow made per
 * request costs a `__name` call, 4% of a request's JavaScript.
 */
function bind<T>(
  handle: (ctx: RouteContext, payload: T) => Result<ReplyBody>,
  payload: T,
): BoundHandler {
  return (ctx) => handle(ctx, payload);
}

/**
 * A route of `schema`. `fast`, when given, may accept a payload without the
 * schema (returning exactly the schema's output); null sends it to the schema.
 */
function route<S extends z.ZodType>(
  schema: S,
  handle: (ctx: RouteContext, payload: z.infer<S>) => Result<ReplyBody>,
  fast?: (payload: unknown) => z.infer<S> | null,
): Route {
  return (payload) => {
    const quick = fast === undefined ? null : fast(payload);
    if (quick !== null) return { ok: true, run: bind(handle, quick) };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: schemaError(parsed.error) };
    const data: z.infer<S> = parsed.data;
    return { ok: true, run: bind(handle, data) };
  };
}

const loginNotPermitted = (login: string): Result<never> =>
  fail(ErrorCode.LOGIN_NOT_PERMITTED, `Login ${login} is not permitted for this session.`);

/** The login a new order is placed for: the named one if held, else the session's first. */
function orderLogin(session: Session, login: string | undefined): Result<string> {
  if (login === undefined) {
    const first = session.logins[0];
    return first === undefined ? loginNotPermitted('(none)') : ok(first);
  }
  return session.holds(login) ? ok(login) : loginNotPermitted(login);
}

/** The logins a query may see: the named one if held, else all of the session's. */
function viewLogins(session: Session, login: string | undefined): Result<readonly string[]> {
  if (login === undefined) return ok(session.logins);
  return session.holds(login) ? ok([login]) : loginNotPermitted(login);
}

const mapResult = <T>(result: Result<T>, body: (value: T) => ReplyBody): Result<ReplyBody> =>
  result.ok ? ok(body(result.value)) : result;

function symbolInfo(instrument: Instrument): SymbolInfo {
  const { symbol, tickSize, stepSize, minQty, maxQty, pricePrecision, qtyPrecision } = instrument;
  return { symbol, tickSize, stepSize, minQty, maxQty, pricePrecision, qtyPrecision };
}

function unknownSymbol(ctx: RouteContext, symbols: readonly string[]): string | undefined {
  return symbols.find((s) => !ctx.instruments.some((i) => i.symbol === s));
}

/** Every route, by event. */
export const ROUTES: Record<RequestEvent, Route> = {
  newordersingle: route(
    RequestPayloads.newordersingle,
    (ctx, payload) => {
      const login = orderLogin(ctx.session, payload.login);
      if (!login.ok) return login;
      // The payload is this request's own parsed copy: set the login on it, no spread.
      payload.login = login.value;
      const placed = ctx.engine.placeOrder(login.value, payload, ctx.now);
      return mapResult(placed, (value) => ({ payload: value }));
    },
    fastNewOrderSingle,
  ),
  neworderoco: route(RequestPayloads.neworderoco, (ctx, payload) => {
    const login = orderLogin(ctx.session, payload.login);
    if (!login.ok) return login;
    const placed = ctx.engine.placeOco(login.value, { ...payload, login: login.value }, ctx.now);
    return mapResult(placed, (value) => ({ payload: value }));
  }),
  modifyordersingle: route(RequestPayloads.modifyordersingle, (ctx, payload) => {
    const logins = viewLogins(ctx.session, payload.login);
    if (!logins.ok) return logins;
    return mapResult(ctx.engine.modifyOrder(logins.value, payload, ctx.now), () => ({}));
  }),
  ordercancel: route(RequestPayloads.ordercancel, (ctx, payload) => {
    const logins = viewLogins(ctx.session, payload.login);
    if (!logins.ok) return logins;
    return mapResult(ctx.engine.cancelOrder(logins.value, payload, ctx.now, 'USER'), () => ({}));
  }),
  orderstatus: route(RequestPayloads.orderstatus, (ctx, payload) => {
    const logins = viewLogins(ctx.session, payload.login);
    if (!logins.ok) return logins;
    return mapResult(ctx.engine.orderStatus(logins.value, payload), (value) => ({
      payload: value,
    }));
  }),
  orders: route(RequestPayloads.orders, (ctx, payload) => {
    const logins = viewLogins(ctx.session, payload?.login);
    if (!logins.ok) return logins;
    const fromTime = payload?.fromTime;
    const orders =
      fromTime === undefined
        ? ctx.engine.workingOrders(logins.value)
        : ctx.engine.ordersChangedSince(logins.value, fromTime);
    return ok({ payload: orders });
  }),
  symbols: route(RequestPayloads.symbols, (ctx) =>
    ok({ payload: ctx.instruments.map(symbolInfo) }),
  ),
  subscribe: route(RequestPayloads.subscribe, (ctx, payload) => {
    const unknown = unknownSymbol(ctx, payload.symbols);
    if (unknown !== undefined) return fail(ErrorCode.UNKNOWN_SYMBOL, `Unknown symbol ${unknown}.`);
    const sendSnapshot = ctx.subscribe(ctx.session, payload.symbols);
    return ok({ payload: { symbols: [...ctx.session.subscriptions] }, after: sendSnapshot });
  }),
  unsubscribe: route(RequestPayloads.unsubscribe, (ctx, payload) => {
    for (const symbol of payload.symbols) ctx.session.subscriptions.delete(symbol);
    return ok({ payload: { symbols: [...ctx.session.subscriptions] } });
  }),
  depth: route(RequestPayloads.depth, (ctx, payload) => {
    if (!ctx.depth) return fail(ErrorCode.UNKNOWN_EVENT, 'Unknown event depth.');
    if (unknownSymbol(ctx, [payload.symbol]) !== undefined)
      return fail(ErrorCode.UNKNOWN_SYMBOL, `Unknown symbol ${payload.symbol}.`);
    const sendFirst = ctx.depth.subscribe(ctx.session, payload.symbol, payload.levels);
    return ok({ payload: { symbol: payload.symbol, levels: payload.levels }, after: sendFirst });
  }),
  undepth: route(RequestPayloads.undepth, (ctx, payload) => {
    ctx.depth?.unsubscribe(ctx.session, payload.symbol);
    return ok({ payload: { symbol: payload.symbol } });
  }),
};

/**
 * The requests that change orders, with how many new orderIds each may
 * issue: the journal must be able to take them before they run.
 */
const ORDER_CHANGES: Partial<Record<RequestEvent, number>> = {
  newordersingle: 1,
  neworderoco: 2,
  modifyordersingle: 0,
  ordercancel: 0,
};

/** New orderIds a request may issue, or null when it changes no order. */
export function orderIdsIssued(event: RequestEvent): number | null {
  return ORDER_CHANGES[event] ?? null;
}

/** True when `event` names a route. */
export function isRequestEvent(event: string): event is RequestEvent {
  return Object.hasOwn(ROUTES, event);
}
