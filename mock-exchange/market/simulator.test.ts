import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, DEFAULT_REFERENCE_PRICES } from '../../shared/domain';
import { MatchingEngine } from '../engine';
import { isInternalLogin, MARKET_MAKER_LOGIN } from './constants';
import { MarketSimulator } from './simulator';

const T0 = Date.parse('2026-01-05T09:00:00Z');

function setup(seed = 1): { engine: MatchingEngine; market: MarketSimulator } {
  const engine = new MatchingEngine({
    instruments: DEFAULT_INSTRUMENTS,
    retainFinal: (login) => !isInternalLogin(login),
  });
  const market = new MarketSimulator(engine, {
    instruments: DEFAULT_INSTRUMENTS,
    referencePrices: DEFAULT_REFERENCE_PRICES,
    seed,
  });
  market.open(T0);
  return { engine, market };
}

function run(seed: number, steps: number): Array<number | null> {
  const { engine, market } = setup(seed);
  for (let i = 1; i <= steps; i++) market.step(T0 + i * 250);
  return ['EURUSD', 'BTCUSDT'].flatMap((s) => [market.referencePrice(s), engine.lastPrice(s)]);
}

describe('market simulator', () => {
  it('keeps at least 5 levels a side, never crossed, on every step', () => {
    const { engine, market } = setup();
    for (let i = 1; i <= 400; i++) {
      market.step(T0 + i * 250);
      for (const { symbol } of DEFAULT_INSTRUMENTS) {
        const book = engine.book(symbol, 8);
        expect(book.bids.length).toBeGreaterThanOrEqual(5);
        expect(book.asks.length).toBeGreaterThanOrEqual(5);
        expect(book.bids[0]?.[0] ?? 0).toBeLessThan(book.asks[0]?.[0] ?? 0);
      }
      engine.drainExecutions();
      engine.drainTrades();
    }
  });

  it('is deterministic for a seed', () => {
    expect(run(5, 200)).toEqual(run(5, 200));
    expect(run(5, 200)).not.toEqual(run(6, 200));
  });

  it('the noise flow prints trades so the last price follows the reference', () => {
    const { engine, market } = setup();
    let trades = 0;
    for (let i = 1; i <= 400; i++) {
      market.step(T0 + i * 250);
      trades += engine.drainTrades().length;
      engine.drainExecutions();
    }
    expect(trades).toBeGreaterThan(50);
    const ref = market.referencePrice('EURUSD') ?? 0;
    const last = engine.lastPrice('EURUSD') ?? 0;
    expect(Math.abs(last - ref)).toBeLessThan(ref * 0.0005);
  });

  it('setReferencePrice re-quotes at once and prints near the new price', () => {
    const { engine, market } = setup();
    expect(market.setReferencePrice('EURUSD', 1.1, T0 + 1).ok).toBe(true);
    const book = engine.book('EURUSD', 1);
    expect(book.bids[0]?.[0]).toBeLessThan(1.1);
    expect(book.asks[0]?.[0]).toBeGreaterThan(1.1);
    expect(Math.abs((engine.lastPrice('EURUSD') ?? 0) - 1.1)).toBeLessThan(0.0002);
  });

  it("forgets the maker's final orders (they are not retained)", () => {
    const { engine, market } = setup();
    const firstIds = engine.workingOrders([MARKET_MAKER_LOGIN]).map((o) => o.orderId);
    for (let i = 1; i <= 200; i++) market.step(T0 + i * 250);
    const gone = firstIds.filter(
      (id) => !engine.workingOrders([MARKET_MAKER_LOGIN]).some((o) => o.orderId === id),
    );
    expect(gone.length).toBeGreaterThan(0);
    for (const orderId of gone)
      expect(engine.orderStatus([MARKET_MAKER_LOGIN], { orderId }).ok).toBe(false);
  });
});
