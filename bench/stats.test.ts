import { describe, expect, it } from 'vitest';
import { FRAME_MS, framesP95, inFrames, percentile, round } from './stats';

describe('bench statistics', () => {
  it('counts frame times in whole frames: on time is one frame whatever the clock’s jitter', () => {
    expect(inFrames([16.6, 16.7, 16.8, 8, 25.1, 33.4, 49.9]).map((d) => round(d))).toEqual([
      16.7, 16.7, 16.7, 16.7, 33.3, 33.3, 50,
    ]);
  });

  it('gives a p95 of one frame while at most 5% of the frames are late, and two beyond', () => {
    const onTime = Array.from({ length: 96 }, (_, i) => (i % 2 === 0 ? 16.6 : 16.8));
    expect(round(percentile(inFrames([...onTime.slice(1), 33.4, 33.3, 33.2, 50, 33.3]), 95))).toBe(
      16.7,
    );
    expect(
      round(percentile(inFrames([...onTime.slice(2), 33.4, 33.3, 33.2, 50, 33.4, 33.3]), 95)),
    ).toBe(33.3);
    expect(round(FRAME_MS)).toBe(16.7);
  });

  it('reads a p95 of frames on time as one frame, not the jitter of the clock (16.8)', () => {
    expect(framesP95(Array.from({ length: 100 }, () => 16.8))).toBe(16.7);
    expect(framesP95([...Array.from({ length: 90 }, () => 16.6), ...Array(10).fill(33.4)])).toBe(
      33.3,
    );
  });
});
