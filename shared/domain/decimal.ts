/**
 * Decimal-safe arithmetic for the stores: quantities and prices become
 * bigints of 1e-8 units (FIXED), notionals 1e-16 units; decimals only at the
 * edges, rounded to the instrument's precision.
 */

/** Decimals of the fixed-point integers the stores compute with. */
export const FIXED = 8;

/** A decimal number as a bigint of 10^-scale units (exact for any decimal with <= scale digits). */
export function toFixed(value: number, scale = FIXED): bigint {
  const text = value.toFixed(scale);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace('.', '');
  const units = BigInt(digits);
  return negative ? -units : units;
}

/** The decimal value of a bigint of 10^-scale units, rounded to `precision` decimals. */
export function fromFixed(units: bigint, scale = FIXED, precision = scale): number {
  const rounded = precision < scale ? divRound(units, 10n ** BigInt(scale - precision)) : units;
  const digits = Math.min(precision, scale);
  const negative = rounded < 0n;
  const abs = (negative ? -rounded : rounded).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  const value = Number(text);
  return negative && value !== 0 ? -value : value;
}

/** a / b rounded half away from zero. */
export function divRound(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (absA + absB / 2n) / absB;
  return negative ? -q : q;
}

/** Rounds a decimal to `precision` decimals (for sums of on-grid values). */
export function roundTo(value: number, precision: number): number {
  return fromFixed(
    toFixed(value, Math.max(precision, FIXED)),
    Math.max(precision, FIXED),
    precision,
  );
}

/** Compares two decimals, treating differences below 1e-9 of their size as equal. */
export function cmpDecimal(a: number, b: number): -1 | 0 | 1 {
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  if (Math.abs(a - b) <= scale * 1e-9) return 0;
  return a < b ? -1 : 1;
}
