/**
 * An in-memory Api with a tiny simulated exchange, for development and
 * component tests. It follows the protocol's rules loosely: tick and lot
 * checks, immediate fills of marketable orders, resting limits, stops, OCO
 * pairs and GTT expiry, with errors worded like an exchange's.
 */
import {
  commands,
  DEFAULT_SETTINGS,
  disconnectedStatus,
  PlaceOcoInput,
  PlaceOrderInput,
  type Api,
  type CommandName,
  type ConnectionStatus,
  type EventBatch,
  type FillRow,
  type InstrumentInfo,
  type IpcError,
  type IpcResult,
  type Notification,
  type OrderRow,
  type PlacedOrder,
  type PositionRow,
  type Profile,
  type Quote,
  type Settings,
} from '../../../shared/ipc';
import {
  DEFAULT_INSTRUMENTS,
  DEFAULT_REFERENCE_PRICES,
  isFinalStatus,
  priceToTicks,
  qtyToLots,
  type OrderType,
  type Side,
  type TimeInForce,
} from '../../../shared/domain';
import { describeZodError } from '../../../shared/protocol';
import { formatGrouped, toInstrument } from './format';

export interface FakeApiOptions {
  instruments?: readonly InstrumentInfo[];
  /** Orders already known (history and working). */
  orders?: readonly OrderRow[];
  fills?: readonly FillRow[];
  positions?: readonly PositionRow[];
  /** Starting last prices by symbol. */
  prices?: Readonly<Record<string, number>>;
  /** Start connected to the paper profile (default true). */
  connected?: boolean;
  /** Quote tick interval in ms; null (default) moves prices only through `setPrice`. */
  tickMs?: number | null;
  /** Delay of every reply in ms (default 0). */
  latencyMs?: number;
  settings?: Partial<Settings>;
  /** What saveCsv answers (default 'download'). */
  csvResult?: 'download' | 'saved' | 'canceled';
  now?: () => number;
  /** Seed of the price random walk. */
  seed?: number;
}

/** The fake's extra controls, for tests and the dev page. */
export interface FakeApi extends Api {
  /** Every command called, in order. */
  readonly calls: { command: CommandName; input: unknown }[];
  /** Delivers a batch to listeners as main would. */
  emit(batch: EventBatch): void;
  /** Moves a symbol's last price (bid/ask around it) and runs the book. */
  setPrice(symbol: string, last: number): void;
  /** Drops the link: reconnecting with a reason and a retry delay, then connects again. */
  simulateDrop(reason: string, retryMs: number, reconnect?: boolean): void;
  /** Stops timers. */
  dispose(): void;
}

export const PAPER_PROFILE: Profile = {
  id: 'paper',
  name: 'Paper (offline)',
  kind: 'paper',
  url: '',
  login: null,
  hasToken: true,
};

const REMOTE_PROFILE: Profile = {
  id: 'demo-live',
  name: 'Demo broker',
  kind: 'remote',
  url: 'wss://demo.example.com/ws',
  login: 'DEMO-1',
  hasToken: true,
};

const LOGIN = 'paper-1';

function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}
function fail(code: string, message: string, extra: Partial<IpcError> = {}): IpcResult<never> {
  return { ok: false, error: { code, message, ...extra } };
}
function exchangeError(exchangeCode: number, message: string, field?: string): IpcResult<never> {
  return fail('EXCHANGE', message, { exchangeCode, ...(field ? { field } : {}) });
}

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type CsvResult =
  { status: 'saved'; path: string } | { status: 'canceled' } | { status: 'download' };
type PendingKey = 'orders' | 'fills' | 'positions' | 'quotes' | 'connection' | 'notification';
interface PendingTyped {
  orders?: OrderRow[];
  fills?: FillRow[];
  positions?: PositionRow[];
  quotes?: Quote[];
  connection?: ConnectionStatus[];
  notification?: Notification[];
}

