import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReview, type ReviewSpec } from './review';
import { RoundTripBuilder, type TripFill } from './roundTrips';
import { HAND_FILLS, HAND_MARKS } from './testing/handFills';

const spec = (method: 'FIFO' | 'AVERAGE', extra: Partial<ReviewSpec> = {}): ReviewSpec => ({
  method,
  currency: 'USD',
  startingBalance: 100_000,
  range: { from: null, to: null },
  marks: HAND_MARKS,
  journal: new Map(),
  ...extra,
});

describe('round trips', () => {
  it('under FIFO each closed lot is a trip, with its entry and exit', () => {
    const { trips } = computeReview([HAND_FILLS], spec('FIFO'));
    expect(
      trips.map((t) => [
        t.id,
        t.symbol,
        t.direction,
        t.qty,
        t.entryPrice,
        t.exitPrice,
        t.pnl,
        t.pnlAccount,
      ]),
    ).toEqual([
      ['101:1>103:3', 'EURUSD', 'LONG', 10_000, 1.1, 1.105, 50, 50],
      ['102:2>103:3', 'EURUSD', 'LONG', 5_000, 1.102, 1.105, 15, 15],
      ['102:2>104:4', 'EURUSD', 'LONG', 5_000, 1.102, 1.098, -20, -20],
      ['104:4>105:5', 'EURUSD', 'SHORT', 5_000, 1.098, 1.096, 10, 10],
      // 15,000 JPY at USDJPY 150.
      ['106:6>107:7', 'USDJPY', 'SHORT', 20_000, 150, 149.25, 15_000, 100],
      // -40 GBP at GBPUSD 1.25 (EURGBP has no USD leg: a cross via USD).
      ['109:9>110:10', 'EURGBP', 'LONG', 4_000, 0.85, 0.84, -40, -50],
      ['109:9>111:11', 'EURGBP', 'LONG', 6_000, 0.85, 0.855, 30, 37.5],
    ]);
    const first = trips[0];
    expect(first?.durationMs).toBe(60 * 60_000);
    expect(first?.orderIds).toEqual([101, 103]);
    expect(first?.currency).toBe('USD');
  });

  it('under average cost a trip runs flat to flat and a flip starts the next', () => {
    const { trips } = computeReview([HAND_FILLS], spec('AVERAGE'));
    expect(
      trips.map((t) => [t.id, t.direction, t.qty, t.entryPrice, t.exitPrice, t.pnl, t.pnlAccount]),
    ).toEqual([
      // Average 1.101; 15,000 out at 1.105 (+60) and 5,000 at 1.098 (-15).
      ['101:1>104:4', 'LONG', 20_000, 1.101, 1.10325, 45, 45],
      ['104:4>105:5', 'SHORT', 5_000, 1.098, 1.096, 10, 10],
      ['106:6>107:7', 'SHORT', 20_000, 150, 149.25, 15_000, 100],
      // -40 + 30 GBP = -10 GBP = -12.50 USD; exits average (3,360 + 5,130) / 10,000.
      ['109:9>111:11', 'LONG', 10_000, 0.85, 0.849, -10, -12.5],
    ]);
    expect(trips[0]?.orderIds).toEqual([101, 102, 103, 104]);
  });

  it('gives the same trips whatever the page size', () => {
    const pages = HAND_FILLS.map((f) => [f]);
    expect(computeReview(pages, spec('FIFO')).trips).toEqual(
      computeReview([HAND_FILLS], spec('FIFO')).trips,
    );
  });

  it('keeps trips exiting in the range and of the filters, counting earlier entries', () => {
    const from = Date.parse('2026-03-03T00:00:00Z');
    const to = Date.parse('2026-03-05T00:00:00Z');
    const ranged = computeReview([HAND_FILLS], spec('FIFO', { range: { from, to } }));
    expect(ranged.trips.map((t) => t.id)).toEqual(['102:2>104:4', '104:4>105:5', '106:6>107:7']);
    const shorts = computeReview(
      [HAND_FILLS],
      spec('FIFO', { direction: 'SHORT', symbol: 'EURUSD' }),
    );
    expect(shorts.trips.map((t) => t.id)).toEqual(['104:4>105:5']);
    const tagged = computeReview(
      [HAND_FILLS],
      spec('FIFO', {
        tag: 'breakout',
        journal: new Map([['106:6>107:7', { note: 'n', tags: ['breakout'] }]]),
      }),
    );
    expect(tagged.trips.map((t) => [t.id, t.note, t.tags])).toEqual([
      ['106:6>107:7', 'n', ['breakout']],
    ]);
  });

  it('says "no rate" (null) for a currency it cannot convert', () => {
    const review = computeReview([HAND_FILLS], spec('FIFO', { marks: new Map() }));
    const jpy = review.trips.find((t) => t.symbol === 'USDJPY');
    expect(jpy?.pnl).toBe(15_000);
    expect(jpy?.pnlAccount).toBeNull();
    expect(review.stats.noRate).toBe(3);
  });
});

const fillArb = fc.record({
  buy: fc.boolean(),
  qty: fc.integer({ min: 1, max: 5_000 }),
  ticks: fc.integer({ min: 1, max: 200_000 }),
});

describe('round trips (properties)', () => {
  it('sum to the realized P&L once the position is flat, under both methods', () => {
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 40 }), fc.boolean(), (raw, fifo) => {
        const builder = new RoundTripBuilder(fifo ? 'FIFO' : 'AVERAGE');
        let net = 0;
        let total = 0n;
        const fills: TripFill[] = raw.map((r, i) => ({
          fillId: `f${i}`,
          orderId: i + 1,
          login: 'l',
          symbol: 'EURUSD',
          side: r.buy ? 'BUY' : 'SELL',
          qty: r.qty,
          price: r.ticks / 100_000,
          time: i,
        }));
        for (const f of fills) net += f.side === 'BUY' ? f.qty : -f.qty;
        if (net !== 0)
          fills.push({
            ...fills[0]!,
            fillId: 'flat',
            side: net > 0 ? 'SELL' : 'BUY',
            qty: Math.abs(net),
            time: fills.length,
          });
        for (const f of fills)
          for (const t of builder.add(f)) {
            total += t.pnl;
            // A trip's P&L is its exits less its entries (long), or the reverse (short).
            expect(t.pnl).toBe(
              t.long ? t.exitNotional - t.entryNotional : t.entryNotional - t.exitNotional,
            );
          }
        const state = builder.positions().values().next().value;
        expect(total).toBe(state?.realized);
        expect(state?.lots).toEqual([]);
      }),
    );
  });
});
