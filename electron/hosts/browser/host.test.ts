import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CoreOptions } from '../../core/api';
import { createFakeCore, type FakeCore } from '../../testing/fakeCore';
import { RendererNotBuiltError, startBrowserHost, type BrowserHost } from './host';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-host-'));
const rendererDir = path.join(tempDir, 'renderer');
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Paper Desk</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
fs.writeFileSync(path.join(tempDir, 'outside.txt'), 'outside');

let host: BrowserHost;
let core: FakeCore;
let coreOptions: CoreOptions | undefined;

beforeAll(async () => {
  core = createFakeCore({ getSettings: () => ({ theme: 'light' }) });
  host = await startBrowserHost({
    port: 0,
    dataDir: path.join(tempDir, 'data'),
    rendererDir,
    exchange: { url: 'ws://127.0.0.1:1/', token: 't' },
    createCore: async (options) => {
      coreOptions = options;
      return core;
    },
  });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: urlPath,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const ownOrigin = (): string => `http://127.0.0.1:${host.port}`;

function openSocket(options: { secret?: string; origin?: string; path?: string } = {}): WebSocket {
  const secret = options.secret ?? host.secret;
  return new WebSocket(`ws://127.0.0.1:${host.port}${options.path ?? '/api'}?secret=${secret}`, {
    origin: options.origin ?? ownOrigin(),
  });
}

function refusal(socket: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => reject(new Error('socket was accepted')));
    socket.on('error', () => {});
  });
}

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

function nextFrame(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)))),
  );
}

describe('browser host', () => {
  it('prints an address on 127.0.0.1 with the secret in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#secret=${host.secret}`);
    expect(host.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('serves the renderer with the CSP and content types', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port}/api`,
    );
    expect(page.body).toContain('Paper Desk');
    const script = await get('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const urlPath of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/assets/..%2f..%2foutside.txt',
    ]) {
      const response = await get(urlPath);
      expect([400, 404], urlPath).toContain(response.status);
      expect(response.body).not.toContain('outside');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
  });

  it('refuses a wrong secret with 401', async () => {
    expect(await refusal(openSocket({ secret: 'f'.repeat(64) }))).toBe(401);
    expect(await refusal(openSocket({ secret: '' }))).toBe(401);
  });

  it('refuses a foreign Origin with 403', async () => {
    expect(await refusal(openSocket({ origin: 'http://evil.example' }))).toBe(403);
    expect(await refusal(openSocket({ origin: `http://localhost:${host.port}` }))).toBe(403);
  });

  it('refuses other paths', async () => {
    expect(await refusal(openSocket({ path: '/other' }))).toBe(404);
  });

  it('runs a command round trip and reports invalid input as a value', async () => {
    const socket = openSocket();
    await opened(socket);
    socket.send(JSON.stringify({ id: 1, command: 'getSettings' }));
    expect(await nextFrame(socket)).toEqual({
      id: 1,
      result: { ok: true, value: { theme: 'light' } },
    });
    socket.send(JSON.stringify({ id: 2, command: 'cancelOrder', input: { orderId: 'x' } }));
    expect(await nextFrame(socket)).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'INVALID_INPUT', field: 'orderId' } },
    });
    socket.send(JSON.stringify({ id: 3, command: 'rm -rf' }));
    expect(await nextFrame(socket)).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'INVALID_INPUT' } },
    });
    socket.close();
  });

  it('pushes event batches to every client', async () => {
    const first = openSocket();
    const second = openSocket();
    await Promise.all([opened(first), opened(second)]);
    const frames = Promise.all([nextFrame(first), nextFrame(second)]);
    const quote = { symbol: 'BTCUSD', bid: 1, ask: 2, last: null, time: 0 };
    core.emit({ quotes: [[quote]] });
    const expected = { events: { quotes: [[quote]] } };
    expect(await frames).toEqual([expected, expected]);
    first.close();
    second.close();
  });

  it('gives the core a 0600 secrets file and the caller-run exchange', async () => {
    coreOptions?.secrets.set('profile:a', 'token-a');
    expect(coreOptions?.secrets.get('profile:a')).toBe('token-a');
    const stat = fs.statSync(path.join(tempDir, 'data', 'secrets.json'));
    expect(stat.mode & 0o777).toBe(0o600);
    const exchange = await coreOptions?.startPaperExchange(path.join(tempDir, 'data'));
    expect(exchange).toMatchObject({ url: 'ws://127.0.0.1:1/', token: 't', login: 'demo' });
    expect(coreOptions?.saveFile).toBeUndefined();
  });

  it('tells to build when the renderer is missing', async () => {
    const error: unknown = await startBrowserHost({
      port: 0,
      dataDir: path.join(tempDir, 'x'),
      rendererDir: path.join(tempDir, 'none'),
      createCore: async () => createFakeCore(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RendererNotBuiltError);
    expect((error as Error).message).toMatch(/npm run build/);
  });

  it('closes sockets, the server and the core', async () => {
    const other = createFakeCore();
    const second = await startBrowserHost({
      port: 0,
      dataDir: path.join(tempDir, 'data2'),
      rendererDir,
      createCore: async () => other,
    });
    const socket = new WebSocket(`ws://127.0.0.1:${second.port}/api?secret=${second.secret}`, {
      origin: `http://127.0.0.1:${second.port}`,
    });
    await opened(socket);
    const closedSocket = new Promise((resolve) => socket.once('close', resolve));
    await second.close();
    await closedSocket;
    expect(other.closed).toBe(true);
    expect(other.listenerCount()).toBe(0);
    await expect(
      new Promise((resolve, reject) =>
        http.get(`http://127.0.0.1:${second.port}/`, resolve).on('error', reject),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
