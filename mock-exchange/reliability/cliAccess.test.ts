/**
 * Who may use the standalone exchange (`npm run exchange`): without
 * --account its default account gets a fresh random token, printed at
 * start, never the documented `demo`; a given account (flag or environment)
 * gets none; browser Origins are refused unless --allow-origin names them.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ENV } from '../server/cliArgs';
import { killAllClis, startCli, type CliExchange } from './cliProcess';
import { upgradeStatus } from './wsClient';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN_LINE = /token: (\S+)/;
const clis: CliExchange[] = [];
afterAll(async () => {
  await Promise.all(clis.map((cli) => cli.stop()));
  killAllClis();
});

async function start(args: string[]): Promise<CliExchange> {
  const cli = await startCli(['--port', '0', '--no-chart-api', ...args]);
  clis.push(cli);
  return cli;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('the standalone exchange', () => {
  it('without --account gets a random token for its default account, printed at start', async () => {
    const [one, two] = await Promise.all([start([]), start([])]);
    const token = TOKEN_LINE.exec(one!.output())?.[1];
    const other = TOKEN_LINE.exec(two!.output())?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(other).not.toBe(token);
    expect(one!.logins).toEqual(['demo']);
    // The token line comes before the listening line, so whoever waits for that has both.
    expect(one!.output().indexOf('token:')).toBeLessThan(one!.output().indexOf('listening'));
    expect(await upgradeStatus(one!.url, bearer('demo'))).toBe(401);
    expect(await upgradeStatus(one!.url, bearer(token!))).toBe(101);
  });

  it('with an account from the flag or the environment prints no token and takes that one', async () => {
    const flagged = await start(['--account', 'alice:given-token']);
    expect(flagged.output()).not.toMatch(TOKEN_LINE);
    expect(flagged.output()).not.toContain('given-token');
    expect(await upgradeStatus(flagged.url, bearer('given-token'))).toBe(101);

    process.env[ACCOUNT_ENV] = 'demo:env-token';
    let fromEnv: CliExchange;
    try {
      fromEnv = await start([]);
    } finally {
      delete process.env[ACCOUNT_ENV];
    }
    expect(fromEnv.output()).not.toMatch(TOKEN_LINE);
    expect(await upgradeStatus(fromEnv.url, bearer('env-token'))).toBe(101);
    expect(await upgradeStatus(fromEnv.url, bearer('demo'))).toBe(401);
  });

  it('refuses browser Origins (403) unless --allow-origin names them', async () => {
    const cli = await start([
      ...['--account', 'demo:t', '--allow-origin', 'http://localhost:5173'],
      ...['--allow-origin', 'https://desk.example'],
    ]);
    const withOrigin = (origin: string) => ({ ...bearer('t'), Origin: origin });
    expect(await upgradeStatus(cli.url, withOrigin('http://localhost:5173'))).toBe(101);
    expect(await upgradeStatus(cli.url, withOrigin('https://desk.example'))).toBe(101);
    expect(await upgradeStatus(cli.url, withOrigin('https://evil.example'))).toBe(403);
    expect(await upgradeStatus(cli.url, bearer('t'))).toBe(101);
  });

  it('exits 2 on an --allow-origin that is not an origin', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'mock-exchange/cli.ts', '--allow-origin', 'localhost:5173'],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--allow-origin/);
  });
});
