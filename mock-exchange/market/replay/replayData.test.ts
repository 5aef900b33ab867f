import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS } from '../../../shared/domain';
import { parseCandleCsv } from './csvImport';
import { prepareReplay, type ReplayData } from './replayData';
import { binanceCsv, plainCsv, seededCandles } from './testing/candleCsv';

const T0 = Date.UTC(2024, 0, 2);

function prepared(file: string, text: string, symbol?: string): ReplayData {
  const parsed = parseCandleCsv(file, text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const data = prepareReplay(parsed.value, DEFAULT_INSTRUMENTS, symbol);
  if (typeof data === 'string') throw new Error(data);
  return data;
}

describe('prepareReplay', () => {
  it('takes a listed instrument’s rules and converts prices to its ticks', () => {
    const candles = seededCandles(T0, 10);
    const data = prepared('EURUSD-1m-2024-01-02.csv', binanceCsv(candles));
    expect(data.preview.rules).toBe('instrument list');
    expect(data.instrument.tickSize).toBe(0.00001);
    expect(data.candles.high[4]).toBe(Math.round(candles[4]!.high / 0.00001));
    expect(data.candles.minute[0]).toBe(T0 / 60_000);
  });

  it('derives an unknown instrument’s tick and step from the file’s decimals', () => {
    const candles = seededCandles(T0, 10, { price: 23.5, decimals: 3 });
    const data = prepared('XAGUSD.csv', plainCsv(candles));
    expect(data.preview.rules).toBe('file decimals');
    expect(data.instrument).toMatchObject({ symbol: 'XAGUSD', tickSize: 0.001, pricePrecision: 3 });
    expect(data.instrument.stepSize).toBe(1);
  });

  it('lets a given symbol override the file name', () => {
    const data = prepared('prices.csv', plainCsv(seededCandles(T0, 3)), 'GBPUSD');
    expect(data.instrument.symbol).toBe('GBPUSD');
  });

  it('previews the range and the gaps', () => {
    const data = prepared('EURUSD.csv', plainCsv(seededCandles(T0, 10, { gapEvery: 4 })));
    expect(data.preview).toMatchObject({
      candles: 10,
      first: '2024-01-02T00:00:00.000Z',
      last: '2024-01-02T00:15:00.000Z',
      gapCount: 2,
      missingMinutes: 6,
    });
    expect(data.preview.longestGaps[0]).toEqual({ from: '2024-01-02T00:04:00.000Z', minutes: 3 });
  });
});
