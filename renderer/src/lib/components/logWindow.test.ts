import { describe, expect, it } from 'vitest';
import { anchoredScroll, rowWindow } from './logWindow';

describe('event log window', () => {
  it('draws the rows in view and a few beyond, never past the ends', () => {
    expect(rowWindow(500, 0, 126, 21, 4)).toEqual({ start: 0, end: 10 });
    expect(rowWindow(500, 210, 126, 21, 4)).toEqual({ start: 6, end: 20 });
    expect(rowWindow(12, 0, 400, 21, 4)).toEqual({ start: 0, end: 12 });
    expect(rowWindow(0, 0, 126, 21)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the entry a reader looks at in view when newer ones arrive on top', () => {
    const before = ['e5', 'e4', 'e3', 'e2', 'e1'];
    const after = ['e8', 'e7', 'e6', ...before];
    // The reader scrolled to e3 (row 2); three new entries push it to row 5.
    expect(anchoredScroll(before, after, 2 * 21 + 5, 21)).toBe(5 * 21 + 5);
  });

  it('follows the newest entries at the top, and stays put when the entry left the log', () => {
    expect(anchoredScroll(['a', 'b'], ['c', 'a', 'b'], 0, 21)).toBe(0);
    expect(anchoredScroll(['a', 'b', 'c'], ['x', 'y', 'z'], 42, 21)).toBe(42);
  });
});
