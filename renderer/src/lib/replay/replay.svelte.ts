/**
 * The replay mode's state: importing a candle file and starting its replay
 * session, where the replay stands (polled while replaying, so the replay
 * time moves on screen), and the control bar's commands.
 */
import type { Api } from '../../../../shared/ipc';
import type { ReplayAction, ReplayPreview, ReplayStatus } from '../../../../shared/protocol/replay';
import { REPLAY_MAX_FILE_CHARS, isReplayProfile } from '../../../../shared/ipc';

/** Speeds the control bar offers, times real time. */
export const REPLAY_SPEEDS = [1, 5, 10, 30, 60, 120, 300, 500] as const;
/** How often the replay time is read while replaying (wall ms). */
const POLL_MS = 500;

/** One replay session as the screen shows it. */
export class ReplayState {
  /** Where the connected replay stands; null when not replaying. */
  status = $state<ReplayStatus | null>(null);
  /** What the started file holds. */
  preview = $state<ReplayPreview | null>(null);
  /** The last refusal (a bad file names its line), shown until the next try. */
  error = $state<string | null>(null);
  busy = $state(false);
  /** The import dialog is open. */
  dialogOpen = $state(false);
  #timer: ReturnType<typeof setInterval> | null = null;
  /** The session `preview` belongs to: another session (one reopened) shows no stale preview. */
  #previewFor: string | null = null;

  constructor(private readonly api: Api) {}

  /** True while the app is connected to a replay session. */
  readonly active = $derived(this.status !== null);

  /** Follows the connection: polls while the connected profile is a replay, stops otherwise. */
  follow(profileId: string | null): void {
    if (profileId !== this.#previewFor) {
      this.preview = null;
      this.#previewFor = null;
    }
    if (!isReplayProfile(profileId)) {
      this.stopPolling();
      this.status = null;
      return;
    }
    if (this.#timer) return;
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  /** Reads a file picked by the user and starts replaying it at `speed`. */
  async start(file: File, speed: number): Promise<boolean> {
    this.error = null;
    if (file.size > REPLAY_MAX_FILE_CHARS) {
      this.error = `${file.name} is larger than ${Math.floor(REPLAY_MAX_FILE_CHARS / 2 ** 20)} MiB`;
      return false;
    }
    this.busy = true;
    try {
      const content = await file.text();
      if (content.trim() === '') {
        this.error = `${file.name} is empty: it needs a header line and 1-minute candles`;
        return false;
      }
      const result = await this.api.startReplay({ fileName: file.name, content, speed });
      if (!result.ok) {
        this.error = result.error.message;
        return false;
      }
      this.preview = result.value.preview;
      this.#previewFor = result.value.profileId;
      this.status = result.value.status;
      this.dialogOpen = false;
      return true;
    } finally {
      this.busy = false;
    }
  }

  /** Sends one control (play, pause, step, speed, jump) and shows the answer. */
  async control(action: ReplayAction): Promise<void> {
    const result = await this.api.replayControl(action);
    if (result.ok) {
      this.status = result.value;
      this.error = null;
    } else this.error = result.error.message;
  }

  /** Stops polling (the app is going away). */
  dispose(): void {
    this.stopPolling();
  }

  private async refresh(): Promise<void> {
    const result = await this.api.replayStatus();
    if (result.ok && this.#timer) this.status = result.value;
  }

  private stopPolling(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/** A replay time as the bar shows it: UTC, to the second. */
export function formatReplayTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The `datetime-local` value (UTC) of an ISO time, for the jump field. */
export function toJumpField(iso: string): string {
  return iso.slice(0, 16);
}

/** The ISO time of a `datetime-local` value read as UTC, or null when empty or unreadable. */
export function fromJumpField(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const iso = `${value.slice(0, 16)}:00.000Z`;
  return Number.isFinite(Date.parse(iso)) ? iso : null;
}
