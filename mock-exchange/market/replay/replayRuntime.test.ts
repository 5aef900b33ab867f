/** The replay runtime's saved position: saved every few wall seconds while playing, resumed playing or paused as it was. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../../shared/domain';
import { tempDir } from '../../testing/files';
import { parseCandleCsv } from './csvImport';
import { REPLAY_DIR } from './importStore';
import { prepareReplay, type ReplayData } from './replayData';
import type { ReplayMarket } from './replayMarket';
import { holdReplayPosition, loadReplayPosition } from './replayPosition';
import { REPLAY_SAVE_EVERY_MS, replayStartTime, startReplay } from './replayRuntime';
import { plainCsv, seededCandles } from './testing/candleCsv';
import { FakeWall } from './testing/fakeWall';

const T0 = Date.UTC(2024, 0, 2);
const MINUTE = 60_000;
/** Replay time one 100 ms play beat moves at 60x. */
const BEAT_AT_60X = 6_000;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function data(): ReplayData {
  const parsed = parseCandleCsv('EURUSD.csv', plainCsv(seededCandles(T0, 600)));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const prepared = prepareReplay(parsed.value, DEFAULT_INSTRUMENTS);
  if (typeof prepared === 'string') throw new Error(prepared);
  return prepared;
}

/** A runtime on a fake exchange clock paced by fake wall timers, saving into `dataDir`. */
function runtime(dataDir: string, options: { speed?: number; log?: (line: string) => void } = {}) {
  const replayData = data();
  let time = replayStartTime(replayData, dataDir);
  const wall = new FakeWall();
  // The market only matters to jumps, which these tests do not make.
  const market = { skipTo: () => ({ from: 0, to: 0 }) } as unknown as ReplayMarket;
  const run = startReplay({
    data: replayData,
    market,
    driver: { advance: (ms) => (time += ms), jumpTo: (to) => (time = to) },
    now: () => time,
    chart: null,
    speed: options.speed ?? 60,
    autoplay: true,
    dataDir,
    wall,
    ...(options.log ? { log: options.log } : {}),
  });
  cleanups.push(() => run.stop());
  return { run, wall, now: () => time };
}

function folder(): string {
  const { dir, remove } = tempDir('replay-runtime-');
  cleanups.push(remove);
  return dir;
}

describe('replay runtime: the saved position', () => {
  it('saves the position every few wall seconds while playing, not before', () => {
    const dir = folder();
    const { wall } = runtime(dir, { speed: 60 });
    wall.pass(REPLAY_SAVE_EVERY_MS - 100);
    expect(loadReplayPosition(dir)).toBeNull();
    wall.pass(100);
    // 2 wall seconds at 60x: about two minutes of replay (the save may come just before
    // the play beat of the same instant), saved as playing.
    const saved = loadReplayPosition(dir);
    expect(saved).toMatchObject({ playing: true, speed: 60 });
    expect(Date.parse(saved!.time)).toBeGreaterThanOrEqual(T0 + 2 * MINUTE - BEAT_AT_60X);
    expect(Date.parse(saved!.time)).toBeLessThanOrEqual(T0 + 2 * MINUTE);
    wall.pass(3 * REPLAY_SAVE_EVERY_MS);
    expect(Date.parse(loadReplayPosition(dir)!.time)).toBeGreaterThanOrEqual(
      T0 + 8 * MINUTE - BEAT_AT_60X,
    );
  });

  it('writes nothing while paused, and a crash while playing loses at most the save interval', () => {
    const dir = folder();
    const { run, wall, now } = runtime(dir, { speed: 30 });
    wall.pass(10_000);
    run.control({ action: 'pause' });
    const file = path.join(dir, REPLAY_DIR, 'position.json');
    const pausedWrite = fs.statSync(file).mtimeMs;
    fs.rmSync(file);
    wall.pass(10 * REPLAY_SAVE_EVERY_MS);
    expect(fs.existsSync(file)).toBe(false);
    expect(pausedWrite).toBeGreaterThan(0);
    run.control({ action: 'play' });
    wall.pass(REPLAY_SAVE_EVERY_MS * 3 + 1_500);
    // No stop(): the process "crashed" here. What was kept is behind by under one interval.
    const kept = Date.parse(loadReplayPosition(dir)!.time);
    expect(now() - kept).toBeGreaterThan(0);
    expect(now() - kept).toBeLessThanOrEqual(REPLAY_SAVE_EVERY_MS * 30);
  });

  it('a restart after a crash plays on; after a pause, or once held for reopening, it waits paused', () => {
    const dir = folder();
    const first = runtime(dir, { speed: 60 });
    first.wall.pass(5 * REPLAY_SAVE_EVERY_MS);
    const reached = first.now();
    first.run.stop();
    expect(loadReplayPosition(dir)).toMatchObject({ playing: true });

    const second = runtime(dir, { speed: 60 });
    expect(second.now()).toBe(Math.floor(reached / MINUTE) * MINUTE);
    expect(second.run.status().playing).toBe(true);
    second.run.control({ action: 'pause' });
    second.run.stop();

    const third = runtime(dir, { speed: 60 });
    expect(third.run.status().playing).toBe(false);
    third.run.control({ action: 'play' });
    third.wall.pass(REPLAY_SAVE_EVERY_MS);
    third.run.stop();
    expect(loadReplayPosition(dir)?.playing).toBe(true);

    expect(holdReplayPosition(dir)).toMatchObject({ playing: false });
    const fourth = runtime(dir, { speed: 60 });
    expect(fourth.run.status()).toMatchObject({ playing: false });
    expect(fourth.now()).toBe(Math.floor(third.now() / MINUTE) * MINUTE);
  });

  it('a failed periodic save is logged and does not stop the replay', () => {
    const dir = folder();
    const lines: string[] = [];
    const { run, wall } = runtime(dir, { speed: 60, log: (line) => lines.push(line) });
    // A file where the replay folder should be: every save fails.
    fs.writeFileSync(path.join(dir, REPLAY_DIR), 'in the way');
    wall.pass(2 * REPLAY_SAVE_EVERY_MS);
    expect(lines[0]).toMatch(/^replay: position not saved: /);
    expect(run.status().playing).toBe(true);
    fs.rmSync(path.join(dir, REPLAY_DIR));
    const before = run.status().time;
    wall.pass(REPLAY_SAVE_EVERY_MS);
    expect(Date.parse(loadReplayPosition(dir)!.time)).toBeGreaterThan(Date.parse(before));
  });
});
