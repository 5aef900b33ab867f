import { describe, expect, it } from 'vitest';
import { csvField, fillsCsv, tripsCsv } from './csv';
import { excursion, excursionInterval } from './excursion';
import { presetRange } from './range';
import { reviewReportHtml } from './report';
import { computeReview, reviewResult, type ReviewSpec } from './review';
import { HAND_FILLS, HAND_MARKS, HAND_NOW } from './testing/handFills';

const spec: ReviewSpec = {
  method: 'FIFO',
  currency: 'USD',
  startingBalance: 100_000,
  range: { from: null, to: null },
  marks: HAND_MARKS,
  journal: new Map([['106:6>107:7', { note: 'faded the <spike>, "calm"', tags: ['fade'] }]]),
};

describe('range presets', () => {
  it('start today at 00:00 UTC, the week on Monday and the month on the 1st', () => {
    // HAND_NOW is Friday 2026-03-06 14:00 UTC.
    expect(presetRange('today', HAND_NOW).from).toBe(Date.parse('2026-03-06T00:00:00Z'));
    expect(presetRange('week', HAND_NOW).from).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(presetRange('month', HAND_NOW).from).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(presetRange('all', HAND_NOW)).toEqual({ from: null, to: null });
    expect(presetRange('week', Date.parse('2026-03-08T23:00:00Z')).from).toBe(
      Date.parse('2026-03-02T00:00:00Z'),
    );
  });
});

describe('excursions', () => {
  const trip = { long: true, entryPrice: 1.1, qty: 10_000, entryTime: 90_000, exitTime: 250_000 };
  const bar = (time: number, low: number, high: number) => ({
    time,
    open: low,
    high,
    low,
    close: high,
    volume: 1,
  });

  it('are the worst and best open P&L over the candles the trip spans', () => {
    // Minutes 60 s, 120 s, 180 s, 240 s cover 90 s to 250 s; 300 s is after the exit.
    const bars = [
      bar(0, 1.0, 1.2),
      bar(60_000, 1.098, 1.101),
      bar(120_000, 1.097, 1.104),
      bar(240_000, 1.099, 1.103),
      bar(300_000, 1, 2),
    ];
    const long = excursion(trip, bars);
    expect(long?.mae).toBeCloseTo(-30, 8); // 10,000 x (1.097 - 1.1)
    expect(long?.mfe).toBeCloseTo(40, 8); // 10,000 x (1.104 - 1.1)
    const short = excursion({ ...trip, long: false }, bars);
    expect(short?.mae).toBeCloseTo(-40, 8);
    expect(short?.mfe).toBeCloseTo(30, 8);
  });

  it('read the finest candles whose page covers the trip', () => {
    expect(excursionInterval(60 * 60_000).interval).toBe('1m');
    expect(excursionInterval(2 * 86_400_000).interval).toBe('5m');
    expect(excursionInterval(400 * 86_400_000).interval).toBe('1day');
  });

  it('are unknown without a candle in the trip', () => {
    expect(excursion(trip, [bar(600_000, 1, 2)])).toBeNull();
  });
});

describe('exports', () => {
  const computed = computeReview([HAND_FILLS], spec);

  it('write round trips as CSV with the journal and inert formulas', () => {
    const csv = tripsCsv(computed.trips, 'USD').split('\r\n');
    expect(csv[0]).toBe(
      'id,login,symbol,direction,entryTime,exitTime,entryPrice,exitPrice,qty,pnl,currency,pnlAccount,accountCurrency,durationSeconds,orderIds,note,tags',
    );
    expect(csv[5]).toBe(
      '106:6>107:7,demo,USDJPY,SHORT,2026-03-04T08:00:00.000Z,2026-03-04T09:00:00.000Z,150,149.25,20000,15000,JPY,100,USD,3600,106 107,"faded the <spike>, ""calm""",fade',
    );
    expect(csv).toHaveLength(7 + 2);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('write fills as CSV page by page', () => {
    const csv = fillsCsv([HAND_FILLS.slice(0, 1), HAND_FILLS.slice(1, 2)]).split('\r\n');
    expect(csv.slice(1, 3)).toEqual([
      '101:1,101,c1,demo,EURUSD,BUY,1.1,10000,2026-03-02T09:00:00.000Z,1',
      '102:2,102,c2,demo,EURUSD,BUY,1.102,10000,2026-03-02T09:30:00.000Z,2',
    ]);
  });

  it('make one HTML report that asks for nothing from outside and escapes the journal', () => {
    const html = reviewReportHtml(
      reviewResult(computed, spec, 100_175.83, 10),
      computed.trips,
      'Review',
    );
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('faded the &lt;spike&gt;, &quot;calm&quot;');
    expect(html).toContain('<th>Net profit</th><td>142.50</td>');
    expect(html).toContain('<th>Profit factor</th><td>3.04</td>');
    expect(html).toContain('aria-label="2026-03"');
    expect(html.match(/<svg/g)?.length).toBe(5);
  });

  it('print the trips’ prices and quantities with the instrument’s decimals', () => {
    const html = reviewReportHtml(
      reviewResult(computed, spec, 100_175.83, 10),
      computed.trips,
      'R',
      (symbol) => (symbol === 'EURUSD' ? { pricePrecision: 5, qtyPrecision: 0 } : undefined),
    );
    const rows = html.split('\n').filter((line) => line.startsWith('<tr><td>EURUSD</td>'));
    // The hand fills' first EURUSD trip: 10,000 bought at 1.1 (on a five-decimal pair).
    const row = rows.find((line) => line.includes('<td>1.10000</td>'));
    expect(row).toContain('<td>1.10000</td>');
    expect(row).toContain('<td>10,000</td>');
    expect(row).toMatch(/<td>-?\d+\.\d\d USD<\/td>/);
  });
});
