/** Shared helpers of the reliability tests: soak scaling, gc, a seeded PRNG. */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** True under `npm run soak` (SOAK=1). */
export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';

/** `ci` normally, `soak` under SOAK=1. */
export function scale(ci: number, soak: number): number {
  return SOAK ? soak : ci;
}

let gcFn: (() => void) | null = null;

/** A full garbage collection (exposes `gc` on demand). */
export function gc(): void {
  if (!gcFn) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFn = exposed;
    else {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}

/** Heap in use after a full gc, bytes. */
export function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** mulberry32: a small seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A decimal on a tick grid (`decimals` places). */
export function onGrid(value: number, tick: number, decimals: number): number {
  return Number((Math.round(value / tick) * tick).toFixed(decimals));
}

/** Resolves once `predicate` holds, checking every few ms (a condition, never a fixed sleep). */
export async function until(
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
