import { describe, expect, it } from 'vitest';
import { Heartbeat } from './heartbeat';
import type { Timers } from './types';

/** Timers driven by hand: `advance` runs what falls due. */
function manualTimers() {
  let now = 0;
  let queue: Array<{ at: number; fn: () => void }> = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const entry = { at: now + ms, fn };
      queue.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      queue = queue.filter((e) => e !== handle);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const next = queue.filter((e) => e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      queue = queue.filter((e) => e !== next);
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { timers, advance, now: () => now };
}

/** A started heartbeat (ping every 1 s, dead after 3 s of silence) on manual timers. */
function startedHeartbeat() {
  const t = manualTimers();
  const dead: string[] = [];
  const hb = new Heartbeat(
    { ping: () => {}, dead: (r) => dead.push(r), latency: () => {} },
    t.timers,
    t.now,
    1000,
    3000,
  );
  hb.start();
  return { t, dead, hb };
}

describe('Heartbeat', () => {
  it('declares a silent link dead, saying for how long', () => {
    const { t, dead } = startedHeartbeat();
    t.advance(3000);
    expect(dead).toEqual(['No heartbeat reply for 3 s']);
  });

  it('keeps a link alive while frames arrive, even when the pong waits behind them', () => {
    const { t, dead, hb } = startedHeartbeat();
    for (let i = 0; i < 20; i += 1) {
      t.advance(500);
      hb.heard();
    }
    expect(dead).toEqual([]);
    t.advance(3000);
    expect(dead).toHaveLength(1);
  });
});
