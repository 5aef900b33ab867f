/**
 * A trailing stop's distance as the user types it, read the same way by the
 * order ticket and the Working blotter's trail editor: whole ticks, or a
 * plain decimal percent, within the contract's limits, each refusal saying
 * what to type. The contract's schema has the last word, as main checks the
 * distance again.
 */
import { MAX_TRAIL_PERCENT, MAX_TRAIL_TICKS, TrailDistance } from '../../../../shared/ipc';
import { readDecimal, separatorError } from '../ticket/decimalInput';

/** The unit a distance is typed in. */
export type TrailUnit = TrailDistance['kind'];

/** A typed distance: the value to send, or the message saying what is wrong. */
export type TrailReading = { ok: true; distance: TrailDistance } | { ok: false; error: string };

/**
 * The error to show while the user is still typing: text that cannot be read
 * (not digits for ticks, an ambiguous separator for percent). An empty field
 * or an out-of-range value waits for a send attempt.
 */
export function trailTypingError(text: string, unit: TrailUnit): string | null {
  if (unit === 'percent') return separatorError(text);
  const t = text.trim();
  return t !== '' && !/^\d+$/.test(t) ? 'Trail distance is a whole number of ticks' : null;
}

/** Why a typed distance cannot be sent, or null when it can. */
function problemOf(text: string, unit: TrailUnit): string | null {
  if (unit === 'ticks') {
    const t = text.trim();
    if (t === '') return 'Enter a trail distance in ticks';
    const unreadable = trailTypingError(t, unit);
    if (unreadable) return unreadable;
    const n = Number(t);
    if (n < 1) return 'Trail distance must be at least 1 tick';
    if (n > MAX_TRAIL_TICKS)
      return `Trail distance is at most ${MAX_TRAIL_TICKS.toLocaleString('en-US')} ticks`;
    return null;
  }
  const r = readDecimal(text);
  if (!r.ok) {
    if (r.problem === 'empty') return 'Enter a trail distance in percent';
    if (r.problem === 'separator') return r.message;
    if (r.problem === 'negative') return 'Trail distance must be above 0%';
    return 'Trail distance is not a number';
  }
  if (!(r.value > 0)) return 'Trail distance must be above 0%';
  if (r.value > MAX_TRAIL_PERCENT) return `Trail distance is at most ${MAX_TRAIL_PERCENT}%`;
  return null;
}

/** Reads a distance typed in `unit`. */
export function readTrailDistance(text: string, unit: TrailUnit): TrailReading {
  const problem = problemOf(text, unit);
  if (problem) return { ok: false, error: problem };
  const value = Number(text.trim());
  const parsed = TrailDistance.safeParse(
    unit === 'ticks' ? { kind: 'ticks', ticks: value } : { kind: 'percent', percent: value },
  );
  return parsed.success
    ? { ok: true, distance: parsed.data }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid trail distance' };
}
