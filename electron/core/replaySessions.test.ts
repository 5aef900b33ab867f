/** The replay sessions' index: kept across restarts, damage reported and set aside, a delete removes the folder. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/coreTestkit';
import { ReplaySessions, type ReplaySessionRecord } from './replaySessions';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function folder(): string {
  const { dir, remove } = tempDir('replay-index-');
  cleanups.push(remove);
  return dir;
}

function record(id: string, createdAt: number): ReplaySessionRecord {
  return {
    id,
    name: `Replay ${id}`,
    symbol: 'EURUSD',
    first: '2024-01-02T00:00:00.000Z',
    end: '2024-01-02T03:00:00.000Z',
    candles: 180,
    fileName: 'EURUSD.csv',
    speed: 60,
    createdAt,
  };
}

const indexFile = (dir: string): string => path.join(dir, 'replay', 'sessions.json');

describe('ReplaySessions', () => {
  it('keeps sessions across a restart, newest first, in a 0600 file', () => {
    const dir = folder();
    const reports: string[] = [];
    const first = new ReplaySessions(dir, (m) => reports.push(m));
    first.add(record('EURUSD-2024-01-02-a', 1));
    first.add(record('EURUSD-2024-01-02-b', 2));
    const second = new ReplaySessions(dir, (m) => reports.push(m));
    expect(second.list().map((s) => s.id)).toEqual(['EURUSD-2024-01-02-b', 'EURUSD-2024-01-02-a']);
    expect(second.get('EURUSD-2024-01-02-a')).toEqual(record('EURUSD-2024-01-02-a', 1));
    expect(fs.statSync(indexFile(dir)).mode & 0o777).toBe(0o600);
    expect(reports).toEqual([]);
  });

  it('reports a file that is not JSON, keeps it aside and starts empty', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'replay'));
    fs.writeFileSync(indexFile(dir), '{"version": 1, "sessi');
    const reports: string[] = [];
    const sessions = new ReplaySessions(dir, (m) => reports.push(m));
    expect(sessions.list()).toEqual([]);
    expect(reports).toEqual([
      'The list of replay sessions could not be read: it is not JSON (kept as sessions.corrupt.json). 0 sessions kept.',
    ]);
    expect(fs.readFileSync(path.join(dir, 'replay', 'sessions.corrupt.json'), 'utf8')).toBe(
      '{"version": 1, "sessi',
    );
    // The app goes on: a new session is kept as usual.
    sessions.add(record('EURUSD-2024-01-02-c', 3));
    expect(new ReplaySessions(dir, () => undefined).list()).toHaveLength(1);
  });

  it('drops damaged entries (a path in the id, a missing field) and keeps the good ones', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'replay'));
    const good = record('EURUSD-2024-01-02-a', 1);
    fs.writeFileSync(
      indexFile(dir),
      JSON.stringify({
        version: 1,
        sessions: [good, { ...good, id: '../../outside' }, { id: 'x' }, good],
      }),
    );
    const reports: string[] = [];
    const sessions = new ReplaySessions(dir, (m) => reports.push(m));
    expect(sessions.list()).toEqual([good]);
    expect(reports[0]).toMatch(
      /^The list of replay sessions could not be read: 3 entries are damaged/,
    );
  });

  it('delete removes the session from the index and its folder from the disk, and only it', () => {
    const dir = folder();
    const sessions = new ReplaySessions(dir, () => undefined);
    sessions.add(record('EURUSD-2024-01-02-a', 1));
    sessions.add(record('EURUSD-2024-01-02-b', 2));
    for (const id of ['EURUSD-2024-01-02-a', 'EURUSD-2024-01-02-b']) {
      fs.mkdirSync(sessions.exchangeDir(id), { recursive: true });
      fs.writeFileSync(path.join(sessions.folder(id), 'EURUSD.csv'), 'data');
    }
    sessions.remove('EURUSD-2024-01-02-a');
    expect(fs.existsSync(sessions.folder('EURUSD-2024-01-02-a'))).toBe(false);
    expect(fs.existsSync(sessions.folder('EURUSD-2024-01-02-b'))).toBe(true);
    expect(new ReplaySessions(dir, () => undefined).list().map((s) => s.id)).toEqual([
      'EURUSD-2024-01-02-b',
    ]);
  });

  it('refuses ids that would name a folder outside its own', () => {
    const sessions = new ReplaySessions(folder(), () => undefined);
    expect(() => sessions.add(record('..', 1))).toThrow();
    expect(() => sessions.add(record('a/../../b', 1))).toThrow();
    expect(() => sessions.folder('../x')).toThrow();
  });
});
