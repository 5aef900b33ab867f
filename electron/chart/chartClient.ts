/**
 * The app's client of a venue's Chart API (HTTP): instruments with prices,
 * candles and pivot levels, each reply validated with the shared schemas.
 * Failures are values with a sentence naming the address and the reason.
 */
import type { z } from 'zod';
import { describeZodError } from '../../shared/protocol';
import {
  ChartCandlesReply,
  ChartErrorReply,
  ChartPivotLevelsReply,
  ChartSymbolsReply,
  formatChartDateTime,
  type ChartCandle,
  type ChartInterval,
  type ChartPivotInterval,
  type ChartPivotLevels,
  type ChartPivotType,
  type ChartSymbol,
} from '../../shared/protocol/chart';
import type { Result } from '../../shared/domain';
import type { ChartBar } from '../../shared/ipc';

/** Most one Chart API request may take. */
const CHART_REQUEST_TIMEOUT_MS = 10_000;

/** Which candles to fetch: the newest `count`, or those in a range (epoch ms, by open time). */
export interface CandleQuery {
  symbol: string;
  interval: ChartInterval;
  count?: number;
  from?: number;
  till?: number;
}

/** The Chart API of one venue. */
export interface ChartClient {
  readonly baseUrl: string;
  symbols(): Promise<Result<ChartSymbol[], string>>;
  candles(query: CandleQuery): Promise<Result<ChartCandle[], string>>;
  pivots(
    market: string,
    interval: ChartPivotInterval,
    type: ChartPivotType,
  ): Promise<Result<ChartPivotLevels, string>>;
}

/** A fetch as the client uses it (tests pass their own). */
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/** A client of the Chart API at `baseUrl` (http(s)://host[:port][/path]). */
export function createChartClient(baseUrl: string, fetchImpl: FetchLike = fetch): ChartClient {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async <T extends z.ZodType>(
    path: string,
    params: Record<string, string | undefined>,
    schema: T,
  ): Promise<Result<z.infer<T>, string>> => {
    const query = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    const url = `${base}${path}${query ? `?${query}` : ''}`;
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(CHART_REQUEST_TIMEOUT_MS) });
    } catch (error) {
      return failure(`The Chart API at ${base} did not answer (${reasonOf(error)})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failure(`The Chart API at ${base} answered ${path} with something that is not JSON`);
    }
    if (!response.ok) {
      const error = ChartErrorReply.safeParse(body);
      const why = error.success ? error.data.message : `HTTP ${response.status}`;
      return failure(`The Chart API refused ${path}: ${why}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const { field, message } = describeZodError(parsed.error);
      return failure(`The Chart API's ${path} reply could not be read (${field}: ${message})`);
    }
    return { ok: true, value: parsed.data };
  };
  return {
    baseUrl: base,
    symbols: async () => mapResult(await get('/symbols', {}, ChartSymbolsReply)),
    candles: async (q) =>
      mapResult(
        await get(
          '/candles',
          {
            symbol: q.symbol,
            interval: q.interval,
            count: q.count === undefined ? undefined : String(q.count),
            from: q.from === undefined ? undefined : formatChartDateTime(q.from),
            till: q.till === undefined ? undefined : formatChartDateTime(q.till),
          },
          ChartCandlesReply,
        ),
      ),
    pivots: async (market, interval, type) =>
      mapResult(
        await get('/analysis/pivotlevels', { market, interval, type }, ChartPivotLevelsReply),
      ),
  };
}

/** A Chart API candle as the app draws and measures it: open time in epoch ms. */
export function chartBar(candle: ChartCandle): ChartBar {
  return {
    time: Date.parse(candle.time),
    open: candle.open,
    high: candle.high,
    low: candle.low,
    close: candle.close,
    volume: candle.volume,
  };
}

/** The `result` of a `{success, message, result}` reply. */
function mapResult<T>(reply: Result<{ result: T }, string>): Result<T, string> {
  return reply.ok ? { ok: true, value: reply.value.result } : reply;
}

function failure<T>(message: string): Result<T, string> {
  return { ok: false, error: message };
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
