/**
 * Tokens never leak: a full flow through the browser host and the real core
 * (a profile saved with a distinctive token, connect, orders, a reject, a
 * modify and cancel, a dropped and restored link, a profile with a wrong
 * token refused with 401) with every log sink captured (core/host log, the
 * exchange's verbose log), every frame the renderer received (command
 * results and event batches) and every file of the data directory (SQLite
 * database, WAL, secrets kept with a safeStorage fake as in the Electron
 * host) grepped for the tokens: zero hits. The same run checks the API
 * socket refusals the browser-host tests do not cover.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionStatus, IpcResult, Profile } from '../../shared/ipc';
import { type ExchangeHandle } from '../../mock-exchange';
import { startTestExchange } from '../../mock-exchange/testing';
import { createCore } from '../core';
import { tempDir, waitFor } from '../testing/coreTestkit';
import {
  createSafeStorageSecretStore,
  type SafeStorageLike,
} from '../hosts/desktop/main/desktop-services';
import { startBrowserHost, type BrowserHost } from '../hosts/browser/host';

// Distinctive, so a hit can only be a leak.
const TOKEN = 'tok-SECRET-7f3a9c1e5b2d4f60';
const WRONG_TOKEN = 'tok-WRONG-0d9e8c7b6a5f4e3d';
const LEAKS = [TOKEN, WRONG_TOKEN];

const tmp = tempDir('pd-secrets-');
afterAll(() => tmp.remove());

/** A safeStorage fake that really transforms the bytes (so plain text cannot survive). */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (buffer) => Buffer.from(buffer.map((b) => b ^ 0x5a)).toString('utf8'),
};

/** Every file under `dir`, as latin1 text (binary-safe). */
function readTree(dir: string): Array<{ file: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    if (!entry.isFile()) return [];
    const file = path.join(entry.parentPath, entry.name);
    return [{ file, text: fs.readFileSync(file).toString('latin1') }];
  });
}

function hits(sources: Array<{ where: string; text: string }>): string[] {
  return sources.flatMap(({ where, text }) =>
    LEAKS.filter((token) => text.includes(token)).map((token) => `${token} in ${where}`),
  );
}

/** A renderer-side client of the host's API socket that records every frame it receives. */
class Renderer {
  readonly frames: string[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (result: IpcResult<unknown>) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      this.frames.push(text);
      const frame = JSON.parse(text) as { id?: number; result?: IpcResult<unknown> };
      if (typeof frame.id === 'number' && frame.result) this.waiting.get(frame.id)?.(frame.result);
    });
  }

  static open(host: BrowserHost): Promise<Renderer> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?secret=${host.secret}`, {
      origin: `http://127.0.0.1:${host.port}`,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Renderer(ws)));
      ws.once('error', reject);
    });
  }

  invoke(command: string, input?: unknown): Promise<IpcResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, command, input }));
    });
  }

  async ok<T>(command: string, input?: unknown): Promise<T> {
    const result = await this.invoke(command, input);
    if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  /** Resolves once the latest connection status satisfies `check`. */
  async status(check: (s: ConnectionStatus) => boolean, what: string): Promise<ConnectionStatus> {
    return waitFor(
      async () => {
        const snap = await this.ok<{ connection: ConnectionStatus }>('getSnapshot');
        return check(snap.connection) ? snap.connection : false;
      },
      what,
      10_000,
    );
  }

  close(): void {
    this.ws.terminate();
  }
}

/** The HTTP status of a refused upgrade (101 when accepted). */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

