/** The simulated paper market carries on across restarts with --data. */
import { afterEach, describe, expect, it } from 'vitest';
import { openExchange } from '../testing/harness';
import { tempDir } from '../testing/files';
import { DEFAULT_START_TIME } from '../server/options';
import { resumedPrices } from './marketState';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the simulated market across restarts', () => {
  it('continues from its last prices and time instead of starting over', async () => {
    const { dir: dataDir, remove } = tempDir('market-state-');
    cleanups.push(remove);
    const first = await openExchange({ dataDir, live: true });
    first.ex.controls.advance(30 * 60_000);
    const prices = { EURUSD: first.ex.controls.referencePrice('EURUSD') };
    const btc = first.ex.controls.referencePrice('BTCUSDT');
    const stoppedAt = first.ex.controls.now();
    await first.close();
    expect(prices.EURUSD).not.toBe(1.085);
    const second = await openExchange({ dataDir, live: true });
    cleanups.push(() => second.close());
    expect(second.ex.controls.now()).toBe(stoppedAt);
    expect(second.ex.controls.referencePrice('EURUSD')).toBe(prices.EURUSD);
    expect(second.ex.controls.referencePrice('BTCUSDT')).toBe(btc);
    expect(second.ex.engine.lastPrice('EURUSD')).toBe(prices.EURUSD);
  });

  it('starts from the configured prices without saved state, and ignores unknown saved symbols', () => {
    expect(resumedPrices({ EURUSD: 1.085 }, null)).toEqual({ EURUSD: 1.085 });
    const saved = { time: DEFAULT_START_TIME, prices: { EURUSD: 1.1, XAUUSD: 2000 } };
    expect(resumedPrices({ EURUSD: 1.085 }, saved)).toEqual({ EURUSD: 1.1 });
  });
});
