import { describe, expect, it } from 'vitest';
import { createStubApi } from '../testing/stub-api';
import { ReplayState, formatReplayTime, fromJumpField, toJumpField } from './replay.svelte';

describe('replay time fields', () => {
  it('shows the replay time in UTC to the second', () => {
    expect(formatReplayTime('2024-01-02T03:04:05.000Z')).toBe('2024-01-02 03:04:05 UTC');
  });

  it('reads the jump field as UTC and round-trips it', () => {
    expect(fromJumpField('2024-01-02T03:04')).toBe('2024-01-02T03:04:00.000Z');
    expect(toJumpField('2024-01-02T03:04:00.000Z')).toBe('2024-01-02T03:04');
    expect(fromJumpField('')).toBeNull();
  });
});

describe('replay start', () => {
  it('an empty file is refused in words, before anything is sent', async () => {
    const api = createStubApi();
    const replay = new ReplayState(api);
    expect(await replay.start(new File(['\n'], 'EURUSD.csv'), 1)).toBe(false);
    expect(replay.error).toBe('EURUSD.csv is empty: it needs a header line and 1-minute candles');
    expect(api.calls.filter((c) => c.command === 'startReplay')).toEqual([]);
  });
});
