/**
 * Connection profiles: the built-in "Paper (offline)" profile, listed first,
 * the user's profiles (stored in the database; tokens only in the
 * SecretStore, never in the database or logs), and the past replay sessions
 * (their index in the data dir, see replaySessions.ts), each its own paper
 * account under `replay:<session id>`.
 */
import { randomUUID } from 'node:crypto';
import { ProfileOptions, REPLAY_PROFILE_PREFIX, isReplayProfile } from '../../shared/ipc';
import type { CommandInput, IpcResult, Profile } from '../../shared/ipc';
import { loadReplayPosition } from '../../mock-exchange/market/replay';
import type { HistoryDb } from '../db';
import type { SecretStore } from './api';
import { failure, success } from './errors';
import type { ReplaySessionRecord, ReplaySessions } from './replaySessions';

/** Id of the built-in paper profile. */
export const PAPER_PROFILE_ID = 'paper';

/** A profile of one of our own paper exchanges (the bundled one, a replay's). */
export function paperProfile(id: string, name: string): Profile {
  return {
    id,
    name,
    kind: 'paper',
    url: '',
    login: null,
    hasToken: true,
    // The exchange is ours; its Chart API address is known once it runs.
    revision: 'extended',
    chartUrl: null,
    instruments: [],
  };
}

const PAPER_PROFILE = paperProfile(PAPER_PROFILE_ID, 'Paper (offline)');

const tokenKey = (id: string): string => `profile-token:${id}`;

/** The profile id of a replay session. */
export const replayProfileId = (sessionId: string): string =>
  `${REPLAY_PROFILE_PREFIX}${sessionId}`;

/** The session id of a replay profile id. */
const sessionIdOf = (profileId: string): string => profileId.slice(REPLAY_PROFILE_PREFIX.length);

/** The replay sessions and what deleting one needs from the rest of the core. */
export interface ReplayBook {
  sessions: ReplaySessions;
  /** Stops the session's exchange and takes its rows off the screen, before its files and history go. */
  release(profileId: string): Promise<void>;
}

/** The profile list and its secrets. */
export class Profiles {
  constructor(
    private readonly db: HistoryDb,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
    private readonly replays: ReplayBook | null = null,
  ) {}

  /** Every profile, paper first. */
  list(): Profile[] {
    const user = this.db.profiles().map((p): Profile => ({
      id: p.id,
      name: p.name,
      kind: 'remote',
      url: p.url,
      login: p.login,
      hasToken: this.secrets.get(tokenKey(p.id)) !== null,
      ...storedOptions(p.options),
    }));
    const replays = (this.replays?.sessions.list() ?? []).map((s) => this.replayProfile(s));
    return [PAPER_PROFILE, ...user, ...replays];
  }

  /** One profile, or null. */
  get(id: string): Profile | null {
    if (isReplayProfile(id)) {
      const session = this.replays?.sessions.get(sessionIdOf(id));
      return session ? this.replayProfile(session) : null;
    }
    return this.list().find((p) => p.id === id) ?? null;
  }

  /** Keeps a new replay session (listed from now on, across restarts); returns its profile. */
  addReplay(session: ReplaySessionRecord): Profile {
    if (!this.replays) throw new Error('replay sessions are not kept by this core');
    this.replays.sessions.add(session);
    return this.replayProfile(session);
  }

  /** The replay session of a replay profile id, or null. */
  replaySession(profileId: string): ReplaySessionRecord | null {
    if (!isReplayProfile(profileId)) return null;
    return this.replays?.sessions.get(sessionIdOf(profileId)) ?? null;
  }

  /** A replay session as a profile: its own paper account, with where it stopped. */
  private replayProfile(session: ReplaySessionRecord): Profile {
    const id = replayProfileId(session.id);
    const saved = loadReplayPosition(this.replays!.sessions.exchangeDir(session.id));
    // A position of other data (it cannot happen unless the folder was edited) says nothing.
    const position =
      saved && saved.symbol === session.symbol && Date.parse(saved.end) === Date.parse(session.end)
        ? saved
        : null;
    return {
      ...paperProfile(id, session.name),
      replay: {
        symbol: session.symbol,
        first: session.first,
        end: session.end,
        candles: session.candles,
        file: session.fileName,
        time: position?.time ?? null,
        ended: position !== null && Date.parse(position.time) >= Date.parse(session.end),
        createdAt: session.createdAt,
      },
    };
  }

