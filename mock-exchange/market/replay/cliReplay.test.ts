/** `npm run exchange -- --replay FILE --speed N`: the options it makes, and the process steered over IPC. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../server/cliArgs';
import { tempDir } from '../../testing/files';
import { ReplayControlAnswer } from './controlMessage';
import { plainCsv, seededCandles, writeCsv } from './testing/candleCsv';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('replay on the command line', () => {
  it('--replay FILE --speed N asks for a replay at that speed', () => {
    const parsed = parseCliArgs(['--replay', 'BTCUSDT-1m-2024-01-02.csv', '--speed', '60']);
    expect(parsed.ok && parsed.command.kind === 'run' && parsed.command.options.replay).toEqual({
      file: 'BTCUSDT-1m-2024-01-02.csv',
      speed: 60,
    });
  });

  it('refuses a speed outside 1-500 and a speed without a file', () => {
    expect(parseCliArgs(['--replay', 'a.csv', '--speed', '501']).ok).toBe(false);
    expect(parseCliArgs(['--replay', 'a.csv', '--speed', '0']).ok).toBe(false);
    expect(parseCliArgs(['--speed', '5'])).toEqual({
      ok: false,
      error: '--speed and --replay-symbol need --replay <file>',
    });
  });

  it('runs alone, announces the replay and answers controls from its parent', async () => {
    const { dir, remove } = tempDir('replay-cli-');
    cleanups.push(remove);
    const file = writeCsv(dir, 'EURUSD.csv', plainCsv(seededCandles(Date.UTC(2024, 0, 2), 600)));
    const child = fork(path.join(__dirname, '../../cli.ts'), ['--replay', file, '--speed', '1'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const messages: unknown[] = [];
    const next = (): Promise<unknown> =>
      new Promise((resolve) => child.once('message', (m) => resolve(m)));
    child.on('message', (m) => messages.push(m));
    await next(); // listening
    expect(out).toContain(
      'Replay EURUSD from 2024-01-02T00:00:00.000Z to 2024-01-02T10:00:00.000Z at 1x',
    );
    child.send({ type: 'replay', action: 'pause' });
    const paused = ReplayControlAnswer.parse(await next());
    expect('status' in paused && paused.status.playing).toBe(false);
    child.send({ type: 'replay', action: 'jump', time: '2024-01-02T03:00:00.000Z' });
    const jumped = ReplayControlAnswer.parse(await next());
    expect('status' in jumped && jumped.status.time).toBe('2024-01-02T03:00:00.000Z');
    child.send({ type: 'replay', action: 'jump', time: '2024-01-02T01:00:00.000Z' });
    const refused = ReplayControlAnswer.parse(await next());
    expect('error' in refused && refused.error).toMatch(/never goes backwards/);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
