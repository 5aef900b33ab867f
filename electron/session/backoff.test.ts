import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap, with jitter between half and the whole', () => {
    expect(backoffDelay(0, 100, 1000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 1000, () => 0.999999)).toBe(100);
    expect(backoffDelay(3, 100, 1000, () => 0.5)).toBe(600);
    expect(backoffDelay(20, 100, 1000, () => 0)).toBe(500);
    expect(backoffDelay(200, 100, 1000, () => 1)).toBe(1000);
  });
});
