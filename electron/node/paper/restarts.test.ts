import { describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/coreTestkit';
import type { RunningExchange } from './exchange-process';
import { keepRunning, restartDelayMs } from './restarts';

/** A stand-in child: `die()` ends it unasked. */
function fakeChild(port: number): RunningExchange & { die(): void; stopped: boolean } {
  let exit: (code: number | null) => void = () => {};
  const exited = new Promise<number | null>((resolve) => (exit = resolve));
  const child = {
    url: `ws://127.0.0.1:${port}`,
    port,
    chartUrl: null,
    pid: port,
    exited,
    stopped: false,
    die: () => exit(137),
    stop: async () => {
      child.stopped = true;
      exit(0);
    },
  };
  return child;
}

describe('paper exchange restarts', () => {
  it('doubles the delay up to the cap', () => {
    expect([0, 1, 2, 3, 10].map((n) => restartDelayMs(n, 250, 1000))).toEqual([
      250, 500, 1000, 1000, 1000,
    ]);
  });

  it('restarts a child that died, follows its new address and reports it', async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const kept = await keepRunning(
      async () => {
        const child = fakeChild(40_000 + children.length);
        children.push(child);
        return child;
      },
      { restartInitialMs: 1 },
    );
    let restarts = 0;
    kept.onRestart(() => (restarts += 1));
    expect(kept.url).toBe('ws://127.0.0.1:40000');
    children[0]?.die();
    await waitFor(() => restarts === 1, 'a restart');
    expect(kept.url).toBe('ws://127.0.0.1:40001');
    expect(kept.pid).toBe(40_001);
    await kept.stop();
    expect(children[1]?.stopped).toBe(true);
    expect(children).toHaveLength(2);
  });

  it('retries a failed restart and never restarts after stop', async () => {
    let launches = 0;
    const first = fakeChild(1);
    const kept = await keepRunning(
      async () => {
        launches += 1;
        if (launches === 1) return first;
        if (launches === 2) throw new Error('port busy');
        return fakeChild(launches);
      },
      { restartInitialMs: 1 },
    );
    first.die();
    await waitFor(() => kept.port === 3, 'the second restart attempt');
    await kept.stop();
    const after = launches;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(launches).toBe(after);
  });
});
