/**
 * The IPC contract between renderer and main: one table of commands and one
 * of events, each with zod schemas. The preload bridge, the browser-host
 * client and the main-process handlers are all generated from these tables.
 */
import { z } from 'zod';
import {
  CanonicalOrderStatus as OrderStatus,
  DepthPayload,
  DepthSnapshot,
  IsoTime,
  NewOrderSinglePayload,
  Num,
  OrderType,
  PositiveNum as Positive,
  QuotePayload,
  Side,
  SymbolInfo,
  SymbolName,
  AnyTimeInForce,
} from '../protocol/schemas';
import type { Result } from '../domain/result';
import { Revision } from '../protocol/revisions';
import { CHART_MAX_COUNT, ChartInterval, ChartPivotLevels } from '../protocol/chart';
import { orderEntryIssues } from '../domain/orderRules';
import type { CommandName, EventName } from './channels';
import {
  AlertCondition,
  BracketPlan,
  BracketSpec,
  PositionActionReport,
  PositionTarget,
  PriceAlert,
  ToolSettings,
  ToolsState,
  TrailDistance,
  TrailingStop,
} from './tools';
import { ReplayAction, ReplayStatus } from '../protocol/replay';
import { ReplaySessionInfo, StartReplayInput, StartReplayOutput } from './replay';
import {
  AccountFigures,
  AccountSettingsUpdate,
  AuditRow,
  JournalEntry,
  ReviewQuery,
  ReviewResult,
  RoundTrip,
  TripExcursion,
} from './review';

// ---------------------------------------------------------------- shared shapes
// Primitives are the wire protocol's; OrderStatus is the canonical enum (IPC
// never carries the later revision's PARTIAL_FILL).

/**
 * An instrument's trading rules, as the renderer needs them (the `symbols`
 * extension's shape), and where they come from: the exchange itself, the
 * profile's instrument list, or nowhere (a name from the Chart API only: the
 * ticket checks no tick or lot, and the exchange's answer is the judge).
 */
export const InstrumentInfo = SymbolInfo.extend({
  /** Where the rules come from (absent: the exchange). */
  rules: z.enum(['exchange', 'profile', 'unknown']).optional(),
});
export type InstrumentInfo = z.infer<typeof InstrumentInfo>;

/** One order, its newest version (a blotter row). */
export const OrderRow = z.object({
  /** The exchange's orderId; negative: a local row of an order the exchange refused without giving it one. */
  orderId: z.number().int(),
  clientOrderId: z.string(),
  login: z.string(),
  symbol: SymbolName,
  side: Side,
  type: OrderType,
  timeInForce: AnyTimeInForce,
  /** GTT / lifeTime expiry, epoch ms. */
  expiresAt: Num.nullable(),
  /** Limit price; null for MARKET and STOP. */
  price: Num.nullable(),
  stopPrice: Num.nullable(),
  origQty: Num,
  executedQty: Num,
  leavesQty: Num,
  /** Average fill price; null before the first fill. */
  avgPrice: Num.nullable(),
  cumQuote: Num,
  status: OrderStatus,
  /** Epoch ms the order was first seen. */
  createdAt: Num,
  /** Epoch ms of the order's last change (transactTime). */
  updatedAt: Num,
  ocoOrderId: z.number().int().positive().nullable(),
  triggered: z.boolean(),
  /** Reason of the last change (USER, OCO_CONDITION, ...), when the exchange gave one. */
  lastReason: z.string().nullable(),
});
export type OrderRow = z.infer<typeof OrderRow>;

/** One fill (a Fills blotter row). */
export const FillRow = z.object({
  /** Stable id: `${orderId}:${tradeId}` or `${orderId}:${n}` when the server gives no tradeId. */
  fillId: z.string(),
  orderId: z.number().int().positive(),
  clientOrderId: z.string(),
  login: z.string(),
  symbol: SymbolName,
  side: Side,
  price: Num,
  qty: Num,
  /** Epoch ms. */
  time: Num,
  tradeId: z.number().int().nullable(),
});
export type FillRow = z.infer<typeof FillRow>;

