/** Builds the main-process core from a host's options. */
import type { Notification } from '../../shared/ipc';
import { AUDIT_PRUNE_INTERVAL_MS, AUDIT_RETENTION_MS, HistoryDb } from '../db';
import type { Core, CoreOptions } from './api';
import { CONNECT_CANCELLED, Connection } from './connection';
import type { CoreContext } from './context';
import { EventBatcher, storageMessage } from './eventBatcher';
import { handlers } from './handlers';
import { invokeCommand } from './invoke';
import { LiveState, type Notify } from './liveState';
import { PAPER_PROFILE_ID, Profiles } from './profiles';
import { replayOpener } from './replayHandlers';
import { ReplaySessions } from './replaySessions';
import { ToolsRuntime, ToolStore } from '../tools';

/** Notifications kept for a snapshot. */
const KEPT_NOTIFICATIONS = 100;

/** Creates the core: opens the database, loads the current profile's history, auto-connects. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const db = new HistoryDb(options.dataDir);
  /** The newest notes by id, oldest first (a note sent again moves to the end). */
  const notes = new Map<string, Notification>();
  let noteCounter = 0;
  let live: LiveState | null = null;
  /** Profiles switched away from whose writes the database has not taken yet. */
  const unsaved: LiveState[] = [];
  const persist = (): void => {
    while (unsaved.length > 0) {
      unsaved[0]?.persist();
      unsaved.shift();
    }
    live?.persist();
  };
  const notify: Notify = (kind, message, orderId, id) => {
    noteCounter += 1;
    const note: Notification = {
      id: id ?? `n${now().toString(36)}-${noteCounter}`,
      kind,
      message,
      time: now(),
      orderId,
    };
    // A note sent again under its id (an order's grouped fills) replaces the one kept.
    notes.delete(note.id);
    notes.set(note.id, note);
    if (notes.size > KEPT_NOTIFICATIONS) notes.delete(notes.keys().next().value as string);
    batcher.notification(note);
  };
  const batcher: EventBatcher = new EventBatcher(
    options.batchIntervalMs ?? 16,
    {
      persist,
      // Loud once per episode; the storage event keeps the banner up meanwhile.
      onStorageChange: (error) =>
        error
          ? notify('error', storageMessage(error), null)
          : notify('info', 'History is being saved again', null),
    },
    log,
  );
  const pruneAudit = (): void => {
    try {
      const removed = db.pruneAudit(now() - AUDIT_RETENTION_MS);
      if (removed > 0) log(`core: pruned ${removed} audit rows older than the retention`);
    } catch (error) {
      log(`core: audit prune failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  pruneAudit();
  const pruneTimer = setInterval(pruneAudit, AUDIT_PRUNE_INTERVAL_MS);
  pruneTimer.unref?.();

  const liveFor = (profileId: string): LiveState => {
    if (live?.profileId === profileId) return live;
    batcher.flush();
    const previous = live;
    if (previous) {
      // Nothing of the old profile reaches the renderer any more; what it still has to
      // write (the database failing) is kept and written first.
      previous.retire();
      if (previous.hasUnsavedWrites) unsaved.push(previous);
    }
    live = new LiveState(profileId, db, batcher, notify, now);
    if (previous) batcher.profileChanged(profileId);
    batcher.instruments(live.instrumentList());
    return live;
  };
  // Past replay sessions: a damaged index is told to the user, and the app starts anyway.
  const replaySessions = new ReplaySessions(options.dataDir, (message) => {
    log(`core: ${message}`);
    notify('error', message, null);
  });
  const profiles = new Profiles(db, options.secrets, now, {
    sessions: replaySessions,
    // Deleting a session: its exchange stops and its rows leave the screen first.
    release: async (profileId) => {
      await connection.releaseReplay(profileId);
      if (live?.profileId === profileId) liveFor(PAPER_PROFILE_ID);
    },
  });
  const connection = new Connection({
    options,
    batcher,
    liveFor,
    token: (id) => profiles.token(id),
    notify,
    log,
    onDepth: (depth) => tools.onDepth(depth),
    // After the batcher committed the resync's orders, so the plans see them first.
    onResynced: () => {
      batcher.flush();
      tools.afterResync();
    },
    openReplay: replayOpener(options, profiles),
  });
  const autoConnect =
    options.autoConnectProfileId === undefined ? PAPER_PROFILE_ID : options.autoConnectProfileId;
  const initial =
    autoConnect !== null && profiles.get(autoConnect) ? autoConnect : PAPER_PROFILE_ID;
  liveFor(initial);

  const tools = new ToolsRuntime({
    store: new ToolStore(db),
    session: () => connection.session,
    live: () => liveFor(live?.profileId ?? initial),
    notify,
    now,
    log,
  });
  // The tools act on what the user sees: committed orders and the latest quotes.
  const unfeedTools = batcher.subscribe((batch) => tools.onBatch(batch));
  const ctx: CoreContext = {
    options,
    db,
    profiles,
    connection,
    batcher,
    tools,
    live: () => liveFor(live?.profileId ?? initial),
    notifications: () => [...notes.values()],
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
    onEvents: (listener) => {
      const fromBatcher = batcher.subscribe(listener);
      const fromTools = tools.subscribe(listener);
      return () => {
        fromBatcher();
        fromTools();
      };
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(pruneTimer);
        unfeedTools();
        await connection.close();
        batcher.flush();
        batcher.dispose();
        db.close();
      })()),
  };
}
