import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFakeCore, type FakeCore } from '../../testing/fakeCore';
import { startBrowserHost, type BrowserHost } from './host';
import type { EventBatch } from '../../../shared/ipc/contract';
import { COMMAND_NAMES } from '../../../shared/ipc/channels';
import {
  createWebSocketApi,
  webSocketApiFromLocation,
  type WebSocketApi,
  type WebSocketLike,
} from '../../../shared/ipc/web-client';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-client-'));
fs.mkdirSync(path.join(tempDir, 'renderer'));
fs.writeFileSync(path.join(tempDir, 'renderer', 'index.html'), '<!doctype html>');

let host: BrowserHost;
let core: FakeCore;
const apis: WebSocketApi[] = [];
// Sockets the client opened, so tests can drop them from the server side.
const sockets: WebSocket[] = [];

beforeAll(async () => {
  core = createFakeCore({ getSettings: () => ({ theme: 'dark' }), cancelOrder: () => null });
  host = await startBrowserHost({
    port: 0,
    dataDir: path.join(tempDir, 'data'),
    rendererDir: path.join(tempDir, 'renderer'),
    createCore: async () => core,
  });
});
afterAll(async () => {
  for (const api of apis) api.dispose();
  await host.close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

// Node's ws sends no Origin by itself; a browser sends the page's.
function browserLikeSocket(origin: string): (url: string) => WebSocketLike {
  return (url) => {
    const socket = new WebSocket(url, { origin });
    sockets.push(socket);
    return socket as unknown as WebSocketLike;
  };
}

function connectApi(options: { secret?: string; origin?: string } = {}): WebSocketApi {
  const api = createWebSocketApi(`ws://127.0.0.1:${host.port}/api`, options.secret ?? host.secret, {
    createSocket: browserLikeSocket(options.origin ?? `http://127.0.0.1:${host.port}`),
    reconnectDelayMs: () => 0,
  });
  apis.push(api);
  return api;
}

function nextBatch(api: WebSocketApi): Promise<EventBatch> {
  return new Promise((resolve) => {
    const unsubscribe = api.onEvents((batch) => {
      unsubscribe();
      resolve(batch);
    });
  });
}

describe('web client', () => {
  it('has one method per command plus onEvents and dispose', () => {
    const api = connectApi();
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, 'dispose', 'onEvents'].sort());
  });

  it('runs commands against the browser host (calls made while connecting wait)', async () => {
    const api = connectApi();
    await expect(api.getSettings()).resolves.toEqual({ ok: true, value: { theme: 'dark' } });
    await expect(api.cancelOrder({ orderId: 9 })).resolves.toEqual({ ok: true, value: null });
    const invalid = await api.cancelOrder({ orderId: -1 });
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'orderId' },
    });
  });

  it('receives pushed event batches', async () => {
    const api = connectApi();
    await api.getSettings(); // connected
    const batch = nextBatch(api);
    core.emit({
      notification: [{ id: 'n1', kind: 'info', message: 'hello', time: 1, orderId: null }],
    });
    expect(await batch).toEqual({
      notification: [{ id: 'n1', kind: 'info', message: 'hello', time: 1, orderId: null }],
    });
  });

  it('resolves calls in flight with a DISCONNECTED error when the socket drops, then reconnects', async () => {
    let release: () => void = () => {};
    const slowCore = createFakeCore();
    const slowHost = await startBrowserHost({
      port: 0,
      dataDir: path.join(tempDir, 'slow'),
      rendererDir: path.join(tempDir, 'renderer'),
      createCore: async () => ({
        ...slowCore,
        invoke: async (command, input) => {
          if (command === 'disconnect') await new Promise<void>((resolve) => (release = resolve));
          return slowCore.invoke(command, input);
        },
      }),
    });
    const opened: WebSocket[] = [];
    let reopened: () => void = () => {};
    const secondSocketOpen = new Promise<void>((resolve) => (reopened = resolve));
    const api = createWebSocketApi(`ws://127.0.0.1:${slowHost.port}/api`, slowHost.secret, {
      createSocket: (url) => {
        const socket = new WebSocket(url, { origin: `http://127.0.0.1:${slowHost.port}` });
        opened.push(socket);
        if (opened.length === 2) socket.once('open', () => reopened());
        return socket as unknown as WebSocketLike;
      },
      reconnectDelayMs: () => 0,
    });
    await api.getSettings();
    const inFlight = api.disconnect();
    opened[0]?.terminate(); // the link drops while the call waits
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    release();
    // The client reconnects by itself; then calls go through again.
    await secondSocketOpen;
    await expect(api.getSettings()).resolves.toMatchObject({ ok: true });
    expect(opened).toHaveLength(2);
    api.dispose();
    await slowHost.close();
  });

  it('never gets through with a wrong secret or a foreign origin', async () => {
    const callsBefore = core.calls.length;
    const wrongSecret = connectApi({ secret: 'bad' });
    await expect(wrongSecret.getSettings()).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    wrongSecret.dispose();
    const foreign = connectApi({ origin: 'http://evil.example' });
    await expect(foreign.getSettings()).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
    foreign.dispose();
    expect(core.calls.length).toBe(callsBefore);
  });

  it('resolves calls after dispose with an error', async () => {
    const api = connectApi();
    api.dispose();
    await expect(api.getSnapshot()).resolves.toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED' },
    });
  });

  it('builds the socket address and secret from the page location', () => {
    const urls: string[] = [];
    const api = webSocketApiFromLocation(
      { protocol: 'http:', host: '127.0.0.1:4321', hash: '#secret=abc123' },
      {
        createSocket: (url) => {
          urls.push(url);
          return { readyState: 0, send: () => {}, close: () => {}, addEventListener: () => {} };
        },
      },
    );
    expect(urls).toEqual(['ws://127.0.0.1:4321/api?secret=abc123']);
    api?.dispose();
    expect(webSocketApiFromLocation({ protocol: 'http:', host: 'x', hash: '' })).toBeNull();
  });
});
