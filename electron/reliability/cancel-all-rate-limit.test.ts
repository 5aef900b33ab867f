/**
 * Cancel all under the exchange's rate limit: a few hundred working orders,
 * an exchange allowing a burst of 40 messages and 40 a second (on its manual
 * clock, which the test moves on while the cancels run). Every order ends
 * cancelled and the reply says so; nothing is reported failed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput, OrderRow } from '../../shared/ipc';
import { startTestExchange } from '../../mock-exchange/testing';
import { TestClient } from '../../mock-exchange/test-client/client';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';

const WORKING = 300;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('cancel all', () => {
  it(`cancels ${WORKING} working orders under a low rate limit and reports the true outcome`, async () => {
    const ex = await startTestExchange({
      port: 0,
      seed: 5,
      rateLimit: { perSecond: 40, burst: 40 },
      accounts: [{ login: 'demo', token: 'demo-token' }],
    });
    cleanups.push(() => ex.close());
    // Another session of the login places the orders (its own bucket), 30 per second of exchange time.
    const placer = await TestClient.connect(ex.url, { token: 'demo-token' });
    cleanups.push(() => placer.ws.terminate());
    for (let i = 0; i < WORKING; i += 30) {
      await Promise.all(
        Array.from({ length: Math.min(30, WORKING - i) }, (_, k) =>
          placer.request('newordersingle', {
            symbol: 'EURUSD',
            side: 'BUY',
            type: 'LIMIT',
            price: Number((1.0 + (i + k) * 0.00001).toFixed(5)),
            quantity: 1000,
          }),
        ),
      );
      ex.controls.advance(1000);
    }
    const tmp = tempDir('pd-cancel-all-');
    cleanups.push(tmp.remove);
    const h = await startCoreWithExchange(tmp.dir, {
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
    const working = async (): Promise<number> =>
      (unwrap(await h.core.invoke('queryOrders', {})) as OrderRow[]).filter(
        (o) => o.status === 'NEW',
      ).length;
    await waitFor(async () => (await working()) === WORKING, 'the working orders resynced');
    // The connect's resync spent tokens: start the cancels with a refilled bucket.
    ex.controls.advance(1000);

    // The exchange's clock moves 100 ms every few real ms while the cancels run.
    let running = true;
    const clock = (async () => {
      while (running) {
        ex.controls.advance(100);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const outcome = unwrap(
      await h.core.invoke('cancelAll', undefined),
    ) as CommandOutput<'cancelAll'>;
    running = false;
    await clock;

    expect(outcome).toEqual({
      requested: WORKING,
      cancelled: WORKING,
      alreadyFinal: 0,
      failed: [],
    });
    await waitFor(async () => (await working()) === 0, 'every order cancelled in the app');
  }, 60_000);
});
