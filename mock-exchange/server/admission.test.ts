import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startExchange, type ExchangeHandle, type ExchangeOptions } from '../index';
import { until } from '../reliability/util';
import { TestClient, upgradeStatus } from '../test-client/client';
import { ConnectionCounter, refuseOrigin, resolveAdmission } from './admission';

const handles: ExchangeHandle[] = [];
const sockets: net.Socket[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function exchange(options: ExchangeOptions = {}): Promise<ExchangeHandle> {
  const ex = await startExchange({ clock: 'manual', chartApi: false, ...options });
  handles.push(ex);
  return ex;
}

async function connect(ex: ExchangeHandle): Promise<TestClient> {
  const client = await TestClient.connect(ex.url);
  clients.push(client);
  return client;
}

/** A raw TCP connection that sends `bytes` (maybe an unfinished request) and then nothing. */
function halfOpen(
  port: number,
  bytes = '',
): Promise<{ socket: net.Socket; closedAt: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined); // a reset is a close too
    const closedAt = new Promise<number>((done) => socket.on('close', () => done(Date.now())));
    socket.once('connect', () => {
      if (bytes) socket.write(bytes);
      resolve({ socket, closedAt });
    });
    socket.once('error', reject);
  });
}

const bearer = { Authorization: 'Bearer demo' };

describe('browser origins', () => {
  it('an upgrade with a browser Origin is refused 403 before its token is read', async () => {
    const ex = await exchange();
    expect(await upgradeStatus(ex.url, { ...bearer, Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(ex.url, { ...bearer, Origin: 'http://localhost:5173' })).toBe(403);
    expect(await upgradeStatus(ex.url, { ...bearer, Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(ex.url, { Origin: 'https://evil.example' })).toBe(403);
    expect(ex.controls.sessions()).toBe(0);
    // The app's main process and the tests send no Origin.
    expect(await upgradeStatus(ex.url, bearer)).toBe(101);
  });

  it('an allowed Origin upgrades and still needs its token', async () => {
    const ex = await exchange({ allowedOrigins: ['http://LOCALHOST:5173/'] });
    expect(await upgradeStatus(ex.url, { ...bearer, Origin: 'http://localhost:5173' })).toBe(101);
    expect(await upgradeStatus(ex.url, { Origin: 'http://localhost:5173' })).toBe(401);
    expect(await upgradeStatus(ex.url, { ...bearer, Origin: 'http://localhost:5174' })).toBe(403);
  });

  it('a value that is not an origin is an invalid option', async () => {
    await expect(exchange({ allowedOrigins: ['localhost:5173'] })).rejects.toThrow(/origin/);
    await expect(exchange({ allowedOrigins: ['http://a.example/path'] })).rejects.toThrow(/origin/);
    expect(resolveAdmission({ allowedOrigins: ['https://a.example:8443'] })).toMatchObject({
      ok: true,
      value: { allowedOrigins: ['https://a.example:8443'] },
    });
    expect(refuseOrigin(undefined, [])).toBeNull();
  });
});

describe('connection limits', () => {
  it('past the per-address cap an upgrade answers 503; a closed connection frees its slot', async () => {
    const ex = await exchange({ maxConnectionsPerAddress: 3 });
    const first = await connect(ex);
    await connect(ex);
    await halfOpen(ex.port); // a pending handshake holds a slot too
    expect(await upgradeStatus(ex.url, bearer)).toBe(503);
    await first.close();
    await until(() => ex.controls.sessions() === 1, 5_000, 'the server saw the close');
    expect(await upgradeStatus(ex.url, bearer)).toBe(101);
  });

  it('past the total cap an upgrade answers 503', async () => {
    const ex = await exchange({ maxConnections: 2 });
    await connect(ex);
    await connect(ex);
    expect(await upgradeStatus(ex.url, bearer)).toBe(503);
  });

  it('connections that never finish their handshake are destroyed at the timeout; clients still connect', async () => {
    const timeoutMs = 300;
    const ex = await exchange({ handshakeTimeoutMs: timeoutMs });
    const openedAt = Date.now();
    const stalled = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        halfOpen(ex.port, i % 2 === 0 ? '' : 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: web'),
      ),
    );
    // While they hang, a real client is served.
    const client = await connect(ex);
    expect((await client.request('symbols')).event).toBe('symbols');
    const closedAt = await Promise.all(stalled.map((s) => s.closedAt));
    for (const at of closedAt) {
      expect(at - openedAt).toBeGreaterThanOrEqual(timeoutMs - 20);
      expect(at - openedAt).toBeLessThan(timeoutMs + 5_000);
    }
    // The session outlives the handshake timeout.
    expect((await client.request('symbols')).event).toBe('symbols');
  });
});

describe('connection counter', () => {
  it('admits up to each cap and counts refused connections until they close', () => {
    const counter = new ConnectionCounter({ maxConnections: 3, maxConnectionsPerAddress: 2 });
    expect(counter.open('a')).toBe(true);
    expect(counter.open('a')).toBe(true);
    expect(counter.open('a')).toBe(false);
    expect(counter.open('b')).toBe(false); // total 4 > 3
    counter.close('a');
    counter.close('b');
    expect(counter.size).toBe(2);
    expect(counter.open('b')).toBe(true);
  });
});
