/**
 * The audit log stays bounded: requests, replies, executions and errors are
 * kept for review, quotes never stored, and rows older than the retention
 * are deleted when the core starts (and daily while it runs).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/ipc';
import { startTestExchange } from '../../mock-exchange/testing';
import { AUDIT_RETENTION_MS, HistoryDb } from '../db';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';

const DAY = 24 * 60 * 60 * 1000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function dataDir(): string {
  const tmp = tempDir('pd-audit-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}

describe('audit log', () => {
  it('keeps orders and executions but stores no quote', async () => {
    const dir = dataDir();
    const ex = await startTestExchange({
      port: 0,
      seed: 7,
      accounts: [{ login: 'demo', token: 'demo-token' }],
    });
    cleanups.push(() => ex.close());
    const h = await startCoreWithExchange(dir, {
      autoConnectProfileId: null,
      startPaperExchange: async () => ({
        url: ex.url,
        token: 'demo-token',
        login: 'demo',
        stop: async () => {},
      }),
    });
    cleanups.push(h.close);
    unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
    const quoteTime = async (): Promise<number> =>
      (unwrap(await h.core.invoke('getSnapshot', undefined)) as Snapshot).quotes.find(
        (q) => q.symbol === 'EURUSD',
      )?.time ?? 0;
    const before = await quoteTime();
    unwrap(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        quantity: 1000,
        price: 1.0,
      }),
    );
    for (let i = 0; i < 20; i += 1) {
      ex.controls.setReferencePrice('EURUSD', Number((1.085 + i * 0.0001).toFixed(5)));
      ex.controls.advance(250);
    }
    // Quotes did arrive (the app shows them)...
    await waitFor(async () => (await quoteTime()) > before, 'new quotes');
    await h.close();
    const db = new HistoryDb(dir);
    try {
      const events = db.audit('paper', 100_000).map((a) => a.event);
      // ...but none was stored; what a review needs was.
      expect(events).not.toContain('quote');
      expect(events).toContain('newordersingle');
      expect(events).toContain('execution');
    } finally {
      db.close();
    }
  });

  it('deletes rows older than the retention when the core starts', async () => {
    const dir = dataDir();
    const now = Date.UTC(2026, 10, 30);
    const db = new HistoryDb(dir);
    const frame = (requestId: string): string =>
      JSON.stringify({ event: 'ordercancel', requestId, payload: { orderId: 1 } });
    db.write('paper', {
      orders: [],
      fills: [],
      removedFillIds: [],
      audit: [
        { time: now - AUDIT_RETENTION_MS - DAY, direction: 'out', frame: frame('old') },
        { time: now - AUDIT_RETENTION_MS + DAY, direction: 'out', frame: frame('recent') },
      ],
    });
    db.close();
    const h = await startCoreWithExchange(dir, { autoConnectProfileId: null, now: () => now });
    await h.close();
    const after = new HistoryDb(dir);
    try {
      expect(after.audit('paper').map((a) => JSON.parse(a.frame).requestId)).toEqual(['recent']);
    } finally {
      after.close();
    }
  });
});
