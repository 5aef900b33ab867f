/**
 * The main-process core as the two hosts (Electron, browser host) see it.
 * It knows nothing of Electron or HTTP: a host passes raw, untrusted command
 * inputs in and forwards event batches out.
 */
import type { CommandName, EventBatch, IpcResult } from '../../shared/ipc';
import type { SessionTuning } from '../session';
import type { ProfileRevision } from '../../shared/ipc';
import type { ReplayAction, ReplayStatus } from '../../shared/protocol';

/** Stores secrets (profile tokens). Electron: safeStorage; browser host: a 0600 file. */
export interface SecretStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** A running paper exchange started by the host. */
export interface PaperExchange {
  /** Its current address (a supervised exchange moves to a new port when restarted). */
  readonly url: string;
  /** Its Chart API (candles, ticker), when it serves one. */
  readonly chartUrl?: string | null;
  /** Which kind of server it is (default extended: the bundled exchange is ours). */
  readonly revision?: ProfileRevision;
  token: string;
  login: string;
  stop(): Promise<void>;
  /** Called after the supervisor restarted the exchange (it died); returns an unsubscribe. */
  onRestart?(listener: () => void): () => void;
  /** Steers a replaying exchange (play, pause, step, speed, jump); absent on a plain paper exchange. */
  replayControl?(action: ReplayAction): Promise<IpcResult<ReplayStatus>>;
}

/** A paper exchange that replays a file: its path and speed (`--replay FILE --speed N`). */
export interface ReplayLaunch {
  file: string;
  speed: number;
}

/** What a host provides to the core. */
export interface CoreOptions {
  /** The app's data directory (database, settings, profiles, paper exchange state). */
  dataDir: string;
  secrets: SecretStore;
  /** Starts the bundled exchange (Electron: utilityProcess; browser host: child_process; tests: in-process). */
  startPaperExchange: (dataDir: string, replay?: ReplayLaunch) => Promise<PaperExchange>;
  /** Connect to this profile on start (default 'paper'; null: stay disconnected). */
  autoConnectProfileId?: string | null;
  /** Host's "save file" (Electron shows a dialog); absent: a CSV export answers `download`. */
  saveFile?: (fileName: string, content: string) => Promise<{ path: string } | null>;
  /** Log sink (never receives tokens). */
  log?: (line: string) => void;
  /** Clock (tests pass a fake). */
  now?: () => number;
  /** Event batch interval in ms (default 16: one batch per animation frame). */
  batchIntervalMs?: number;
  /** Session tuning (tests shorten timeouts); defaults (SESSION_TIMING) suit a desktop. */
  session?: SessionTuning;
}

/** The core: command handlers generated from the contract table, and an event stream. */
export interface Core {
  /** Validates `input` with the command's schema, runs it, returns a result value (never throws). */
  invoke(command: CommandName, input: unknown): Promise<IpcResult<unknown>>;
  /** Subscribes to event batches; returns an unsubscribe function. */
  onEvents(listener: (batch: EventBatch) => void): () => void;
  /** Disconnects, stops the paper exchange, flushes and closes the database. */
  close(): Promise<void>;
}
