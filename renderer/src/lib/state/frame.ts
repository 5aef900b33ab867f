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
