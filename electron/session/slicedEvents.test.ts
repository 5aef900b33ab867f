import { describe, expect, it } from 'vitest';
import type { LinkEvents } from './link';
import { slicedEvents, type ReadFlow } from './slicedEvents';

/**
 * A session that takes 1 ms of the fake clock per frame, a flow that records
 * pauses, and `defer` as a list of turns the test runs one at a time (timers
 * of the host would run between two turns).
 */
function harness(options: { sliceMs?: number; highWater?: number } = {}) {
  let clock = 0;
  const got: string[] = [];
  const turns: Array<() => void> = [];
  const flowLog: string[] = [];
  const flow: ReadFlow & { isPaused: boolean } = {
    isPaused: false,
    get paused() {
      return this.isPaused;
    },
    pause() {
      this.isPaused = true;
      flowLog.push('pause');
    },
    resume() {
      this.isPaused = false;
      flowLog.push('resume');
    },
  };
  const session: LinkEvents = {
    open: () => got.push('open'),
    message: (text) => {
      clock += 1;
      got.push(text);
    },
    pong: () => got.push('pong'),
    error: (message) => got.push(`error ${message}`),
    close: (code) => got.push(`close ${code}`),
  };
  const sliced = slicedEvents(session, flow, {
    sliceMs: options.sliceMs ?? 8,
    highWater: options.highWater ?? 1000,
    now: () => clock,
    defer: (run) => turns.push(run),
  });
  return {
    sliced,
    got,
    flow,
    flowLog,
    /** Runs the next deferred turn; false when none is waiting. */
    turn(): boolean {
      const next = turns.shift();
      next?.();
      return next !== undefined;
    },
    get turnsWaiting() {
      return turns.length;
    },
  };
}

describe('slicedEvents', () => {
  it('hands nothing over synchronously: events wait for a later turn, in arrival order', () => {
    const h = harness();
    h.sliced.events.open();
    h.sliced.events.message('a');
    h.sliced.events.pong();
    h.sliced.events.message('b');
    expect(h.got).toEqual([]);
    expect(h.turnsWaiting).toBe(1);
    h.turn();
    expect(h.got).toEqual(['open', 'a', 'pong', 'b']);
    expect(h.sliced.waiting).toBe(0);
  });

  it('yields after a slice of work, so timers run between slices of a flood', () => {
    const h = harness({ sliceMs: 8 });
    for (let i = 0; i < 100; i += 1) h.sliced.events.message(`f${i}`);
    h.turn();
    // 8 ms of 1 ms frames (the clock is looked at every 8 events): one slice, not the flood.
    expect(h.got.length).toBe(8);
    expect(h.turnsWaiting).toBe(1);
    let turns = 1;
    while (h.turn()) turns += 1;
    expect(turns).toBe(13);
    expect(h.got).toEqual(Array.from({ length: 100 }, (_, i) => `f${i}`));
  });

  it('delivers close after every frame that came before it', () => {
    const h = harness({ sliceMs: 2 });
    for (let i = 0; i < 20; i += 1) h.sliced.events.message(`f${i}`);
    h.sliced.events.error('reset', null);
    h.sliced.events.close(1006, '');
    while (h.turn());
    expect(h.got.slice(-3)).toEqual(['f19', 'error reset', 'close 1006']);
    expect(h.got.length).toBe(22);
  });

  it('stops reading at the high-water mark and reads again once half of it is done', () => {
    const h = harness({ sliceMs: 10, highWater: 30 });
    for (let i = 0; i < 29; i += 1) h.sliced.events.message(`f${i}`);
    expect(h.flowLog).toEqual([]);
    h.sliced.events.message('f29');
    expect(h.flowLog).toEqual(['pause']);
    // Frames the socket had already read still arrive while paused, and are kept.
    h.sliced.events.message('f30');
    h.turn();
    // 16 delivered (two clock checks), 15 waiting: not yet below half of 30.
    expect(h.sliced.waiting).toBe(15);
    expect(h.flowLog).toEqual(['pause']);
    h.turn();
    expect(h.sliced.waiting).toBe(0);
    expect(h.flowLog).toEqual(['pause', 'resume']);
    expect(h.got.length).toBe(31);
  });

  it('dropFrames forgets waiting frames and pongs but keeps open, error and close', () => {
    const h = harness({ highWater: 4 });
    h.sliced.events.open();
    for (let i = 0; i < 5; i += 1) h.sliced.events.message(`f${i}`);
    h.sliced.events.pong();
    expect(h.flow.paused).toBe(true);
    h.sliced.dropFrames();
    expect(h.flow.paused).toBe(false);
    h.sliced.events.close(1000, 'bye');
    while (h.turn());
    expect(h.got).toEqual(['open', 'close 1000']);
  });

  it('a handler that throws does not strand the frames after it', () => {
    let clock = 0;
    const got: string[] = [];
    const turns: Array<() => void> = [];
    const sliced = slicedEvents(
      {
        open: () => undefined,
        message: (text) => {
          if (text === 'bad') throw new Error('boom');
          got.push(text);
        },
        pong: () => undefined,
        error: () => undefined,
        close: () => undefined,
      },
      { paused: false, pause: () => undefined, resume: () => undefined },
      { sliceMs: 8, highWater: 100, now: () => clock++, defer: (run) => turns.push(run) },
    );
    sliced.events.message('a');
    sliced.events.message('bad');
    sliced.events.message('c');
    expect(() => turns.shift()?.()).toThrow('boom');
    while (turns.length > 0) turns.shift()?.();
    expect(got).toEqual(['a', 'c']);
  });

  it('keeps order through a flood that never lets the queue empty', () => {
    const h = harness({ sliceMs: 8, highWater: 1_000_000 });
    let pushed = 0;
    const push = (count: number): void => {
      for (let i = 0; i < count; i += 1) h.sliced.events.message(`f${pushed++}`);
    };
    push(3000);
    // Each turn delivers 8 and 10 more arrive: the queue grows and is never empty.
    for (let turn = 0; turn < 2000; turn += 1) {
      h.turn();
      push(10);
    }
    expect(h.sliced.waiting).toBe(pushed - h.got.length);
    while (h.turn());
    expect(h.got.length).toBe(pushed);
    expect(h.got.every((text, i) => text === `f${i}`)).toBe(true);
  });
});
