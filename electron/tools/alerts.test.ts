import { describe, expect, it } from 'vitest';
import type { PriceAlert } from '../../shared/ipc/tools';
import { rearmAlert, stepAlert } from './alerts';

const alert = (condition: PriceAlert['condition'], price = 100): PriceAlert => ({
  id: 'a1',
  symbol: 'X',
  condition,
  price,
  armed: true,
  lastPrice: null,
  firedAt: null,
  firedPrice: null,
  createdAt: 0,
});

/** Feeds prices; returns the times it fired and the final alert. */
function feed(start: PriceAlert, prices: number[]): { fired: number; alert: PriceAlert } {
  let current = start;
  let fired = 0;
  prices.forEach((price, i) => {
    const step = stepAlert(current, price, i);
    current = step.alert;
    if (step.fired) fired += 1;
  });
  return { fired, alert: current };
}

describe('price alerts', () => {
  it('an above alert fires once at the level and stays quiet after', () => {
    const { fired, alert: a } = feed(alert('above'), [99, 100, 101, 99, 102]);
    expect(fired).toBe(1);
    expect(a).toMatchObject({ armed: false, firedPrice: 100, firedAt: 1 });
  });

  it('a below alert fires at or below the level', () => {
    expect(feed(alert('below'), [101, 100.5, 99.9]).fired).toBe(1);
    expect(feed(alert('below'), [101, 100.5]).fired).toBe(0);
  });

  it('a crossing alert needs a price on the other side first', () => {
    expect(feed(alert('crossing'), [105, 104]).fired).toBe(0);
    expect(feed(alert('crossing'), [105, 99]).fired).toBe(1);
    expect(feed(alert('crossing'), [95, 100]).fired).toBe(1);
  });

  it('a crossing alert set on the far side does not fire on its first price', () => {
    expect(feed(alert('crossing'), [90]).fired).toBe(0);
  });

  it('fires again only after the user re-arms it', () => {
    const first = feed(alert('above'), [101]);
    expect(feed(first.alert, [102, 103]).fired).toBe(0);
    expect(feed(rearmAlert(first.alert), [102]).fired).toBe(1);
  });
});