/** Creates the fake api. */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const now = options.now ?? Date.now;
  const instruments: InstrumentInfo[] = [...(options.instruments ?? DEFAULT_INSTRUMENTS)];
  const instBySymbol = new Map(instruments.map((i) => [i.symbol, toInstrument(i)]));
  const rand = random(options.seed ?? 42);
  const listeners = new Set<(batch: EventBatch) => void>();
  const calls: { command: CommandName; input: unknown }[] = [];
  const orders = new Map<number, OrderRow>();
  const fills: FillRow[] = [...(options.fills ?? [])];
  const positions = new Map<string, PositionRow>();
  const quotes = new Map<string, Quote>();
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let nextOrderId = 1;
  let nextTradeId = 1;
  let nextNote = 1;
  let timer: ReturnType<typeof setInterval> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let pending: Partial<Record<PendingKey, unknown[]>> = {};
  let flushScheduled = false;

  for (const o of options.orders ?? []) {
    orders.set(o.orderId, o);
    nextOrderId = Math.max(nextOrderId, o.orderId + 1);
  }
  for (const p of options.positions ?? []) positions.set(p.symbol, p);

  const tickOf = (symbol: string) => instBySymbol.get(symbol)?.tickSize ?? 0.01;
  const round = (value: number, symbol: string) => {
    const inst = instBySymbol.get(symbol);
    if (!inst) return value;
    return Number((Math.round(value / inst.tickSize) * inst.tickSize).toFixed(inst.pricePrecision));
  };
  const makeQuote = (symbol: string, last: number): Quote => {
    const spread = tickOf(symbol) * 2;
    return {
      symbol,
      bid: round(last - spread, symbol),
      ask: round(last + spread, symbol),
      last: round(last, symbol),
      time: now(),
    };
  };
  for (const inst of instruments) {
    const price =
      options.prices?.[inst.symbol] ?? DEFAULT_REFERENCE_PRICES[inst.symbol] ?? 100 * inst.tickSize;
    quotes.set(inst.symbol, makeQuote(inst.symbol, price));
  }

  let status: ConnectionStatus = {
    ...disconnectedStatus(),
    features: { symbols: true, quotes: true, history: true },
  };
  const connectedStatus = (profile: Profile): ConnectionStatus => ({
    ...status,
    state: 'connected',
    profileId: profile.id,
    profileName: profile.name,
    paper: profile.kind === 'paper',
    latencyMs: 3,
    retryInMs: null,
    reason: null,
    logins: [profile.login ?? LOGIN],
  });
  if (options.connected ?? true) status = connectedStatus(PAPER_PROFILE);

  // ------------------------------------------------------------ profiles (as the core keeps them)

  /** User profiles (the built-in paper one is always listed first, and is read-only). */
  let userProfiles: Profile[] = [{ ...REMOTE_PROFILE }];
  /** Tokens by profile id: write-only, only `hasToken` is ever returned. */
  const tokens = new Map<string, string>([[REMOTE_PROFILE.id, 'demo-token']]);
  let nextProfile = 1;
  const listProfiles = (): Profile[] => [
    PAPER_PROFILE,
    ...userProfiles.map((p) => ({ ...p, hasToken: tokens.has(p.id) })),
  ];
  const findProfile = (id: string | null) => listProfiles().find((p) => p.id === id) ?? null;

  function saveProfile(input: unknown): IpcResult<Profile> {
    const parsed = commands.saveProfile.input.safeParse(input);
    if (!parsed.success) {
      const { field, message } = describeZodError(parsed.error);
      const name = field === 'message' ? 'input' : field;
      return fail('INVALID_INPUT', `${name}: ${message}`, { field: name });
    }
    const p = parsed.data;
    if (p.id === PAPER_PROFILE.id)
      return fail('INVALID_INPUT', 'id: the paper profile cannot be changed', { field: 'id' });
    if (p.id !== undefined && !userProfiles.some((u) => u.id === p.id))
      return fail('NOT_FOUND', `No profile ${p.id}`, { field: 'id' });
    const id = p.id ?? `profile-${nextProfile++}`;
    const next: Profile = {
      id,
      name: p.name.trim(),
      kind: 'remote',
      url: p.url,
      login: p.login ?? null,
      hasToken: false,
    };
    userProfiles = userProfiles.some((u) => u.id === id)
      ? userProfiles.map((u) => (u.id === id ? next : u))
      : [...userProfiles, next];
    if (p.token !== undefined) tokens.set(id, p.token);
    return ok(findProfile(id) ?? next);
  }

  function deleteProfile(id: string): IpcResult<null> {
    if (id === PAPER_PROFILE.id)
      return fail('INVALID_INPUT', 'id: the paper profile cannot be deleted', { field: 'id' });
    if (!userProfiles.some((u) => u.id === id))
      return fail('NOT_FOUND', `No profile ${id}`, { field: 'id' });
    if (status.profileId === id && status.state !== 'disconnected')
      setStatus({
        ...status,
        state: 'disconnected',
        latencyMs: null,
        retryInMs: null,
        reason: 'Disconnected by the user',
      });
    userProfiles = userProfiles.filter((u) => u.id !== id);
    tokens.delete(id);
    return ok(null);
  }

  // ------------------------------------------------------------ events

  function queue(event: 'orders', payload: OrderRow): void;
  function queue(event: 'fills', payload: FillRow): void;
  function queue(event: 'positions', payload: PositionRow): void;
  function queue(event: 'quotes', payload: Quote): void;
  function queue(event: 'connection', payload: ConnectionStatus): void;
  function queue(event: 'notification', payload: Notification): void;
  function queue(event: PendingKey, payload: unknown): void {
    const list = pending[event] ?? [];
    list.push(payload);
    pending[event] = list;
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, 0);
    }
  }
  function flush() {
    flushScheduled = false;
    const p = pending as PendingTyped;
    pending = {};
    // Row events carry one array per frame; connection and notification one payload each.
    const batch: EventBatch = {};
    if (p.orders) batch.orders = [p.orders];
    if (p.fills) batch.fills = [p.fills];
    if (p.positions) batch.positions = [p.positions];
    if (p.quotes) batch.quotes = [p.quotes];
    if (p.connection) batch.connection = p.connection;
    if (p.notification) batch.notification = p.notification;
    emit(batch);
  }
  function emit(batch: EventBatch) {
    for (const l of listeners) l(batch);
  }
  function notify(kind: Notification['kind'], message: string, orderId: number | null = null) {
    queue('notification', { id: `n${nextNote++}`, kind, message, time: now(), orderId });
  }
  function setStatus(next: ConnectionStatus) {
    status = next;
    queue('connection', next);
  }

  // ------------------------------------------------------------ the book

  function update(order: OrderRow, patch: Partial<OrderRow>): OrderRow {
    const next = { ...order, ...patch, updatedAt: Math.max(now(), order.updatedAt) };
    orders.set(next.orderId, next);
    queue('orders', next);
    return next;
  }

  function applyPosition(symbol: string, side: Side, qty: number, price: number) {
    const p = positions.get(symbol) ?? {
      login: LOGIN,
      symbol,
      netQty: 0,
      avgPrice: null,
      realizedPnl: 0,
      unrealizedPnl: null,
      markPrice: null,
    };
    const signed = side === 'BUY' ? qty : -qty;
    let { netQty, avgPrice, realizedPnl } = p;
    if (netQty === 0 || Math.sign(netQty) === Math.sign(signed)) {
      avgPrice = ((avgPrice ?? 0) * Math.abs(netQty) + price * qty) / (Math.abs(netQty) + qty);
      netQty += signed;
    } else {
      const closing = Math.min(Math.abs(netQty), qty);
      realizedPnl += closing * (price - (avgPrice ?? price)) * Math.sign(netQty);
      netQty += signed;
      if (netQty === 0) avgPrice = null;
      else if (Math.sign(netQty) === Math.sign(signed)) avgPrice = price;
    }
    const inst = instBySymbol.get(symbol);
    netQty = inst ? Number(netQty.toFixed(inst.qtyPrecision)) : netQty;
    const next: PositionRow = { ...p, netQty, avgPrice, realizedPnl };
    positions.set(symbol, mark(next));
    queue('positions', positions.get(symbol) as PositionRow);
  }

  function mark(p: PositionRow): PositionRow {
    const last = quotes.get(p.symbol)?.last ?? null;
    if (last === null || p.netQty === 0 || p.avgPrice === null)
      return { ...p, markPrice: last, unrealizedPnl: p.netQty === 0 ? null : p.unrealizedPnl };
    return { ...p, markPrice: last, unrealizedPnl: (last - p.avgPrice) * p.netQty };
  }

  function fill(order: OrderRow, qty: number, price: number): OrderRow {
    const inst = instBySymbol.get(order.symbol);
    const qp = inst?.qtyPrecision ?? 8;
    const executedQty = Number((order.executedQty + qty).toFixed(qp));
    const leavesQty = Number((order.origQty - executedQty).toFixed(qp));
    const cumQuote = order.cumQuote + qty * price;
    const tradeId = nextTradeId++;
    const row: FillRow = {
      fillId: `${order.orderId}:${tradeId}`,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      login: order.login,
      symbol: order.symbol,
      side: order.side,
      price,
      qty,
      time: now(),
      tradeId,
    };
    fills.push(row);
    queue('fills', row);
    const next = update(order, {
      executedQty,
      leavesQty,
      cumQuote,
      avgPrice: cumQuote / executedQty,
      status: leavesQty <= 0 ? 'FILLED' : 'PARTIALLY_FILLED',
      lastReason: 'FILL',
    });
    applyPosition(order.symbol, order.side, qty, price);
    const pp = inst?.pricePrecision ?? 5;
    notify(
      'fill',
      `Filled ${order.side} ${formatGrouped(qty, qp)} ${order.symbol} @ ${price.toFixed(pp)}`,
      order.orderId,
    );
    cancelOcoSibling(next);
    return next;
  }

  function cancelOcoSibling(order: OrderRow) {
    if (order.ocoOrderId === null) return;
    const other = orders.get(order.ocoOrderId);
    if (other && !isFinalStatus(other.status))
      update(other, { status: 'CANCELED', lastReason: 'OCO_CONDITION' });
  }

  /** Matches one working order against the current quote. */
  function run(order: OrderRow, entering: boolean): OrderRow {
    const q = quotes.get(order.symbol);
    if (!q || q.bid === null || q.ask === null || q.last === null) return order;
    let o = order;
    if (o.expiresAt !== null && o.expiresAt <= now())
      return update(o, { status: 'EXPIRED', lastReason: 'LIFETIME_EXPIRED' });
    if ((o.type === 'STOP' || o.type === 'STOP_LIMIT') && !o.triggered) {
      const hit = o.side === 'BUY' ? q.last >= (o.stopPrice ?? 0) : q.last <= (o.stopPrice ?? 0);
      if (!hit) return o;
      o = update(o, { triggered: true, lastReason: 'TRIGGERED' });
      cancelOcoSibling(o);
    }
    const marketLike = o.type === 'MARKET' || (o.type === 'STOP' && o.triggered);
    const touch = o.side === 'BUY' ? q.ask : q.bid;
    const crosses =
      marketLike || (o.side === 'BUY' ? touch <= (o.price ?? 0) : touch >= (o.price ?? 0));
    if (!crosses) {
      if (entering && (o.timeInForce === 'IOC' || o.timeInForce === 'FOK'))
        return update(o, {
          status: 'EXPIRED',
          lastReason: o.timeInForce === 'IOC' ? 'IOC_REMAINDER' : 'FOK_UNFILLED',
        });
      return o;
    }
    const price = marketLike ? touch : entering ? touch : (o.price ?? touch);
    const inst = instBySymbol.get(o.symbol);
    const lots = inst ? (qtyToLots(o.leavesQty, inst) ?? 1) : 1;
    // Resting orders fill in two pieces (so PARTIALLY_FILLED shows up); AON, FOK and market orders at once.
    const whole = entering || o.timeInForce === 'AON' || lots < 2 || o.executedQty > 0;
    const qty = whole
      ? o.leavesQty
      : Number((Math.floor(lots / 2) * (inst?.stepSize ?? 1)).toFixed(inst?.qtyPrecision ?? 8));
    return fill(o, qty, price);
  }

  function runBook() {
    for (const o of [...orders.values()]) if (!isFinalStatus(o.status)) run(o, false);
    for (const [symbol, p] of positions) {
      if (p.netQty === 0) continue;
      const next = mark(p);
      if (next.markPrice !== p.markPrice) {
        positions.set(symbol, next);
        queue('positions', next);
      }
    }
  }

  function setPrice(symbol: string, last: number) {
    const q = makeQuote(symbol, last);
    quotes.set(symbol, q);
    queue('quotes', q);
    runBook();
  }

  function tick() {
    if (status.state !== 'connected') return;
    for (const inst of instruments) {
      if (rand() < 0.4) continue;
      const q = quotes.get(inst.symbol);
      const last = q?.last ?? 1;
      const move = Math.round((rand() - 0.5) * 6) * inst.tickSize * (inst.tickSize < 0.001 ? 1 : 5);
      const q2 = makeQuote(inst.symbol, Math.max(inst.tickSize, last + move));
      quotes.set(inst.symbol, q2);
      queue('quotes', q2);
    }
    runBook();
  }

  // ------------------------------------------------------------ order entry checks

  function checkPrice(
    symbol: string,
    value: number | undefined,
    field: 'price' | 'stopPrice',
  ): IpcResult<never> | null {
    const inst = instBySymbol.get(symbol);
    if (value === undefined || !inst) return null;
    if (priceToTicks(value, inst) === null)
      return exchangeError(
        2004,
        `${field} ${value} is not a multiple of tickSize ${inst.tickSize}`,
        field,
      );
    return null;
  }

  function checkQty(symbol: string, qty: number): IpcResult<never> | null {
    const inst = instBySymbol.get(symbol);
    if (!inst) return exchangeError(2003, `unknown symbol ${symbol}`, 'symbol');
    if (qty < inst.minQty)
      return exchangeError(2005, `quantity ${qty} is below minQty ${inst.minQty}`, 'quantity');
    if (qtyToLots(qty, inst) === null)
      return exchangeError(
        2005,
        `quantity ${qty} is not a multiple of stepSize ${inst.stepSize}`,
        'quantity',
      );
    return null;
  }

  function newOrder(o: {
    symbol: string;
    side: Side;
    type: OrderType;
    quantity: number;
    price?: number | undefined;
    stopPrice?: number | undefined;
    timeInForce: TimeInForce;
    expiresAt: number | null;
    login?: string | undefined;
  }): OrderRow {
    const orderId = nextOrderId++;
    const t = now();
    return {
      orderId,
      clientOrderId: `c${orderId.toString(36)}${Math.floor(rand() * 1e6).toString(36)}`,
      login: o.login ?? LOGIN,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      timeInForce: o.timeInForce,
      expiresAt: o.expiresAt,
      price: o.price ?? null,
      stopPrice: o.stopPrice ?? null,
      origQty: o.quantity,
      executedQty: 0,
      leavesQty: o.quantity,
      avgPrice: null,
      cumQuote: 0,
      status: 'NEW',
      createdAt: t,
      updatedAt: t,
      ocoOrderId: null,
      triggered: false,
      lastReason: 'NEW',
    };
  }

  function wouldTrigger(side: Side, stopPrice: number, symbol: string): boolean {
    const last = quotes.get(symbol)?.last;
    if (last == null) return false;
    return side === 'BUY' ? last >= stopPrice : last <= stopPrice;
  }

  const notConnected = () =>
    status.state === 'connected' ? null : fail('NOT_CONNECTED', 'Not connected to an exchange.');

  async function reply<T>(command: CommandName, input: unknown, run: () => IpcResult<T>) {
    calls.push({ command, input });
    const latency = options.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    return run();
  }

  function rejectNote(message: string) {
    notify('reject', `Rejected: ${message}`);
  }

  const snapshot = () => ({
    connection: status,
    profiles: listProfiles(),
    instruments,
    quotes: [...quotes.values()],
    settings,
    orders: [...orders.values()],
    fills: [...fills],
    positions: [...positions.values()].map(mark),
    notifications: [],
  });

  const api: FakeApi = {
    calls,
    emit,
    setPrice,
    simulateDrop(reason, retryMs, reconnect = true) {
      const profile = findProfile(status.profileId) ?? PAPER_PROFILE;
      setStatus({ ...status, state: 'reconnecting', reason, retryInMs: retryMs, latencyMs: null });
      notify('disconnect', `Connection lost: ${reason}`);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (reconnect)
        reconnectTimer = setTimeout(() => {
          setStatus(connectedStatus(profile));
          notify('connect', `Connected to ${profile.name}`);
        }, retryMs);
    },
    dispose() {
      if (timer) clearInterval(timer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      timer = null;
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getSnapshot: (input) => reply('getSnapshot', input, () => ok(snapshot())),
    listProfiles: (input) => reply('listProfiles', input, () => ok(listProfiles())),
    saveProfile: (input) => reply('saveProfile', input, () => saveProfile(input)),
    deleteProfile: (input) => reply('deleteProfile', input, () => deleteProfile(input.id)),
    connect: (input) =>
      reply('connect', input, () => {
        const profile = findProfile(input.profileId);
        if (!profile)
          return fail('NOT_FOUND', `No profile ${input.profileId}`, { field: 'profileId' });
        const next = connectedStatus(profile);
        setStatus(next);
        notify('connect', `Connected to ${profile.name}`);
        return ok(next);
      }),
    disconnect: (input) =>
      reply('disconnect', input, () => {
        if (reconnectTimer) clearTimeout(reconnectTimer);
        const next: ConnectionStatus = {
          ...status,
          state: 'disconnected',
          latencyMs: null,
          retryInMs: null,
          reason: 'Disconnected by the user',
        };
        setStatus(next);
        notify('disconnect', 'Disconnected');
        return ok(next);
      }),
    placeOrder: (input) =>
      reply('placeOrder', input, (): IpcResult<PlacedOrder> => {
        const down = notConnected();
        if (down) return down;
        const parsed = PlaceOrderInput.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return fail('INVALID_INPUT', issue?.message ?? 'invalid input', {
            field: String(issue?.path[0] ?? ''),
          });
        }
        const o = parsed.data;
        const err =
          checkQty(o.symbol, o.quantity) ??
          checkPrice(o.symbol, o.price, 'price') ??
          checkPrice(o.symbol, o.stopPrice, 'stopPrice');
        if (err) {
          if (!err.ok) rejectNote(err.error.message);
          return err;
        }
        if (o.type === 'MARKET' && o.price !== undefined)
          return exchangeError(2004, 'price is not allowed for MARKET orders', 'price');
        if (o.stopPrice !== undefined && wouldTrigger(o.side, o.stopPrice, o.symbol)) {
          rejectNote('stopPrice would trigger immediately');
          return exchangeError(2004, 'stopPrice would trigger immediately', 'stopPrice');
        }
        const expiresAt = o.timeInForceDate ? Date.parse(o.timeInForceDate) : null;
        if (o.timeInForce === 'GTT' && (expiresAt === null || expiresAt <= now()))
          return exchangeError(2006, 'timeInForceDate must be in the future', 'timeInForceDate');
        let order = newOrder({ ...o, expiresAt });
        orders.set(order.orderId, order);
        queue('orders', order);
        order = run(order, true);
        return ok({
          orderId: order.orderId,
          clientOrderId: order.clientOrderId,
          status: order.status,
        });
      }),
    placeOco: (input) =>
      reply('placeOco', input, (): IpcResult<PlacedOrder[]> => {
        const down = notConnected();
        if (down) return down;
        const parsed = PlaceOcoInput.safeParse(input);
        if (!parsed.success)
          return fail('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'invalid input');
        const o = parsed.data;
        const err =
          checkQty(o.symbol, o.quantity) ??
          checkPrice(o.symbol, o.limitPrice, 'price') ??
          checkPrice(o.symbol, o.stopPrice, 'stopPrice');
        if (err) return err;
        const last = quotes.get(o.symbol)?.last ?? null;
        const ruleOk =
          last === null ||
          (o.side === 'SELL'
            ? o.limitPrice > last && last > o.stopPrice
            : o.limitPrice < last && last < o.stopPrice);
        if (!ruleOk) {
          const msg =
            o.side === 'SELL'
              ? 'for SELL OCO the limit price must be above and the stop price below the last price'
              : 'for BUY OCO the limit price must be below and the stop price above the last price';
          rejectNote(msg);
          return exchangeError(2007, msg);
        }
        const expiresAt = o.lifeTime ? Date.parse(o.lifeTime) : null;
        const base = { symbol: o.symbol, side: o.side, quantity: o.quantity, expiresAt };
        const limitLeg = newOrder({
          ...base,
          type: 'LIMIT',
          price: o.limitPrice,
          timeInForce: o.timeInForce,
        });
        const stopLeg = newOrder({
          ...base,
          type: o.stopType,
          stopPrice: o.stopPrice,
          price: o.stopType === 'STOP_LIMIT' ? o.stopLimitPrice : undefined,
          timeInForce: o.timeInForce,
        });
        const a = { ...limitLeg, ocoOrderId: stopLeg.orderId };
        const b = { ...stopLeg, ocoOrderId: limitLeg.orderId };
        for (const leg of [a, b]) {
          orders.set(leg.orderId, leg);
          queue('orders', leg);
        }
        return ok(
          [a, b].map((l) => ({
            orderId: l.orderId,
            clientOrderId: l.clientOrderId,
            status: l.status,
          })),
        );
      }),
    modifyOrder: (input) =>
      reply('modifyOrder', input, (): IpcResult<null> => {
        const down = notConnected();
        if (down) return down;
        const o = orders.get(input.orderId);
        if (!o) return exchangeError(2000, `unknown order ${input.orderId}`);
        if (isFinalStatus(o.status))
          return exchangeError(2001, `order ${o.orderId} is ${o.status}`);
        const err =
          (input.quantity !== undefined ? checkQty(o.symbol, input.quantity) : null) ??
          checkPrice(o.symbol, input.price, 'price') ??
          checkPrice(o.symbol, input.stopPrice, 'stopPrice');
        if (err) return err;
        if (input.quantity !== undefined && input.quantity <= o.executedQty)
          return exchangeError(2005, 'quantity must be greater than executedQty', 'quantity');
        const quantity = input.quantity ?? o.origQty;
        const next = update(o, {
          price: input.price ?? o.price,
          stopPrice: input.stopPrice ?? o.stopPrice,
          origQty: quantity,
          leavesQty: quantity - o.executedQty,
          lastReason: 'MODIFIED',
        });
        run(next, false);
        return ok(null);
      }),
    cancelOrder: (input) =>
      reply('cancelOrder', input, (): IpcResult<null> => {
        const down = notConnected();
        if (down) return down;
        const o = orders.get(input.orderId);
        if (!o) return exchangeError(2000, `unknown order ${input.orderId}`);
        if (isFinalStatus(o.status))
          return exchangeError(2001, `order ${o.orderId} is ${o.status}`);
        const next = update(o, { status: 'CANCELED', lastReason: 'USER' });
        cancelOcoSibling(next);
        return ok(null);
      }),
    cancelAll: (input) =>
      reply('cancelAll', input, () => {
        const down = notConnected();
        if (down) return down;
        let requested = 0;
        for (const o of [...orders.values()]) {
          if (isFinalStatus(o.status)) continue;
          if (input?.symbol && o.symbol !== input.symbol) continue;
          requested++;
          update(o, { status: 'CANCELED', lastReason: 'USER' });
        }
        return ok({ requested, failed: [] });
      }),
    orderDetail: (input) =>
      reply('orderDetail', input, () => {
        const order = orders.get(input.orderId);
        if (!order) return fail('NOT_FOUND', `Unknown order ${input.orderId}.`);
        return ok({ order, fills: fills.filter((f) => f.orderId === input.orderId) });
      }),
    queryOrders: (input) =>
      reply('queryOrders', input, () =>
        ok(
          [...orders.values()].filter(
            (o) =>
              (input.from === undefined || o.updatedAt >= input.from) &&
              (input.to === undefined || o.updatedAt < input.to) &&
              (input.symbol === undefined || o.symbol === input.symbol),
          ),
        ),
      ),
    queryFills: (input) =>
      reply('queryFills', input, () =>
        ok(
          fills.filter(
            (f) =>
              (input.from === undefined || f.time >= input.from) &&
              (input.to === undefined || f.time < input.to) &&
              (input.symbol === undefined || f.symbol === input.symbol),
          ),
        ),
      ),
    queryPositions: (input) =>
      reply('queryPositions', input, () => ok([...positions.values()].map(mark))),
    saveCsv: (input) =>
      reply('saveCsv', input, (): IpcResult<CsvResult> => {
        const result = options.csvResult ?? 'download';
        if (result === 'saved')
          return ok({ status: 'saved' as const, path: `/tmp/${input.fileName}` });
        if (result === 'canceled') return ok({ status: 'canceled' as const });
        return ok({ status: 'download' as const });
      }),
    getSettings: (input) => reply('getSettings', input, () => ok(settings)),
    saveSettings: (input) =>
      reply('saveSettings', input, () => {
        settings = { ...settings, ...input, layout: { ...settings.layout, ...input.layout } };
        return ok(settings);
      }),
  };

  if (options.tickMs) timer = setInterval(tick, options.tickMs);
  return api;
}

/** Many final orders and their fills, for trying the blotters at scale. */
export function generateHistory(
  count: number,
  endTime: number,
  instruments: readonly InstrumentInfo[] = DEFAULT_INSTRUMENTS,
  seed = 7,
): { orders: OrderRow[]; fills: FillRow[] } {
  const rand = random(seed);
  const orders: OrderRow[] = [];
  const fills: FillRow[] = [];
  const statuses = ['FILLED', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const;
  for (let i = 0; i < count; i++) {
    const inst = instruments[Math.floor(rand() * instruments.length)] ?? DEFAULT_INSTRUMENTS[0];
    if (!inst) break;
    const ref = DEFAULT_REFERENCE_PRICES[inst.symbol] ?? 100;
    const ticks = Math.round((ref * (1 + (rand() - 0.5) * 0.02)) / inst.tickSize);
    const price = Number((ticks * inst.tickSize).toFixed(inst.pricePrecision));
    const lots = 1 + Math.floor(rand() * 50);
    const qty = Number((lots * inst.stepSize).toFixed(inst.qtyPrecision));
    const status = statuses[Math.floor(rand() * statuses.length)] ?? 'FILLED';
    const side: Side = rand() < 0.5 ? 'BUY' : 'SELL';
    const time = endTime - (count - i) * 1500 - Math.floor(rand() * 1000);
    const orderId = i + 1;
    const filled = status === 'FILLED';
    orders.push({
      orderId,
      clientOrderId: `h${orderId}`,
      login: LOGIN,
      symbol: inst.symbol,
      side,
      type: 'LIMIT',
      timeInForce: 'GTC',
      expiresAt: null,
      price,
      stopPrice: null,
      origQty: qty,
      executedQty: filled ? qty : 0,
      leavesQty: filled ? 0 : qty,
      avgPrice: filled ? price : null,
      cumQuote: filled ? qty * price : 0,
      status,
      createdAt: time - 500,
      updatedAt: time,
      ocoOrderId: null,
      triggered: false,
      lastReason: filled ? 'FILL' : status === 'CANCELED' ? 'USER' : status,
    });
    if (filled)
      fills.push({
        fillId: `${orderId}:${orderId}`,
        orderId,
        clientOrderId: `h${orderId}`,
        login: LOGIN,
        symbol: inst.symbol,
        side,
        price,
        qty,
        time,
        tradeId: orderId,
      });
  }
  return { orders, fills };
}
