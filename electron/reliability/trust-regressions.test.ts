/**
 * Regressions of trust defects at the core's API level: a refused delete
 * must not act, a saved token must not follow a changed URL, and a connect
 * during start-up must not leave a second, hidden session behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus, Profile, Snapshot } from '../../shared/ipc';
import { type ExchangeHandle } from '../../mock-exchange';
import { startTestExchange } from '../../mock-exchange/testing';
import type { Core, PaperExchange } from '../core/api';
import { startCoreWithExchange, tempDir, unwrap, waitFor } from '../testing/coreTestkit';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDirFor(): string {
  const tmp = tempDir('pd-trust-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}

/** An in-process exchange (manual clock) accepting `login` with `token`. */
async function exchangeWith(login: string, token: string): Promise<ExchangeHandle> {
  const ex = await startTestExchange({
    port: 0,
    seed: 3,
    accounts: [{ login, token }],
  });
  cleanups.push(() => ex.close());
  return ex;
}

const statusOf = async (core: Core): Promise<ConnectionStatus> =>
  (unwrap(await core.invoke('getSnapshot', undefined)) as Snapshot).connection;

describe('deleteProfile', () => {
  it('refusing to delete the paper profile leaves its session connected', async () => {
    const h = await startCoreWithExchange(tempDirFor(), { autoConnectProfileId: null });
    cleanups.push(h.close);
    unwrap(await h.core.invoke('connect', { profileId: 'paper' }));
    const refused = await h.core.invoke('deleteProfile', { id: 'paper' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'id' } });
    expect(await statusOf(h.core)).toMatchObject({ state: 'connected', profileId: 'paper' });
    expect(h.exchange().controls.sessions()).toBe(1);
  });
});

describe('a saved token never follows a changed URL', () => {
  it('changing the URL without a token clears the token and sends nothing to the new address', async () => {
    const h = await startCoreWithExchange(tempDirFor(), { autoConnectProfileId: null });
    cleanups.push(h.close);
    const first = await exchangeWith('alice', 'tok-A');
    // The new address would accept the old token: only the core can keep it from going there.
    const second = await exchangeWith('alice', 'tok-A');
    const saved = unwrap(
      await h.core.invoke('saveProfile', { name: 'Desk', url: first.url, token: 'tok-A' }),
    ) as Profile;
    expect(saved.hasToken).toBe(true);
    unwrap(await h.core.invoke('connect', { profileId: saved.id }));
    unwrap(await h.core.invoke('disconnect', undefined));

    // Renaming keeps the token (same address).
    const renamed = unwrap(
      await h.core.invoke('saveProfile', { id: saved.id, name: 'Desk 2', url: first.url }),
    ) as Profile;
    expect(renamed.hasToken).toBe(true);

    const moved = unwrap(
      await h.core.invoke('saveProfile', { id: saved.id, name: 'Desk 2', url: second.url }),
    ) as Profile;
    expect(moved).toMatchObject({ url: second.url, hasToken: false });
    expect(JSON.stringify(moved)).not.toContain('tok-A');
    const refused = await h.core.invoke('connect', { profileId: saved.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'token' } });
    expect(second.controls.sessions()).toBe(0);

    // Entering the token again for the new address works.
    unwrap(
      await h.core.invoke('saveProfile', {
        id: saved.id,
        name: 'Desk 2',
        url: second.url,
        token: 'tok-A',
      }),
    );
    expect(unwrap(await h.core.invoke('connect', { profileId: saved.id }))).toMatchObject({
      state: 'connected',
    });
    expect(second.controls.sessions()).toBe(1);
  });
});

describe('one session at a time', () => {
  it('a connect while the automatic paper connect is starting leaves only the newer session', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paperHandle: ExchangeHandle | null = null;
    const remote = await exchangeWith('bob', 'tok-B');
    const h = await startCoreWithExchange(tempDirFor(), {
      // The automatic paper connect (the default) is held at its exchange's start.
      startPaperExchange: async (): Promise<PaperExchange> => {
        await gate;
        const ex = await exchangeWith('demo', 'demo-token');
        paperHandle = ex;
        return { url: ex.url, token: 'demo-token', login: 'demo', stop: async () => {} };
      },
    });
    cleanups.push(h.close);
    const profile = unwrap(
      await h.core.invoke('saveProfile', { name: 'B', url: remote.url, token: 'tok-B' }),
    ) as Profile;
    const connected = unwrap(await h.core.invoke('connect', { profileId: profile.id }));
    expect(connected).toMatchObject({ state: 'connected', profileId: profile.id });

    release();
    const paper = await waitFor(() => paperHandle ?? undefined, 'the paper exchange to start');
    // Give a resumed paper connect every chance to open its session (bounded).
    await waitFor(() => paper.controls.sessions() > 0 || undefined, 'an orphan', 1000).catch(
      () => undefined,
    );
    expect(paper.controls.sessions() + remote.controls.sessions()).toBe(1);
    expect(remote.controls.sessions()).toBe(1);
    expect(await statusOf(h.core)).toMatchObject({ state: 'connected', profileId: profile.id });

    unwrap(await h.core.invoke('disconnect', undefined));
    await waitFor(() => remote.controls.sessions() === 0, 'the remote session to close');
    expect(paper.controls.sessions()).toBe(0);
    unwrap(await h.core.invoke('deleteProfile', { id: profile.id }));
    expect(paper.controls.sessions() + remote.controls.sessions()).toBe(0);
    expect(await statusOf(h.core)).toMatchObject({ state: 'disconnected' });
  });
});
