import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, decimalsOf } from '../../shared/domain';
import { instrumentsWithoutSymbols } from './instruments';

const chart = (name: string, bid: number, ask: number) => ({
  name,
  bid,
  ask,
  volume: 0,
  high: ask,
  low: bid,
});

describe('instruments of a server without symbols', () => {
  it('without a Chart API uses the profile list, or the common defaults when it is empty', () => {
    const own = { ...DEFAULT_INSTRUMENTS[0]!, symbol: 'XYZ' };
    expect(instrumentsWithoutSymbols([own], []).map((i) => [i.symbol, i.rules])).toEqual([
      ['XYZ', 'profile'],
    ]);
    expect(instrumentsWithoutSymbols([], []).map((i) => i.symbol)).toEqual(
      DEFAULT_INSTRUMENTS.map((i) => i.symbol),
    );
  });

  it("takes the Chart API's names, with rules where known and none otherwise", () => {
    const list = instrumentsWithoutSymbols(
      [],
      [chart('EURUSD', 1.0851, 1.08512), chart('NEW1', 12.25, 12.5)],
    );
    expect(list.map((i) => [i.symbol, i.rules])).toEqual([
      ['EURUSD', 'profile'],
      ['NEW1', 'unknown'],
    ]);
    expect(list[1]).toMatchObject({ pricePrecision: 2, tickSize: 0.01 });
    // Five decimals: the tick is 0.00001 exactly, not 10 ** -5 (0.000009999999999999999).
    const five = instrumentsWithoutSymbols([], [chart('NEW5', 1.23451, 1.23456)]);
    expect(five[0]).toMatchObject({ pricePrecision: 5, tickSize: 0.00001 });
  });

  it('keeps profile entries the Chart API does not list', () => {
    const own = { ...DEFAULT_INSTRUMENTS[0]!, symbol: 'OWN' };
    const list = instrumentsWithoutSymbols([own], [chart('EURUSD', 1.1, 1.2)]);
    expect(list.map((i) => i.symbol)).toEqual(['EURUSD', 'OWN']);
  });

  it('counts the decimals a price is written with', () => {
    expect([1, 1.5, 1.08512, 0.00001, 123.456].map(decimalsOf)).toEqual([0, 1, 5, 5, 3]);
  });
});
