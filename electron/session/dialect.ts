/**
 * What differs between the kinds of server the app speaks to: which requests
 * exist, how each request is written (outbound follows the revision
 * exactly), which times in force an order may carry, and how error replies
 * are understood. Inbound needs no dialect: every revision's spelling is read
 * by the shared inbound schemas.
 */
import type { AnyTimeInForce, OrderType } from '../../shared/domain';
import { ErrorCode } from '../../shared/protocol';
import type { InboundErrorPayload } from '../../shared/protocol';
import type { Revision } from '../../shared/protocol/revisions';
import type { CancelRequest, ModifyRequest, OcoRequest, OrderRef, PlaceRequest } from './requests';

/** What an error reply means, whatever its spelling. */
export type ErrorMeaning =
  'unknown_order' | 'order_final' | 'rate_limited' | 'unsupported' | 'other';

/** A wire payload, or why this revision cannot express the request. */
export type Encoded = { ok: true; payload: unknown } | { ok: false; message: string };

/** One kind of server. */
export interface Dialect {
  revision: Revision;
  /** Our extensions: `symbols`, `subscribe`/`quote`. */
  extensions: boolean;
  /** The `depth` extension (order-book snapshots). */
  depth: boolean;
  /** `orders` with `fromTime` (history since a time), and how the time is written. */
  history: 'epoch' | 'iso' | null;
  /** `orderstatus` (and cancel) by clientOrderId. */
  lookupByClientOrderId: boolean;
  /** Orders carry a free-text `note`. */
  notes: boolean;
  /** The times in force an order of `type` may carry. */
  timesInForce(type: OrderType): readonly AnyTimeInForce[];
  placeOrder(request: PlaceRequest): Encoded;
  placeOco(request: OcoRequest): Encoded;
  modifyOrder(request: ModifyRequest): Encoded;
  cancelOrder(request: CancelRequest): Encoded;
  orderStatus(ref: OrderRef): Encoded;
  /** `orders` payload: history since `fromTime` (epoch ms), or the working list when null. */
  orders(fromTime: number | null): Encoded;
  /** What an error reply means (a first-revision server numbers its errors itself). */
  meaning(error: InboundErrorPayload): ErrorMeaning;
  /**
   * The server numbers its errors itself and names none: its "unknown order"
   * number is learned by asking for an order that cannot exist (see resync).
   */
  ownErrorNumbers: boolean;
}

const ok = (payload: unknown): Encoded => ({ ok: true, payload });
const refuse = (message: string): Encoded => ({ ok: false, message });
/** Drops undefined fields so the frame carries only what was set. */
const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Our times in force, for every type (the engine refuses what a type cannot take). */
const OUR_TIFS: readonly AnyTimeInForce[] = ['GTC', 'GTT', 'IOC', 'FOK', 'AON', 'DAY'];
/** A market order fills at once or not at all: only immediate times in force make sense. */
const IMMEDIATE_TIFS: readonly AnyTimeInForce[] = ['IOC', 'FOK'];

function ourMeaning(error: InboundErrorPayload): ErrorMeaning {
  const named = nameMeaning(error.error);
  if (named) return named;
  switch (error.code) {
    case ErrorCode.UNKNOWN_ORDER:
      return 'unknown_order';
    case ErrorCode.ORDER_FINAL:
      return 'order_final';
    case ErrorCode.RATE_LIMITED:
      return 'rate_limited';
    case ErrorCode.UNKNOWN_EVENT:
      return 'unsupported';
    default:
      return 'other';
  }
}

function nameMeaning(text: string): ErrorMeaning | null {
  if (text === 'ORDER_NOT_EXISTS') return 'unknown_order';
  if (text === 'ORDER_ALREADY_CLOSED') return 'order_final';
  return null;
}

const withoutNote = <T extends { note?: string }>({ note: _note, ...rest }: T) => rest;

/** Our protocol: the source document plus every extension (the mock's default). */
export const extendedDialect: Dialect = {
  revision: 'extended',
  extensions: true,
  depth: true,
  history: 'epoch',
  lookupByClientOrderId: true,
  notes: false,
  timesInForce: (type) => (type === 'MARKET' ? IMMEDIATE_TIFS : OUR_TIFS),
  placeOrder: (r) => ok(withoutNote(r)),
  placeOco: (r) => ok({ ...r, orders: r.orders.map((leg) => withoutNote(leg)) }),
  modifyOrder: (r) => ok(defined({ ...withoutNote(r), clientOrderId: undefined })),
  cancelOrder: (r) => ok({ orderId: r.orderId }),
  orderStatus: (ref) => ok(ref),
  orders: (fromTime) => ok(fromTime === null ? undefined : { fromTime }),
  meaning: ourMeaning,
  ownErrorNumbers: false,
};

