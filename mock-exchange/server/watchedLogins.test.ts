/**
 * The engine copies executions only for logins a session holds (the server
 * keeps its watch filter in step with its sessions): a client that logs in
 * while its login's orders are trading gets complete executions from then on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionPayload } from '../../shared/protocol';
import { asOrder, type TestClient } from '../test-client/client';
import { openExchange, type Harness } from '../testing/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TICK = 0.00001;
const px = (n: number): number => Number(n.toFixed(5));

/** Bob buys `quantity` at `price` (crossing demo's resting sell). */
async function bobBuys(bob: TestClient, price: number, quantity: number): Promise<void> {
  const reply = await bob.request('newordersingle', {
    symbol: 'EURUSD',
    side: 'BUY',
    type: 'LIMIT',
    timeInForce: 'IOC',
    price,
    quantity,
  });
  expect(reply.event).toBe('newordersingle');
}

describe('logins nobody holds', () => {
  it('a client that logs in mid-stream gets complete executions from then on', async () => {
    h = await openExchange({
      accounts: [
        { login: 'demo', token: 'demo' },
        { login: 'bob', token: 'bob' },
      ],
    });
    const top = h.top('EURUSD');
    // Inside the spread, so bob's buys meet demo's sell before the maker's.
    const price = px(top.ask - TICK);
    expect(price).toBeGreaterThan(top.bid);
    const first = await h.connect();
    const placed = await first.request('newordersingle', {
      symbol: 'EURUSD',
      side: 'SELL',
      type: 'LIMIT',
      price,
      quantity: 4000,
    });
    const orderId = asOrder(placed).orderId;
    await first.close();
    await expect.poll(() => h?.ex.controls.sessions()).toBe(0);

    // Nobody holds demo: this fill is journal-only, yet the order moves on.
    const bob = await h.connect({ token: 'bob' });
    await bobBuys(bob, price, 1000);

    // demo logs in again: the next fills arrive whole, counting the one it missed.
    const again = await h.connect();
    await bobBuys(bob, price, 1000);
    const second = ExecutionPayload.parse(await again.execution(orderId, 'PARTIALLY_FILLED'));
    await bobBuys(bob, price, 2000);
    const last = ExecutionPayload.parse(await again.execution(orderId, 'FILLED'));
    expect(second).toMatchObject({
      orderId,
      login: 'demo',
      side: 'SELL',
      price,
      origQty: 4000,
      executedQty: 2000,
      lastQty: 1000,
      lastPrice: price,
      reason: 'FILL',
    });
    expect(last).toMatchObject({ executedQty: 4000, lastQty: 2000, status: 'FILLED' });
    // Key for key what the order's status says now (the fills aside).
    const status = asOrder(await again.request('orderstatus', { orderId })) as object;
    const { fills, ...order } = status as { fills: unknown[] };
    expect(fills).toHaveLength(3);
    expect(last).toMatchObject(order);
    expect(again.executions().map((x) => x.status)).toEqual(['PARTIALLY_FILLED', 'FILLED']);
  });
});
