import { describe, expect, it } from 'vitest';
import type { SessionError, SessionResult } from '../session';
import { cancelPaced } from './pacedCancels';

const exchangeError = (
  meaning: 'rate_limited' | 'order_final' | 'other',
): SessionResult<unknown> => ({
  ok: false,
  error: { kind: 'exchange', code: 1, meaning, message: meaning } satisfies SessionError,
});

describe('cancelPaced', () => {
  it('keeps at most `inFlight` cancels waiting, retries rate-limited ones and reports each outcome', async () => {
    let inFlight = 0;
    let most = 0;
    const limited = new Map<number, number>([
      [2, 2],
      [4, 99],
    ]);
    const delays: number[] = [];
    const outcome = await cancelPaced(
      [1, 2, 3, 4, 5, 6],
      async (orderId) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        const left = limited.get(orderId) ?? 0;
        if (left > 0) {
          limited.set(orderId, left - 1);
          return exchangeError('rate_limited');
        }
        if (orderId === 3) return exchangeError('order_final');
        if (orderId === 6) return { ok: false, error: { kind: 'timeout', message: 'No reply' } };
        return { ok: true, value: null };
      },
      { inFlight: 2, attempts: 4, initialDelayMs: 10, maxDelayMs: 20 },
      async (ms) => void delays.push(ms),
    );
    expect(most).toBe(2);
    expect(outcome).toEqual({
      requested: 6,
      cancelled: 3,
      alreadyFinal: 1,
      failed: [
        { orderId: 4, message: 'rate_limited (after 4 attempts)' },
        { orderId: 6, message: 'No reply' },
      ],
    });
    expect(delays.sort((a, b) => a - b)).toEqual([10, 10, 20, 20, 20]);
  });
});
