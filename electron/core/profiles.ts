/**
 * Connection profiles: the built-in "Paper (offline)" profile, listed first,
 * and the user's profiles (stored in the database; tokens only in the
 * SecretStore, never in the database or logs).
 */
import { randomUUID } from 'node:crypto';
import { ProfileOptions } from '../../shared/ipc';
import type { CommandInput, IpcResult, Profile } from '../../shared/ipc';
import type { HistoryDb } from '../db';
import type { SecretStore } from './api';
import { failure, success } from './errors';

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

/** The profile list and its secrets. */
export class Profiles {
  /** Replay sessions started while the app runs: known by id, never listed or stored. */
  private readonly replays = new Map<string, Profile>();

  constructor(
    private readonly db: HistoryDb,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
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
    return [PAPER_PROFILE, ...user];
  }

  /** One profile, or null. */
  get(id: string): Profile | null {
    return this.replays.get(id) ?? this.list().find((p) => p.id === id) ?? null;
  }

  /** Makes a replay session's profile known (its history lives under its own id). */
  addReplay(profile: Profile): void {
    this.replays.set(profile.id, profile);
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
    if (!this.db.profiles().some((p) => p.id === id)) {
      return failure({ code: 'NOT_FOUND', field: 'id', message: `No profile ${id}` });
    }
    return null;
  }

  /** Deletes a user profile and its token (its history stays). */
  delete(id: string): IpcResult<null> {
    const refusal = this.refuseDelete(id);
    if (refusal) return refusal;
    this.db.deleteProfile(id);
    this.secrets.delete(tokenKey(id));
    return success(null);
  }
}

/** A profile's stored options; anything unreadable falls back to the defaults (auto, none). */
function storedOptions(stored: unknown): ProfileOptions {
  const parsed = ProfileOptions.safeParse(stored);
  return parsed.success ? parsed.data : ProfileOptions.parse({});
}
