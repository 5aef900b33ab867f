import { describe, expect, it } from 'vitest';
import { formatImportError, parseCandleCsv } from './csvImport';
import { binanceCsv, histdataCsv, plainCsv, seededCandles } from './testing/candleCsv';

const T0 = Date.UTC(2024, 0, 2);
const day = seededCandles(T0, 30);

function refused(file: string, text: string): string {
  const parsed = parseCandleCsv(file, text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return formatImportError(parsed.error);
}

describe('parseCandleCsv', () => {
  it('reads Binance klines, the symbol from the file name, prices as written', () => {
    const parsed = parseCandleCsv('BTCUSDT-1m-2024-01-02.csv', binanceCsv(day));
    expect(parsed.ok && parsed.value.layout).toBe('binance');
    if (!parsed.ok) return;
    expect(parsed.value.symbol).toBe('BTCUSDT');
    expect(parsed.value.length).toBe(30);
    expect(parsed.value.time[0]).toBe(T0);
    expect(parsed.value.high[3]).toBe(day[3]!.high);
    // "1.10012000" has 5 decimals once its trailing zeros are dropped.
    expect(parsed.value.priceDecimals).toBe(5);
  });

  it('reads Binance microsecond open times as milliseconds', () => {
    const text = binanceCsv(day.slice(0, 2)).replace(/^(\d{13})/gm, '$1000');
    const parsed = parseCandleCsv('BTCUSDT-1m-2025-01-02.csv', text);
    expect(parsed.ok && parsed.value.time[1]).toBe(T0 + 60_000);
  });

  it('reads HistData ASCII M1 with times in EST fixed at UTC-5', () => {
    const parsed = parseCandleCsv('DAT_ASCII_EURUSD_M1_2024.csv', histdataCsv(day));
    expect(parsed.ok && parsed.value.layout).toBe('histdata');
    if (!parsed.ok) return;
    expect(parsed.value.symbol).toBe('EURUSD');
    // 2024-01-01 19:00 EST is 2024-01-02 00:00 UTC, in winter and summer alike.
    expect(parsed.value.time[0]).toBe(T0);
    const july = parseCandleCsv(
      'DAT_ASCII_EURUSD_M1_2024.csv',
      '20240701 120000;1.1;1.2;1.0;1.1;0',
    );
    expect(july.ok && july.value.time[0]).toBe(Date.UTC(2024, 6, 1, 17));
  });

  it('reads plain CSV with a header, in ISO, epoch-ms or epoch-second times', () => {
    for (const times of ['iso', 'ms', 's'] as const) {
      const parsed = parseCandleCsv('EURUSD.csv', plainCsv(day, times));
      expect(parsed.ok && parsed.value.layout).toBe('plain');
      expect(parsed.ok && [...parsed.value.time.slice(0, 2)]).toEqual([T0, T0 + 60_000]);
    }
  });

  it('refuses a file it cannot place, naming the file and line', () => {
    expect(refused('x.csv', 'date;price\n1;2')).toMatch(/^x\.csv:1: unknown layout/);
    expect(refused('x.csv', '\n\n')).toBe('x.csv: the file is empty');
  });

  it('names the line of a bad number, the header counting as line 1', () => {
    const lines = plainCsv(day.slice(0, 5)).split('\n');
    lines[3] = lines[3]!.replace(/,([\d.]+),/, ',1.1x,');
    expect(refused('EURUSD.csv', lines.join('\n'))).toBe(
      'EURUSD.csv:4: bad number in open: "1.1x"',
    );
  });

  it('names the line where high is below low', () => {
    const text = binanceCsv(day.slice(0, 3)) + `\n${T0 + 180_000},1.1,1.0,1.2,1.1,5,0,0,0,0,0,0`;
    expect(refused('EURUSD-1m.csv', text)).toBe('EURUSD-1m.csv:4: high 1 is below low 1.2');
  });

  it('names the line where open or close is outside high-low', () => {
    const open = plainCsv([]) + '\n2024-01-02T00:00:00Z,1.3,1.2,1.0,1.1,5';
    expect(refused('EURUSD.csv', open)).toBe('EURUSD.csv:2: open 1.3 is outside high-low');
    const close = '20240101 190000;1.1;1.2;1.0;0.9;0';
    expect(refused('DAT_ASCII_EURUSD_M1_2024.csv', close)).toBe(
      'DAT_ASCII_EURUSD_M1_2024.csv:1: close 0.9 is outside high-low',
    );
  });

  it('names the line whose time does not increase', () => {
    const rows = plainCsv(day.slice(0, 4)).split('\n');
    rows.push(rows[2]!);
    expect(refused('EURUSD.csv', rows.join('\n'))).toMatch(
      /^EURUSD\.csv:6: time 2024-01-02T00:01:00\.000Z is not after the previous line's$/,
    );
  });
});
