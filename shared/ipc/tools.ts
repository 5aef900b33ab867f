/**
 * IPC shapes of the trading tools main owns: safety limits, one-click mode,
 * position actions, brackets, trailing stops, price alerts and market depth.
 */
import { z } from 'zod';
import { Num, PositiveNum, Side, SymbolName } from '../protocol/schemas';

// ---------------------------------------------------------------- safety limits

/** One instrument's limits; an absent field is not checked. */
export const InstrumentLimits = z.object({
  /** Largest quantity of one order. */
  maxQty: PositiveNum.optional(),
  /** Largest price x quantity of one order (at the limit price, else the last price). */
  maxNotional: PositiveNum.optional(),
  /** Most a limit or stop price may lie through the last price, in percent. */
  maxDistancePct: PositiveNum.max(100).optional(),
  /** The quantity tickets, the ladder and one-click start with. */
  defaultQty: PositiveNum.optional(),
});
export type InstrumentLimits = z.infer<typeof InstrumentLimits>;

/** The tools' settings, persisted by main. */
export const ToolSettings = z.object({
  /** Limits per instrument; each field an instrument leaves empty takes the `*` entry's. */
  limits: z.record(SymbolName, InstrumentLimits),
  /** One-click trading: the ladder, chart and watchlist send without the confirmation dialog. */
  oneClick: z.boolean(),
});
export type ToolSettings = z.infer<typeof ToolSettings>;

/** A fresh data directory: no limits, one-click off. */
export const DEFAULT_TOOL_SETTINGS: ToolSettings = { limits: {}, oneClick: false };

/** The limits entry whose fields apply where an instrument's own entry has none. */
export const ANY_INSTRUMENT = '*';

/**
 * The limits that apply to `symbol`, field by field: its own value, else the
 * `*` entry's. Setting one limit for an instrument never lifts the others the
 * trader set for every instrument.
 */
export function limitsFor(limits: ToolSettings['limits'], symbol: string): InstrumentLimits {
  const any = limits[ANY_INSTRUMENT] ?? {};
  if (symbol === ANY_INSTRUMENT) return { ...any };
  const own = limits[symbol] ?? {};
  const merged: InstrumentLimits = {};
  for (const key of Object.keys(InstrumentLimits.shape) as (keyof InstrumentLimits)[]) {
    const value = own[key] ?? any[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

// ---------------------------------------------------------------- position actions

/** Which positions a position action works on. */
export const PositionTarget = z.object({
  symbol: SymbolName,
  /** Absent: every login holding the symbol. */
  login: z.string().min(1).max(64).optional(),
});
export type PositionTarget = z.infer<typeof PositionTarget>;

/** What a position action did: orders sent, filled, failed, and the cancels before them. */
export const PositionActionReport = z.object({
  /** Market orders sent. */
  sent: z.number().int().nonnegative(),
  /** Of those, filled completely by the reply. */
  filled: z.number().int().nonnegative(),
  failed: z.array(z.object({ symbol: SymbolName, message: z.string() })),
  /** Working orders cancelled first (flatten only). */
  cancelled: z.number().int().nonnegative(),
  cancelFailed: z.array(z.object({ orderId: z.number().int(), message: z.string() })),
});
export type PositionActionReport = z.infer<typeof PositionActionReport>;

// ---------------------------------------------------------------- brackets

/** An exit's level: a price, or a distance in ticks from the entry's fill price. */
export const ExitLevel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), price: PositiveNum }),
  z.object({ kind: z.literal('ticks'), ticks: z.number().int().positive().max(1_000_000) }),
]);
export type ExitLevel = z.infer<typeof ExitLevel>;

/**
 * Take-profit and stop-loss attached to an entry order. Either may be left
 * out (a protective stop alone, or a target alone), never both: with both the
 * exits go out as an OCO pair, with one as a single order.
 */
export const BracketSpec = z
  .object({
    takeProfit: ExitLevel.optional(),
    stopLoss: ExitLevel.optional(),
  })
  .refine((spec) => spec.takeProfit !== undefined || spec.stopLoss !== undefined, {
    message: 'A bracket needs a take-profit, a stop-loss or both',
    path: ['stopLoss'],
  });
export type BracketSpec = z.infer<typeof BracketSpec>;

/** One exit leg as a plan holds it. */
export const BracketLeg = z.object({
  clientOrderId: z.string(),
  orderId: z.number().int().positive().nullable(),
  /** Limit price (take-profit) or stop price (stop-loss). */
  price: Num,
  executedQty: Num,
  /** True once the leg is final (filled, cancelled, expired, rejected). */
  closed: z.boolean(),
});
export type BracketLeg = z.infer<typeof BracketLeg>;

