import { describe, expect, it } from 'vitest';
import { PendingRequests } from './pending';
import type { SessionResult, Timers } from './types';

/** Timers that fire only when the test says so. */
function manualTimers(): Timers & { fire(): void; armed: number } {
  const armed = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (fn) => {
      next += 1;
      armed.set(next, fn);
      return next;
    },
    clearTimeout: (handle) => void armed.delete(handle as number),
    fire: () => {
      for (const [key, fn] of [...armed]) {
        armed.delete(key);
        fn();
      }
    },
    get armed() {
      return armed.size;
    },
  };
}

describe('pending requests', () => {
  it('settles a request once with its reply and clears its timer', () => {
    const timers = manualTimers();
    const pending = new PendingRequests(timers);
    const results: Array<SessionResult<unknown>> = [];
    const id = pending.add('orders', 1000, (r) => results.push(r));
    expect(pending.eventOf(id)).toBe('orders');
    pending.resolve(id, [1]);
    pending.resolve(id, [2]);
    timers.fire();
    expect(results).toEqual([{ ok: true, value: [1] }]);
    expect(timers.armed).toBe(0);
    expect(pending.eventOf(id)).toBeUndefined();
  });

  it('times a request out with a sentence naming the event', () => {
    const timers = manualTimers();
    const pending = new PendingRequests(timers);
    const results: Array<SessionResult<unknown>> = [];
    pending.add('newordersingle', 5000, (r) => results.push(r));
    timers.fire();
    expect(results).toEqual([
      {
        ok: false,
        error: { kind: 'timeout', message: 'No reply to newordersingle within 5000 ms' },
      },
    ]);
  });

  it('gives each request its own id and fails them all when the link drops', () => {
    const pending = new PendingRequests(manualTimers());
    const results: string[] = [];
    const a = pending.add('orders', 1000, (r) => results.push(`a:${r.ok}`));
    const b = pending.add('symbols', 1000, (r) => results.push(`b:${r.ok}`));
    expect(a).not.toBe(b);
    pending.failAll({ kind: 'timeout', message: 'dropped' });
    expect(results).toEqual(['a:false', 'b:false']);
  });
});
