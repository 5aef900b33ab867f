/** Heartbeat over ws ping/pong: measures latency and notices a dead link. */
import type { Timers } from './types';

/** What the heartbeat needs from the link. */
export interface HeartbeatLink {
  ping(): void;
  /** The link is dead: terminate it (a reconnect follows). */
  dead(reason: string): void;
  latency(ms: number): void;
}

/**
 * Pings every `intervalMs`; a ping unanswered for `timeoutMs` declares the link
 * dead, unless frames kept arriving meanwhile (under a burst the pong waits in
 * the socket behind them: the link is busy, not dead).
 */
export class Heartbeat {
  private timer: unknown = null;
  private pingSentAt: number | null = null;
  private lastHeardAt: number | null = null;

  constructor(
    private readonly link: HeartbeatLink,
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Starts pinging (the first ping goes out at once). */
  start(): void {
    this.tick();
  }

  /** Stops pinging. */
  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pingSentAt = null;
  }

  /** A frame arrived (proof of life, not a latency sample). */
  heard(): void {
    this.lastHeardAt = this.now();
  }

  /** A pong arrived. */
  pong(): void {
    if (this.pingSentAt === null) return;
    this.link.latency(Math.max(0, this.now() - this.pingSentAt));
    this.pingSentAt = null;
  }

  private tick(): void {
    const now = this.now();
    const silentFor =
      this.pingSentAt === null ? 0 : now - Math.max(this.pingSentAt, this.lastHeardAt ?? 0);
    if (this.pingSentAt !== null && silentFor >= this.timeoutMs) {
      this.stop();
      this.link.dead(`No heartbeat reply for ${Math.round(silentFor / 1000)} s`);
      return;
    }
    if (this.pingSentAt === null) {
      this.pingSentAt = now;
      this.link.ping();
    }
    this.timer = this.timers.setTimeout(() => this.tick(), this.intervalMs);
  }
}
