/** Builds the main-process core from a host's options. */
import type { Notification } from '../../shared/ipc';
import { HistoryDb } from '../db';
import type { Core, CoreOptions } from './api';
import { CONNECT_CANCELLED, Connection } from './connection';
import type { CoreContext } from './context';
import { EventBatcher } from './eventBatcher';
import { handlers } from './handlers';
import { invokeCommand } from './invoke';
import { LiveState } from './liveState';
import { PAPER_PROFILE_ID, Profiles } from './profiles';

/** Notifications kept for a snapshot. */
const KEPT_NOTIFICATIONS = 100;

/** Creates the core: opens the database, loads the current profile's history, auto-connects. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const db = new HistoryDb(options.dataDir);
  const notes: Notification[] = [];
  let noteCounter = 0;
  let live: LiveState | null = null;
  const batcher = new EventBatcher(options.batchIntervalMs ?? 16, () => live?.persist(), log);
  const notify = (kind: Notification['kind'], message: string, orderId: number | null): void => {
    noteCounter += 1;
    const note: Notification = {
      id: `n${now().toString(36)}-${noteCounter}`,
      kind,
      message,
      time: now(),
      orderId,
    };
    notes.push(note);
    if (notes.length > KEPT_NOTIFICATIONS) notes.shift();
    batcher.notification(note);
  };
  const liveFor = (profileId: string): LiveState => {
    if (live?.profileId === profileId) return live;
    batcher.flush();
    live = new LiveState(profileId, db, batcher, notify, now);
    batcher.instruments(live.instrumentList());
    return live;
  };
  const profiles = new Profiles(db, options.secrets, now);
  const connection = new Connection({
    options,
    batcher,
    liveFor,
    token: (id) => profiles.token(id),
    notify,
    log,
  });
  const autoConnect =
    options.autoConnectProfileId === undefined ? PAPER_PROFILE_ID : options.autoConnectProfileId;
  const initial =
    autoConnect !== null && profiles.get(autoConnect) ? autoConnect : PAPER_PROFILE_ID;
  liveFor(initial);

  const ctx: CoreContext = {
    options,
    db,
    profiles,
    connection,
    batcher,
    live: () => liveFor(live?.profileId ?? initial),
    notifications: () => [...notes],
    notify,
    now,
  };

  if (autoConnect !== null) {
    const profile = profiles.get(autoConnect);
    if (profile) {
      void connection.connect(profile).then((result) => {
        // A connect the user made meanwhile cancels this one: nothing went wrong.
        if (!result.ok && result.error.code !== CONNECT_CANCELLED)
          notify('error', result.error.message, null);
      });
    } else {
      log(`core: no profile ${autoConnect} to connect on start`);
    }
  }

  let closing: Promise<void> | null = null;
  return {
    invoke: (command, input) => {
      if (closing)
        return Promise.resolve({
          ok: false,
          error: { code: 'INTERNAL', message: 'The core is closed' },
        });
      return invokeCommand(ctx, handlers, command, input);
    },
    onEvents: (listener) => batcher.subscribe(listener),
    close: () =>
      (closing ??= (async () => {
        await connection.close();
        batcher.flush();
        batcher.dispose();
        db.close();
      })()),
  };
}
