/**
 * The venue's Chart API (acttrader/swagger `charts/swagger.yaml`), as the
 * mock exchange serves it and the app reads it: HTTP replies wrapped in
 * `{success, message, result}`, errors with `errorCode`/`errorId`, the
 * `/candles` and `/analysis/pivotlevels` queries, and the `/ws` ticker.
 * One zod schema per shape; types are inferred. Every name starts with
 * `Chart` so it never collides with the order protocol's schemas.
 */
import { z } from 'zod';
import { IsoTime, Num, SymbolName } from './schemas';

// ---------------------------------------------------------------- enums

/** Candle intervals, spelled as the public text spells them. */
export const CHART_INTERVALS = [
  '1m',
  '3m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '8h',
  '1day',
  '1week',
  '1month',
  '1year',
] as const;
/** One of CHART_INTERVALS. */
export const ChartInterval = z.enum(CHART_INTERVALS);
export type ChartInterval = z.infer<typeof ChartInterval>;

/** Periods of the pivot levels: a day, a week or a month. */
export const CHART_PIVOT_INTERVALS = ['1D', '1W', '1M'] as const;
/** One of CHART_PIVOT_INTERVALS. */
export const ChartPivotInterval = z.enum(CHART_PIVOT_INTERVALS);
export type ChartPivotInterval = z.infer<typeof ChartPivotInterval>;

/** Pivot formulas of the public text. */
export const CHART_PIVOT_TYPES = ['classic', 'fibonacci', 'camarilla'] as const;
/** One of CHART_PIVOT_TYPES. */
export const ChartPivotType = z.enum(CHART_PIVOT_TYPES);
export type ChartPivotType = z.infer<typeof ChartPivotType>;

/** Most candles one `/candles` answer holds (and the largest `count`). */
export const CHART_MAX_COUNT = 1000;

// ---------------------------------------------------------------- dates

const CHART_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Epoch ms of a `YYYYMMDDHHMM` UTC date-time, or null when malformed or not a real date. */
export function parseChartDateTime(text: string): number | null {
  const m = CHART_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March: a round trip catches impossible dates.
  const same =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute;
  return same ? ms : null;
}

/** `YYYYMMDDHHMM` (UTC) of an epoch-ms instant, for the `from`/`till` query parameters. */
export function formatChartDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** A `from`/`till` value: `YYYYMMDDHHMM` in UTC, a real calendar date. */
export const ChartDateTime = z
  .string()
  .refine((s) => parseChartDateTime(s) !== null, 'date-time must be YYYYMMDDHHMM (UTC)');

// ---------------------------------------------------------------- queries

/** `count` as a query string: an integer from 1 to CHART_MAX_COUNT. */
const CountParam = z
  .string()
  .regex(/^\d{1,7}$/, 'count must be a whole number')
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(1, 'count must be at least 1')
      .max(CHART_MAX_COUNT, `count must be at most ${CHART_MAX_COUNT}`),
  );

/** Query of `GET /candles` (strings as they arrive in the URL). */
export const ChartCandlesQuery = z.object({
  /** Instrument name, e.g. EURUSD. */
  symbol: SymbolName,
  /** Candle interval. */
  interval: ChartInterval,
  /** How many candles (the newest ones of the selection), 1-1000. */
  count: CountParam.optional(),
  /** Oldest candle open time to include, YYYYMMDDHHMM UTC. */
  from: ChartDateTime.optional(),
  /** Newest candle open time to include, YYYYMMDDHHMM UTC. */
  till: ChartDateTime.optional(),
});
export type ChartCandlesQuery = z.infer<typeof ChartCandlesQuery>;

/** Query of `GET /analysis/pivotlevels`. */
export const ChartPivotLevelsQuery = z.object({
  /** Instrument name, e.g. EURUSD. */
  market: SymbolName,
  /** Period whose previous complete instance the levels come from. */
  interval: ChartPivotInterval,
  /** Pivot formula. */
  type: ChartPivotType,
});
export type ChartPivotLevelsQuery = z.infer<typeof ChartPivotLevelsQuery>;

// ---------------------------------------------------------------- replies

/** The `{success, message, result}` wrapping of every successful reply. */
export function chartReply<T extends z.ZodType>(result: T) {
  return z.object({
    /** true on success. */
    success: z.literal(true),
    /** Empty on success. */
    message: z.string(),
    /** The answer. */
    result,
  });
}

/** One instrument of `GET /symbols`, with its current prices and today's (UTC) range. */
export const ChartSymbol = z.object({
  /** Instrument name. */
  name: SymbolName,
  /** Best bid (the last price when the book has no bid). */
  bid: Num,
  /** Best ask (the last price when the book has no ask). */
  ask: Num,
  /** Quantity traded today (UTC), in the order's units. */
  volume: Num,
  /** Highest trade price today (UTC). */
  high: Num,
  /** Lowest trade price today (UTC). */
  low: Num,
});
export type ChartSymbol = z.infer<typeof ChartSymbol>;

/** Reply of `GET /symbols`. */
export const ChartSymbolsReply = chartReply(z.array(ChartSymbol));
export type ChartSymbolsReply = z.infer<typeof ChartSymbolsReply>;

