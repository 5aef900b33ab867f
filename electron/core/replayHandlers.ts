/**
 * Market replay commands: import a candle file (checked here first, so a
 * bad file is refused naming its line before anything starts), start its
 * own exchange (`--replay FILE --speed N`) under a fresh replay profile id,
 * keep the session in the index (it outlives the app), connect it, and pass
 * the controls to that exchange. A past session reopens on its saved state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_INSTRUMENTS } from '../../shared/domain';
import type { CommandOutput, IpcResult, Profile } from '../../shared/ipc';
import {
  formatImportError,
  holdReplayPosition,
  parseCandleCsv,
  prepareReplay,
} from '../../mock-exchange/market/replay';
import type { CoreOptions, PaperExchange } from './api';
import type { CoreContext, ParsedInput } from './context';
import { failure, success } from './errors';
import type { Profiles } from './profiles';
import { REPLAY_DIR, ReplaySessionId } from './replaySessions';

/** A file name safe to write (the exchange reads the instrument from it). */
function safeFileName(name: string): string {
  const safe = path.basename(name).replace(/[^A-Za-z0-9._-]/g, '_');
  // `.` and `..` name folders, not files.
  return /^\.\.?$/.test(safe) ? 'replay.csv' : safe;
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
  // The id names the session's folder: plain characters only, whatever the symbol holds.
  const sessionId = ReplaySessionId.parse(
    `${symbol.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 32)}-${preview.first.slice(0, 10)}-${ctx.now().toString(36)}`,
  );
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
    // Nothing was kept: no folder is left that the index does not name.
    fs.rmSync(dir, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    return failure({ code: 'INTERNAL', message: `Could not start the replay: ${message}` });
  }
  let profile: Profile;
  try {
    profile = ctx.profiles.addReplay({
      id: sessionId,
      name: `Replay ${symbol} ${preview.first.slice(0, 16).replace('T', ' ')}`.slice(0, 80),
      symbol,
      first: preview.first,
      end: new Date(Date.parse(preview.last) + 60_000).toISOString(),
      candles: preview.candles,
      fileName,
      speed: input.speed,
      createdAt: ctx.now(),
    });
  } catch (error) {
    await exchange.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    return failure({ code: 'INTERNAL', message: `Could not keep the session: ${String(error)}` });
  }
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

/**
 * Starts the exchange of a past replay session (the app reopening it): on
 * its own folder, so its journal brings back its orders and its saved
 * position the replay time; held paused there, whatever it was doing when it
 * stopped, at the speed it last had.
 */
export function replayOpener(
  options: CoreOptions,
  profiles: Profiles,
): (profile: Profile) => Promise<PaperExchange> {
  return async (profile) => {
    const session = profiles.replaySession(profile.id);
    if (!session) throw new Error(`No replay session ${profile.id}`);
    const folder = path.join(options.dataDir, REPLAY_DIR, session.id);
    const file = path.join(folder, session.fileName);
    if (!fs.existsSync(file)) throw new Error(`The replay's file is missing: ${file}`);
    const exchangeDir = path.join(folder, 'exchange');
    const saved = holdReplayPosition(exchangeDir);
    return options.startPaperExchange(exchangeDir, {
      file,
      speed: saved?.speed ?? session.speed,
    });
  };
}
