/**
 * Runs a replay's clock: while playing, every wall-clock beat moves the
 * exchange (replay) time forward by the wall time passed times the speed,
 * never past the last candle's end and never backwards. Controls: play,
 * pause, step one candle, change speed, jump forward. The wall clock and
 * the timer are injected, so tests drive it by hand.
 */
import {
  ErrorCode,
  fail,
  ok,
  type ReplayAction,
  type ReplayStatus,
  type Result,
} from '../../../shared/protocol';
import type { MinuteColumns } from '../../chart/minuteSeries';

const MINUTE_MS = 60_000;

/** What the player moves: the exchange's market driver, seen from the replay. */
export interface ReplayTarget {
  /** Exchange time, epoch ms. */
  now(): number;
  /** Plays the market forward by `ms`, tick by tick. */
  advance(ms: number): void;
  /** Jumps straight to `time`: the candles passed are filed as history. */
  jump(time: number): void;
}

/** The wall clock and a repeating timer (real ones in the process, fakes in tests). */
export interface WallTimers {
  now(): number;
  every(ms: number, run: () => void): () => void;
}

/** Settings of a player. */
export interface ReplayPlayerOptions {
  symbol: string;
  candles: Readonly<MinuteColumns>;
  speed: number;
  /** Start playing at once (the exchange's real clock); false waits for `play` or manual advances. */
  autoplay: boolean;
  /** Wall ms between beats (default 100). */
  beatMs?: number;
}

/** The replay's clock and its controls. */
export class ReplayPlayer {
  private playing = false;
  private speed: number;
  private stopBeat: (() => void) | null = null;
  private lastWall = 0;

  constructor(
    private readonly target: ReplayTarget,
    private readonly wall: WallTimers | null,
    private readonly options: ReplayPlayerOptions,
  ) {
    this.speed = options.speed;
    if (options.autoplay) this.play();
  }

  /** End of the last candle: replay time never passes it. */
  get endTime(): number {
    const c = this.options.candles;
    return (c.minute[c.length - 1]! + 1) * MINUTE_MS;
  }

  /** Applies one control; errors as values (a jump backwards, past the end, a bad speed). */
  control(action: ReplayAction): Result<ReplayStatus> {
    switch (action.action) {
      case 'status':
        break;
      case 'play':
        this.play();
        break;
      case 'pause':
        this.pause();
        break;
      case 'speed':
        this.speed = action.speed;
        break;
      case 'step': {
        const to = this.nextCandleEnd();
        if (to !== null) this.target.advance(to - this.target.now());
        break;
      }
      case 'jump': {
        const time = Date.parse(action.time);
        if (time < this.target.now()) {
          return fail(
            ErrorCode.INVALID_FIELD,
            'A replay never goes backwards: jump to a later time.',
          );
        }
        this.target.jump(Math.min(time, this.endTime));
        break;
      }
    }
    if (this.ended()) this.pause();
    return ok(this.status());
  }

  /** Where the replay stands. */
  status(): ReplayStatus {
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      symbol: this.options.symbol,
      time: iso(this.target.now()),
      first: iso(this.options.candles.minute[0]! * MINUTE_MS),
      end: iso(this.endTime),
      playing: this.playing,
      speed: this.speed,
      ended: this.ended(),
    };
  }

  /** Stops the beat (the exchange is closing). */
  stop(): void {
    this.pause();
  }

  private ended(): boolean {
    return this.target.now() >= this.endTime;
  }

  private play(): void {
    if (this.playing || this.ended()) return;
    this.playing = true;
    if (!this.wall) return;
    this.lastWall = this.wall.now();
    this.stopBeat = this.wall.every(this.options.beatMs ?? 100, () => this.beat());
  }

  private pause(): void {
    this.playing = false;
    this.stopBeat?.();
    this.stopBeat = null;
  }

  /** One wall beat: replay time moves by the wall time passed times the speed. */
  private beat(): void {
    if (!this.wall || !this.playing) return;
    const wallNow = this.wall.now();
    const elapsed = Math.max(0, wallNow - this.lastWall);
    this.lastWall = wallNow;
    const room = this.endTime - this.target.now();
    const ms = Math.min(room, Math.round(elapsed * this.speed));
    if (ms > 0) this.target.advance(ms);
    if (this.ended()) this.pause();
  }

  /** End of the candle forming now, or of the next candle in a gap; null after the last. */
  private nextCandleEnd(): number | null {
    const c = this.options.candles;
    const nowMinute = Math.floor(this.target.now() / MINUTE_MS);
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.minute[mid]! < nowMinute) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= c.length) return null;
    return (c.minute[lo]! + 1) * MINUTE_MS;
  }
}
