import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/coreTestkit';
import { createStaticHandler } from './static-server';

const tmp = tempDir('pd-static-');
const root = path.join(tmp.dir, 'renderer');
let server: http.Server;
let port = 0;

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>inside');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(tmp.dir, 'outside-secret.txt'), 'outside-secret');
  fs.mkdirSync(path.join(tmp.dir, 'outside-dir'));
  fs.writeFileSync(path.join(tmp.dir, 'outside-dir', 'x.js'), 'outside-secret');
  // Links planted in the renderer folder: to a file and a folder outside, and one inside.
  fs.symlinkSync(path.join(tmp.dir, 'outside-secret.txt'), path.join(root, 'leak.txt'));
  fs.symlinkSync(path.join(tmp.dir, 'outside-dir'), path.join(root, 'leakdir'));
  fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
  server = http.createServer(
    createStaticHandler(root, () => ({ host: `127.0.0.1:${port}`, csp: "default-src 'self'" })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  tmp.remove();
});

function get(urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('static server', () => {
  it('does not follow a symlink to a file or folder outside its root', async () => {
    for (const urlPath of ['/leak.txt', '/leakdir/x.js']) {
      const response = await get(urlPath);
      expect(response.status, urlPath).toBe(404);
      expect(response.body).not.toContain('outside-secret');
    }
  });

  it('serves regular files under the root, a link that stays inside included', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<!doctype html>inside' });
    expect(await get('/assets/app.js')).toEqual({ status: 200, body: 'export {};' });
    expect(await get('/alias.js')).toEqual({ status: 200, body: 'export {};' });
    expect((await get('/assets')).status).toBe(404);
  });
});
