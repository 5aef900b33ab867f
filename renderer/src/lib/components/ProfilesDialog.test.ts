import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { disconnectedStatus, type Profile } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { PAPER_PROFILE, REMOTE_PROFILE } from '../testing/fixtures';
import { createStubApi, ok, type StubApi } from '../testing/stub-api';

afterEach(cleanup);

async function openProfiles(api: StubApi) {
  render(App, { props: { api } });
  await screen.findByRole('form', { name: 'Order ticket' });
  await fireEvent.click(screen.getByRole('button', { name: 'Profiles' }));
  return within(await screen.findByRole('dialog', { name: 'Connection profiles' }));
}

const typeInto = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const sent = (api: StubApi, command: string) => api.calls.filter((c) => c.command === command);
const pickerNames = () =>
  [...screen.getByRole<HTMLSelectElement>('combobox', { name: 'Profile' }).options].map(
    (o) => o.text,
  );
/** Main's profile list after `change`: what the dialog reloads after a save or delete. */
const listAfter = (api: StubApi, change: (profiles: Profile[]) => Profile[]) =>
  api.reply('listProfiles', () => ok(change([PAPER_PROFILE, REMOTE_PROFILE])));

describe('connection profiles dialog', () => {
  it('lists the built-in paper profile first, without edit or delete', async () => {
    // Main lists profiles in any order: the dialog puts the paper one first.
    const api = createStubApi({ profiles: [REMOTE_PROFILE, PAPER_PROFILE] });
    const d = await openProfiles(api);
    const rows = within(d.getByRole('list', { name: 'Profiles' })).getAllByRole('listitem');
    expect(rows[0]?.textContent).toContain('Paper (offline)');
    expect(rows[0]?.textContent).toContain('built-in');
    expect(d.queryByRole('button', { name: 'Delete Paper (offline)' })).toBeNull();
    expect(d.queryByRole('button', { name: 'Edit Paper (offline)' })).toBeNull();
    expect(d.getByRole('button', { name: 'Delete Demo broker' })).toBeTruthy();
  });

  it('adds a profile and updates the picker', async () => {
    const api = createStubApi();
    const added: Profile = {
      id: 'profile-1',
      name: 'Broker B',
      kind: 'remote',
      url: 'wss://b.example.com/ws',
      login: 'B-7',
      hasToken: true,
    };
    api.reply('saveProfile', () => {
      listAfter(api, (profiles) => [...profiles, added]);
      return ok(added);
    });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Add profile…' }));
    await typeInto(d.getByLabelText('Name'), '  Broker B ');
    await typeInto(d.getByLabelText('URL'), 'wss://b.example.com/ws');
    await typeInto(d.getByLabelText('Login (optional)'), 'B-7');
    await typeInto(d.getByLabelText('Token'), 's3cret');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));
    await waitFor(() => expect(pickerNames()).toContain('Broker B'));
    expect(sent(api, 'saveProfile').map((c) => c.input)).toEqual([
      { name: 'Broker B', url: 'wss://b.example.com/ws', login: 'B-7', token: 's3cret' },
    ]);
    expect(pickerNames()[0]).toBe('Paper (offline)');
    const row = d.getByText('Broker B').closest('li') as HTMLElement;
    expect(row.textContent).toContain('token stored');
    expect(row.textContent).not.toContain('s3cret');
  });

  it('shows inline errors and sends nothing when invalid', async () => {
    const api = createStubApi();
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Add profile…' }));
    await typeInto(d.getByLabelText('URL'), 'https://x.example.com');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));
    expect(d.getByText('Name is required')).toBeTruthy();
    expect(d.getByText('URL must start with ws:// or wss://')).toBeTruthy();
    expect(d.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(d.getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
    expect(sent(api, 'saveProfile')).toHaveLength(0);
  });

  it('shows the core error verbatim', async () => {
    const api = createStubApi();
    api.reply('saveProfile', () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'url', message: 'url: host not allowed' },
    }));
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Add profile…' }));
    await typeInto(d.getByLabelText('Name'), 'X');
    await typeInto(d.getByLabelText('URL'), 'ws://x');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));
    expect((await d.findByRole('alert')).textContent).toBe('url: host not allowed');
  });

  it('edits a profile, keeping the stored token when the field is empty', async () => {
    const api = createStubApi();
    api.reply('saveProfile', (input) => {
      const saved = { ...REMOTE_PROFILE, name: input.name };
      listAfter(api, (profiles) => profiles.map((p) => (p.id === saved.id ? saved : p)));
      return ok(saved);
    });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Edit Demo broker' }));
    const token = d.getByLabelText<HTMLInputElement>('Token');
    expect(token.value).toBe('');
    expect(d.getByText('leave empty to keep the stored token')).toBeTruthy();
    expect(d.getByLabelText<HTMLInputElement>('URL').value).toBe('wss://demo.example.com/ws');
    await typeInto(d.getByLabelText('Name'), 'Demo broker 2');
    await fireEvent.click(d.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(pickerNames()).toContain('Demo broker 2'));
    const input = sent(api, 'saveProfile')[0]?.input as Record<string, unknown>;
    expect(input).toEqual({
      id: 'demo-live',
      name: 'Demo broker 2',
      url: 'wss://demo.example.com/ws',
      login: 'DEMO-1',
    });
    expect('token' in input).toBe(false);
    const row = d.getByText('Demo broker 2').closest('li') as HTMLElement;
    expect(row.textContent).toContain('token stored');
  });

  it('deletes a remote profile only after confirmation', async () => {
    const api = createStubApi();
    api.reply('deleteProfile', () => {
      listAfter(api, (profiles) => profiles.filter((p) => p.id !== REMOTE_PROFILE.id));
      return ok(null);
    });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Delete Demo broker' }));
    const confirm = within(d.getByRole('group', { name: 'Confirm delete' }));
    expect(sent(api, 'deleteProfile')).toHaveLength(0);
    await fireEvent.click(confirm.getByRole('button', { name: 'Keep profile' }));
    expect(sent(api, 'deleteProfile')).toHaveLength(0);
    expect(pickerNames()).toContain('Demo broker');

    await fireEvent.click(d.getByRole('button', { name: 'Delete Demo broker' }));
    await fireEvent.click(d.getByRole('button', { name: 'Delete profile' }));
    await waitFor(() => expect(pickerNames()).toEqual(['Paper (offline)']));
    expect(sent(api, 'deleteProfile').map((c) => c.input)).toEqual([{ id: 'demo-live' }]);
    await waitFor(() => expect(d.queryByText('Demo broker')).toBeNull());
    expect(d.getByRole('status').textContent).toContain('Deleted profile');
  });

  it('connects to a profile and closes; Esc closes', async () => {
    const api = createStubApi({ connection: disconnectedStatus() });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Connect to Demo broker' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Connection profiles' })).toBeNull(),
    );
    expect(sent(api, 'connect').map((c) => c.input)).toEqual([{ profileId: 'demo-live' }]);

    await fireEvent.click(screen.getByRole('button', { name: 'Profiles' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connection profiles' });
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Connection profiles' })).toBeNull();
  });
});
