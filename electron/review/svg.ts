/** Plain SVG charts for the self-contained report: a line, bars, a month calendar. No scripts, no links. */
import type { ReviewBucket } from '../../shared/ipc';

const esc = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const GAIN = '#2e9d5b';
const LOSS = '#d0453a';

/** A line chart of values in order (evenly spaced: many trips may close in one second). */
export function lineSvg(values: readonly number[], width = 720, height = 200): string {
  if (values.length === 0)
    return `<svg width="${width}" height="${height}" role="img" aria-label="no data"></svg>`;
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (i: number): number =>
    values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 20) + 10;
  const y = (v: number): number =>
    v1 === v0 ? height / 2 : height - 10 - ((v - v0) / (v1 - v0)) * (height - 20);
  const path = values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
    .join(' ');
  return (
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="balance curve">` +
    `<path d="${path}" fill="none" stroke="#3b7dd8" stroke-width="1.5"/>` +
    `<text x="4" y="12" font-size="10">${v1.toFixed(2)}</text><text x="4" y="${height - 2}" font-size="10">${v0.toFixed(2)}</text></svg>`
  );
}

/** Horizontal bars of P&L per bucket, green above zero and red below. */
export function barsSvg(buckets: readonly ReviewBucket[], label: string, width = 360): string {
  const row = 18;
  const height = Math.max(row, buckets.length * row);
  const max = Math.max(1e-9, ...buckets.map((b) => Math.abs(b.pnl)));
  const mid = 110 + (width - 170) / 2;
  const half = (width - 170) / 2;
  const bars = buckets
    .map((b, i) => {
      const w = (Math.abs(b.pnl) / max) * half;
      const x = b.pnl >= 0 ? mid : mid - w;
      return (
        `<text x="0" y="${i * row + 13}" font-size="11">${esc(b.key)}</text>` +
        `<rect x="${x.toFixed(1)}" y="${i * row + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="${b.pnl >= 0 ? GAIN : LOSS}"/>` +
        `<text x="${width - 56}" y="${i * row + 13}" font-size="11">${b.pnl.toFixed(2)}</text>`
      );
    })
    .join('');
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">${bars}</svg>`;
}

/** Month grids (Monday first) of daily P&L, each day coloured by its result. */
export function calendarSvg(daily: readonly ReviewBucket[]): string {
  const byDay = new Map(daily.map((d) => [d.key, d]));
  const months = [...new Set(daily.map((d) => d.key.slice(0, 7)))].sort();
  const cell = 30;
  return months
    .map((month) => {
      const [year, mon] = month.split('-').map(Number) as [number, number];
      const first = Date.UTC(year, mon - 1, 1);
      const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
      const lead = (new Date(first).getUTCDay() + 6) % 7;
      const cells: string[] = [];
      for (let d = 1; d <= days; d += 1) {
        const key = `${month}-${String(d).padStart(2, '0')}`;
        const slot = lead + d - 1;
        const x = (slot % 7) * cell;
        const y = 16 + Math.floor(slot / 7) * cell;
        const bucket = byDay.get(key);
        const fill = !bucket ? '#eee' : bucket.pnl > 0 ? GAIN : bucket.pnl < 0 ? LOSS : '#bbb';
        const title = bucket ? `${key}: ${bucket.pnl.toFixed(2)} (${bucket.trips} trips)` : key;
        cells.push(
          `<g><title>${esc(title)}</title><rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"/>` +
            `<text x="${x + 3}" y="${y + 11}" font-size="9">${d}</text></g>`,
        );
      }
      const height = 16 + Math.ceil((lead + days) / 7) * cell;
      return `<svg width="${7 * cell}" height="${height}" role="img" aria-label="${month}"><text x="0" y="11" font-size="11">${month}</text>${cells.join('')}</svg>`;
    })
    .join(' ');
}

export { esc as escapeHtml };
