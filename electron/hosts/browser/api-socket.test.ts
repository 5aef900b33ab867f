/**
 * The API socket against hostile or broken peers over real loopback sockets:
 * resets after a refused upgrade, an oversized frame, a client that never
 * reads. The host must survive every one and keep serving its own client.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventBatch, Quote } from '../../../shared/ipc';
import { createFakeCore, type FakeCore } from '../../testing/fakeCore';
import { waitFor } from '../../testing/coreTestkit';
import { attachApiSocket, MAX_FRAME_BYTES } from './api-socket';

const SECRET = 'a'.repeat(64);

interface Running {
  port: number;
  core: FakeCore;
  logs: string[];
  close(): Promise<void>;
}

let running: Running | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start(maxBufferedBytes?: number): Promise<Running> {
  const core = createFakeCore({ getSettings: () => ({ theme: 'dark' }) });
  const logs: string[] = [];
  const server = http.createServer((_request, response) => response.end());
  let port = 0;
  const closeSocket = attachApiSocket(
    server,
    core,
    () => ({ origin: `http://127.0.0.1:${port}`, secret: SECRET }),
    { log: (line) => logs.push(line), maxBufferedBytes },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  running = {
    port,
    core,
    logs,
    close: async () => {
      await closeSocket();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return running;
}

function openClient(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?secret=${SECRET}`, {
    origin: `http://127.0.0.1:${port}`,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function settingsRoundTrip(ws: WebSocket): Promise<unknown> {
  const reply = new Promise<unknown>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );
  ws.send(JSON.stringify({ id: 1, command: 'getSettings' }));
  return reply;
}

/** Sends a refused upgrade (wrong secret), then resets the connection at `moment`. */
function refusedUpgradeThenReset(port: number, moment: 'sent' | 'answered'): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('close', () => resolve());
    socket.once('connect', () => {
      socket.write(
        `GET /api?secret=wrong HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Origin: http://127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        () => {
          if (moment === 'sent') socket.resetAndDestroy();
        },
      );
      if (moment === 'answered') socket.once('data', () => socket.resetAndDestroy());
    });
  });
}

describe('API socket against hostile peers', () => {
  it('survives refused upgrades followed by TCP resets and still serves its client', async () => {
    const { port } = await start();
    const crashes: unknown[] = [];
    const record = (error: unknown): void => void crashes.push(error);
    process.on('uncaughtException', record);
    try {
      for (let i = 0; i < 40; i += 1) {
        await refusedUpgradeThenReset(port, i % 2 === 0 ? 'sent' : 'answered');
      }
      // Let any late 'error' from the reset sockets surface before judging.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', record);
    }
    expect(crashes.map(String)).toEqual([]);
    const client = await openClient(port);
    expect(await settingsRoundTrip(client)).toEqual({
      id: 1,
      result: { ok: true, value: { theme: 'dark' } },
    });
    client.terminate();
  });

  it('closes a client that sends a frame larger than the limit (1009), and keeps serving others', async () => {
    const { port } = await start();
    expect(MAX_FRAME_BYTES).toBeLessThanOrEqual(8 * 1024 * 1024);
    const big = await openClient(port);
    big.on('error', () => {});
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const client = await openClient(port);
    expect(await settingsRoundTrip(client)).toMatchObject({ id: 1, result: { ok: true } });
    client.terminate();
  });

  it('drops a client that does not read once its unsent events pass the bound', async () => {
    const bound = 1024 * 1024;
    const { port, core, logs } = await start(bound);
    const stalled = await openClient(port);
    stalled.on('error', () => {});
    // The client's socket stops reading: the kernel buffers fill, then the host's.
    (stalled as unknown as { _socket: net.Socket })._socket.pause();
    const reader = await openClient(port);
    let readerFrames = 0;
    reader.on('message', () => (readerFrames += 1));
    const quote: Quote = { symbol: 'EURUSD', bid: 1.1, ask: 1.2, last: null, time: 0 };
    const batch: EventBatch = { quotes: [Array.from({ length: 500 }, () => quote)] };
    let pushed = 0;
    // Without the bound the host would buffer everything: stop the test well before that.
    const limit = 200 * bound;
    while (!logs.some((line) => line.includes('does not read')) && pushed < limit) {
      core.emit(batch);
      pushed += JSON.stringify({ events: batch }).length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(logs.some((line) => line.includes('does not read'))).toBe(true);
    expect(pushed).toBeLessThan(limit);
    // The reading client is still served.
    await waitFor(() => readerFrames > 0, 'frames at the reading client');
    expect(await settingsRoundTrip(reader)).toMatchObject({ id: 1, result: { ok: true } });
    reader.terminate();
    stalled.terminate();
  });
});