describe('tokens never leak', () => {
  it('a full flow leaves no token in logs, renderer frames, errors or data files', async () => {
    const logs: string[] = [];
    const exchangeLogs: string[] = [];
    const dataDir = path.join(tmp.dir, 'data');
    const rendererDir = path.join(tmp.dir, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');

    let ex: ExchangeHandle | null = null;
    let host: BrowserHost | null = null;
    let renderer: Renderer | null = null;
    const filesWhileRunning: Array<{ file: string; text: string }> = [];
    try {
      ex = await startTestExchange({
        port: 0,
        rateLimit: false,
        accounts: [{ login: 'alice', token: TOKEN }],
        log: (line) => exchangeLogs.push(line),
      });
      const exchange = ex;
      host = await startBrowserHost({
        port: 0,
        dataDir,
        rendererDir,
        // No paper exchange in this run: the profile under test is a remote one.
        exchange: { url: 'ws://127.0.0.1:9/', token: 'paper-unused' },
        // As in the Electron host: secrets through safeStorage.
        createCore: (options) =>
          createCore({
            ...options,
            secrets: createSafeStorageSecretStore(
              fakeSafeStorage,
              path.join(options.dataDir, 'secrets.json'),
            ),
          }),
        coreOptions: {
          autoConnectProfileId: null,
          batchIntervalMs: 5,
          session: {
            requestTimeoutMs: 2000,
            heartbeatIntervalMs: 200,
            heartbeatTimeoutMs: 2000,
            backoffInitialMs: 20,
            backoffMaxMs: 100,
          },
        },
        log: (line) => logs.push(line),
      });
      const r = (renderer = await Renderer.open(host));

      // The API socket: refusals the browser-host tests do not already cover.
      const api = `ws://127.0.0.1:${host.port}/api`;
      const own = `http://127.0.0.1:${host.port}`;
      expect(await upgrade(`${api}?secret=${host.secret}`, {})).toBe(403); // no Origin
      expect(
        await upgrade(`${api}?secret=${host.secret}`, {
          origin: `http://127.0.0.1:${host.port + 1}`,
        }),
      ).toBe(403);
      expect(await upgrade(api, { origin: own })).toBe(401); // no secret
      expect(await upgrade(`${api}?secret=${host.secret.slice(0, 32)}`, { origin: own })).toBe(401);
      expect(await upgrade(`${api}?secret=${host.secret}x`, { origin: own })).toBe(401);
      expect(await upgrade(`${api}?secret=${host.secret}`, { origin: own })).toBe(101);

      const profile = await r.ok<Profile>('saveProfile', {
        name: 'Live',
        url: exchange.url,
        login: 'alice',
        token: TOKEN,
      });
      expect(profile).toMatchObject({ hasToken: true });
      expect(JSON.stringify(profile)).not.toContain('tok-');
      await r.ok('connect', { profileId: profile.id });
      await r.status((s) => s.state === 'connected', 'connected');

      const resting = await r.ok<{ orderId: number }>('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.08,
        quantity: 1000,
      });
      await r.ok('placeOrder', { symbol: 'EURUSD', side: 'BUY', type: 'MARKET', quantity: 2000 });
      const reject = await r.invoke('placeOrder', {
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        price: 1.080001,
        quantity: 1000,
      });
      expect(reject).toMatchObject({ ok: false, error: { code: 'EXCHANGE' } });
      const invalid = await r.invoke('placeOrder', { symbol: 'EURUSD', quantity: -1 });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      await r.ok('modifyOrder', { orderId: resting.orderId, price: 1.0801 });
      await r.ok('orderDetail', { orderId: resting.orderId });
      await r.ok('cancelOrder', { orderId: resting.orderId });

      // The link drops and comes back.
      exchange.controls.faults.disconnectAll();
      await r.status((s) => s.state !== 'connected', 'the drop noticed');
      await r.status((s) => s.state === 'connected', 'reconnected');
      await r.ok('queryFills', {});
      await r.ok('queryOrders', {});
      await r.ok('queryPositions');
      await r.ok('listProfiles');
      filesWhileRunning.push(...readTree(dataDir));

      // A profile with a wrong token: refused with 401, reported without the token.
      const bad = await r.ok<Profile>('saveProfile', {
        name: 'Wrong',
        url: exchange.url,
        token: WRONG_TOKEN,
      });
      await r.invoke('connect', { profileId: bad.id });
      const refused = await r.status(
        (s) => s.state === 'disconnected' && /401/.test(s.reason ?? ''),
        'refused with 401',
      );
      expect(refused.reason).toMatch(/refused the token/);
      await r.ok('getSnapshot');
      expect(exchangeLogs.length, 'the exchange logged sessions').toBeGreaterThan(0);
    } finally {
      renderer?.close();
      await host?.close();
      await ex?.close();
    }

    const sources = [
      { where: 'core/host log', text: logs.join('\n') },
      { where: 'exchange log', text: exchangeLogs.join('\n') },
      { where: 'renderer frames', text: renderer?.frames.join('\n') ?? '' },
      ...filesWhileRunning.map((f) => ({ where: `${f.file} (running)`, text: f.text })),
      ...readTree(dataDir).map((f) => ({ where: f.file, text: f.text })),
    ];
    expect(hits(sources)).toEqual([]);
    // The run did produce what was grepped.
    expect(renderer?.frames.some((f) => f.includes('"fills"'))).toBe(true);
    expect(filesWhileRunning.some((f) => f.file.endsWith('history.db-wal'))).toBe(true);
    const secrets = fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8');
    expect(Object.keys(JSON.parse(secrets) as object).length).toBeGreaterThanOrEqual(2);
    expect(fs.statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});
