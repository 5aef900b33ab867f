/** Replay sessions through the core: the file checked first, its own profile id, controls passed to its exchange. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startExchange, type ExchangeHandle } from '../../mock-exchange';
import { plainCsv, seededCandles } from '../../mock-exchange/market/replay/testing/candleCsv';
import type { PaperExchange, ReplayLaunch } from './api';
import {
  startCoreWithExchange,
  tempDir,
  unwrap,
  waitFor,
  type CoreHarness,
} from '../testing/coreTestkit';

const T0 = Date.UTC(2024, 0, 2);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A core whose replays run in-process on a manual clock (the test moves time). */
async function coreWithReplays(): Promise<{ h: CoreHarness; replay: () => ExchangeHandle }> {
  const { dir, remove } = tempDir('replay-core-');
  cleanups.push(remove);
  let replayHandle: ExchangeHandle | null = null;
  const startReplayExchange = async (
    paperDir: string,
    replay?: ReplayLaunch,
  ): Promise<PaperExchange> => {
    if (!replay) throw new Error('only replays in this test');
    const ex = await startExchange({
      clock: 'manual',
      accounts: [{ login: 'demo', token: 'demo-token' }],
      dataDir: paperDir,
      replay,
    });
    replayHandle = ex;
    return {
      url: ex.url,
      chartUrl: ex.chartUrl,
      token: 'demo-token',
      login: 'demo',
      stop: () => ex.close(),
      replayControl: async (action) => {
        const result = ex.controls.replay!.control(action);
        return result.ok
          ? { ok: true, value: result.value }
          : { ok: false, error: { code: 'INVALID_INPUT', message: result.error.error } };
      },
    };
  };
  const h = await startCoreWithExchange(dir, {
    autoConnectProfileId: null,
    startPaperExchange: startReplayExchange,
  });
  cleanups.push(() => h.close());
  return {
    h,
    replay: () => {
      if (!replayHandle) throw new Error('no replay started');
      return replayHandle;
    },
  };
}

describe('replay sessions in the core', () => {
  it('refuses a bad file naming its line, before starting anything', async () => {
    const { h } = await coreWithReplays();
    const text = plainCsv(seededCandles(T0, 3)) + '\n2024-01-02T00:03:00Z,1.1,1.0,1.2,1.1,1';
    const result = await h.core.invoke('startReplay', { fileName: 'EURUSD.csv', content: text });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'EURUSD.csv:5: high 1 is below low 1.2' },
    });
  });

  it('starts a replay under its own profile id, keeps its orders apart, and passes the controls on', async () => {
    const { h, replay } = await coreWithReplays();
    const content = plainCsv(seededCandles(T0, 600));
    const started = unwrap(
      await h.core.invoke('startReplay', { fileName: 'EURUSD.csv', content, speed: 10 }),
    ) as { profileId: string; preview: { candles: number }; status: { speed: number } };
    expect(started.profileId).toMatch(/^replay:EURUSD-2024-01-02-/);
    expect(started.preview.candles).toBe(600);
    expect(started.status.speed).toBe(10);
    expect(fs.existsSync(path.join(h.dataDir, 'replay'))).toBe(true);
    const snapshot = unwrap(await h.core.invoke('getSnapshot', undefined)) as {
      connection: { profileId: string; state: string };
    };
    expect(snapshot.connection).toMatchObject({ profileId: started.profileId, state: 'connected' });
    unwrap(
      await h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.0,
        quantity: 1000,
      }),
    );
    await waitFor(() => replay().engine.workingOrders(['demo']).length === 1);
    const jumped = unwrap(
      await h.core.invoke('replayControl', { action: 'jump', time: '2024-01-02T03:00:00.000Z' }),
    ) as { time: string };
    expect(jumped.time).toBe('2024-01-02T03:00:00.000Z');
    expect(unwrap(await h.core.invoke('replayStatus', undefined))).toMatchObject({
      symbol: 'EURUSD',
      time: '2024-01-02T03:00:00.000Z',
    });
    const back = await h.core.invoke('replayControl', {
      action: 'jump',
      time: '2024-01-02T01:00:00.000Z',
    });
    expect(back.ok).toBe(false);
    const orders = unwrap(await h.core.invoke('queryOrders', {})) as Array<{ price: number }>;
    expect(orders.map((o) => o.price)).toEqual([1.0]);
  });
});
