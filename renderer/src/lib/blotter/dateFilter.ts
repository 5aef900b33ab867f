/**
 * The date filter's "To" field names a period (a minute, as datetime-local
 * shows it), and the filter's `to` is exclusive: the end is the first instant
 * after that period, so every row within the typed minute is kept.
 */
import { fromDateTimeLocal, toDateTimeLocal } from '../format';

/** Exclusive end (epoch ms) of the minute, second or millisecond a "To" value names, or null. */
export function filterEndOf(value: string): number | null {
  const start = fromDateTimeLocal(value);
  if (start === null) return null;
  const [, seconds, millis] = /T\d{2}:\d{2}(:\d{2})?(\.\d+)?$/.exec(value) ?? [];
  const unit = millis !== undefined ? 1 : seconds !== undefined ? 1000 : 60_000;
  return start + unit;
}

/** The "To" field's value for an exclusive end: the minute holding the last instant kept. */
export function filterEndValue(to: number): string {
  return toDateTimeLocal(to - 1);
}
