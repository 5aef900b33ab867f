/**
 * Display and export formatting: prices and quantities in the instrument's
 * precision, times in local time with milliseconds.
 */
import type { InstrumentInfo } from '../../../shared/ipc';
import { decimalsOf, type Instrument, type Precision } from '../../../shared/domain';

// Prices and quantities are formatted by shared/domain (formatPrice, formatQty); this
// file only adds what the screen needs on top: digit grouping, local times.

/** Precisions a formatter needs (shared/domain's); unknown symbols fall back to the value's own decimals. */
export type { Precision };

/** Looks up an instrument's precision by symbol. */
export type PrecisionLookup = (symbol: string) => Precision | undefined;

export { formatGrouped, groupDigits } from '../../../shared/domain';

/** The instrument's precision, or the value's own decimals (capped at 8) when it is unknown. */
export function precisionOr(found: Precision | undefined, value: number): Precision {
  if (found) return found;
  const own = decimalsOf(value);
  return { pricePrecision: own, qtyPrecision: own };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local date and time with milliseconds, e.g. "2024-05-01 14:03:22.123". */
export function formatLocalDateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** Local time of day with milliseconds, e.g. "14:03:22.123". */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Value of a datetime-local input for an epoch ms (local time, minutes). */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch ms of a datetime-local input's value (read as local time), or null. */
export function fromDateTimeLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** The full trading rules of an instrument as the IPC contract sends them. */
export function toInstrument(info: InstrumentInfo): Instrument {
  return { ...info, maxQty: info.maxQty ?? Number.MAX_SAFE_INTEGER };
}
