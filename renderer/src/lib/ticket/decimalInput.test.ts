import { describe, expect, it } from 'vitest';
import { readDecimal, separatorError } from './decimalInput';

describe('reading a typed decimal', () => {
  it.each([
    ['1.5', 1.5],
    [' 2000 ', 2000],
    ['.5', 0.5],
    ['5.', 5],
  ])('reads %s as %d', (typed, value) => {
    expect(readDecimal(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['1,5', 'Use a dot for decimals: 1.5'],
    ['1,000', 'Use a dot for decimals (1.000) or no separator (1000)'],
    ['10,000.5', 'Leave out thousands separators: 10000.5'],
    ['1,000,000', 'Leave out thousands separators: 1000000'],
    ['10 000', 'Leave out thousands separators: 10000'],
    ['1.000,5', 'Use a dot for decimals and no thousands separators: 1000.5'],
  ])('refuses %s, saying how to write it', (typed, message) => {
    expect(readDecimal(typed)).toEqual({ ok: false, problem: 'separator', message });
    expect(separatorError(typed)).toBe(message);
  });

  it.each([
    ['', 'empty'],
    ['-3', 'negative'],
    ['-1,5', 'negative'],
    ['abc', 'notANumber'],
    ['1e3', 'notANumber'],
    ['1.5.3', 'notANumber'],
    ['1 5', 'notANumber'],
  ])('names the problem of %j: %s', (typed, problem) => {
    expect(readDecimal(typed)).toMatchObject({ ok: false, problem });
    expect(separatorError(typed)).toBeNull();
  });
});
