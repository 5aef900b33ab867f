/**
 * Handlers of the chart panel: candles and pivot levels through the connected
 * profile's Chart API client. The live candle is not a command: the renderer
 * moves its last bar with the quotes (`last`) it already receives in event
 * batches, and asks for the newest candles again when a bar closes.
 */
import type { CommandOutput, IpcResult } from '../../shared/ipc';
import { chartBar, type ChartClient } from '../chart/chartClient';
import type { CoreContext, ParsedInput } from './context';
import { failure, success } from './errors';

/** Candles per page when the renderer does not say. */
const DEFAULT_CANDLE_COUNT = 500;
const MINUTE_MS = 60_000;

/**
 * The Chart API's `till` (inclusive, whole minutes) for candles that opened
 * strictly before `before`: every interval is a whole number of minutes.
 */
export function tillBefore(before: number): number {
  return Math.floor((before - 1) / MINUTE_MS) * MINUTE_MS;
}

/** chartCandles: a page of candles, oldest first, epoch-ms times. */
export async function chartCandles(
  ctx: CoreContext,
  input: ParsedInput<'chartCandles'>,
): Promise<IpcResult<CommandOutput<'chartCandles'>>> {
  const client = clientOf(ctx);
  if (!client.ok) return client;
  const reply = await client.value.candles({
    symbol: input.symbol,
    interval: input.interval,
    count: input.count ?? DEFAULT_CANDLE_COUNT,
    ...(input.before !== undefined && { till: tillBefore(input.before) }),
  });
  if (!reply.ok) return refused(reply.error);
  return success(reply.value.map(chartBar));
}

/** chartPivots: the classic pivot levels of the previous UTC day, as numbers. */
export async function chartPivots(
  ctx: CoreContext,
  input: ParsedInput<'chartPivots'>,
): Promise<IpcResult<CommandOutput<'chartPivots'>>> {
  const client = clientOf(ctx);
  if (!client.ok) return client;
  const reply = await client.value.pivots(input.symbol, '1D', 'classic');
  if (!reply.ok) return refused(reply.error);
  const levels = reply.value;
  return success({
    PP: Number(levels.PP),
    S1: Number(levels.S1),
    S2: Number(levels.S2),
    S3: Number(levels.S3),
    R1: Number(levels.R1),
    R2: Number(levels.R2),
    R3: Number(levels.R3),
  });
}

/** The profile's Chart API client, or why there is none. */
function clientOf(ctx: CoreContext): IpcResult<ChartClient> {
  const client = ctx.connection.chartClient;
  if (client) return success(client);
  if (ctx.connection.status.state === 'disconnected')
    return failure({ code: 'NOT_CONNECTED', message: 'Not connected: no chart without a profile' });
  return failure({ code: 'NOT_FOUND', message: 'No Chart API on this profile' });
}

/** The client's sentence ("The Chart API refused …", "… did not answer …") as an EXCHANGE error. */
function refused<T>(message: string): IpcResult<T> {
  return failure({ code: 'EXCHANGE', message });
}
