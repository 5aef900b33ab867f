/**
 * Keeping the paper exchange alive: when a child dies on its own, start a
 * new one (same data folder, same token) after a doubling delay, and tell
 * subscribers so the core follows it to its new port.
 */
import type { RunningExchange } from './exchange-process';

/** Restart tuning (ms). */
export interface RestartOptions {
  /** First delay before a restart (default 250). */
  restartInitialMs?: number;
  /** Largest delay between restarts (default 10000). */
  restartMaxMs?: number;
  /** A child that ran this long before dying resets the delay (default 30000). */
  restartStableMs?: number;
  /** Clock (tests). */
  now?: () => number;
  log?: (line: string) => void;
}

/** A child kept running: its current address and process, restart events, and a final stop. */
export interface KeptExchange {
  readonly url: string;
  readonly port: number;
  /** The current child's Chart API, or null. */
  readonly chartUrl: string | null;
  readonly pid: number | undefined;
  /** The child running now (a replay's controls go to it). */
  readonly current: RunningExchange;
  /** Called after each restart; returns an unsubscribe. */
  onRestart(listener: () => void): () => void;
  /** Stops for good (no more restarts); idempotent. */
  stop(): Promise<void>;
}

/** The delay before restart number `attempt` (0-based): doubling from `initialMs`, capped at `maxMs`. */
export function restartDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}

/** Starts a child with `launch` and restarts it whenever it exits unasked. */
export async function keepRunning(
  launch: () => Promise<RunningExchange>,
  options: RestartOptions = {},
): Promise<KeptExchange> {
  const {
    restartInitialMs = 250,
    restartMaxMs = 10_000,
    restartStableMs = 30_000,
    now = Date.now,
    log = () => {},
  } = options;
  let current = await launch();
  let startedAt = now();
  let attempt = 0;
  let stopping: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let restarting: Promise<void> | null = null;
  const listeners = new Set<() => void>();

  const scheduleRestart = (): void => {
    const delay = restartDelayMs(attempt, restartInitialMs, restartMaxMs);
    attempt += 1;
    log(`paper exchange: restarting in ${delay} ms`);
    timer = setTimeout(() => {
      timer = null;
      restarting = launch().then(
        async (next) => {
          restarting = null;
          if (stopping) return next.stop();
          current = next;
          startedAt = now();
          watch(next);
          for (const listener of [...listeners]) listener();
        },
        (error: unknown) => {
          restarting = null;
          log(
            `paper exchange: restart failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          if (!stopping) scheduleRestart();
        },
      );
    }, delay);
  };

  const watch = (running: RunningExchange): void => {
    void running.exited.then((code) => {
      if (stopping || running !== current) return;
      log(`paper exchange: exited unexpectedly (code ${code ?? 'null'})`);
      // A child that had been running a while died of something new: start again quickly.
      if (now() - startedAt >= restartStableMs) attempt = 0;
      scheduleRestart();
    });
  };
  watch(current);

  return {
    get url() {
      return current.url;
    },
    get port() {
      return current.port;
    },
    get chartUrl() {
      return current.chartUrl;
    },
    get pid() {
      return current.pid;
    },
    get current() {
      return current;
    },
    onRestart(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop: () =>
      (stopping ??= (async () => {
        if (timer) clearTimeout(timer);
        timer = null;
        await restarting;
        await current.stop();
      })()),
  };
}
