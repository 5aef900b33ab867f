/** The core's profile rules, as the renderer's profile dialog relies on them. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from '../db';
import { seededFills, seededOrders } from '../db/testing/historyRows';
import { memorySecrets, tempDir } from '../testing/coreTestkit';
import { PAPER_PROFILE_ID, Profiles } from './profiles';
import { ReplaySessions } from './replaySessions';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function profiles(): Profiles {
  const dir = tempDir('pd-profiles-');
  const db = new HistoryDb(dir.dir);
  cleanups.push(dir.remove, () => db.close());
  return new Profiles(db, memorySecrets(), () => 1_700_000_000_000);
}

describe('Profiles', () => {
  it('refuses to change or delete the built-in paper profile', () => {
    const book = profiles();
    expect(book.delete(PAPER_PROFILE_ID)).toMatchObject({
      ok: false,
      error: { message: 'id: the paper profile cannot be deleted' },
    });
    expect(book.save({ id: PAPER_PROFILE_ID, name: 'x', url: 'ws://x' })).toMatchObject({
      ok: false,
      error: { message: 'id: the paper profile cannot be changed' },
    });
    expect(book.list()[0]).toMatchObject({ id: PAPER_PROFILE_ID, kind: 'paper' });
  });

  it('refuses a second profile of the same name, the paper one included, whatever the case', () => {
    const book = profiles();
    const first = book.save({ name: 'Live A', url: 'ws://127.0.0.1:9', token: 't' });
    expect(first.ok).toBe(true);
    for (const name of ['Live A', ' live a ', 'Paper (offline)']) {
      expect(book.save({ name, url: 'ws://127.0.0.1:9', token: 't' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'name' },
      });
    }
    expect(book.save({ name: 'paper (OFFLINE)', url: 'ws://x' })).toMatchObject({
      ok: false,
      error: { message: 'name: a profile named "Paper (offline)" already exists' },
    });
    // Saving a profile under its own name (an edit) is fine.
    if (first.ok)
      expect(book.save({ id: first.value.id, name: 'Live A', url: 'ws://127.0.0.1:9' }).ok).toBe(
        true,
      );
    expect(book.list().filter((p) => p.name === 'Live A')).toHaveLength(1);
  });

  it('keeps the stored token when a save leaves the token out', () => {
    const book = profiles();
    const created = book.save({
      name: 'Demo broker',
      url: 'wss://demo.example.com/ws',
      token: 't',
    });
    if (!created.ok) throw new Error(created.error.message);
    const edited = book.save({
      id: created.value.id,
      name: 'Demo broker 2',
      url: created.value.url,
    });
    expect(edited).toMatchObject({ ok: true, value: { name: 'Demo broker 2', hasToken: true } });
    expect(book.get(created.value.id)?.hasToken).toBe(true);
  });
});

describe('Profiles: replay sessions', () => {
  function withReplays() {
    const dir = tempDir('pd-profiles-');
    const db = new HistoryDb(dir.dir);
    cleanups.push(dir.remove, () => db.close());
    const sessions = new ReplaySessions(dir.dir, () => undefined);
    const released: string[] = [];
    const book = new Profiles(db, memorySecrets(), () => 1_700_000_000_000, {
      sessions,
      release: (id) => {
        released.push(id);
        return Promise.resolve();
      },
    });
    return { book, db, sessions, released, dir: dir.dir };
  }
  const session = {
    id: 'EURUSD-2024-01-02-a',
    name: 'Replay EURUSD 2024-01-02 00:00',
    symbol: 'EURUSD',
    first: '2024-01-02T00:00:00.000Z',
    end: '2024-01-02T03:00:00.000Z',
    candles: 180,
    fileName: 'EURUSD.csv',
    speed: 60,
    createdAt: 1,
  };

  it('lists a session after the user profiles, with where its exchange stopped', () => {
    const { book, sessions } = withReplays();
    const profile = book.addReplay(session);
    expect(profile).toMatchObject({ id: 'replay:EURUSD-2024-01-02-a', kind: 'paper' });
    expect(book.get(profile.id)?.replay).toMatchObject({ time: null, ended: false });
    const saved = path.join(sessions.exchangeDir(session.id), 'replay');
    fs.mkdirSync(saved, { recursive: true });
    fs.writeFileSync(
      path.join(saved, 'position.json'),
      JSON.stringify({
        symbol: 'EURUSD',
        first: session.first,
        end: session.end,
        time: session.end,
      }),
    );
    expect(book.list().map((p) => p.id)).toEqual([PAPER_PROFILE_ID, profile.id]);
    expect(book.get(profile.id)?.replay).toMatchObject({ time: session.end, ended: true });
  });

  it('deleting a session releases it first, then removes its history and its listing; others keep theirs', async () => {
    const { book, db, released } = withReplays();
    const profile = book.addReplay(session);
    const history = {
      orders: seededOrders(3, 1_000),
      fills: seededFills(4, 1_000),
      removedFillIds: [],
      audit: [],
    };
    db.write(profile.id, history);
    db.write(PAPER_PROFILE_ID, history);
    expect(book.refuseDelete('replay:nope')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await book.delete(profile.id)).toEqual({ ok: true, value: null });
    expect(released).toEqual([profile.id]);
    expect(book.get(profile.id)).toBeNull();
    expect(db.queryFills(profile.id, {})).toEqual([]);
    expect(db.queryOrders(profile.id, {})).toEqual([]);
    expect(db.queryFills(PAPER_PROFILE_ID, {})).toHaveLength(4);
  });
});
