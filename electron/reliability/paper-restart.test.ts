/**
 * The bundled paper exchange is supervised: killed with SIGKILL, it is
 * restarted on the same data folder, the core reconnects to its new port,
 * the user is told, and the resting order is still there (at the exchange,
 * not only in the app's history: it can be cancelled).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, Notification, OrderRow } from '../../shared/ipc';
import { createCore } from '../core';
import type { PaperExchange } from '../core/api';
import { startNodePaperExchange, type NodePaperExchange } from '../node/paper/node';
import { childPids, commandLine } from '../testing/processes';
import { memorySecrets, tempDir, unwrap, waitFor } from '../testing/coreTestkit';

const tmp = tempDir('pd-paper-restart-');
afterAll(() => tmp.remove());

/** The pid of the paper exchange child (its command line names its data folder). */
function exchangePid(): number {
  const pids = childPids(process.pid).filter((pid) => commandLine(pid).join(' ').includes(tmp.dir));
  expect(pids).toHaveLength(1);
  return pids[0] ?? 0;
}

interface Snapshot {
  connection: ConnectionStatus;
  orders: OrderRow[];
  notifications: Notification[];
}

describe('paper exchange supervision', () => {
  it('a killed paper exchange is restarted and the app is connected again with its orders', async () => {
    let paper: NodePaperExchange | null = null;
    const core = await createCore({
      dataDir: tmp.dir,
      secrets: memorySecrets(),
      batchIntervalMs: 5,
      session: { backoffInitialMs: 50, backoffMaxMs: 300 },
      startPaperExchange: async (dir): Promise<PaperExchange> => {
        paper = await startNodePaperExchange(dir, { restartInitialMs: 20 });
        return paper;
      },
    });
    const snapshot = async (): Promise<Snapshot> =>
      unwrap(await core.invoke('getSnapshot', undefined)) as Snapshot;
    try {
      await waitFor(
        async () => (await snapshot()).connection.state === 'connected',
        'the paper connect',
        20_000,
      );
      const running = await waitFor(() => paper ?? undefined, 'the paper exchange');
      const firstUrl = running.url;
      const firstPid = exchangePid();
      // A buy far below any simulated price rests.
      const placed = unwrap(
        await core.invoke('placeOrder', {
          symbol: 'EURUSD',
          side: 'BUY',
          type: 'LIMIT',
          price: 0.5,
          quantity: 1000,
        }),
      ) as { orderId: number };

      process.kill(firstPid, 'SIGKILL');

      const restarted = await waitFor(
        async () => {
          const snap = await snapshot();
          const told = snap.notifications.some((n) =>
            n.message.includes('Paper exchange stopped unexpectedly; restarted'),
          );
          return told && snap.connection.state === 'connected' ? snap : undefined;
        },
        'connected again after the restart',
        15_000,
      );
      expect(exchangePid()).not.toBe(firstPid);
      expect(running.url).not.toBe(firstUrl);
      expect(restarted.connection).toMatchObject({ profileId: 'paper', paper: true });
      expect(restarted.orders.find((o) => o.orderId === placed.orderId)).toMatchObject({
        status: 'NEW',
      });
      // The restarted exchange knows the order: cancelling it is accepted.
      unwrap(await core.invoke('cancelOrder', { orderId: placed.orderId }));
    } finally {
      await core.close();
    }
    expect(paper).not.toBeNull();
  });
});