/** Net position per login and symbol. */
export const PositionRow = z.object({
  login: z.string(),
  symbol: SymbolName,
  netQty: Num,
  /** Average entry price of the open quantity; null when flat. */
  avgPrice: Num.nullable(),
  realizedPnl: Num,
  /** From the latest quote; null without one or when flat. */
  unrealizedPnl: Num.nullable(),
  /** Mark price used for unrealized P&L. */
  markPrice: Num.nullable(),
});
export type PositionRow = z.infer<typeof PositionRow>;

/** Latest quote of a symbol. */
export const Quote = QuotePayload;
export type Quote = QuotePayload;

/** What the connected server supports: its protocol revision and the extensions it answers. */
export const SessionFeatures = z.object({
  /** The server's protocol revision (null until known). */
  revision: Revision.nullable(),
  /** How the revision was decided (the profile said so, or what detection saw). */
  revisionEvidence: z.string().nullable(),
  /** The `symbols` extension. */
  symbols: z.boolean(),
  /** Live quotes (the `subscribe` extension, or the Chart API's ticker). */
  quotes: z.boolean(),
  /** `orders` since a time (history after a reconnect). */
  history: z.boolean(),
  /** Orders carry a free-text note. */
  notes: z.boolean(),
  /** A Chart API is connected (candles, and quotes when the order socket has none). */
  chart: z.boolean(),
  /** The times in force an order of each type may carry on this server. */
  timesInForce: z.record(OrderType, z.array(AnyTimeInForce)),
});
export type SessionFeatures = z.infer<typeof SessionFeatures>;
/** Nothing known yet. */
export const NO_FEATURES: SessionFeatures = {
  revision: null,
  revisionEvidence: null,
  symbols: false,
  quotes: false,
  history: false,
  notes: false,
  chart: false,
  timesInForce: { MARKET: [], LIMIT: [], STOP: [], STOP_LIMIT: [] },
};