/** The source document alone: no extensions, lookups by orderId only, its own error numbers. */
export const firstDialect: Dialect = {
  ...extendedDialect,
  revision: 'first',
  extensions: false,
  depth: false,
  history: null,
  lookupByClientOrderId: false,
  orderStatus: (ref) =>
    'orderId' in ref
      ? ok({ orderId: ref.orderId })
      : refuse('This exchange cannot look orders up by clientOrderId'),
  orders: () => ok(undefined),
  // Its codes are its own: only spelled-out names can be understood.
  meaning: (error) => nameMeaning(error.error) ?? 'other',
  ownErrorNumbers: true,
};

/** The venue's current revision: numeric login, tillTime, TPI, notes, modify by clientOrderId. */
export const currentDialect: Dialect = {
  revision: 'current',
  extensions: false,
  depth: false,
  history: 'iso',
  lookupByClientOrderId: true,
  notes: true,
  // A market order never rests: of this revision's values, only the immediate ones apply.
  // The first of each list is the default, the ticket's and `currentTif`'s when none is
  // chosen: TPI for a limit (it works for what it cannot take at once), not all-or-none.
  timesInForce: (type) =>
    type === 'LIMIT'
      ? ['TPI', 'AON', 'FOK', 'IOC']
      : type === 'MARKET'
        ? IMMEDIATE_TIFS
        : (['AON', 'FOK', 'IOC'] as const),
  placeOrder: (r) => {
    const login = numericLogin(r.login);
    if (!login.ok) return login;
    const tif = currentTif(r.timeInForce, r.type);
    if (!tif.ok) return tif;
    return ok(
      defined({
        symbol: r.symbol,
        side: r.side,
        type: r.type,
        price: r.price,
        stopPrice: r.stopPrice,
        quantity: r.quantity,
        clientOrderId: r.clientOrderId,
        timeInForce: tif.payload,
        tillTime: r.timeInForceDate,
        login: login.payload,
        note: r.note,
      }),
    );
  },
  placeOco: (r) => {
    const login = numericLogin(r.login);
    if (!login.ok) return login;
    const tif = currentTif(r.timeInForce, 'STOP');
    if (!tif.ok) return tif;
    return ok(
      defined({
        login: login.payload,
        tillTime: r.lifeTime,
        symbol: r.symbol,
        side: r.side,
        timeInForce: tif.payload,
        quantity: r.quantity,
        orders: r.orders.map((leg) => defined({ ...leg })),
      }),
    );
  },
  modifyOrder: (r) =>
    r.clientOrderId === undefined
      ? refuse('This exchange modifies orders by clientOrderId, and this order has none')
      : ok(
          defined({
            clientOrderId: r.clientOrderId,
            price: r.price,
            stopPrice: r.stopPrice,
            quantity: r.quantity,
            note: r.note,
          }),
        ),
  cancelOrder: (r) => ok(defined({ orderId: r.orderId, note: r.note })),
  orderStatus: (ref) => ok(ref),
  orders: (fromTime) =>
    ok(fromTime === null ? undefined : { fromTime: new Date(fromTime).toISOString() }),
  meaning: ourMeaning,
  ownErrorNumbers: false,
};

/** The dialect of a revision. */
export function dialectOf(revision: Revision): Dialect {
  switch (revision) {
    case 'extended':
      return extendedDialect;
    case 'first':
      return firstDialect;
    case 'current':
      return currentDialect;
  }
}

function numericLogin(login: string | undefined): Encoded {
  if (login === undefined || !/^\d{1,15}$/.test(login)) {
    return refuse(
      `This exchange needs a numeric login (an account number); the profile has ${login === undefined ? 'none' : `"${login}"`}`,
    );
  }
  return ok(Number(login));
}

function currentTif(tif: AnyTimeInForce | undefined, type: OrderType): Encoded {
  const allowed = currentDialect.timesInForce(type);
  // None chosen: the list's first, the ticket's default too (TPI, IOC or AON).
  if (tif === undefined) return ok(allowed[0]);
  if (!allowed.includes(tif)) {
    return refuse(
      `Time in force ${tif} is not offered by this exchange for ${type} orders (${allowed.join(', ')})`,
    );
  }
  return ok(tif);
}
