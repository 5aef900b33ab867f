/** The core's profile rules, as the renderer's profile dialog relies on them. */
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDb } from '../db';
import { memorySecrets, tempDir } from '../testing/coreTestkit';
import { PAPER_PROFILE_ID, Profiles } from './profiles';

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
