/**
 * One self-contained HTML report of a review: the statistics with their
 * explanations, the balance curve, the daily calendar and the groupings as
 * inline SVG, and the round trips. A CSP forbids every request; no script.
 */
import {
  STAT_EXPLANATIONS,
  STAT_LABELS,
  formatStat,
  type ReviewResult,
  type RoundTrip,
} from '../../shared/ipc';
import { shownPrice, shownQty, type Precision } from '../../shared/domain';
import { barsSvg, calendarSvg, escapeHtml as esc, lineSvg } from './svg';

/** An instrument's decimals (undefined: unknown, a value keeps its own). */
export type ReportPrecision = (symbol: string) => Precision | undefined;

const time = (t: number): string => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

function tripRow(t: RoundTrip, precisionOf: ReportPrecision): string {
  const cls = (t.pnlAccount ?? 0) >= 0 ? 'gain' : 'loss';
  const p = precisionOf(t.symbol);
  return (
    `<tr><td>${esc(t.symbol)}</td><td>${t.direction}</td><td>${time(t.entryTime)}</td><td>${time(t.exitTime)}</td>` +
    `<td>${shownPrice(t.entryPrice, p)}</td><td>${shownPrice(t.exitPrice, p)}</td><td>${shownQty(t.qty, p)}</td><td>${t.pnl.toFixed(2)} ${esc(t.currency ?? '')}</td>` +
    `<td class="${cls}">${t.pnlAccount === null ? 'no rate' : t.pnlAccount.toFixed(2)}</td>` +
    `<td>${esc(t.note)}</td><td>${esc(t.tags.join(' '))}</td></tr>`
  );
}

/** The report of a review (all its trips, oldest first), as one HTML document. */
export function reviewReportHtml(
  review: ReviewResult,
  trips: readonly RoundTrip[],
  title: string,
  precisionOf: ReportPrecision = () => undefined,
): string {
  const range = `${review.from === null ? 'the start' : time(review.from)} – ${review.to === null ? 'now' : time(review.to)}`;
  const stats = STAT_LABELS.map(
    ([key, label]) =>
      `<tr title="${esc(STAT_EXPLANATIONS[key])}"><th>${label}</th><td>${formatStat(key, review.stats[key])}</td><td class="why">${esc(STAT_EXPLANATIONS[key])}</td></tr>`,
  ).join('');
  const curve = lineSvg(review.balanceCurve.map((p) => p.balance));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>
body{font:13px system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}
.why{color:#777}.gain{color:#2e9d5b}.loss{color:#d0453a}section{margin:18px 0}h2{font-size:15px}
.row{display:flex;gap:24px;flex-wrap:wrap}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${esc(range)} · account currency ${esc(review.currency)} · ${review.method === 'FIFO' ? 'FIFO' : 'average cost'} accounting · equity now ${review.equityNow === null ? 'no rate' : review.equityNow.toFixed(2)}</p>
<section><h2>Summary</h2><table>${stats}</table></section>
<section><h2>Balance</h2>${curve}</section>
<section><h2>Daily P&amp;L</h2>${calendarSvg(review.daily)}</section>
<section class="row">
<div><h2>By instrument</h2>${barsSvg(review.bySymbol, 'P&L by instrument')}</div>
<div><h2>By side</h2>${barsSvg(review.byDirection, 'P&L by side')}</div>
<div><h2>By hour of exit (UTC)</h2>${barsSvg(review.byHour, 'P&L by hour')}</div>
</section>
<section><h2>Round trips (${trips.length})</h2><table>
<tr><th>Symbol</th><th>Side</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th><th>Qty</th><th>P&amp;L</th><th>P&amp;L ${esc(review.currency)}</th><th>Note</th><th>Tags</th></tr>
${trips.map((t) => tripRow(t, precisionOf)).join('\n')}
</table></section>
</body></html>
`;
}
