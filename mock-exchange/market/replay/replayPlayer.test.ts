import { describe, expect, it } from 'vitest';
import { allocateColumns } from '../../chart/minuteSeries';
import { ReplayPlayer, type ReplayTarget } from './replayPlayer';
import { FakeWall } from './testing/fakeWall';

const T0 = Date.UTC(2024, 0, 2);
const MINUTE = 60_000;

/** Candles at the given minutes after T0 (prices do not matter to the clock). */
function candlesAt(minutes: number[]) {
  const cols = allocateColumns(minutes.length);
  cols.length = minutes.length;
  minutes.forEach((m, i) => (cols.minute[i] = T0 / MINUTE + m));
  return cols;
}

function target(): ReplayTarget & { jumps: number[] } {
  let time = T0;
  const jumps: number[] = [];
  return {
    jumps,
    now: () => time,
    advance: (ms) => (time += ms),
    jump: (to) => {
      jumps.push(to);
      time = to;
    },
  };
}

describe('ReplayPlayer', () => {
  it('moves replay time by the wall time passed times the speed, and stops when paused', () => {
    const wall = new FakeWall();
    const t = target();
    const player = new ReplayPlayer(t, wall, {
      symbol: 'EURUSD',
      candles: candlesAt([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
      speed: 60,
      autoplay: true,
    });
    wall.pass(2_000);
    expect(t.now()).toBe(T0 + 2 * MINUTE);
    player.control({ action: 'speed', speed: 120 });
    wall.pass(1_000);
    expect(t.now()).toBe(T0 + 4 * MINUTE);
    player.control({ action: 'pause' });
    wall.pass(5_000);
    expect(t.now()).toBe(T0 + 4 * MINUTE);
    expect(wall.active).toBe(0);
  });

  it('stops at the end of the last candle and reports it ended', () => {
    const wall = new FakeWall();
    const t = target();
    const player = new ReplayPlayer(t, wall, {
      symbol: 'EURUSD',
      candles: candlesAt([0, 1, 2]),
      speed: 500,
      autoplay: true,
    });
    wall.pass(10_000);
    expect(t.now()).toBe(T0 + 3 * MINUTE);
    expect(player.status()).toMatchObject({ ended: true, playing: false });
    expect(player.control({ action: 'play' }).ok && player.status().playing).toBe(false);
  });

  it('steps to the end of the forming candle, or of the next one after a gap', () => {
    const t = target();
    const player = new ReplayPlayer(t, null, {
      symbol: 'EURUSD',
      candles: candlesAt([0, 1, 5]),
      speed: 1,
      autoplay: false,
    });
    t.advance(20_000);
    player.control({ action: 'step' });
    expect(t.now()).toBe(T0 + MINUTE);
    player.control({ action: 'step' });
    expect(t.now()).toBe(T0 + 2 * MINUTE);
    player.control({ action: 'step' });
    expect(t.now()).toBe(T0 + 6 * MINUTE);
  });

  it('refuses a jump backwards and clamps a jump past the end', () => {
    const t = target();
    const player = new ReplayPlayer(t, null, {
      symbol: 'EURUSD',
      candles: candlesAt([0, 1, 2]),
      speed: 1,
      autoplay: false,
    });
    t.advance(90_000);
    expect(player.control({ action: 'jump', time: new Date(T0).toISOString() }).ok).toBe(false);
    player.control({ action: 'jump', time: '2030-01-01T00:00:00Z' });
    expect(t.jumps).toEqual([T0 + 3 * MINUTE]);
  });
});