  /** The stored token of a remote profile. */
  token(id: string): string | null {
    return this.secrets.get(tokenKey(id));
  }

  /** Creates or updates a user profile (the token goes to the SecretStore). */
  save(input: CommandInput<'saveProfile'>): IpcResult<Profile> {
    if (input.id === PAPER_PROFILE_ID) {
      return failure({
        code: 'INVALID_INPUT',
        field: 'id',
        message: 'id: the paper profile cannot be changed',
      });
    }
    const existing =
      input.id === undefined ? undefined : this.db.profiles().find((p) => p.id === input.id);
    if (input.id !== undefined && !existing) {
      return failure({ code: 'NOT_FOUND', field: 'id', message: `No profile ${input.id}` });
    }
    // The picker tells profiles apart by name: a second "Paper (offline)" could be a live one.
    const name = input.name.trim();
    const taken = this.list().find(
      (p) => p.id !== input.id && p.name.trim().toLowerCase() === name.toLowerCase(),
    );
    if (taken) {
      return failure({
        code: 'INVALID_INPUT',
        field: 'name',
        message: `name: a profile named "${taken.name}" already exists`,
      });
    }
    const id = input.id ?? randomUUID();
    const before = existing ? storedOptions(existing.options) : storedOptions({});
    const options: ProfileOptions = {
      revision: input.revision ?? before.revision,
      chartUrl: input.chartUrl !== undefined ? input.chartUrl : before.chartUrl,
      instruments: input.instruments ?? before.instruments,
    };
    this.db.saveProfile(
      { id, name: input.name.trim(), url: input.url, login: input.login ?? null, options },
      this.now(),
    );
    if (input.token !== undefined) this.secrets.set(tokenKey(id), input.token);
    // A token was given for one address: it never follows the profile to another.
    else if (existing && existing.url !== input.url) this.secrets.delete(tokenKey(id));
    const saved = this.get(id);
    return saved ? success(saved) : failure({ code: 'INTERNAL', message: 'Profile was not saved' });
  }

  /** Why profile `id` cannot be deleted, or null when it can. */
  refuseDelete(id: string): IpcResult<null> | null {
    if (id === PAPER_PROFILE_ID) {
      return failure({
        code: 'INVALID_INPUT',
        field: 'id',
        message: 'id: the paper profile cannot be deleted',
      });
    }
    const known = isReplayProfile(id)
      ? this.replaySession(id) !== null
      : this.db.profiles().some((p) => p.id === id);
    if (!known) return failure({ code: 'NOT_FOUND', field: 'id', message: `No profile ${id}` });
    return null;
  }

  /**
   * Deletes a user profile and its token (its history stays); or a replay
   * session whole: its exchange stopped, its folder, its history and its
   * account settings removed (practice leaves nothing behind).
   */
  delete(id: string): IpcResult<null> | Promise<IpcResult<null>> {
    const refusal = this.refuseDelete(id);
    if (refusal) return refusal;
    if (isReplayProfile(id)) return this.deleteReplay(id);
    this.db.deleteProfile(id);
    this.secrets.delete(tokenKey(id));
    return success(null);
  }

  private async deleteReplay(profileId: string): Promise<IpcResult<null>> {
    const replays = this.replays!;
    try {
      await replays.release(profileId);
      this.db.deleteProfileData(profileId);
      replays.sessions.remove(sessionIdOf(profileId));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return failure({ code: 'INTERNAL', message: `Could not delete the session: ${message}` });
    }
    return success(null);
  }
}

/** A profile's stored options; anything unreadable falls back to the defaults (auto, none). */
function storedOptions(stored: unknown): ProfileOptions {
  const parsed = ProfileOptions.safeParse(stored);
  return parsed.success ? parsed.data : ProfileOptions.parse({});
}