/**
 * A bracket plan: an entry and, once it fills, its exits for the filled
 * quantity: an OCO of both legs, or the one leg the spec has.
 */
export const BracketPlan = z.object({
  id: z.string().regex(/^[A-Za-z0-9]{1,20}$/),
  symbol: SymbolName,
  /** The entry's side (exits take the other). */
  side: Side,
  login: z.string(),
  spec: BracketSpec,
  entry: z.object({
    clientOrderId: z.string(),
    orderId: z.number().int().positive().nullable(),
    filledQty: Num,
    /** Average fill price (ticks-distance exits are measured from it). */
    avgPrice: Num.nullable(),
    closed: z.boolean(),
  }),
  /**
   * null until the entry first fills. A leg the spec leaves out is null here
   * (plans stored before single legs existed hold both, and read as they are).
   */
  exits: z
    .object({
      takeProfit: BracketLeg.nullable(),
      stopLoss: BracketLeg.nullable(),
      /** Each leg's total quantity as last requested (placed or modified). */
      qty: Num,
      /** `placing`: sent (or about to be) and not yet seen; `working`: seen at the exchange. */
      state: z.enum(['placing', 'working', 'closed']),
    })
    .refine((exits) => exits.takeProfit !== null || exits.stopLoss !== null, {
      message: 'Exits need at least one leg',
    })
    .nullable(),
  /** armed: entry working, nothing filled; active: exits in play; then done, cancelled or failed. */
  state: z.enum(['armed', 'active', 'done', 'cancelled', 'failed']),
  /** Why the plan ended, in words. */
  reason: z.string().nullable(),
  createdAt: Num,
  updatedAt: Num,
});
export type BracketPlan = z.infer<typeof BracketPlan>;

// ---------------------------------------------------------------- trailing stops

/** How far behind the market a trailing stop stays. */
/** The farthest a trail may follow: in ticks, and in percent of the market price. */
export const MAX_TRAIL_TICKS = 1_000_000;
export const MAX_TRAIL_PERCENT = 50;

export const TrailDistance = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ticks'),
    ticks: z.number().int().positive().max(MAX_TRAIL_TICKS),
  }),
  z.object({ kind: z.literal('percent'), percent: PositiveNum.max(MAX_TRAIL_PERCENT) }),
]);
export type TrailDistance = z.infer<typeof TrailDistance>;

/** A stop order main moves behind the market (only while the app runs). */
export const TrailingStop = z.object({
  id: z.string(),
  orderId: z.number().int().positive(),
  symbol: SymbolName,
  /** The stop order's side: SELL protects a long, BUY a short. */
  side: Side,
  distance: TrailDistance,
  /** Best price seen since the trail started (highest for SELL, lowest for BUY). */
  bestPrice: Num.nullable(),
  /** The stop price last asked for. */
  stopPrice: Num,
  /**
   * A stop-limit's limit price last asked for: it moves with the stop, keeping
   * the distance the order had when the trail started. Null for a stop order
   * (and in trails saved before stop-limits could trail).
   */
  limitPrice: Num.nullable().default(null),
  state: z.enum(['trailing', 'ended']),
  reason: z.string().nullable(),
  updatedAt: Num,
});
export type TrailingStop = z.infer<typeof TrailingStop>;

// ---------------------------------------------------------------- price alerts

/** When an alert fires: price at or above, at or below, or crossing the level either way. */
export const AlertCondition = z.enum(['above', 'below', 'crossing']);
export type AlertCondition = z.infer<typeof AlertCondition>;

/** A price alert: fires once, re-armed only by the user. */
export const PriceAlert = z.object({
  id: z.string(),
  symbol: SymbolName,
  condition: AlertCondition,
  price: PositiveNum,
  armed: z.boolean(),
  /** The last price seen while armed (crossing needs the side it came from). */
  lastPrice: Num.nullable(),
  /** Epoch ms of the last firing. */
  firedAt: Num.nullable(),
  /** The price that fired it. */
  firedPrice: Num.nullable(),
  createdAt: Num,
});
export type PriceAlert = z.infer<typeof PriceAlert>;

/** Every tool's state, as the renderer shows it. */
export const ToolsState = z.object({
  settings: ToolSettings,
  brackets: z.array(BracketPlan),
  trailingStops: z.array(TrailingStop),
  alerts: z.array(PriceAlert),
});
export type ToolsState = z.infer<typeof ToolsState>;
