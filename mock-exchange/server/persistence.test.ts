import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asList, asOrder, type ServerMsg, type TestClient } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-exchange-'));
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string, live = false): Promise<Harness> {
  const h = await openExchange({ dataDir, live });
  harnesses.push(h);
  return h;
}

const orderIdOf = (msg: ServerMsg): number => (msg.payload as { orderId: number }).orderId;

/** Places an EURUSD order and returns its orderId. */
async function placeId(c: TestClient, payload: Record<string, unknown>): Promise<number> {
  return orderIdOf(await c.request('newordersingle', { symbol: 'EURUSD', ...payload }));
}

/** Closes a harness opened by `open` (and forgets it, so afterEach does not close it again). */
async function closeHarness(h: Harness): Promise<void> {
  await h.close();
  harnesses.splice(harnesses.indexOf(h), 1);
}

describe('persistence', () => {
  it('user orders and fills survive close and restart; orderIds keep increasing', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const c = await first.connect();
    const filled = await placeId(c, { side: 'BUY', type: 'MARKET', quantity: 3000 });
    const resting = await placeId(c, {
      side: 'BUY',
      type: 'LIMIT',
      price: 1.07,
      quantity: 1000,
      clientOrderId: 'keep',
    });
    const canceled = await placeId(c, { side: 'BUY', type: 'LIMIT', price: 1.06, quantity: 1000 });
    await c.request('ordercancel', { orderId: canceled });
    const before = asOrder(await c.request('orderstatus', { orderId: filled }));
    await closeHarness(first);

    const second = await open(dataDir);
    const d = await second.connect();
    expect(asOrder(await d.request('orderstatus', { orderId: filled }))).toEqual(before);
    expect(asList(await d.request('orders')).map((o) => o.orderId)).toEqual([resting]);
    expect(asOrder(await d.request('orderstatus', { clientOrderId: 'keep' })).orderId).toBe(
      resting,
    );
    expect(asOrder(await d.request('orderstatus', { orderId: canceled })).status).toBe('CANCELED');
    const next = await placeId(d, { side: 'BUY', type: 'LIMIT', price: 1.07, quantity: 1000 });
    expect(next).toBeGreaterThan(Math.max(filled, resting, canceled));
    // The restored resting order is still in the book and can be cancelled.
    expect((await d.request('ordercancel', { orderId: resting })).event).toBe('ordercancel');
  });

  it('the journal is written synchronously: a crash (no close) loses nothing', async () => {
    const dataDir = tempDir();
    const running = await open(dataDir);
    const c = await running.connect();
    const id = await placeId(c, { side: 'SELL', type: 'LIMIT', price: 1.1, quantity: 2000 });
    await c.request('modifyordersingle', { orderId: id, quantity: 1000 });
    // Copy the files as a kill -9 would leave them, plus a torn half line.
    const crashDir = tempDir();
    fs.cpSync(dataDir, crashDir, { recursive: true });
    fs.appendFileSync(path.join(crashDir, 'orders.jsonl'), '{"rank":99,"order":{"orderId');
    const restarted = await open(crashDir);
    const d = await restarted.connect();
    const order = asOrder(await d.request('orderstatus', { orderId: id }));
    expect(order).toMatchObject({ status: 'NEW', origQty: 1000, price: 1.1 });
    const placed = await placeId(d, { side: 'SELL', type: 'LIMIT', price: 1.1, quantity: 1000 });
    expect(placed).toBeGreaterThan(id);
  });

  it('internal logins are not persisted', async () => {
    const dataDir = tempDir();
    const h = await open(dataDir, true);
    const c = await h.connect();
    await placeId(c, { side: 'BUY', type: 'MARKET', quantity: 1000 });
    h.ex.controls.advance(5000);
    await closeHarness(h);
    const text = fs.readFileSync(path.join(dataDir, 'orders.jsonl'), 'utf8');
    expect(text).toMatch(/"login":"demo"/);
    expect(text).not.toMatch(/"login":"(mm|flow)"/);
  });
});