/** One candle of `GET /candles`. */
export const ChartCandle = z.object({
  /** Open time, ISO UTC ending in Z, aligned to the interval. */
  time: IsoTime,
  /** First trade price. */
  open: Num,
  /** Highest trade price. */
  high: Num,
  /** Lowest trade price. */
  low: Num,
  /** Last trade price. */
  close: Num,
  /** Traded quantity, in the order's units. */
  volume: Num,
  /** Number of trades. */
  count: Num,
});
export type ChartCandle = z.infer<typeof ChartCandle>;

/** Reply of `GET /candles`: oldest first, strictly increasing times. */
export const ChartCandlesReply = chartReply(z.array(ChartCandle));
export type ChartCandlesReply = z.infer<typeof ChartCandlesReply>;

/** A pivot level: a decimal number written as a string, as the public text has it. */
const Level = z.string().regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/, 'a decimal number as a string');

/** The levels of `GET /analysis/pivotlevels`. */
export const ChartPivotLevels = z.object({
  /** Pivot point. */
  PP: Level,
  /** First support. */
  S1: Level,
  /** Second support. */
  S2: Level,
  /** Third support. */
  S3: Level,
  /** First resistance. */
  R1: Level,
  /** Second resistance. */
  R2: Level,
  /** Third resistance. */
  R3: Level,
});
export type ChartPivotLevels = z.infer<typeof ChartPivotLevels>;

/** Reply of `GET /analysis/pivotlevels`. */
export const ChartPivotLevelsReply = chartReply(ChartPivotLevels);
export type ChartPivotLevelsReply = z.infer<typeof ChartPivotLevelsReply>;

/** Error codes the mock's Chart API answers (the venue documents two of them; the rest are ours). */
export const CHART_ERROR_CODES = [
  'INSTRUMENT_INITIALIZING',
  'INSUFFICIENT_CHART_DATA',
  'UNKNOWN_SYMBOL',
  'UNKNOWN_INTERVAL',
  'INVALID_PARAMETER',
  'INVALID_DATE',
  'INVALID_COUNT',
  'INVALID_RANGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_COMMAND',
  'TOO_MANY_SUBSCRIPTIONS',
  'INTERNAL_ERROR',
] as const;
/** An errorCode (read leniently: a real venue may send codes we do not know). */
export const ChartErrorCode = z.string().min(1);
export type ChartErrorCode = (typeof CHART_ERROR_CODES)[number];

/** The error fields shared by HTTP error replies and `/ws` error frames. */
export const ChartErrorFields = z.object({
  /** What went wrong, one sentence (never empty). */
  message: z.string().min(1),
  /** Machine-readable cause, e.g. UNKNOWN_SYMBOL. */
  errorCode: ChartErrorCode,
  /** Unique id of this occurrence, for tracing. */
  errorId: z.string().min(1),
});

/** An HTTP error reply (4xx/5xx). */
export const ChartErrorReply = ChartErrorFields.extend({
  /** Always false. */
  success: z.literal(false),
  /** Always null. */
  result: z.null().optional(),
});
export type ChartErrorReply = z.infer<typeof ChartErrorReply>;

// ---------------------------------------------------------------- websocket

/** Client command on `/ws`: start or stop ticks of some symbols. */
export const ChartSubscribeCommand = z.object({
  /** subscribe or unsubscribe. */
  m: z.enum(['subscribe', 'unsubscribe']),
  /** Symbol names. */
  p: z.array(SymbolName).max(100),
});
export type ChartSubscribeCommand = z.infer<typeof ChartSubscribeCommand>;

/** One symbol's tick: current bid/ask and today's (UTC) open, high and low. */
export const ChartTick = z.object({
  /** Symbol name. */
  m: SymbolName,
  /** Time of the tick, ISO UTC. */
  time: IsoTime,
  /** Best bid. */
  bid: Num,
  /** Best ask. */
  ask: Num,
  /** First trade price today (UTC). */
  day_open: Num,
  /** Highest trade price today (UTC). */
  day_high: Num,
  /** Lowest trade price today (UTC). */
  day_low: Num,
});
export type ChartTick = z.infer<typeof ChartTick>;

/** Server frame on `/ws` carrying ticks of subscribed symbols. */
export const ChartTickerFrame = z.object({
  /** Always "ticker". */
  m: z.literal('ticker'),
  /** One tick per symbol that changed (or is due for a keep-alive). */
  d: z.array(ChartTick),
});
export type ChartTickerFrame = z.infer<typeof ChartTickerFrame>;

/** Server frame on `/ws` answering a command it could not carry out (the mock's; the public text is silent). */
export const ChartWsErrorFrame = ChartErrorFields.extend({
  /** Always "error". */
  m: z.literal('error'),
});
export type ChartWsErrorFrame = z.infer<typeof ChartWsErrorFrame>;

/** Any frame the server sends on `/ws`. */
export const ChartServerFrame = z.discriminatedUnion('m', [ChartTickerFrame, ChartWsErrorFrame]);
export type ChartServerFrame = z.infer<typeof ChartServerFrame>;
