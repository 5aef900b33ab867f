import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openWsLink } from './wsLink';

const servers: WebSocketServer[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          for (const client of server.clients) client.terminate();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A server on a free loopback port that sends `count` frames at once to whoever connects, then closes. */
async function floodServer(count: number): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    for (let i = 0; i < count; i += 1)
      socket.send(JSON.stringify({ event: 'execution', payload: { seq: i, pad: 'x'.repeat(50) } }));
    socket.close(1000, 'done');
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a port');
  return `ws://127.0.0.1:${address.port}`;
}

/** Busy for `ms`, as a session applying an execution is. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('openWsLink under a flood of frames', () => {
  it('hands every frame over in order, then close, and lets timers run in between', async () => {
    const url = await floodServer(4000);
    const seqs: number[] = [];
    let framesWhenTimerRan: number | null = null;
    const closed = new Promise<number>((resolve) => {
      openWsLink(url, 'token', {
        // Busy when the link opens (a resync, say): the flood piles up in the socket meanwhile.
        open: () => work(150),
        message: (text) => {
          if (seqs.length === 0)
            setTimeout(() => {
              framesWhenTimerRan = seqs.length;
            }, 0);
          seqs.push((JSON.parse(text) as { payload: { seq: number } }).payload.seq);
          work(0.05);
        },
        pong: () => undefined,
        error: () => undefined,
        close: (code) => resolve(code),
      });
    });
    expect(await closed).toBe(1000);
    expect(seqs).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    // A timer due at once runs after the first slice (8 ms: at most about 170 of these
    // 0.05 ms frames), not after everything read at once (a 64 KB read is about 650 frames).
    expect(framesWhenTimerRan).not.toBeNull();
    expect(framesWhenTimerRan as unknown as number).toBeLessThan(300);
  });
});
