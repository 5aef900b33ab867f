/**
 * Faults convergence: over many seeded trials, a random script of app actions
 * (place, modify, cancel, OCO through core.invoke) interleaved with exchange
 * faults (drop after N frames, replies delayed past the request timeout,
 * disconnectAll, exchange closed and restarted on the same port and data)
 * and market moves. After healing, the core's history equals the exchange's
 * own view field by field, its fills equal the exchange's fills, and no
 * clientOrderId was ever sent twice (audit log) or placed twice (engine).
 * CI: a dozen trials one after another; SOAK=1: 1,000, four at a time (each
 * has its own exchange, port, data dir and core; a trial mostly waits on
 * timers, so four share the two cores).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus, FillRow, OrderRow } from '../../shared/ipc';
import type { Core } from '../core/api';
import { createCore } from '../core';
import { memorySecrets, tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import { HistoryDb } from '../db';
import {
  coreView,
  duplicates,
  exchangeView,
  placedClientOrderIds,
  prng,
  RestartableExchange,
  scale,
  SOAK,
  soakFigures,
} from '../testing/faultHarness';

const TRIALS = scale(12, 1000);
/** Trials run at once. */
const CONCURRENT = scale(1, 4);
const STEPS = scale(32, 80);
/** First seed; FAULT_SEED=n reruns one trial. */
const FIRST_SEED = Number(process.env.FAULT_SEED ?? 1);
const REQUEST_TIMEOUT_MS = 150;
const SYMBOL = 'EURUSD';
const TICK = 0.00001;
const WORKING = new Set(['NEW', 'PARTIALLY_FILLED']);

export const failures = new Map<string, number>();
const px = (x: number): number => Number((Math.round(x / TICK) * TICK).toFixed(5));

interface TrialStats {
  steps: number;
  ok: number;
  failed: number;
  faults: number;
  restarts: number;
  orders: number;
  fills: number;
}

