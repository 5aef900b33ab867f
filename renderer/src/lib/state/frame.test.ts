import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameQueue, nextFrame } from './frame';
import { RowStore } from './row-store.svelte';

/** A fake requestAnimationFrame: callbacks wait until `frame()` runs them, one at a time. */
function fakeFrames() {
  const waiting: FrameRequestCallback[] = [];
  let microtaskRuns = 0;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    waiting.push(callback);
    return waiting.length;
  });
  return {
    /** Animation-frame callbacks requested so far and not yet run. */
    get requested() {
      return waiting.length;
    },
    /** Runs the callbacks of one frame as a browser does, microtasks after each. */
    async frame() {
      for (const callback of waiting.splice(0)) {
        callback(0);
        await Promise.resolve();
        microtaskRuns += 1;
      }
    },
    get checkpoints() {
      return microtaskRuns;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('nextFrame', () => {
  it('runs everything queued before a frame in one animation-frame callback', async () => {
    const frames = fakeFrames();
    const ran: string[] = [];
    nextFrame(() => ran.push('orders'));
    nextFrame(() => ran.push('fills'));
    nextFrame(() => ran.push('positions'));
    // One callback: the page is patched once for all three stores, not once per store.
    expect(frames.requested).toBe(1);
    await frames.frame();
    expect(ran).toEqual(['orders', 'fills', 'positions']);
    expect(frames.checkpoints).toBe(1);
  });

  it('leaves work queued during a frame to the next frame', async () => {
    const frames = fakeFrames();
    const ran: string[] = [];
    nextFrame(() => {
      ran.push('first');
      nextFrame(() => ran.push('again'));
    });
    await frames.frame();
    expect(ran).toEqual(['first']);
    expect(frames.requested).toBe(1);
    await frames.frame();
    expect(ran).toEqual(['first', 'again']);
  });

  it('still runs the other callbacks when one throws, and reports the error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const frames = fakeFrames();
      const ran: string[] = [];
      nextFrame(() => {
        throw new Error('broken store');
      });
      nextFrame(() => ran.push('fills'));
      await frames.frame();
      expect(ran).toEqual(['fills']);
      expect(() => vi.runAllTimers()).toThrow('broken store');
    } finally {
      vi.useRealTimers();
    }
  });

  it('publishes every store changed by one batch in the same frame', async () => {
    const frames = fakeFrames();
    const orders = new RowStore((row: { id: number }) => row.id);
    const fills = new RowStore((row: { id: string }) => row.id);
    orders.upsert([{ id: 1 }]);
    fills.upsert([{ id: 'a' }]);
    expect(frames.requested).toBe(1);
    expect(orders.rows).toEqual([]);
    await frames.frame();
    expect(orders.rows).toEqual([{ id: 1 }]);
    expect(fills.rows).toEqual([{ id: 'a' }]);
  });
});

/** A FrameQueue whose frames the test runs (`frame`), and what it handed over. */
function queued<T>() {
  const frame: Array<() => void> = [];
  const flushed: T[][] = [];
  const queue = new FrameQueue<T>(
    (items) => flushed.push(items),
    (run) => frame.push(run),
  );
  return { queue, flushed, frame };
}

describe('FrameQueue', () => {
  it('hands over what several batches pushed, together, in the next frame', () => {
    const { queue, flushed, frame } = queued<number>();
    queue.push([1, 2]);
    queue.push([3]);
    queue.push([]);
    expect(frame).toHaveLength(1);
    expect(flushed).toEqual([]);
    for (const run of frame.splice(0)) run();
    expect(flushed).toEqual([[1, 2, 3]]);
    queue.push([4]);
    for (const run of frame.splice(0)) run();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('drops what was cleared; a frame with nothing left hands over nothing', () => {
    const { queue, flushed, frame } = queued<string>();
    queue.push(['old profile']);
    queue.clear();
    for (const run of frame.splice(0)) run();
    expect(flushed).toEqual([]);
    queue.push(['new profile']);
    for (const run of frame.splice(0)) run();
    expect(flushed).toEqual([['new profile']]);
  });
});
