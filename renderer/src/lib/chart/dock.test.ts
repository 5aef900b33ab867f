import { describe, expect, it } from 'vitest';
import { MIN_BLOTTER_HEIGHT, MIN_CHART_HEIGHT, clampHeight } from './dock';

describe('chart dock height', () => {
  it('keeps the chart usable and leaves the blotters their room', () => {
    expect(clampHeight(400, 900)).toBe(400);
    expect(clampHeight(20, 900)).toBe(MIN_CHART_HEIGHT);
    expect(clampHeight(880, 900)).toBe(900 - MIN_BLOTTER_HEIGHT);
    expect(clampHeight(500, 200)).toBe(MIN_CHART_HEIGHT);
  });
});
