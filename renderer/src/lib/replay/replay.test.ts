import { describe, expect, it } from 'vitest';
import { formatReplayTime, fromJumpField, toJumpField } from './replay.svelte';

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
