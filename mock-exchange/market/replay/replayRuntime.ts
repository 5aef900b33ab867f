/**
 * A replay inside a running exchange: the player moves the market driver,
 * a jump files the candles it passed as Chart API history, and with
 * `--data` the position is saved (on every control and at close, and
 * every few wall seconds while playing) and a restart resumes there.
 */
import type { ReplayAction, ReplayStatus, Result } from '../../../shared/protocol';
import type { CandleStore } from '../../chart/candleStore';
import { candleAt } from '../../chart/minuteSeries';
import type { ReplayData } from './replayData';
import type { ReplayMarket } from './replayMarket';
import { ReplayPlayer, type WallTimers } from './replayPlayer';
import { loadReplayPosition, saveReplayPosition, type ReplayPosition } from './replayPosition';
import { realWallTimers } from './wallTimers';

/**
 * Wall ms between saves of the position while playing: a crash loses at
 * most this much play (at 500x, some 16 candles), while the disk sees one
 * small write every few seconds instead of one per candle.
 */
export const REPLAY_SAVE_EVERY_MS = 2_000;

/** Controls of a running replay, as the exchange hands them out. */
export interface ReplayControls {
  status(): ReplayStatus;
  control(action: ReplayAction): Result<ReplayStatus>;
}

/** What the runtime drives. */
export interface ReplayRuntimeDeps {
  data: ReplayData;
  market: ReplayMarket;
  driver: { advance(ms: number): void; jumpTo(time: number): void };
  now(): number;
  /** The Chart API's candles (null without the Chart API). */
  chart: CandleStore | null;
  speed: number;
  /** Play on the wall clock at once (a real exchange clock); false for a manual clock. */
  autoplay: boolean;
  dataDir: string | null;
  /** The wall clock that paces the play and the periodic saves (default: the real one). */
  wall?: WallTimers;
  /** Where a failed save is told (default: nowhere; the next save tries again). */
  log?: (line: string) => void;
}

/** A started replay: its controls and how to stop it (saving the position). */
export interface ReplayRuntime extends ReplayControls {
  stop(): void;
}

/** Where the replay starts: the saved position of this same data (with `--data`), else the first candle. */
export function replayStartTime(data: ReplayData, dataDir: string | null): number {
  const first = data.candles.minute[0]! * 60_000;
  const saved = savedPositionOf(data, dataDir);
  if (!saved) return first;
  // The minute that was forming replays whole: its first prints were never kept.
  return Math.max(first, Math.floor(Date.parse(saved.time) / 60_000) * 60_000);
}

/** The saved position of this same data (symbol and range), or null. */
function savedPositionOf(data: ReplayData, dataDir: string | null): ReplayPosition | null {
  const saved = dataDir === null ? null : loadReplayPosition(dataDir);
  if (!saved || saved.symbol !== data.instrument.symbol) return null;
  const first = data.candles.minute[0]! * 60_000;
  const end = (data.candles.minute[data.candles.length - 1]! + 1) * 60_000;
  if (Date.parse(saved.first) !== first || Date.parse(saved.end) !== end) return null;
  return saved;
}

/** Starts the replay of `data` on an exchange whose market driver has just opened. */
export function startReplay(deps: ReplayRuntimeDeps): ReplayRuntime {
  const { data, market, driver, chart } = deps;
  const symbol = data.instrument.symbol;
  const jump = (time: number): void => {
    const skipped = market.skipTo(time);
    driver.jumpTo(time);
    // The passed candles go in whole, over the few prints the jump made in them.
    const series = chart?.series(symbol);
    if (series)
      for (let i = skipped.from; i < skipped.to; i++) series.put(candleAt(data.candles, i));
  };
  const wall = deps.autoplay ? (deps.wall ?? realWallTimers()) : null;
  const player = new ReplayPlayer(
    { now: deps.now, advance: (ms) => driver.advance(ms), jump },
    wall,
    { symbol, candles: data.candles, speed: deps.speed, autoplay: false },
  );
  const resumed = savedPositionOf(data, deps.dataDir);
  let savedTime = resumed?.time ?? null;
  const save = (playing = player.status().playing): void => {
    if (deps.dataDir === null) return;
    const { first, end, time, speed } = player.status();
    saveReplayPosition(deps.dataDir, { symbol, first, end, time, playing, speed });
    savedTime = time;
  };
  // While playing, the position is saved every few wall seconds (not per candle), so a
  // crash loses only that much; a paused replay has nothing new to save.
  const stopSaving =
    wall && deps.dataDir !== null
      ? wall.every(REPLAY_SAVE_EVERY_MS, () => {
          const status = player.status();
          if (!status.playing || status.time === savedTime) return;
          try {
            save();
          } catch (error) {
            deps.log?.(
              `replay: position not saved: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        })
      : null;
  // A resumed replay starts later than the file: what came before is history already.
  const series = chart?.series(symbol);
  if (series) {
    const now = deps.now();
    for (let i = 0; i < data.candles.length && (data.candles.minute[i]! + 1) * 60_000 <= now; i++) {
      series.put(candleAt(data.candles, i));
    }
  }
  // A replay saved paused (the user paused it, or the app reopened it) waits for `play`.
  if (deps.autoplay && (resumed?.playing ?? true)) player.control({ action: 'play' });
  return {
    status: () => player.status(),
    control: (action) => {
      const result = player.control(action);
      if (action.action !== 'status') save();
      return result;
    },
    stop: () => {
      // Saved as it was before stopping: a restart on this data carries on the same way.
      const playing = player.status().playing;
      stopSaving?.();
      player.stop();
      save(playing);
    },
  };
}
