/**
 * The account bar's state: main's figures (balance, equity, today's P&L,
 * each instrument), asked again at most once a second while positions,
 * fills or quotes change, and the account's settings and paper reset.
 */
import type {
  AccountFigures,
  AccountSettingsUpdate,
  Api,
  EventBatch,
} from '../../../../shared/ipc';

/** Least time between two requests for the figures (quotes move many times a second). */
export const ACCOUNT_REFRESH_MS = 1000;

/** A timer as the state uses it (tests pass their own). */
export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** True when a batch may have changed the account's figures. */
export function touchesAccount(batch: EventBatch): boolean {
  return Boolean(batch.positions ?? batch.fills ?? batch.quotes ?? batch.profileChanged);
}

export class AccountState {
  figures = $state.raw<AccountFigures | null>(null);
  error = $state<string | null>(null);
  settingsOpen = $state(false);
  #pending: unknown = null;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: Api,
    private readonly timer: Timer = realTimer,
  ) {}

  /** Loads the figures and follows the event batches. */
  start(): void {
    this.#unsubscribe ??= this.api.onEvents((batch) => {
      if (touchesAccount(batch)) this.schedule();
    });
    void this.refresh();
  }

  /** Stops following the batches. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#pending !== null) this.timer.clear(this.#pending);
    this.#pending = null;
  }

  /** Asks for the figures once the throttle allows. */
  schedule(): void {
    if (this.#pending !== null) return;
    this.#pending = this.timer.set(() => {
      this.#pending = null;
      void this.refresh();
    }, ACCOUNT_REFRESH_MS);
  }

  /** Asks main for the figures now. */
  async refresh(): Promise<void> {
    const result = await this.api.getAccount();
    if (result.ok) {
      this.figures = result.value;
      this.error = null;
    } else this.error = result.error.message;
  }

  /**
   * Changes the currency, starting balance or method; the refusal in words,
   * or null. (Returned, not kept in `error`: the next refresh must not wipe
   * it before the user has read it.)
   */
  async save(update: AccountSettingsUpdate): Promise<string | null> {
    const result = await this.api.saveAccountSettings(update);
    if (!result.ok) return result.error.message;
    this.figures = result.value;
    return null;
  }

  /** Starts a new paper account (history kept); the refusal in words, or null. */
  async reset(startingBalance?: number): Promise<string | null> {
    const result = await this.api.resetPaperAccount(
      startingBalance === undefined ? {} : { startingBalance },
    );
    if (!result.ok) return result.error.message;
    this.figures = result.value;
    return null;
  }
}
