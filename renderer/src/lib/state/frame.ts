/**
 * Work deferred to the next animation frame, all of it in one
 * requestAnimationFrame callback.
 *
 * Why one callback: browsers run microtasks after each animation-frame
 * callback, and Svelte updates the page in a microtask. Stores that each
 * asked for their own callback (orders, working orders, fills, positions,
 * notifications) made Svelte re-derive and patch the page once per store in
 * every frame of an execution stream; queued together they update it once.
 */

/** Callbacks waiting for the next frame, in the order they were queued. */
let queued: Array<() => void> = [];
let requested = false;

function runQueued(): void {
  requested = false;
  // Callbacks queued while these run wait for the frame after (no frame runs forever).
  const due = queued;
  queued = [];
  for (const callback of due) {
    try {
      callback();
    } catch (error) {
      // One failing store must not leave the others unpublished: report it, carry on.
      setTimeout(() => {
        throw error;
      }, 0);
    }
  }
}

/** Runs a callback on the next animation frame (a timer where there is none, e.g. tests). */
export function nextFrame(callback: () => void): void {
  queued.push(callback);
  if (requested) return;
  requested = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(runQueued);
  else setTimeout(runQueued, 16);
}

/**
 * Items gathered until the next frame and handed over together in it: the
 * batches of one frame make one update of the views they feed (the event log,
 * the quotes), in the frame that publishes their rows.
 */
export class FrameQueue<T> {
  #items: T[] = [];
  #scheduled = false;
  readonly #flush: (items: T[]) => void;
  readonly #schedule: (run: () => void) => void;

  constructor(flush: (items: T[]) => void, schedule: (run: () => void) => void = nextFrame) {
    this.#flush = flush;
    this.#schedule = schedule;
  }

  /** Adds items for the next frame. */
  push(items: Iterable<T>): void {
    for (const item of items) this.#items.push(item);
    if (this.#scheduled || this.#items.length === 0) return;
    this.#scheduled = true;
    this.#schedule(() => {
      this.#scheduled = false;
      const due = this.#items;
      this.#items = [];
      if (due.length > 0) this.#flush(due);
    });
  }

  /** Drops the items still waiting (they belong to what is no longer shown). */
  clear(): void {
    this.#items = [];
  }
}
