/** How long tests run: `npm run soak` sets SOAK=1 for the heavy settings. */
import { appendFileSync } from 'node:fs';

/** True under `npm run soak` (SOAK=1 or SOAK=true; SOAK=0 or unset is off). */
export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';

/** `ci` normally, `soak` under SOAK=1. */
export function scale<T>(ci: T, soak: T): T {
  return SOAK ? soak : ci;
}

/**
 * Records one soak part's figures (`npm run soak` prints them on one line at
 * the end): appended as a JSON line to the file SOAK_FIGURES names; nothing
 * when it is unset (plain test runs).
 */
export function soakFigures(part: string, figures: Record<string, number>): void {
  const file = process.env.SOAK_FIGURES;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ part, ...figures })}\n`);
}
