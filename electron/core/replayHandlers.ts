/**
 * Market replay commands: import a candle file (checked here first, so a
 * bad file is refused naming its line before anything starts), start its
 * own exchange (`--replay FILE --speed N`) under a fresh replay profile id,
 * connect it, and pass the controls to that exchange.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import { REPLAY_PROFILE_PREFIX } from '../../shared/ipc';
import type { CommandOutput, IpcResult } from '../../shared/ipc';
import {
  formatImportError,
  parseCandleCsv,
  prepareReplay,
} from '../../mock-exchange/market/replay';
import type { CoreContext, ParsedInput } from './context';
import { failure, success } from './errors';
import { paperProfile } from './profiles';

/** Folder of imported files and of each replay session's exchange state, inside the app's data dir. */
const REPLAY_DIR = 'replay';

/** A file name safe to write (the exchange reads the instrument from it). */
function safeFileName(name: string): string {
  return path.basename(name).replace(/[^A-Za-z0-9._-]/g, '_');
}

/** startReplay: checks the file, starts its replay exchange and connects to it. */
export async function startReplay(
  ctx: CoreContext,
  input: ParsedInput<'startReplay'>,
): Promise<IpcResult<CommandOutput<'startReplay'>>> {
  const fileName = safeFileName(input.fileName);
  const parsed = parseCandleCsv(fileName, input.content);
  if (!parsed.ok) {
    return failure({
      code: 'INVALID_INPUT',
      field: 'content',
      message: formatImportError(parsed.error),
    });
  }
  const data = prepareReplay(parsed.value, DEFAULT_INSTRUMENTS);
  if (typeof data === 'string')
    return failure({ code: 'INVALID_INPUT', field: 'fileName', message: data });
  const { preview } = data;
  const symbol = preview.instrument.symbol;
  const sessionId = `${symbol}-${preview.first.slice(0, 10)}-${ctx.now().toString(36)}`;
  const dir = path.join(ctx.options.dataDir, REPLAY_DIR, sessionId);
  const file = path.join(dir, fileName);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, input.content, { mode: 0o600 });
  } catch (error) {
    return failure({ code: 'INTERNAL', message: `Could not keep the file: ${String(error)}` });
  }
  let exchange;
  try {
    exchange = await ctx.options.startPaperExchange(path.join(dir, 'exchange'), {
      file,
      speed: input.speed,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failure({ code: 'INTERNAL', message: `Could not start the replay: ${message}` });
  }
  const profile = paperProfile(
    `${REPLAY_PROFILE_PREFIX}${sessionId}`,
    `Replay ${symbol} ${preview.first.slice(0, 16).replace('T', ' ')}`,
  );
  ctx.profiles.addReplay(profile);
  const connected = await ctx.connection.connectReplay(profile, exchange);
  if (!connected.ok) return connected;
  const status = await exchange.replayControl?.({ action: 'speed', speed: input.speed });
  if (!status?.ok) return failure({ code: 'INTERNAL', message: 'The replay did not answer' });
  return success({ profileId: profile.id, preview, status: status.value });
}

/** replayControl: play, pause, step, speed or jump on the connected replay. */
export async function replayControl(
  ctx: CoreContext,
  input: ParsedInput<'replayControl'>,
): Promise<IpcResult<CommandOutput<'replayControl'>>> {
  const exchange = ctx.connection.replayExchange;
  if (!exchange?.replayControl)
    return failure({ code: 'NOT_CONNECTED', message: 'No replay is connected' });
  return exchange.replayControl(input);
}

/** replayStatus: where the connected replay stands, or null. */
export async function replayStatus(
  ctx: CoreContext,
): Promise<IpcResult<CommandOutput<'replayStatus'>>> {
  const exchange = ctx.connection.replayExchange;
  if (!exchange?.replayControl) return success(null);
  const status = await exchange.replayControl({ action: 'status' });
  return status.ok ? success(status.value) : success(null);
}
