/** The connection bar's state: status, profiles, and the reconnect countdown. */
import {
  disconnectedStatus,
  type Api,
  type CommandInput,
  type ConnectionStatus,
  type Profile,
} from '../../../../shared/ipc';

/** Status before the first snapshot. */
const INITIAL_STATUS: ConnectionStatus = disconnectedStatus();

/** Paper profiles first, then by name. */
function sortProfiles(profiles: readonly Profile[]): Profile[] {
  return [...profiles].sort(
    (a, b) =>
      Number(b.kind === 'paper') - Number(a.kind === 'paper') || a.name.localeCompare(b.name),
  );
}

/** The status words the status bar shows. */
export function statusLabel(status: ConnectionStatus): string {
  switch (status.state) {
    case 'connected':
      return 'Connected';
    case 'connecting':
      return 'Connecting';
    case 'reconnecting':
      return 'Reconnecting';
    default:
      return 'Disconnected';
  }
}

export class ConnectionState {
  status = $state.raw<ConnectionStatus>(INITIAL_STATUS);
  profiles = $state.raw<readonly Profile[]>([]);
  /** Profile chosen in the picker. */
  selectedProfileId = $state('');
  busy = $state(false);
  /** The link has been up since the last disconnect (a drop is "lost"; never up is "cannot connect"). */
  reached = $state(false);
  error = $state<string | null>(null);
  /** Epoch ms of the next reconnect attempt. */
  #retryAt = $state<number | null>(null);
  /** Clock for the countdown, ticked while reconnecting. */
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  readonly api: Api;
  constructor(api: Api) {
    this.api = api;
  }

  /** The chosen profile (or the first). */
  readonly selectedProfile = $derived(
    this.profiles.find((p) => p.id === this.selectedProfileId) ?? this.profiles[0] ?? null,
  );

  /** True when orders go to the paper exchange (connected or selected). */
  readonly isPaper = $derived(
    this.status.state !== 'disconnected'
      ? this.status.paper
      : this.selectedProfile?.kind === 'paper',
  );

  /** Whole seconds until the next reconnect attempt, while reconnecting. */
  readonly retryInSeconds = $derived(
    this.#retryAt === null ? null : Math.max(0, Math.ceil((this.#retryAt - this.now) / 1000)),
  );

  /** Sets profiles (paper first) and keeps a valid selection. */
  setProfiles(profiles: readonly Profile[]): void {
    this.profiles = sortProfiles(profiles);
    if (!this.profiles.some((p) => p.id === this.selectedProfileId))
      this.selectedProfileId = this.status.profileId ?? this.profiles[0]?.id ?? '';
  }

  /** Applies a status from main. */
  setStatus(status: ConnectionStatus, now = Date.now()): void {
    this.status = status;
    if (status.state === 'connected') this.reached = true;
    else if (status.state === 'disconnected') this.reached = false;
    if (status.profileId) this.selectedProfileId = status.profileId;
    this.now = now;
    if (status.state === 'reconnecting' && status.retryInMs !== null) {
      this.#retryAt = now + status.retryInMs;
      this.#startClock();
    } else {
      this.#retryAt = null;
      this.#stopClock();
    }
  }

  /** Connects with the selected profile. */
  async connect(): Promise<void> {
    const profile = this.selectedProfile;
    if (!profile) return;
    this.busy = true;
    this.error = null;
    const result = await this.api.connect({ profileId: profile.id });
    this.busy = false;
    if (result.ok) this.setStatus(result.value);
    else this.error = result.error.message;
  }

  /** Connects with a given profile (selecting it in the picker). Returns the error or null. */
  async connectTo(profileId: string): Promise<string | null> {
    this.selectedProfileId = profileId;
    await this.connect();
    return this.error;
  }

  /** Reloads the profile list from main (after a save or delete). */
  async refreshProfiles(): Promise<void> {
    const result = await this.api.listProfiles();
    if (result.ok) this.setProfiles(result.value);
  }

  /** Creates or updates a profile; returns the core's error message, or null. */
  async saveProfile(input: CommandInput<'saveProfile'>): Promise<string | null> {
    const result = await this.api.saveProfile(input);
    if (!result.ok) return result.error.message;
    await this.refreshProfiles();
    return null;
  }

  /** Deletes a profile; returns the core's error message, or null. */
  async deleteProfile(id: string): Promise<string | null> {
    const result = await this.api.deleteProfile({ id });
    if (!result.ok) return result.error.message;
    await this.refreshProfiles();
    return null;
  }

  /** Disconnects. */
  async disconnect(): Promise<void> {
    this.busy = true;
    this.error = null;
    const result = await this.api.disconnect();
    this.busy = false;
    if (result.ok) this.setStatus(result.value);
    else this.error = result.error.message;
  }

  /** Stops the countdown timer. */
  dispose(): void {
    this.#stopClock();
  }

  #startClock(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => (this.now = Date.now()), 250);
  }

  #stopClock(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
