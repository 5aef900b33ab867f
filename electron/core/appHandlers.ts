/** Handlers of the non-order commands: snapshot, profiles, connection, history, settings, CSV. */
import type { CommandOutput, IpcResult, OrderRow } from '../../shared/ipc';
import type { CoreContext, ParsedInput } from './context';
import { failure, success } from './errors';
import { toFillRow } from './liveState';
import { loadSettings, saveSettings as storeSettings } from './settings';

/** Orders in a snapshot besides the working ones. */
const SNAPSHOT_ORDERS = 1000;
/** Fills in a snapshot. */
const SNAPSHOT_FILLS = 1000;

/** getSnapshot: everything for a first render. */
export function getSnapshot(ctx: CoreContext): IpcResult<CommandOutput<'getSnapshot'>> {
  ctx.batcher.flush();
  const live = ctx.live();
  const working = live.workingOrders();
  const recent = ctx.db.queryOrders(live.profileId, { limit: SNAPSHOT_ORDERS });
  const byId = new Map<number, OrderRow>();
  for (const row of [...recent, ...working]) byId.set(row.orderId, row);
  const orders = [...byId.values()].sort(
    (a, b) => b.updatedAt - a.updatedAt || b.orderId - a.orderId,
  );
  return success({
    connection: ctx.connection.status,
    profiles: ctx.profiles.list(),
    instruments: live.instrumentList(),
    quotes: [...live.quotes.values()],
    settings: loadSettings(ctx.db),
    orders,
    fills: ctx.db.queryFills(live.profileId, { limit: SNAPSHOT_FILLS }).map(toFillRow),
    positions: live.positions.rows(live.quotes),
    notifications: ctx.notifications(),
  });
}

/** listProfiles. */
export function listProfiles(ctx: CoreContext): IpcResult<CommandOutput<'listProfiles'>> {
  return success(ctx.profiles.list());
}

/** saveProfile. */
export function saveProfile(
  ctx: CoreContext,
  input: ParsedInput<'saveProfile'>,
): IpcResult<CommandOutput<'saveProfile'>> {
  return ctx.profiles.save(input);
}

/** deleteProfile: validates, then disconnects it when active, then deletes. */
export async function deleteProfile(
  ctx: CoreContext,
  input: ParsedInput<'deleteProfile'>,
): Promise<IpcResult<null>> {
  const refusal = ctx.profiles.refuseDelete(input.id);
  if (refusal) return refusal;
  if (ctx.connection.involves(input.id)) await ctx.connection.disconnect();
  return ctx.profiles.delete(input.id);
}

/** connect. */
export async function connect(
  ctx: CoreContext,
  input: ParsedInput<'connect'>,
): Promise<IpcResult<CommandOutput<'connect'>>> {
  const profile = ctx.profiles.get(input.profileId);
  if (!profile)
    return failure({
      code: 'NOT_FOUND',
      field: 'profileId',
      message: `No profile ${input.profileId}`,
    });
  return ctx.connection.connect(profile);
}

/** disconnect. */
export async function disconnect(
  ctx: CoreContext,
): Promise<IpcResult<CommandOutput<'disconnect'>>> {
  return success(await ctx.connection.disconnect());
}

/** queryOrders: the history blotter, from the database. */
export function queryOrders(
  ctx: CoreContext,
  input: ParsedInput<'queryOrders'>,
): IpcResult<CommandOutput<'queryOrders'>> {
  ctx.batcher.flush();
  return success(ctx.db.queryOrders(ctx.live().profileId, input));
}

/** queryFills: the fills blotter, from the database. */
export function queryFills(
  ctx: CoreContext,
  input: ParsedInput<'queryFills'>,
): IpcResult<CommandOutput<'queryFills'>> {
  ctx.batcher.flush();
  return success(ctx.db.queryFills(ctx.live().profileId, input).map(toFillRow));
}

/** queryPositions. */
export function queryPositions(ctx: CoreContext): IpcResult<CommandOutput<'queryPositions'>> {
  const live = ctx.live();
  return success(live.positions.rows(live.quotes));
}

/** getSettings. */
export function getSettings(ctx: CoreContext): IpcResult<CommandOutput<'getSettings'>> {
  return success(loadSettings(ctx.db));
}

/** saveSettings: merges and stores. */
export function saveSettings(
  ctx: CoreContext,
  input: ParsedInput<'saveSettings'>,
): IpcResult<CommandOutput<'saveSettings'>> {
  return success(storeSettings(ctx.db, input));
}
