/** Replay sessions through the core: the file checked first, its own profile id, controls passed to its exchange. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startExchange, type ExchangeHandle } from '../../mock-exchange';
import { plainCsv, seededCandles } from '../../mock-exchange/market/replay/testing/candleCsv';
import type {
  ConnectionStatus,
  OrderRow,
  PositionRow,
  Profile,
  ReplaySessionInfo,
} from '../../shared/ipc';
import { HistoryDb } from '../db';
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

/** A core whose replays run in-process on a manual clock (the test moves time), on `dataDir` or a fresh one. */
async function coreWithReplays(
  dataDir?: string,
): Promise<{ h: CoreHarness; replay: () => ExchangeHandle; launches: ReplayLaunch[] }> {
  let dir = dataDir;
  if (dir === undefined) {
    const made = tempDir('replay-core-');
    cleanups.push(made.remove);
    dir = made.dir;
  }
  let replayHandle: ExchangeHandle | null = null;
  const launches: ReplayLaunch[] = [];
  const startReplayExchange = async (
    paperDir: string,
    replay?: ReplayLaunch,
  ): Promise<PaperExchange> => {
    if (!replay) throw new Error('only replays in this test');
    launches.push(replay);
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
    launches,
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

/** How many orders and fills the database of `dataDir` holds for a profile. */
function storedRows(dataDir: string, profileId: string): { orders: number; fills: number } {
  const db = new HistoryDb(dataDir);
  try {
    return {
      orders: db.queryOrders(profileId, {}).length,
      fills: db.queryFills(profileId, {}).length,
    };
  } finally {
    db.close();
  }
}

describe('replay sessions outlive the app', () => {
  type Listed = Profile & { replay?: ReplaySessionInfo };
  const listReplays = async (h: CoreHarness): Promise<Listed[]> =>
    (unwrap(await h.core.invoke('listProfiles', undefined)) as Listed[]).filter((p) => p.replay);

  /** A session with a filled buy (a position) and a resting limit, jumped to 03:00, and its core closed. */
  async function pastSession(): Promise<{ dataDir: string; profileId: string }> {
    const first = await coreWithReplays();
    const content = plainCsv(seededCandles(T0, 600));
    const { profileId } = unwrap(
      await first.h.core.invoke('startReplay', { fileName: 'EURUSD.csv', content, speed: 30 }),
    ) as { profileId: string };
    unwrap(
      await first.h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'MARKET',
        quantity: 1000,
      }),
    );
    unwrap(
      await first.h.core.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.0,
        quantity: 2000,
      }),
    );
    await waitFor(async () => {
      const rows = unwrap(await first.h.core.invoke('queryPositions', undefined)) as PositionRow[];
      return rows.some((r) => r.netQty === 1000);
    });
    unwrap(
      await first.h.core.invoke('replayControl', {
        action: 'jump',
        time: '2024-01-02T03:00:00.000Z',
      }),
    );
    await first.h.close();
    return { dataDir: first.h.dataDir, profileId };
  }

  it('a new core on the same data dir lists the session and reopens it paused at the saved time, orders and position intact', async () => {
    const { dataDir, profileId } = await pastSession();
    const { h, replay, launches } = await coreWithReplays(dataDir);
    const listed = await listReplays(h);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: profileId,
      name: 'Replay EURUSD 2024-01-02 00:00',
      replay: {
        symbol: 'EURUSD',
        first: '2024-01-02T00:00:00.000Z',
        end: '2024-01-02T10:00:00.000Z',
        candles: 600,
        file: 'EURUSD.csv',
        time: '2024-01-02T03:00:00.000Z',
        ended: false,
      },
    });

    const connected = unwrap(await h.core.invoke('connect', { profileId })) as ConnectionStatus;
    expect(connected).toMatchObject({ state: 'connected', profileId });
    // Its own exchange, on its own folder, at the speed it had.
    expect(launches).toHaveLength(1);
    expect(launches[0]).toMatchObject({ speed: 30 });
    expect(launches[0]!.file.startsWith(path.join(dataDir, 'replay'))).toBe(true);
    expect(unwrap(await h.core.invoke('replayStatus', undefined))).toMatchObject({
      symbol: 'EURUSD',
      time: '2024-01-02T03:00:00.000Z',
      playing: false,
    });
    expect(replay().engine.workingOrders(['demo'])).toHaveLength(1);
    const positions = unwrap(await h.core.invoke('queryPositions', undefined)) as PositionRow[];
    expect(positions).toEqual([expect.objectContaining({ symbol: 'EURUSD', netQty: 1000 })]);
    const working = (unwrap(await h.core.invoke('queryOrders', {})) as OrderRow[]).filter(
      (o) => o.status === 'NEW',
    );
    expect(working.map((o) => [o.price, o.origQty])).toEqual([[1.0, 2000]]);
    // Its fills are its own: the paper account's history has none of them.
    expect(storedRows(dataDir, profileId).fills).toBe(1);
    expect(storedRows(dataDir, 'paper')).toEqual({ orders: 0, fills: 0 });
  });

  it('deleting a session stops its exchange and removes its folder, its history and its listing', async () => {
    const { dataDir, profileId } = await pastSession();
    const { h, replay } = await coreWithReplays(dataDir);
    unwrap(await h.core.invoke('connect', { profileId }));
    const exchange = replay();
    const sessionDir = path.join(dataDir, 'replay', profileId.slice('replay:'.length));
    expect(fs.existsSync(sessionDir)).toBe(true);
    unwrap(await h.core.invoke('deleteProfile', { id: profileId }));
    expect(await listReplays(h)).toEqual([]);
    expect(fs.existsSync(sessionDir)).toBe(false);
    expect(exchange.controls.sessions()).toBe(0);
    const snapshot = unwrap(await h.core.invoke('getSnapshot', undefined)) as {
      connection: ConnectionStatus;
      orders: OrderRow[];
    };
    expect(snapshot.connection.state).toBe('disconnected');
    expect(snapshot.orders).toEqual([]);
    await h.close();
    expect(storedRows(dataDir, profileId)).toEqual({ orders: 0, fills: 0 });
    // A restarted core does not bring it back.
    const again = await coreWithReplays(dataDir);
    expect(await listReplays(again.h)).toEqual([]);
    expect((await again.h.core.invoke('connect', { profileId })) as { ok: boolean }).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('a damaged session list is reported, and the app starts with the sessions it can read', async () => {
    const { dataDir, profileId } = await pastSession();
    const index = path.join(dataDir, 'replay', 'sessions.json');
    const stored = JSON.parse(fs.readFileSync(index, 'utf8')) as { sessions: unknown[] };
    stored.sessions.push({ id: '../../etc', name: 'evil' });
    fs.writeFileSync(index, JSON.stringify(stored));
    const { h } = await coreWithReplays(dataDir);
    expect((await listReplays(h)).map((p) => p.id)).toEqual([profileId]);
    const snapshot = unwrap(await h.core.invoke('getSnapshot', undefined)) as {
      notifications: Array<{ kind: string; message: string }>;
    };
    expect(snapshot.notifications).toContainEqual(
      expect.objectContaining({
        kind: 'error',
        message: expect.stringContaining('The list of replay sessions could not be read') as string,
      }),
    );
    await h.close();

    fs.writeFileSync(index, '{"version": 1, "sess');
    const broken = await coreWithReplays(dataDir);
    expect(await listReplays(broken.h)).toEqual([]);
    expect(unwrap(await broken.h.core.invoke('listProfiles', undefined))).toContainEqual(
      expect.objectContaining({ id: 'paper' }),
    );
  });
});
