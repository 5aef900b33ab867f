import { describe, expect, it } from 'vitest';
import { PROBE_ORDER_ID, detectRevision, type DetectPort } from './detect';
import type { SessionResult } from './types';

type Answer = Record<string, unknown>;
/** A port answering each event with a canned reply (or a link failure). */
function port(answers: Record<string, Answer | 'timeout'>): DetectPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask: async (event, payload): Promise<SessionResult<Answer>> => {
      asked.push(payload === undefined ? event : `${event} ${JSON.stringify(payload)}`);
      const answer = answers[event];
      if (answer === 'timeout' || answer === undefined)
        return { ok: false, error: { kind: 'timeout', message: 'no reply' } };
      return { ok: true, value: answer };
    },
  };
}
const error = (payload: unknown): Answer => ({ event: 'error', requestId: 'r', payload });

describe('revision detection', () => {
  it('finds ours: the symbols extension answers', async () => {
    const p = port({
      orders: { event: 'orders', payload: [] },
      orderstatus: error({ code: 2000, error: 'unknown order' }),
      symbols: { event: 'symbols', payload: [] },
    });
    expect(await detectRevision(p)).toEqual({
      ok: true,
      value: { revision: 'extended', evidence: 'it answers the symbols extension' },
    });
    expect(p.asked).toEqual(['orders', `orderstatus {"orderId":${PROBE_ORDER_ID}}`, 'symbols']);
  });

  it('finds the current revision by its error style, before asking any extension', async () => {
    const p = port({
      orders: { event: 'orders', payload: [] },
      orderstatus: error({ event: 'orderstatus', error: 'ORDER_NOT_EXISTS' }),
    });
    expect(await detectRevision(p)).toMatchObject({ ok: true, value: { revision: 'current' } });
    expect(p.asked).not.toContain('symbols');
  });

  it('finds the current revision by its orders (numeric login, no transactTime)', async () => {
    const p = port({
      orders: { event: 'orders', payload: [{ orderId: 1, login: 123456, status: 'NEW' }] },
    });
    expect(await detectRevision(p)).toMatchObject({
      ok: true,
      value: { revision: 'current', evidence: 'its orders list shows numeric login' },
    });
  });

  it('finds the first revision: no extension, no current trait', async () => {
    const p = port({
      orders: { event: 'orders', payload: [] },
      orderstatus: error({ code: 404, error: 'no such order' }),
      symbols: error({ code: 400, error: 'unknown event' }),
    });
    expect(await detectRevision(p)).toMatchObject({ ok: true, value: { revision: 'first' } });
  });

  it('gives up on a link failure (the session reconnects)', async () => {
    expect(await detectRevision(port({ orders: 'timeout' }))).toMatchObject({ ok: false });
  });
});
