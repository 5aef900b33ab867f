/** CSV of round trips and fills (RFC 4180; text that a spreadsheet would run as a formula is quoted with '). */
import type { FillRow, RoundTrip } from '../../shared/ipc';

/** One CSV field: quoted when needed; a leading = + - @ made inert. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (fields: (string | number | null)[]): string => fields.map(csvField).join(',');
const iso = (time: number): string => new Date(time).toISOString();

/** The round trips' CSV header line. */
export const TRIP_CSV_HEADER = line([
  'id',
  'login',
  'symbol',
  'direction',
  'entryTime',
  'exitTime',
  'entryPrice',
  'exitPrice',
  'qty',
  'pnl',
  'currency',
  'pnlAccount',
  'accountCurrency',
  'durationSeconds',
  'orderIds',
  'note',
  'tags',
]);

/** Round trips as CSV lines (each ending in CRLF), header first. */
export function tripsCsv(trips: Iterable<RoundTrip>, accountCurrency: string): string {
  const out = [TRIP_CSV_HEADER];
  for (const t of trips)
    out.push(
      line([
        t.id,
        t.login,
        t.symbol,
        t.direction,
        iso(t.entryTime),
        iso(t.exitTime),
        t.entryPrice,
        t.exitPrice,
        t.qty,
        t.pnl,
        t.currency,
        t.pnlAccount,
        accountCurrency,
        t.durationMs / 1000,
        t.orderIds.join(' '),
        t.note,
        t.tags.join(' '),
      ]),
    );
  return `${out.join('\r\n')}\r\n`;
}

/** The fills' CSV header line. */
export const FILL_CSV_HEADER = line([
  'fillId',
  'orderId',
  'clientOrderId',
  'login',
  'symbol',
  'side',
  'price',
  'qty',
  'time',
  'tradeId',
]);

/** Fills as CSV lines, header first (pages appended one by one). */
export function fillsCsv(pages: Iterable<readonly FillRow[]>): string {
  const out = [FILL_CSV_HEADER];
  for (const page of pages)
    for (const f of page)
      out.push(
        line([
          f.fillId,
          f.orderId,
          f.clientOrderId,
          f.login,
          f.symbol,
          f.side,
          f.price,
          f.qty,
          iso(f.time),
          f.tradeId,
        ]),
      );
  return `${out.join('\r\n')}\r\n`;
}
