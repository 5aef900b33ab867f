/** How long tests run: `npm run soak` sets SOAK=1 for the heavy settings. */

/** True under `npm run soak` (SOAK=1 or SOAK=true; SOAK=0 or unset is off). */
export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';

/** `ci` normally, `soak` under SOAK=1. */
export function scale<T>(ci: T, soak: T): T {
  return SOAK ? soak : ci;
}
