/**
 * The Chart API's HTTP answers as a plain function of the request line and
 * the store: `GET /symbols`, `GET /candles`, `GET /analysis/pivotlevels`.
 * Queries are parsed with the shared zod schemas; every failure is a 4xx
 * value `{success:false, message, errorCode, errorId, result:null}`.
 */
import type { z } from 'zod';
import { ticksToPrice } from '../../shared/domain';
import {
  CHART_MAX_COUNT,
  ChartCandlesQuery,
  ChartPivotLevelsQuery,
  parseChartDateTime,
  type ChartErrorCode,
  type ChartErrorReply,
  type ChartPivotLevels,
  type ChartSymbol,
} from '../../shared/protocol';
import type { CandleStore } from './candleStore';
import { pivotPeriodRule, toMinute } from './intervals';
import { pivotLevels } from './pivots';

/** Top of book and last price of a symbol (null where the book has none). */
export interface QuoteView {
  bid: number | null;
  ask: number | null;
  last: number | null;
}

/** What the routes read. */
export interface ChartContext {
  store: CandleStore;
  /** Exchange time, epoch ms. */
  now(): number;
  /** The order socket's quote of a symbol. */
  quote(symbol: string): QuoteView;
  /** A fresh id for an error occurrence. */
  errorId(): string;
}

/** An HTTP answer: status and JSON body. */
export interface ChartResponse {
  status: number;
  body: unknown;
}

const okReply = (result: unknown): ChartResponse => ({
  status: 200,
  body: { success: true, message: '', result },
});

/** A 4xx/5xx answer in the public error shape. */
export function chartError(
  ctx: Pick<ChartContext, 'errorId'>,
  status: number,
  errorCode: ChartErrorCode,
  message: string,
): ChartResponse {
  const body: ChartErrorReply = {
    success: false,
    message,
    errorCode,
    errorId: ctx.errorId(),
    result: null,
  };
  return { status, body };
}

/** Error code for a query field that failed its schema. */
const FIELD_CODES: Record<string, ChartErrorCode> = {
  interval: 'UNKNOWN_INTERVAL',
  count: 'INVALID_COUNT',
  from: 'INVALID_DATE',
  till: 'INVALID_DATE',
};

/** Parses a query with a schema; empty parameters count as absent (`count=` in the public example). */
function parseQuery<S extends z.ZodType>(
  ctx: ChartContext,
  schema: S,
  params: URLSearchParams,
): { ok: true; value: z.infer<S> } | { ok: false; response: ChartResponse } {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== '' && !(key in raw)) raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'query');
  const message =
    raw[field] === undefined
      ? `${field} is required`
      : field === 'interval'
        ? `Interval (${raw[field]}) not found`
        : `${field}: ${issue?.message ?? 'invalid'}`;
  return {
    ok: false,
    response: chartError(ctx, 400, FIELD_CODES[field] ?? 'INVALID_PARAMETER', message),
  };
}

function symbols(ctx: ChartContext): ChartResponse {
  const now = ctx.now();
  const result: ChartSymbol[] = ctx.store.symbols().map((name) => {
    const quote = ctx.quote(name);
    const day = ctx.store.day(name, now);
    const last = quote.last ?? day?.open ?? 0;
    return {
      name,
      // An empty side shows the last price, so the field stays a number as published.
      bid: quote.bid ?? last,
      ask: quote.ask ?? last,
      volume: day?.volume ?? 0,
      high: day?.high ?? last,
      low: day?.low ?? last,
    };
  });
  return okReply(result);
}

function candles(ctx: ChartContext, params: URLSearchParams): ChartResponse {
  const query = parseQuery(ctx, ChartCandlesQuery, params);
  if (!query.ok) return query.response;
  const { symbol, interval, count, from, till } = query.value;
  if (!ctx.store.has(symbol))
    return chartError(ctx, 400, 'UNKNOWN_SYMBOL', `Symbol (${symbol}) not found`);
  const fromMs = from === undefined ? null : parseChartDateTime(from);
  const tillMs = till === undefined ? null : parseChartDateTime(till);
  if (fromMs !== null && tillMs !== null && fromMs > tillMs) {
    return chartError(ctx, 400, 'INVALID_RANGE', 'from must not be after till');
  }
  const result = ctx.store.candles(symbol, interval, {
    fromMinute: fromMs === null ? null : toMinute(fromMs),
    tillMinute: tillMs === null ? null : toMinute(tillMs),
    limit: count ?? CHART_MAX_COUNT,
  });
  return okReply(result ?? []);
}

function pivots(ctx: ChartContext, params: URLSearchParams): ChartResponse {
  const query = parseQuery(ctx, ChartPivotLevelsQuery, params);
  if (!query.ok) return query.response;
  const { market, interval, type } = query.value;
  const instrument = ctx.store.instrument(market);
  if (!instrument) return chartError(ctx, 400, 'UNKNOWN_SYMBOL', `Symbol (${market}) not found`);
  // The previous complete period: the one before the period holding now.
  const rule = pivotPeriodRule(interval);
  const current = rule.start(toMinute(ctx.now()));
  const previous = rule.start(current - 1);
  const span = ctx.store.span(market, previous, current);
  if (!span) return chartError(ctx, 400, 'INSUFFICIENT_CHART_DATA', 'not enough chart data');
  const price = (ticks: number): number => ticksToPrice(ticks, instrument);
  const levels = pivotLevels(type, price(span.high), price(span.low), price(span.close));
  const result: ChartPivotLevels = {
    PP: String(levels.PP),
    S1: String(levels.S1),
    S2: String(levels.S2),
    S3: String(levels.S3),
    R1: String(levels.R1),
    R2: String(levels.R2),
    R3: String(levels.R3),
  };
  return okReply(result);
}

const ROUTES: Record<string, (ctx: ChartContext, params: URLSearchParams) => ChartResponse> = {
  '/symbols': symbols,
  '/candles': candles,
  '/analysis/pivotlevels': pivots,
};

/** Answers one HTTP request of the Chart API. */
export function handleChartRequest(
  ctx: ChartContext,
  method: string,
  target: string,
): ChartResponse {
  let url: URL;
  try {
    url = new URL(target, 'http://chart.invalid');
  } catch {
    return chartError(ctx, 400, 'INVALID_PARAMETER', 'The request target is not a valid URL');
  }
  const route = Object.hasOwn(ROUTES, url.pathname) ? ROUTES[url.pathname] : undefined;
  if (!route) return chartError(ctx, 404, 'NOT_FOUND', `No such path: ${url.pathname}`);
  if (method !== 'GET') {
    return chartError(ctx, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed; use GET`);
  }
  return route(ctx, url.searchParams);
}
