import { describe, expect, it } from 'vitest';
import { pivotLevels } from './pivots';

// A period with high 110, low 90, close 105: PP = (110 + 90 + 105) / 3 = 101.666...
const H = 110;
const L = 90;
const C = 105;
const PP = 305 / 3;

describe('pivot levels', () => {
  it('classic: docs/chart-api.md formulas', () => {
    const p = pivotLevels('classic', H, L, C);
    expect(p.PP).toBeCloseTo(101.6666667, 6);
    expect(p.R1).toBeCloseTo(113.3333333, 6); // 2PP - L = 203.333 - 90
    expect(p.S1).toBeCloseTo(93.3333333, 6); // 2PP - H = 203.333 - 110
    expect(p.R2).toBeCloseTo(121.6666667, 6); // PP + 20
    expect(p.S2).toBeCloseTo(81.6666667, 6); // PP - 20
    expect(p.R3).toBeCloseTo(133.3333333, 6); // H + 2(PP - L) = 110 + 23.333
    expect(p.S3).toBeCloseTo(73.3333333, 6); // L - 2(H - PP) = 90 - 16.667
  });

  it('fibonacci: PP plus or minus 0.382, 0.618 and 1 times the range', () => {
    const p = pivotLevels('fibonacci', H, L, C);
    expect(p.PP).toBeCloseTo(PP, 9);
    expect(p.R1).toBeCloseTo(109.3066667, 6); // PP + 7.64
    expect(p.S1).toBeCloseTo(94.0266667, 6);
    expect(p.R2).toBeCloseTo(114.0266667, 6); // PP + 12.36
    expect(p.S2).toBeCloseTo(89.3066667, 6);
    expect(p.R3).toBeCloseTo(121.6666667, 6); // PP + 20
    expect(p.S3).toBeCloseTo(81.6666667, 6);
  });

  it('camarilla: close plus or minus 1.1/12, 1.1/6 and 1.1/4 of the range', () => {
    const p = pivotLevels('camarilla', H, L, C);
    expect(p.PP).toBeCloseTo(PP, 9);
    expect(p.R1).toBeCloseTo(106.8333333, 6); // 105 + 22/12
    expect(p.S1).toBeCloseTo(103.1666667, 6);
    expect(p.R2).toBeCloseTo(108.6666667, 6); // 105 + 22/6
    expect(p.S2).toBeCloseTo(101.3333333, 6);
    expect(p.R3).toBeCloseTo(110.5, 9); // 105 + 22/4
    expect(p.S3).toBeCloseTo(99.5, 9);
  });
});
