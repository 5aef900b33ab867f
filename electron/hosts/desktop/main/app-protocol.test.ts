import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppProtocolHandler, isAppUrl } from './app-protocol';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
const rendererDir = path.join(tempDir, 'renderer');
fs.mkdirSync(rendererDir);
fs.writeFileSync(path.join(tempDir, 'secret.txt'), 'outside');
fs.mkdirSync(path.join(rendererDir, 'assets'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Paper Desk</title>');
fs.writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'export {};');
fs.symlinkSync(path.join(tempDir, 'secret.txt'), path.join(rendererDir, 'leak.txt'));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  const handle = createAppProtocolHandler(rendererDir);

  it('serves the entry page with the CSP and its content type', async () => {
    const response = await handle({ url: APP_ENTRY_URL });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await response.text()).toContain('Paper Desk');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handle({ url: 'app://desk/assets/index.js' });
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves outside the renderer folder', async () => {
    for (const url of [
      'app://desk/../secret.txt',
      'app://desk/%2e%2e/secret.txt',
      'app://desk/..%2fsecret.txt',
      'app://desk/..%5csecret.txt',
      'app://desk/%00index.html',
      'app://other/index.html',
      'app://desk/leak.txt',
    ]) {
      const response = await handle({ url });
      expect([400, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toContain('outside');
    }
    expect((await handle({ url: 'app://desk/missing.js' })).status).toBe(404);
  });

  it('recognises only its own pages (and the dev server in dev)', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