/** Connection state as the status bar shows it. */
export const ConnectionStatus = z.object({
  state: z.enum(['disconnected', 'connecting', 'connected', 'reconnecting']),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  /** True for the bundled paper exchange. */
  paper: z.boolean(),
  /** Round-trip latency of the last heartbeat, ms. */
  latencyMs: Num.nullable(),
  /** While reconnecting: ms until the next attempt. */
  retryInMs: Num.nullable(),
  /** Why the link is down, in words. */
  reason: z.string().nullable(),
  /** Logins the session trades. */
  logins: z.array(z.string()),
  /** What the connected server supports. */
  features: SessionFeatures,
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** A fresh status for "no session": disconnected, no profile, no features. */
export function disconnectedStatus(): ConnectionStatus {
  return {
    state: 'disconnected',
    profileId: null,
    profileName: null,
    paper: false,
    latencyMs: null,
    retryInMs: null,
    reason: null,
    logins: [],
    features: NO_FEATURES,
  };
}

/** A user-facing notification (toast and log panel). */
export const Notification = z.object({
  id: z.string(),
  /** `order`: an order changed without the user asking just then (expired, cancelled, modified). */
  kind: z.enum(['fill', 'reject', 'order', 'disconnect', 'connect', 'info', 'error']),
  message: z.string(),
  time: Num,
  orderId: z.number().int().nullable(),
});
export type Notification = z.infer<typeof Notification>;

/** Whether the history database is saving: while `failing`, new orders and fills are held back (not shown) and retried. */
export const StorageStatus = z.object({
  state: z.enum(['ok', 'failing']),
  /** "History cannot be saved: <the database's error>" while failing. */
  message: z.string().nullable(),
  /** Ms until the next attempt, while failing. */
  retryInMs: Num.nullable(),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

/** A connection profile (the token never leaves main: only `hasToken`). */
/** Which kind of server a profile reaches: found out on connect (auto), or one revision. */
export const ProfileRevision = z.enum(['auto', 'extended', 'first', 'current']);
export type ProfileRevision = z.infer<typeof ProfileRevision>;

/** A Chart API address: http(s), no credentials in it. */
export const ChartUrl = z
  .string()
  .regex(/^https?:\/\/[^\s@/]+(\/\S*)?$/, 'Chart API URL must start with http:// or https://')
  .max(2000);

/** What a profile says about its server beyond the address: revision, Chart API, instrument rules. */
export const ProfileOptions = z.object({
  /** The protocol revision (default auto). */
  revision: ProfileRevision.default('auto'),
  /** The venue's Chart API (instruments, prices, candles), or null. */
  chartUrl: ChartUrl.nullable().default(null),
  /** Trading rules of instruments the server does not list (no `symbols` extension). */
  instruments: z.array(SymbolInfo).max(500).default([]),
});
export type ProfileOptions = z.infer<typeof ProfileOptions>;

export const Profile = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    kind: z.enum(['paper', 'remote']),
    /** ws:// or wss:// URL; empty for paper (the bundled exchange picks a port). */
    url: z.string().max(2000),
    /** Default login for orders; null = the session's first. */
    login: z.string().max(64).nullable(),
    hasToken: z.boolean(),
    /** A past replay session (its own paper exchange and account): what it replays, where it stopped. */
    replay: ReplaySessionInfo.optional(),
  })
  .extend(ProfileOptions.shape);
export type Profile = z.infer<typeof Profile>;

/** User settings, persisted by main. */
export const Settings = z.object({
  confirmOrders: z.boolean(),
  soundOnFill: z.boolean(),
  theme: z.enum(['dark', 'light']),
  /** Opaque renderer layout state (tab, column widths, splits). */
  layout: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Settings = z.infer<typeof Settings>;

/** Defaults for a fresh data directory. */
export const DEFAULT_SETTINGS: Settings = {
  confirmOrders: false,
  soundOnFill: false,
  theme: 'dark',
  layout: {},
};

/** Free text kept with an order, where the exchange's revision has notes. */
export const OrderNote = z.string().trim().min(1).max(256);

/**
 * Order entry, as the ticket sends it: the protocol's order fields (the
 * session assigns the clientOrderId) plus a note, with the rules that tie the
 * fields together, so every caller gets them (validated again by the exchange).
 */
export const PlaceOrderInput = NewOrderSinglePayload.omit({
  clientOrderId: true,
  timeInForce: true,
})
  .extend({
    /** Absent: the exchange's default (GTC on ours). */
    timeInForce: AnyTimeInForce.optional(),
    /** Free text kept with the order (revisions that have notes). */
    note: OrderNote.optional(),
    /** Send even though a safety limit is breached (set only by the override dialog). */
    override: z.boolean().optional(),
  })
  .superRefine((order, ctx) => {
    for (const issue of orderEntryIssues(order)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

/** What a placed order came back as. */
export const PlacedOrder = z.object({
  orderId: z.number().int().positive(),
  clientOrderId: z.string(),
  status: OrderStatus,
});
export type PlacedOrder = z.infer<typeof PlacedOrder>;

/** OCO entry: one side and quantity, a limit leg and a stop (or stop-limit) leg. */
export const PlaceOcoInput = z.object({
  symbol: SymbolName,
  side: Side,
  quantity: Positive,
  limitPrice: Positive,
  stopType: z.enum(['STOP', 'STOP_LIMIT']),
  stopPrice: Positive,
  /** Limit price of the stop leg when it is STOP_LIMIT. */
  stopLimitPrice: Positive.optional(),
  /** Both legs' time in force (absent: the exchange's default). */
  timeInForce: z.enum(['GTC', 'GTT', 'DAY', 'AON']).optional(),
  /** Expiry of both legs (required for GTT). */
  lifeTime: IsoTime.optional(),
  login: z.string().min(1).max(64).optional(),
  /** Send even though a safety limit is breached (set only by the override dialog). */
  override: z.boolean().optional(),
});
export type PlaceOcoInput = z.input<typeof PlaceOcoInput>;

/** A query window for the history blotters. */
export const HistoryQuery = z.object({
  /** Epoch ms, inclusive. */
  from: Num.optional(),
  /** Epoch ms, exclusive. */
  to: Num.optional(),
  symbol: SymbolName.optional(),
  /** Row cap (newest first). */
  limit: z.number().int().positive().max(1_000_000).optional(),
});
export type HistoryQuery = z.input<typeof HistoryQuery>;

/** The history blotters main pages through SQLite. */
export const HistoryBlotter = z.enum(['orders', 'fills']);
export type HistoryBlotter = z.infer<typeof HistoryBlotter>;

/** A history blotter's filter, run in SQL (absent: any). */
export const HistoryRowFilter = z.object({
  symbol: SymbolName.optional(),
  side: Side.optional(),
  /** Orders only. */
  status: OrderStatus.optional(),
  /** Epoch ms, inclusive (orders: updatedAt, fills: time). */
  from: Num.optional(),
  /** Epoch ms, exclusive. */
  to: Num.optional(),
});
export type HistoryRowFilter = z.infer<typeof HistoryRowFilter>;

/** A row's place in a sort: its sort value and its unique key (keyset paging). */
export const HistoryCursor = z.object({
  value: z.union([z.number(), z.string().max(2000)]),
  key: z.union([z.number(), z.string().max(200)]),
});
export type HistoryCursor = z.infer<typeof HistoryCursor>;

/** One page of a history blotter: filter, sort, and where the page starts. */
export const HistoryPageQuery = z.object({
  blotter: HistoryBlotter,
  filter: HistoryRowFilter.default({}),
  /** A sortable column id of the blotter; unknown ids are refused. */
  sort: z.object({ columnId: z.string().min(1).max(40), dir: z.enum(['asc', 'desc']) }),
  /** Rows strictly after this cursor (or before it, going backward); absent: from the start. */
  after: HistoryCursor.optional(),
  /** `backward`: the rows just before `after` (or the last rows), still returned in sort order. */
  direction: z.enum(['forward', 'backward']).default('forward'),
  /** Without a cursor: the page starting at this row index (a scrollbar jump). */
  at: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(5000),
  /** Also count every matching row (for the scrollbar). */
  count: z.boolean().default(false),
});
export type HistoryPageQuery = z.input<typeof HistoryPageQuery>;

/** The page's position in the sort, shared by both blotters' replies. */
const HistoryPageBounds = z.object({
  /** Cursor of the first and the last row (null: no rows). */
  first: HistoryCursor.nullable(),
  last: HistoryCursor.nullable(),
  /** Matching rows in all (when asked). */
  total: z.number().int().nonnegative().nullable(),
});

/** A page of rows, in sort order. */
export const HistoryPage = z.discriminatedUnion('blotter', [
  HistoryPageBounds.extend({ blotter: z.literal('orders'), rows: z.array(OrderRow) }),
  HistoryPageBounds.extend({ blotter: z.literal('fills'), rows: z.array(FillRow) }),
]);
export type HistoryPage = z.infer<typeof HistoryPage>;

/** Largest CSV piece sent in one command (well under the browser host's 8 MiB frame). */
export const CSV_CHUNK_MAX_CHARS = 2_000_000;

/** A streamed CSV export, step by step: begin (the host decides where), append pieces, finish or abort. */
export const CsvExportStep = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('begin'),
    fileName: z.string().regex(/^[\w .-]{1,120}\.csv$/, 'file name must end in .csv'),
  }),
  z.object({
    op: z.literal('append'),
    exportId: z.string().min(1).max(64),
    chunk: z.string().max(CSV_CHUNK_MAX_CHARS),
  }),
  z.object({ op: z.literal('finish'), exportId: z.string().min(1).max(64) }),
  z.object({ op: z.literal('abort'), exportId: z.string().min(1).max(64) }),
]);
export type CsvExportStep = z.input<typeof CsvExportStep>;

/** What a step came back as; `download`: the host has no save dialog, the renderer downloads. */
export const CsvExportReply = z.discriminatedUnion('status', [
  z.object({ status: z.literal('streaming'), exportId: z.string() }),
  z.object({ status: z.literal('download') }),
  z.object({ status: z.literal('appended') }),
  z.object({ status: z.literal('saved'), path: z.string() }),
  z.object({ status: z.literal('canceled') }),
]);
export type CsvExportReply = z.infer<typeof CsvExportReply>;

/** Everything the renderer needs to draw its first frame. */
export const Snapshot = z.object({
  connection: ConnectionStatus,
  profiles: z.array(Profile),
  instruments: z.array(InstrumentInfo),
  quotes: z.array(Quote),
  settings: Settings,
  /** Working orders and today's history (newest first, capped). */
  orders: z.array(OrderRow),
  fills: z.array(FillRow),
  positions: z.array(PositionRow),
  notifications: z.array(Notification),
});
export type Snapshot = z.infer<typeof Snapshot>;

// ---------------------------------------------------------------- chart

/** A page of candles: the newest `count` (default 500) with an open time before `before` (absent: up to now). */
export const ChartCandlesInput = z.object({
  symbol: SymbolName,
  /** The Chart API's spelling: 1m, 5m, 15m, 1h, 4h, 1day... */
  interval: ChartInterval,
  /** Epoch ms, exclusive: only candles that opened earlier (paging back through history). */
  before: z.number().int().positive().optional(),
  count: z.number().int().min(1).max(CHART_MAX_COUNT).optional(),
});
export type ChartCandlesInput = z.input<typeof ChartCandlesInput>;

/** One candle as the chart draws it: open time in epoch ms, OHLC and traded volume. */
export const ChartBar = z.object({
  /** Open time, epoch ms (UTC, aligned to the interval). */
  time: Num,
  open: Num,
  high: Num,
  low: Num,
  close: Num,
  volume: Num,
});
export type ChartBar = z.infer<typeof ChartBar>;

/** Classic pivot levels of the previous day as numbers: PP, S1-S3, R1-R3 (the Chart API's names). */
export const ChartPivots = z.record(ChartPivotLevels.keyof(), Num);
export type ChartPivots = z.infer<typeof ChartPivots>;

// ---------------------------------------------------------------- the tables

const NoInput = z.undefined().optional();
const OrderIdInput = z.object({ orderId: z.number().int().positive() });

/** Commands: renderer -> main, request/reply. */
export const commands = {
  getSnapshot: { input: NoInput, output: Snapshot },
  listProfiles: { input: NoInput, output: z.array(Profile) },
  saveProfile: {
    input: z.object({
      /** Absent: create. */
      id: z.string().min(1).max(64).optional(),
      name: z.string().trim().min(1).max(80),
      url: z
        .string()
        .regex(/^wss?:\/\/\S+$/, 'URL must start with ws:// or wss://')
        .max(2000),
      login: z.string().max(64).nullable().optional(),
      /** Write-only; absent keeps the stored token (a changed URL drops it). */
      token: z.string().min(1).max(4096).optional(),
      /** Absent keeps the stored value (new profiles: auto). */
      revision: ProfileRevision.optional(),
      /** Absent keeps the stored value (new profiles: none). */
      chartUrl: ChartUrl.nullable().optional(),
      /** Absent keeps the stored list. */
      instruments: ProfileOptions.shape.instruments.removeDefault().optional(),
    }),
    output: Profile,
  },
  deleteProfile: { input: z.object({ id: z.string().min(1).max(64) }), output: z.null() },
  connect: { input: z.object({ profileId: z.string().min(1).max(64) }), output: ConnectionStatus },
  disconnect: { input: NoInput, output: ConnectionStatus },
  placeOrder: { input: PlaceOrderInput, output: PlacedOrder },
  placeOco: { input: PlaceOcoInput, output: z.array(PlacedOrder) },
  modifyOrder: {
    input: OrderIdInput.extend({
      price: Positive.optional(),
      stopPrice: Positive.optional(),
      quantity: Positive.optional(),
    }),
    output: z.null(),
  },
  cancelOrder: { input: OrderIdInput, output: z.null() },
  cancelAll: {
    input: z.object({ symbol: SymbolName.optional() }).optional(),
    output: z.object({
      requested: z.number().int(),
      /** Cancels the exchange accepted. */
      cancelled: z.number().int(),
      /** Orders already final (filled, cancelled, expired) when their cancel arrived. */
      alreadyFinal: z.number().int(),
      failed: z.array(z.object({ orderId: z.number().int(), message: z.string() })),
    }),
  },
  orderDetail: {
    input: OrderIdInput,
    output: z.object({ order: OrderRow, fills: z.array(FillRow) }),
  },
  queryOrders: { input: HistoryQuery, output: z.array(OrderRow) },
  queryFills: { input: HistoryQuery, output: z.array(FillRow) },
  queryPositions: { input: NoInput, output: z.array(PositionRow) },
  queryHistory: { input: HistoryPageQuery, output: HistoryPage },
  exportCsv: { input: CsvExportStep, output: CsvExportReply },
  getSettings: { input: NoInput, output: Settings },
  saveSettings: { input: Settings.partial(), output: Settings },
  /** Candles of one instrument, oldest first (errors: no Chart API on the profile, the Chart API's refusal). */
  chartCandles: { input: ChartCandlesInput, output: z.array(ChartBar) },
  /** Classic pivot levels of the previous day (UTC) of one instrument. */
  chartPivots: { input: z.object({ symbol: SymbolName }), output: ChartPivots },
  /** Tool settings, bracket plans, trailing stops and alerts of the connected profile. */
  getTools: { input: NoInput, output: ToolsState },
  /** Replaces the safety limits, default quantities and the one-click mode. */
  saveToolSettings: { input: ToolSettings, output: ToolSettings },
  /** Places an entry order with take-profit and stop-loss that main places when it fills. */
  placeBracket: {
    input: z.object({ entry: PlaceOrderInput, bracket: BracketSpec }),
    output: z.object({ plan: BracketPlan, order: PlacedOrder }),
  },
  /** Cancels a bracket plan: its working entry and exits. */
  cancelBracket: { input: z.object({ planId: z.string().min(1).max(40) }), output: z.null() },
  /** Closes a position with a market order for its net quantity (its bracket exits cancelled first). */
  closePosition: { input: PositionTarget, output: PositionActionReport },
  /** Reverses a position with a market order for twice its net quantity. */
  reversePosition: {
    input: PositionTarget.extend({ override: z.boolean().optional() }),
    output: PositionActionReport,
  },
  /** Cancels the working orders (of a symbol, or all), then closes the positions. */
  flatten: {
    input: z.object({ symbol: SymbolName.optional() }).optional(),
    output: PositionActionReport,
  },
  /** Moves a working STOP order behind the market while the app runs. */
  startTrailingStop: {
    input: OrderIdInput.extend({ distance: TrailDistance }),
    output: TrailingStop,
  },
  /** Stops trailing (the stop stays where it is). */
  stopTrailingStop: { input: z.object({ id: z.string().min(1).max(40) }), output: z.null() },
  /** Adds (or replaces, with an id) a price alert, armed. */
  saveAlert: {
    input: z.object({
      id: z.string().min(1).max(40).optional(),
      symbol: SymbolName,
      condition: AlertCondition,
      price: Positive,
    }),
    output: PriceAlert,
  },
  /** Arms a fired alert again. */
  rearmAlert: { input: z.object({ id: z.string().min(1).max(40) }), output: z.null() },
  /** Deletes an alert. */
  deleteAlert: { input: z.object({ id: z.string().min(1).max(40) }), output: z.null() },
  /** Streams a symbol's order book (`depth` events); `supported: false`: the server has no depth. */
  watchDepth: { input: DepthPayload, output: z.object({ supported: z.boolean() }) },
  /** Stops a symbol's depth stream. */
  unwatchDepth: { input: z.object({ symbol: SymbolName }), output: z.null() },
  /** The account bar's figures in the account currency (null: no rate). */
  getAccount: { input: NoInput, output: AccountFigures },
  /** Changes the account currency, paper starting balance or accounting method. */
  saveAccountSettings: { input: AccountSettingsUpdate, output: AccountFigures },
  /** Starts a new paper account (history kept): realized P&L counts from now. */
  resetPaperAccount: {
    input: z.object({ startingBalance: Positive.max(1e13).optional() }),
    output: AccountFigures,
  },
  /** Reviews a range: statistics, curves, buckets and the newest trips. */
  reviewRange: {
    input: ReviewQuery.extend({ limit: z.number().int().positive().max(5000).default(500) }),
    output: ReviewResult,
  },
  /** A further page of a review's round trips (newest exit first). */
  reviewTrips: {
    input: z.object({
      query: ReviewQuery,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(5000),
    }),
    output: z.object({ trips: z.array(RoundTrip), total: z.number().int().nonnegative() }),
  },
  /** MAE/MFE of round trips of the last review, from the Chart API's 1m candles. */
  reviewExcursions: {
    input: z.object({ tripIds: z.array(z.string().min(1).max(200)).min(1).max(100) }),
    output: z.array(TripExcursion),
  },
  /** Saves a round trip's note and tags (an empty note and no tags deletes the entry). */
  saveJournal: { input: JournalEntry.omit({ updatedAt: true }), output: JournalEntry },
  /** Journal entries whose note or tags contain the text (empty: all), newest first. */
  searchJournal: {
    input: z.object({ text: z.string().max(200) }),
    output: z.array(JournalEntry),
  },
  /** Every audited request, reply and execution of an order, oldest first. */
  orderAudit: { input: OrderIdInput, output: z.array(AuditRow) },
  /**
   * A review range as a file: round trips or fills as CSV, or a self-contained HTML report, in
   * pieces of at most CSV_CHUNK_MAX_CHARS from `offset` (a piece fits a browser-host frame).
   */
  reviewExport: {
    input: z.object({
      query: ReviewQuery,
      kind: z.enum(['trips', 'fills', 'report']),
      offset: z.number().int().nonnegative().default(0),
    }),
    output: z.object({
      fileName: z.string(),
      content: z.string(),
      /** Where the next piece starts; null: this was the last. */
      next: z.number().int().nonnegative().nullable(),
    }),
  },
  /** Imports a candle file and starts replaying it on a fresh replay session (connected at once). */
  startReplay: { input: StartReplayInput, output: StartReplayOutput },
  /** Steers the replay: play, pause, step one candle, speed, jump forward. */
  replayControl: { input: ReplayAction, output: ReplayStatus },
  /** Where the connected replay stands (null when not replaying). */
  replayStatus: { input: NoInput, output: ReplayStatus.nullable() },
} as const satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

/** Events: main -> renderer, coalesced into batches. */
export const events = {
  connection: ConnectionStatus,
  instruments: z.array(InstrumentInfo),
  /** Newest versions of changed orders. */
  orders: z.array(OrderRow),
  /** New fills. */
  fills: z.array(FillRow),
  /** Positions that changed. */
  positions: z.array(PositionRow),
  /** Latest quotes. */
  quotes: z.array(Quote),
  /** A notification; one with an id already sent replaces it (grouped fills of one order). */
  notification: Notification,
  /** The history database's saving state (a persistent banner while failing). */
  storage: StorageStatus,
  /** The connected profile changed: everything shown belongs to the old one; take a new snapshot. */
  profileChanged: z.object({ profileId: z.string() }),
  /** The tools' state changed (settings, brackets, trailing stops, alerts). */
  tools: ToolsState,
  /** A price alert fired (the renderer plays a sound and may show a system notification). */
  alertFired: PriceAlert,
  /** An order-book snapshot of a watched symbol (the depth ladder). */
  depth: DepthSnapshot,
} as const satisfies Record<EventName, z.ZodType>;

export type CommandInput<C extends CommandName> = z.input<(typeof commands)[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<(typeof commands)[C]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** A batch of events: each key holds the payloads emitted during one frame, in order. */
export type EventBatch = { [E in EventName]?: EventPayload<E>[] };

/** An IPC failure, as a value: a stable code and one sentence for the user. */
/** Why a command failed: the closed set every host and the renderer switch on. */
export const IpcErrorCode = z.enum([
  /** The input failed validation (`field` names the culprit). */
  'INVALID_INPUT',
  /** No exchange session is open. */
  'NOT_CONNECTED',
  /** The exchange did not answer in time (the outcome may be unknown). */
  'TIMEOUT',
  /** The exchange refused the request (`exchangeCode` when it gave a number). */
  'EXCHANGE',
  /** The thing named does not exist (profile, order). */
  'NOT_FOUND',
  /** The request is not allowed (e.g. deleting the paper profile). */
  'FORBIDDEN',
  /** A safety limit refused the order (`field` names the culprit); the override dialog may resend it. */
  'LIMIT_EXCEEDED',
  /** The link to the host dropped before an answer (browser host). */
  'DISCONNECTED',
  /** A newer command superseded this one (e.g. a newer connect). */
  'CANCELLED',
  /** A fault inside the app; the message says what. */
  'INTERNAL',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcError = z.object({
  /** One of IpcErrorCode. */
  code: IpcErrorCode,
  message: z.string(),
  /** The exchange's error code, when the exchange rejected the request. */
  exchangeCode: z.number().int().optional(),
  /** The field at fault, for inline errors. */
  field: z.string().optional(),
});
export type IpcError = z.infer<typeof IpcError>;

/** What every command returns over the wire: errors are values. */
export type IpcResult<T> = Result<T, IpcError>;

/** The API the renderer sees (window.api), identical in both hosts. */
export type Api = {
  [C in CommandName]: undefined extends CommandInput<C>
    ? (input?: CommandInput<C>) => Promise<IpcResult<CommandOutput<C>>>
    : (input: CommandInput<C>) => Promise<IpcResult<CommandOutput<C>>>;
} & {
  /** Subscribes to event batches; returns an unsubscribe function. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
};
