import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersistedOrder } from '../engine/api';
import { errorCode, type ServerMsg, type TestClient } from '../test-client/client';
import { OrderJournal } from './journal';
import { SwitchableWriter, fsError } from './testing/journalWriters';
import { openExchange, type Harness } from '../testing/harness';

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-exchange-journal-'));
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string, writer?: SwitchableWriter, logs: string[] = []) {
  const h = await openExchange({
    dataDir,
    journalWriter: writer,
    log: (message) => logs.push(message),
  });
  harnesses.push(h);
  return h;
}

async function closeHarness(h: Harness): Promise<void> {
  await h.close();
  harnesses.splice(harnesses.indexOf(h), 1);
}

const resting = (clientOrderId: string, price = 1.07) => ({
  symbol: 'EURUSD',
  side: 'BUY',
  type: 'LIMIT',
  price,
  quantity: 1000,
  clientOrderId,
});

const orderIdOf = (msg: ServerMsg): number => {
  expect(msg.event).toBe('newordersingle');
  return (msg.payload as { orderId: number }).orderId;
};

/** Everything the engine knows of demo's orders, for a before/after comparison. */
function demoState(h: Harness) {
  return {
    nextOrderId: h.ex.engine.nextOrderId,
    orders: h.ex.engine.ordersChangedSince(['demo'], 0).map((o) => [o.orderId, o.status]),
  };
}

describe('journal write failures', () => {
  it('an order the journal cannot take answers 5000 and leaves the engine as it was', async () => {
    const writer = new SwitchableWriter();
    const logs: string[] = [];
    const h = await open(tempDir(), writer, logs);
    const c = await h.connect();
    const kept = orderIdOf(await c.request('newordersingle', resting('kept')));
    const before = demoState(h);

    writer.failWith = fsError('EIO');
    for (const id of ['lost-1', 'lost-2', 'lost-3']) {
      expect(errorCode(await c.request('newordersingle', resting(id)))).toBe(5000);
    }
    expect(errorCode(await c.request('ordercancel', { orderId: kept }))).toBe(5000);
    expect(
      errorCode(
        await c.request('neworderoco', {
          symbol: 'EURUSD',
          side: 'BUY',
          quantity: 1000,
          orders: [
            { type: 'LIMIT', price: 1.06 },
            { type: 'STOP', stopPrice: 1.2 },
          ],
        }),
      ),
    ).toBe(5000);
    expect(demoState(h)).toEqual(before);
    expect(c.messages.filter((m) => m.event === 'execution')).toHaveLength(1);
    // The real error, once for the whole episode.
    expect(logs.filter((line) => line.includes('EIO'))).toHaveLength(1);
  });

  it('a request whose changes the journal fails to record after it ran is never confirmed', async () => {
    const writer = new SwitchableWriter();
    const h = await open(tempDir(), writer);
    const c = await h.connect();
    orderIdOf(await c.request('newordersingle', resting('warm')));
    const executions = c.messages.filter((m) => m.event === 'execution').length;
    // The reservation goes through; the batch's own write fails.
    writer.failWith = fsError('EIO');
    writer.passBeforeFailing = 1;
    expect(errorCode(await c.request('newordersingle', resting('unrecorded')))).toBe(5000);
    await c.request('symbols'); // anything queued behind the reply has arrived by now
    expect(c.messages.filter((m) => m.event === 'execution')).toHaveLength(executions);
  });

  it('recovers once writes succeed again, and a restart knows every confirmed order and reuses no orderId', async () => {
    const dataDir = tempDir();
    const writer = new SwitchableWriter();
    const logs: string[] = [];
    const first = await open(dataDir, writer, logs);
    const c = await first.connect();
    const confirmed = [orderIdOf(await c.request('newordersingle', resting('a')))];
    writer.failWith = fsError('EIO');
    expect(errorCode(await c.request('newordersingle', resting('b')))).toBe(5000);
    writer.failWith = null;
    confirmed.push(orderIdOf(await c.request('newordersingle', resting('c'))));
    expect(logs.some((line) => /journal.*writable again/i.test(line))).toBe(true);
    await closeHarness(first);

    const second = await open(dataDir);
    const again = await second.connect();
    for (const orderId of confirmed) {
      expect((await again.request('orderstatus', { orderId })).event).toBe('orderstatus');
    }
    expect(errorCode(await again.request('orderstatus', { clientOrderId: 'b' }))).toBe(2000);
    const next = orderIdOf(await again.request('newordersingle', resting('d')));
    expect(next).toBeGreaterThan(Math.max(...confirmed));
  });

  it('on a full disk orders are confirmed while reserved space lasts, then 5000, and the market stands still', async () => {
    const writer = new SwitchableWriter();
    const logs: string[] = [];
    const h = await open(tempDir(), writer, logs);
    const c: TestClient = await h.connect();
    orderIdOf(await c.request('newordersingle', resting('warm')));
    // The disk fills: nothing can grow any more.
    writer.capacity = 0;
    const replies: ServerMsg[] = [];
    for (let i = 0; i < 400 && !replies.some((m) => errorCode(m) === 5000); i++) {
      replies.push(await c.request('newordersingle', resting(`full-${i}`)));
    }
    const refused = replies.filter((m) => errorCode(m) === 5000).length;
    expect(refused).toBe(1);
    expect(replies.length).toBeGreaterThan(1); // the reserve let earlier ones through
    const confirmed = replies.filter((m) => m.event === 'newordersingle').length;
    expect(h.ex.engine.workingOrders(['demo'])).toHaveLength(confirmed + 1);

    // A resting order the market would fill stays untouched while the journal is full.
    const before = demoState(h);
    h.ex.controls.resumeMarket();
    h.ex.controls.advance(5_000);
    expect(h.ex.controls.setReferencePrice('EURUSD', 1.05).ok).toBe(false);
    expect(demoState(h)).toEqual(before);
    expect(logs.filter((line) => line.includes('ENOSPC'))).toHaveLength(1);

    writer.capacity = Number.POSITIVE_INFINITY;
    orderIdOf(await c.request('newordersingle', resting('after')));
  });
});

describe('journal file', () => {
  const order = (orderId: number): PersistedOrder => ({
    symbol: 'EURUSD',
    type: 'LIMIT',
    orderId,
    clientOrderId: `c${orderId}`,
    transactTime: 1,
    price: 1.07,
    origQty: 1000,
    executedQty: 0,
    status: 'NEW',
    timeInForce: 'GTC',
    side: 'BUY',
    login: 'demo',
    fills: [],
  });

  it('a torn write is blanked by the next one; padding and reservations restore cleanly', () => {
    const dir = tempDir();
    const writer = new SwitchableWriter();
    const journal = OrderJournal.open(dir, { writer });
    expect(journal.reserve(2)).toBe(true); // grows the blank padding
    expect(journal.record([order(1)], 2)).toBe(true);
    expect(journal.reserve(3)).toBe(true);
    writer.tearNext = true;
    expect(journal.record([order(2), order(3)], 4)).toBe(false);
    expect(journal.reserve(5)).toBe(true); // shorter than what the torn write left
    expect(journal.record([order(4)], 5)).toBe(true);
    journal.close(); // as after kill -9: no compaction, padding left in place
    const restored = OrderJournal.open(dir).restored();
    expect(restored.orders.map((o) => o.orderId)).toEqual([1, 4]);
    expect(restored.nextOrderId).toBe(5);
    const text = fs.readFileSync(path.join(dir, 'orders.jsonl'), 'utf8');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    expect(lines.map((line) => JSON.parse(line) as object)).toHaveLength(lines.length);
  });
});
