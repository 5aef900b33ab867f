/**
 * A replay inside a running exchange: the player moves the market driver,
 * a jump files the candles it passed as Chart API history, and with
 * `--data` the position is saved and a restart resumes there.
 */
import type { ReplayAction, ReplayStatus, Result } from '../../../shared/protocol';
import type { CandleStore } from '../../chart/candleStore';
import { candleAt } from '../../chart/minuteSeries';
import type { ReplayData } from './replayData';
import type { ReplayMarket } from './replayMarket';
import { ReplayPlayer } from './replayPlayer';
import { loadReplayPosition, saveReplayPosition } from './replayPosition';
import { realWallTimers } from './wallTimers';

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
}

/** A started replay: its controls and how to stop it (saving the position). */
export interface ReplayRuntime extends ReplayControls {
  stop(): void;
}

/** Where the replay starts: the saved position of this same data (with `--data`), else the first candle. */
export function replayStartTime(data: ReplayData, dataDir: string | null): number {
  const first = data.candles.minute[0]! * 60_000;
  const saved = dataDir === null ? null : loadReplayPosition(dataDir);
  if (!saved || saved.symbol !== data.instrument.symbol) return first;
  const end = (data.candles.minute[data.candles.length - 1]! + 1) * 60_000;
  if (Date.parse(saved.first) !== first || Date.parse(saved.end) !== end) return first;
  // The minute that was forming replays whole: its first prints were never kept.
  return Math.max(first, Math.floor(Date.parse(saved.time) / 60_000) * 60_000);
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
  const player = new ReplayPlayer(
    { now: deps.now, advance: (ms) => driver.advance(ms), jump },
    deps.autoplay ? realWallTimers() : null,
    { symbol, candles: data.candles, speed: deps.speed, autoplay: false },
  );
  const save = (): void => {
    if (deps.dataDir === null) return;
    const { first, end, time } = player.status();
    saveReplayPosition(deps.dataDir, { symbol, first, end, time });
  };
  // A resumed replay starts later than the file: what came before is history already.
  const series = chart?.series(symbol);
  if (series) {
    const now = deps.now();
    for (let i = 0; i < data.candles.length && (data.candles.minute[i]! + 1) * 60_000 <= now; i++) {
      series.put(candleAt(data.candles, i));
    }
  }
  if (deps.autoplay) player.control({ action: 'play' });
  return {
    status: () => player.status(),
    control: (action) => {
      const result = player.control(action);
      if (action.action === 'pause' || action.action === 'step' || action.action === 'jump') save();
      return result;
    },
    stop: () => {
      player.stop();
      save();
    },
  };
}
