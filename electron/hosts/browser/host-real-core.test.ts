import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionStatus, EventBatch } from '../../../shared/ipc/contract';
import { createWebSocketApi, type WebSocketLike } from '../../../shared/ipc/web-client';
import { startBrowserHost } from './host';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-host-real-'));
fs.mkdirSync(path.join(tempDir, 'renderer'));
fs.writeFileSync(path.join(tempDir, 'renderer', 'index.html'), '<!doctype html>');
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

describe('browser host with the real core and the bundled exchange', () => {
  it('connects the paper profile, answers commands and stops the exchange on close', async () => {
    const host = await startBrowserHost({
      port: 0,
      dataDir: path.join(tempDir, 'data'),
      rendererDir: path.join(tempDir, 'renderer'),
    });
    const api = createWebSocketApi(`ws://127.0.0.1:${host.port}/api`, host.secret, {
      createSocket: (url) =>
        new WebSocket(url, { origin: `http://127.0.0.1:${host.port}` }) as unknown as WebSocketLike,
    });
    try {
      const connected = new Promise<ConnectionStatus>((resolve) => {
        const check = (status: ConnectionStatus | undefined): void => {
          if (status?.state === 'connected') resolve(status);
        };
        api.onEvents((batch: EventBatch) => check(batch.connection?.at(-1)));
        void api
          .getSnapshot()
          .then((snapshot) => check(snapshot.ok ? snapshot.value.connection : undefined));
      });
      const status = await connected;
      expect(status).toMatchObject({ profileId: 'paper', paper: true, logins: ['demo'] });
      const settings = await api.getSettings();
      expect(settings.ok).toBe(true);
      const invalid = await api.placeOrder({
        symbol: 'EURUSD',
        side: 'BUY',
        type: 'LIMIT',
        quantity: -1,
        price: 1,
      });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      api.dispose();
      await host.close();
    }
    const exchangeState = path.join(tempDir, 'data', 'paper-exchange');
    expect(fs.existsSync(exchangeState)).toBe(true);
  });
});
