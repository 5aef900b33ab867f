/**
 * A link's events handed to the session a slice at a time.
 *
 * Node delivers a socket's data as fast as it can read it: at thousands of
 * executions a second one turn of the event loop could parse 6,000 frames
 * (936 ms of session, store and position work) before any timer ran, so the
 * core's 16 ms event batch waited, then carried thousands of rows the page
 * had to take in one go, and a click on Cancel waited behind them (the
 * host's event loop was late by 1.3 s at the 95th percentile under the app
 * bench's stream).
 *
 * Here every event of the link goes into one queue, kept in arrival order,
 * and is delivered from `defer`red turns of at most `sliceMs` each: between
 * two turns timers run (the batch is persisted and published) and commands
 * are answered. The queue is bounded: at `highWater` frames waiting the
 * socket stops reading (`flow.pause()`, TCP tells the exchange to slow
 * down), and reads again once half of them are done. `dropFrames()` forgets
 * the frames and pongs still waiting (the session gave up on the link);
 * open, error and close are always delivered, and close comes last.
 */
import type { LinkEvents } from './link';

/** The socket's reading, as the queue steers it. */
export interface ReadFlow {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
}

/** How the queue is drained. */
export interface SliceOptions {
  /** Most time one turn spends delivering events before it yields. */
  sliceMs: number;
  /** Frames waiting at which reading pauses (it resumes below half of it). */
  highWater: number;
  /** A clock in milliseconds (performance.now). */
  now: () => number;
  /** Runs a function in a later turn of the event loop, after timers due (setImmediate). */
  defer: (run: () => void) => void;
}

/** The product's setting: half a frame's work per turn, at most 1,000 frames read ahead. */
export const DEFAULT_SLICE: SliceOptions = {
  sliceMs: 8,
  highWater: 1000,
  now: () => performance.now(),
  defer: (run) => setImmediate(run),
};

/** Delivered events dropped from the queue's front once there are this many. */
const COMPACT_AT = 1024;

/** A clock read costs little, but not nothing: it is looked at every this many events. */
const CLOCK_EVERY = 8;

interface Queued {
  /** Frames and pongs may be dropped; open, error and close may not. */
  droppable: boolean;
  deliver: () => void;
}

/** Link events that queue and are delivered in slices; `dropFrames` forgets waiting frames. */
export interface SlicedEvents {
  events: LinkEvents;
  dropFrames(): void;
  /** Events waiting. */
  readonly waiting: number;
}

/** Wraps `target` so the link's events reach it in slices (see the module's note). */
export function slicedEvents(
  target: LinkEvents,
  flow: ReadFlow,
  options: SliceOptions = DEFAULT_SLICE,
): SlicedEvents {
  let queue: Queued[] = [];
  let head = 0;
  let frames = 0;
  let scheduled = false;

  const settleFlow = (): void => {
    if (frames >= options.highWater) {
      if (!flow.paused) flow.pause();
    } else if (flow.paused && frames < options.highWater / 2) flow.resume();
  };

  const drain = (): void => {
    scheduled = false;
    const until = options.now() + options.sliceMs;
    let delivered = 0;
    try {
      while (head < queue.length) {
        const next = queue[head] as Queued;
        head += 1;
        if (next.droppable) frames -= 1;
        delivered += 1;
        next.deliver();
        if (delivered % CLOCK_EVERY === 0 && options.now() >= until) break;
      }
    } finally {
      if (head >= queue.length) {
        queue = [];
        head = 0;
      } else {
        // A flood that never lets the queue empty must not keep every delivered event.
        if (head >= COMPACT_AT) {
          queue = queue.slice(head);
          head = 0;
        }
        schedule();
      }
      settleFlow();
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    options.defer(drain);
  };

  const push = (droppable: boolean, deliver: () => void): void => {
    queue.push({ droppable, deliver });
    if (droppable) frames += 1;
    settleFlow();
    schedule();
  };

  return {
    events: {
      open: () => push(false, () => target.open()),
      message: (text) => push(true, () => target.message(text)),
      pong: () => push(true, () => target.pong()),
      error: (message, httpStatus) => push(false, () => target.error(message, httpStatus)),
      close: (code, reason) => push(false, () => target.close(code, reason)),
    },
    dropFrames: () => {
      queue = queue.slice(head).filter((q) => !q.droppable);
      head = 0;
      frames = 0;
      settleFlow();
    },
    get waiting() {
      return queue.length - head;
    },
  };
}
