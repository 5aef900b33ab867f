/** Shared helpers of the reliability tests: gc and grids (soak, PRNG and waiting come from mock-exchange/testing). */
import { waitFor } from '../testing/wait';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export { SOAK, scale, soakFigures } from '../testing/env';

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

export { seededRandom as prng } from '../testing/random';

/** A decimal on a tick grid (`decimals` places). */
export function onGrid(value: number, tick: number, decimals: number): number {
  return Number((Math.round(value / tick) * tick).toFixed(decimals));
}

/** Resolves once `predicate` holds (the shared waitFor, with this file's argument order). */
export async function until(
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  await waitFor(() => predicate() || undefined, what, timeoutMs);
}