async function runTrial(seed: number): Promise<TrialStats> {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const tmp = tempDir('pd-faults-');
  const exchange = new RestartableExchange('demo-token');
  const stats: TrialStats = {
    steps: 0,
    ok: 0,
    failed: 0,
    faults: 0,
    restarts: 0,
    orders: 0,
    fills: 0,
  };
  let core: Core | null = null;
  try {
    core = await createCore({
      dataDir: tmp.dir,
      secrets: memorySecrets(),
      startPaperExchange: exchange.startPaper,
      autoConnectProfileId: null,
      batchIntervalMs: 5,
      session: {
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        heartbeatIntervalMs: 100,
        heartbeatTimeoutMs: 2000,
        backoffInitialMs: 10,
        backoffMaxMs: 60,
      },
    });
    const c = core;
    unwrap(await c.invoke('connect', { profileId: 'paper' }));
    let ref = 1.085;
    const known: number[] = [];
    const inflight: Array<Promise<unknown>> = [];
    const working = async (): Promise<OrderRow[]> =>
      (unwrap(await c.invoke('queryOrders', {})) as OrderRow[]).filter((o) =>
        WORKING.has(o.status),
      );
    const noteIds = (result: unknown): void => {
      const r = result as { ok: boolean; value?: unknown };
      if (r.ok) stats.ok += 1;
      else {
        stats.failed += 1;
        const code = (r as { error?: { code?: string; exchangeCode?: number } }).error;
        const key = `${code?.code}${code?.exchangeCode ?? ''}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
      if (!r.ok) return;
      const list = Array.isArray(r.value) ? r.value : [r.value];
      for (const v of list as Array<{ orderId?: number }>)
        if (typeof v?.orderId === 'number') known.push(v.orderId);
    };
    // Half the commands are awaited, half left in flight so the next fault can hit them.
    const connected = async (): Promise<boolean> =>
      (unwrap(await c.invoke('getSnapshot', undefined)) as { connection: ConnectionStatus })
        .connection.state === 'connected';
    const run = async (command: Parameters<Core['invoke']>[0], input: unknown): Promise<void> => {
      // Mostly act on a live link (some commands still meet a dead one, and must fail at once).
      if (exchange.running && rnd() < 0.8)
        await waitFor(connected, `seed ${seed}: reconnect`, 10_000).catch(() => undefined);
      const done = c.invoke(command, input).then(noteIds);
      if (rnd() < 0.5) await done;
      else inflight.push(done);
    };

    for (let step = 0; step < STEPS; step += 1) {
      stats.steps += 1;
      const r = rnd();
      const ex = exchange.running ? exchange.current : null;
      if (r < 0.3) {
        const side = pick(['BUY', 'SELL'] as const);
        const qty = 1000 * (1 + Math.floor(rnd() * 5));
        if (rnd() < 0.25) {
          await run('placeOrder', { symbol: SYMBOL, side, type: 'MARKET', quantity: qty });
        } else {
          // From marketable (through the touch) to resting a few bp away.
          const offset = (Math.floor(rnd() * 13) - 4) * 0.00005;
          const price = px(side === 'BUY' ? ref - offset : ref + offset);
          await run('placeOrder', { symbol: SYMBOL, side, type: 'LIMIT', price, quantity: qty });
        }
      } else if (r < 0.38) {
        const side = pick(['BUY', 'SELL'] as const);
        const away = 0.0002 + Math.floor(rnd() * 4) * 0.0001;
        await run('placeOco', {
          symbol: SYMBOL,
          side,
          quantity: 1000 * (1 + Math.floor(rnd() * 3)),
          limitPrice: px(side === 'BUY' ? ref - away : ref + away),
          stopType: 'STOP',
          stopPrice: px(side === 'BUY' ? ref + away : ref - away),
        });
      } else if (r < 0.5) {
        const target = pick(await working());
        if (target) {
          const change =
            rnd() < 0.5 && target.price !== null
              ? { price: px(target.price + (Math.floor(rnd() * 9) - 4) * 0.00005) }
              : { quantity: target.origQty + 1000 * (Math.floor(rnd() * 3) - 1) || 1000 };
          await run('modifyOrder', { orderId: target.orderId, ...change });
        }
      } else if (r < 0.6) {
        const target = known.length > 0 ? pick(known) : undefined;
        if (target) await run('cancelOrder', { orderId: target });
      } else if (r < 0.72) {
        if (ex) {
          ref = Math.min(1.095, Math.max(1.075, px(ref + (Math.floor(rnd() * 11) - 5) * 0.0001)));
          ex.controls.setReferencePrice(SYMBOL, ref);
        }
      } else if (r < 0.78) {
        ex?.controls.advance(Math.floor(rnd() * 5000));
      } else if (r < 0.84) {
        stats.faults += 1;
        ex?.controls.faults.dropAfterFrames(Math.floor(rnd() * 6));
      } else if (r < 0.9) {
        stats.faults += 1;
        // Past the request timeout, sometimes past the lookup's longer one too.
        ex?.controls.faults.delayReplies(
          rnd() < 0.5 ? 0 : Math.round(REQUEST_TIMEOUT_MS * (1.2 + rnd() * 3)),
        );
      } else if (r < 0.95) {
        stats.faults += 1;
        ex?.controls.faults.disconnectAll();
      } else {
        stats.faults += 1;
        // The exchange process dies and comes back on the same port with its journal;
        // a command sent meanwhile must fail at once (never be queued).
        stats.restarts += 1;
        await exchange.stop();
        if (rnd() < 0.5) {
          const down = await c.invoke('placeOrder', {
            symbol: SYMBOL,
            side: 'BUY',
            type: 'MARKET',
            quantity: 1000,
          });
          expect(down).toMatchObject({ ok: false });
        }
        await exchange.start();
      }
      // Let some frames flow between steps (a macrotask, not a fixed sleep).
      await new Promise((resolve) => setImmediate(resolve));
    }

    // Heal.
    await Promise.all(inflight);
    const ex = await exchange.start();
    ex.controls.faults.clear();

    let last: unknown = null;
    try {
      await waitFor(
        async () => {
          const status = (
            unwrap(await c.invoke('getSnapshot', undefined)) as {
              connection: ConnectionStatus;
            }
          ).connection;
          if (status.state !== 'connected') return false;
          const mine = coreView(
            unwrap(await c.invoke('queryOrders', {})) as OrderRow[],
            unwrap(await c.invoke('queryFills', {})) as FillRow[],
          );
          const theirs = exchangeView(ex);
          last = { mine, theirs };
          return isDeepStrictEqual(mine, theirs);
        },
        `seed ${seed}: the core converges on the exchange`,
        15_000,
      );
    } catch (error) {
      const { mine, theirs } = (last ?? {}) as {
        mine?: ReturnType<typeof coreView>;
        theirs?: ReturnType<typeof exchangeView>;
      };
      console.log(diagnose(tmp.dir, mine, theirs));
      expect(mine, `seed ${seed}: core view vs exchange view`).toEqual(theirs);
      throw error;
    }

    const theirs = exchangeView(ex);
    stats.orders = theirs.orders.length;
    stats.fills = theirs.fills.length;
    expect(
      duplicates(theirs.orders.map((o) => o.clientOrderId)),
      `seed ${seed}: a clientOrderId placed twice at the exchange`,
    ).toEqual([]);

    await c.close();
    core = null;
    const db = new HistoryDb(tmp.dir);
    try {
      const sent = placedClientOrderIds(db.audit('paper', 10_000_000));
      expect(duplicates(sent), `seed ${seed}: a clientOrderId sent twice`).toEqual([]);
      // Every order the exchange holds was sent once by this app.
      const sentSet = new Set(sent);
      expect(theirs.orders.filter((o) => !sentSet.has(o.clientOrderId))).toEqual([]);
    } finally {
      db.close();
    }
    return stats;
  } finally {
    await core?.close();
    await exchange.stop();
    tmp.remove();
  }
}

/** The audit trail of the orders the two views disagree on (printed on a failure). */
function diagnose(
  dataDir: string,
  mine: ReturnType<typeof coreView> | undefined,
  theirs: ReturnType<typeof exchangeView> | undefined,
): string {
  if (!mine || !theirs) return 'no views';
  const key = (x: unknown): string => JSON.stringify(x);
  const theirSet = new Set([...theirs.orders, ...theirs.fills].map(key));
  const mineSet = new Set([...mine.orders, ...mine.fills].map(key));
  const ids = new Set<number>();
  for (const x of [...mine.orders, ...mine.fills]) if (!theirSet.has(key(x))) ids.add(x.orderId);
  for (const x of [...theirs.orders, ...theirs.fills]) if (!mineSet.has(key(x))) ids.add(x.orderId);
  const db = new HistoryDb(dataDir);
  try {
    const lines = db
      .audit('paper', 10_000_000)
      .filter(
        (a) =>
          a.event === 'orders' ||
          [...ids].some(
            (id) => a.frame.includes(`"orderId":${id},`) || a.frame.includes(`"orderId":${id}}`),
          ),
      )
      .map((a) => `${a.direction} ${a.time} ${a.frame.slice(0, 300)}`);
    const tail = db
      .audit('paper', 10_000_000)
      .slice(-25)
      .map((a) => `${a.direction} ${a.time} ${a.frame.slice(0, 200)}`);
    return `differing orders ${[...ids].join(',')}:\n${lines.join('\n')}\n--- audit tail:\n${tail.join('\n')}`;
  } finally {
    db.close();
  }
}

describe('faults: the core converges on the exchange', () => {
  it(
    `${TRIALS} seeded trials of orders, market moves and faults`,
    async () => {
      const totals: TrialStats = {
        steps: 0,
        ok: 0,
        failed: 0,
        faults: 0,
        restarts: 0,
        orders: 0,
        fills: 0,
      };
      const trials = process.env.FAULT_SEED ? 1 : TRIALS;
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < trials) {
          const seed = FIRST_SEED + next;
          next += 1;
          const stats = await runTrial(seed);
          for (const key of Object.keys(totals) as Array<keyof TrialStats>)
            totals[key] += stats[key];
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENT, trials) }, lane));
      console.log(`faults: ${trials} trials`, totals, failures);
      // Every trial converged (a divergence fails its trial, and so this test, above).
      soakFigures('faults', {
        trials,
        divergences: 0,
        faults: totals.faults,
        restarts: totals.restarts,
      });
      // The scripts did exercise what they claim to.
      expect(totals.faults).toBeGreaterThan(trials);
      expect(totals.restarts).toBeGreaterThan(0);
      expect(totals.fills).toBeGreaterThan(trials);
    },
    SOAK ? 3_600_000 : 60_000,
  );
});
