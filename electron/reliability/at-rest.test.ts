/**
 * Tokens at rest and in the process list, as the browser host ships: the
 * real core, the file secret store and the bundled exchange as a child
 * process. No token in any child's command line, none in clear in
 * secrets.json, and the data directory and its files closed to other users.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../shared/ipc';
import { tempDir, unwrap, waitFor } from '../testing/coreTestkit';
import { startBrowserHost } from '../hosts/browser/host';
import { childPids, commandLine } from '../testing/processes';

const TOKEN = 'tok-ATREST-4c1d9e7a2b';

const tmp = tempDir('pd-at-rest-');
afterAll(() => tmp.remove());

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe('secrets and data at rest', () => {
  it('keeps tokens off command lines and out of clear text, and data files private', async () => {
    const rendererDir = path.join(tmp.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    const dataDir = path.join(tmp.dir, 'data');
    const host = await startBrowserHost({ port: 0, dataDir, rendererDir });
    try {
      const status = (): Promise<ConnectionStatus> =>
        host.core
          .invoke('getSnapshot', undefined)
          .then((r) => (unwrap(r) as { connection: ConnectionStatus }).connection);
      await waitFor(
        async () => (await status()).state === 'connected',
        'the paper connect',
        20_000,
      );
      unwrap(
        await host.core.invoke('saveProfile', {
          name: 'Remote',
          url: 'ws://127.0.0.1:9/',
          token: TOKEN,
        }),
      );

      // The paper exchange runs as a child: its token is not in its command line.
      const children = childPids(process.pid).map((pid) => ({ pid, argv: commandLine(pid) }));
      const exchange = children.find(({ argv }) => argv.some((a) => /exchange|cli\.ts/.test(a)));
      expect(exchange, JSON.stringify(children)).toBeDefined();
      expect(exchange?.argv.join(' ')).not.toMatch(/--account|demo:/);
      expect(exchange?.argv.join(' ')).toContain('--data');

      const secretsFile = path.join(dataDir, 'secrets.json');
      const secretsText = fs.readFileSync(secretsFile, 'utf8');
      expect(secretsText).not.toContain(TOKEN);
      expect(secretsText).not.toContain(Buffer.from(TOKEN).toString('base64'));
      expect(secretsText).toContain('profile-token:');

      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'paper-exchange'))).toBe(0o700);
      for (const name of ['history.db', 'history.db-wal', 'history.db-shm', 'secrets.json']) {
        expect(modeOf(path.join(dataDir, name)), name).toBe(0o600);
      }
      const keyFiles = fs.readdirSync(dataDir).filter((name) => name.endsWith('.key'));
      expect(keyFiles).toHaveLength(1);
      expect(modeOf(path.join(dataDir, keyFiles[0] ?? ''))).toBe(0o600);
    } finally {
      await host.close();
    }
    // Reopened, the store still reads its token back (the key is kept, not per launch).
    const again = await startBrowserHost({
      port: 0,
      dataDir,
      rendererDir,
      coreOptions: { autoConnectProfileId: null },
    });
    try {
      const profiles = unwrap(await again.core.invoke('listProfiles', undefined)) as Array<{
        name: string;
        hasToken: boolean;
      }>;
      expect(profiles.find((p) => p.name === 'Remote')?.hasToken).toBe(true);
    } finally {
      await again.close();
    }
  });
});
