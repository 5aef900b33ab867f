import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSafeStorageSecretStore,
  saveFileWithDialog,
  startUtilityPaperExchange,
  type UtilityProcessChildLike,
} from './desktop-services';
import type { BrowserWindowLike } from './electron-like';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-services-'));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(`enc:${text}`).reverse(),
  decryptString: (buffer: Buffer) => Buffer.from(buffer).reverse().toString().replace(/^enc:/, ''),
};

describe('safeStorage secret store', () => {
  it('keeps tokens encrypted in a 0600 file and reads them back', () => {
    const file = path.join(tempDir, 'secrets.json');
    const store = createSafeStorageSecretStore(fakeSafeStorage, file);
    store.set('profile:live', 'sk-123');
    expect(store.get('profile:live')).toBe('sk-123');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('sk-123');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(createSafeStorageSecretStore(fakeSafeStorage, file).get('profile:live')).toBe('sk-123');
    store.delete('profile:live');
    expect(store.get('profile:live')).toBeNull();
  });

  it('refuses to store a secret when the OS cannot encrypt', () => {
    const store = createSafeStorageSecretStore(
      { ...fakeSafeStorage, isEncryptionAvailable: () => false },
      path.join(tempDir, 'none.json'),
    );
    expect(() => store.set('k', 'v')).toThrow(/secret storage/);
  });
});

class FakeUtilityChild extends EventEmitter implements UtilityProcessChildLike {
  pid = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  killed = false;
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }
}

describe('paper exchange as a utility process', () => {
  it('forks the built exchange with the demo account and reads its listening line', async () => {
    const child = new FakeUtilityChild();
    const forks: { modulePath: string; args: string[]; account: string | undefined }[] = [];
    const starting = startUtilityPaperExchange(
      {
        fork: (modulePath, args, options) => {
          forks.push({ modulePath, args, account: options.env.MOCK_EXCHANGE_ACCOUNT });
          return child;
        },
      },
      '/app/out/main/exchange.js',
      path.join(tempDir, 'paper-exchange'),
    );
    // utilityProcess children have no process.send: the stdout line is what arrives.
    child.stdout.write('Exchange listening on ws://127.0.0.1:40555 (logins: demo)\n');
    const exchange = await starting;
    expect(exchange).toMatchObject({ url: 'ws://127.0.0.1:40555', login: 'demo' });
    expect(forks).toEqual([
      {
        modulePath: '/app/out/main/exchange.js',
        args: ['--port', '0', '--data', path.join(tempDir, 'paper-exchange')],
        // The token travels in the environment: argv is readable by every local user.
        account: `demo:${exchange.token}`,
      },
    ]);
    await exchange.stop();
    expect(child.killed).toBe(true);
  });
});

describe('CSV save dialog', () => {
  const window = {} as BrowserWindowLike;

  it('writes the file where the user chose', async () => {
    const target = path.join(tempDir, 'fills.csv');
    const save = saveFileWithDialog(
      { showSaveDialog: async () => ({ canceled: false, filePath: target }) },
      () => window,
      tempDir,
    );
    await expect(save('fills.csv', 'a,b\n1,2\n')).resolves.toEqual({ path: target });
    expect(fs.readFileSync(target, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('proposes the file name in the default folder and reports a cancel as null', async () => {
    let proposed = '';
    const save = saveFileWithDialog(
      {
        showSaveDialog: async (_window, options) => {
          proposed = options.defaultPath;
          return { canceled: true };
        },
      },
      () => window,
      '/home/u/Downloads',
    );
    await expect(save('orders.csv', 'x')).resolves.toBeNull();
    expect(proposed).toBe(path.join('/home/u/Downloads', 'orders.csv'));
  });
});
