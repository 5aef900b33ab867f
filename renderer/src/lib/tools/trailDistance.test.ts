import { describe, expect, it } from 'vitest';
import type { TrailDistance } from '../../../../shared/ipc';
import { readTrailDistance } from './trailDistance';

const ticks = (n: number): TrailDistance => ({ kind: 'ticks', ticks: n });
const percent = (n: number): TrailDistance => ({ kind: 'percent', percent: n });

describe('trail distance typed by the user (ticket and Working blotter alike)', () => {
  it('reads whole ticks and plain decimal percents', () => {
    expect(readTrailDistance(' 10 ', 'ticks')).toEqual({ ok: true, distance: ticks(10) });
    expect(readTrailDistance('0.5', 'percent')).toEqual({ ok: true, distance: percent(0.5) });
    expect(readTrailDistance('.25', 'percent')).toEqual({ ok: true, distance: percent(0.25) });
    expect(readTrailDistance('50', 'percent')).toEqual({ ok: true, distance: percent(50) });
  });

  it.each([
    ['', 'ticks', 'Enter a trail distance in ticks'],
    ['0', 'ticks', 'Trail distance must be at least 1 tick'],
    ['2.5', 'ticks', 'Trail distance is a whole number of ticks'],
    ['-3', 'ticks', 'Trail distance is a whole number of ticks'],
    ['1e3', 'ticks', 'Trail distance is a whole number of ticks'],
    ['1000001', 'ticks', 'Trail distance is at most 1,000,000 ticks'],
    ['', 'percent', 'Enter a trail distance in percent'],
    ['0', 'percent', 'Trail distance must be above 0%'],
    ['-1', 'percent', 'Trail distance must be above 0%'],
    ['abc', 'percent', 'Trail distance is not a number'],
    ['50.01', 'percent', 'Trail distance is at most 50%'],
  ] as const)('refuses %j in %s: %s', (text, unit, error) => {
    expect(readTrailDistance(text, unit)).toEqual({ ok: false, error });
  });

  it('refuses a comma rather than guess which separator it is', () => {
    const read = readTrailDistance('0,5', 'percent');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/0\.5|comma/i);
  });
});
