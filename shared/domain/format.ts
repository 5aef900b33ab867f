/** Number formatting both sides use (main's notifications, the renderer's cells and exports). */

/** Adds thousands separators to a plain decimal such as formatPrice/formatQty write. */
export function groupDigits(plain: string): string {
  const negative = plain.startsWith('-');
  const [whole = '', fraction] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = negative ? '-' : '';
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/** A value with thousands separators and exactly `precision` decimals. */
export function formatGrouped(value: number, precision: number): string {
  return groupDigits(value.toFixed(precision));
}

/**
 * One unit of the last of `decimals` decimals (0.00001 for 5), exact as written:
 * `10 ** -5` is 0.000009999999999999999, which a formatter taking it for a tick
 * turns into nonsense (a chart axis printed every price as 1.99998).
 */
export function unitOfDecimals(decimals: number): number {
  return Number((10 ** -decimals).toFixed(decimals));
}

/** Decimals a number is written with (at most 8), for values of unknown precision. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  for (let d = 0; d <= 8; d += 1) {
    const scaled = value * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return d;
  }
  return 8;
}

/**
 * A price as the desk writes it everywhere (cells, dialogs, messages, reports):
 * the instrument's decimals, digits grouped; an unknown instrument's value with
 * its own decimals.
 */
export function shownPrice(value: number, inst?: { pricePrecision: number }): string {
  return formatGrouped(value, inst?.pricePrecision ?? decimalsOf(value));
}

/** A quantity as the desk writes it everywhere: see `shownPrice`. */
export function shownQty(value: number, inst?: { qtyPrecision: number }): string {
  return formatGrouped(value, inst?.qtyPrecision ?? decimalsOf(value));
}
