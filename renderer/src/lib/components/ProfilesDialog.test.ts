import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { disconnectedStatus, type Profile } from '../../../../shared/ipc';
import App from '../../App.svelte';
import { DEFAULT_INSTRUMENTS } from '../../../../shared/domain';
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
      revision: 'auto',
      chartUrl: null,
      instruments: [],
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
    // A new profile speaks auto-detect, has no Chart API and starts from the common instruments.
    expect(sent(api, 'saveProfile').map((c) => c.input)).toEqual([
      {
        name: 'Broker B',
        url: 'wss://b.example.com/ws',
        login: 'B-7',
        token: 's3cret',
        revision: 'auto',
        chartUrl: null,
        instruments: DEFAULT_INSTRUMENTS,
      },
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
      revision: 'auto',
      chartUrl: null,
      instruments: [],
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

  it('sets the protocol, Chart API and instrument list of a new profile', async () => {
    const api = createStubApi();
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Add profile…' }));
    await typeInto(d.getByLabelText('Name'), 'Venue');
    await typeInto(d.getByLabelText('URL'), 'wss://venue.example.com/ws');
    const protocol = d.getByLabelText<HTMLSelectElement>('Protocol');
    expect([...protocol.options].map((o) => o.text)).toEqual([
      'Auto-detect (default)',
      'Ours (extended)',
      'First public revision',
      'Current venue revision',
    ]);
    expect(protocol.value).toBe('auto');
    const help = () => document.getElementById('pf-hint-revision')?.textContent ?? '';
    expect(help()).toContain('Finds out on connect');
    await fireEvent.change(protocol, { target: { value: 'current' } });
    expect(help()).toContain("The venue's newest");
    await typeInto(d.getByLabelText('Chart API URL (optional)'), ' https://chart.example.com/api ');

    const list = within(d.getByRole('group', { name: 'Instruments' }));
    expect(list.getByText(/used when the exchange does not list its instruments/)).toBeTruthy();
    expect(
      list.getAllByLabelText(/^Symbol, row/).map((i) => (i as HTMLInputElement).value),
    ).toEqual(DEFAULT_INSTRUMENTS.map((i) => i.symbol));
    await fireEvent.click(list.getByRole('button', { name: /Remove row 2 \(GBPUSD\)/ }));
    await fireEvent.click(list.getByRole('button', { name: 'Add instrument' }));
    const row = DEFAULT_INSTRUMENTS.length;
    await waitFor(() =>
      expect(document.activeElement).toBe(list.getByLabelText(`Symbol, row ${row}`)),
    );
    const fill = async (label: string, value: string) =>
      typeInto(list.getByLabelText(`${label}, row ${row}`), value);
    await fill('Symbol', 'XAUUSD');
    await fill('Tick size', '0.01');
    await fill('Lot step', '0.01');
    await fill('Minimum quantity', '0.01');
    await fill('Price precision', '2');
    await fill('Quantity precision', '2');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));

    await waitFor(() => expect(sent(api, 'saveProfile')).toHaveLength(1));
    expect(sent(api, 'saveProfile')[0]?.input).toMatchObject({
      revision: 'current',
      chartUrl: 'https://chart.example.com/api',
      instruments: [
        ...DEFAULT_INSTRUMENTS.filter((i) => i.symbol !== 'GBPUSD'),
        {
          symbol: 'XAUUSD',
          tickSize: 0.01,
          stepSize: 0.01,
          minQty: 0.01,
          pricePrecision: 2,
          qtyPrecision: 2,
        },
      ],
    });
  });

  it('shows Chart API and instrument errors inline and sends nothing', async () => {
    const api = createStubApi();
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: 'Add profile…' }));
    await typeInto(d.getByLabelText('Name'), 'Venue');
    await typeInto(d.getByLabelText('URL'), 'wss://venue.example.com/ws');
    const chart = d.getByLabelText('Chart API URL (optional)');
    await typeInto(chart, 'wss://chart.example.com');
    const list = within(d.getByRole('group', { name: 'Instruments' }));
    await typeInto(list.getByLabelText('Tick size, row 1'), '0');
    await typeInto(list.getByLabelText('Price precision, row 2'), '3');
    await typeInto(list.getByLabelText('Symbol, row 3'), 'EURUSD');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));

    expect(d.getByText('Chart API URL must start with http:// or https://')).toBeTruthy();
    expect(chart.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(chart));
    expect(d.getByText('Row 1: Tick size must be positive')).toBeTruthy();
    expect(
      d.getByText('Row 2: Price precision must be at least 5 for tick size 0.00001'),
    ).toBeTruthy();
    expect(d.getByText('Row 3: EURUSD is listed twice')).toBeTruthy();
    const tick = list.getByLabelText('Tick size, row 1');
    expect(tick.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(tick.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toContain('Tick size must be positive');
    expect(sent(api, 'saveProfile')).toHaveLength(0);

    // With the Chart API fixed, focus goes to the first invalid instrument field.
    await typeInto(chart, '');
    await fireEvent.click(d.getByRole('button', { name: 'Add profile' }));
    await waitFor(() => expect(document.activeElement).toBe(tick));
    expect(sent(api, 'saveProfile')).toHaveLength(0);
  });

  it("edits a profile's stored protocol, Chart API and instruments", async () => {
    const stored = {
      ...REMOTE_PROFILE,
      revision: 'first' as const,
      chartUrl: 'https://chart.demo.example.com',
      instruments: [DEFAULT_INSTRUMENTS[0]!],
    };
    const api = createStubApi({ profiles: [PAPER_PROFILE, stored] });
    const d = await openProfiles(api);
    expect(d.getByText('Demo broker').closest('li')?.textContent).toContain('protocol first');
    await fireEvent.click(d.getByRole('button', { name: 'Edit Demo broker' }));
    expect(d.getByLabelText<HTMLSelectElement>('Protocol').value).toBe('first');
    expect(d.getByLabelText<HTMLInputElement>('Chart API URL (optional)').value).toBe(
      'https://chart.demo.example.com',
    );
    const list = within(d.getByRole('group', { name: 'Instruments' }));
    await fireEvent.click(list.getByRole('button', { name: 'Remove row 1 (EURUSD)' }));
    // The last row gone, focus stays in the list.
    await waitFor(() =>
      expect(document.activeElement).toBe(list.getByRole('button', { name: 'Add instrument' })),
    );
    expect(list.getByText('No instruments: the common defaults are used.')).toBeTruthy();
    await typeInto(d.getByLabelText('Chart API URL (optional)'), '');
    await fireEvent.click(d.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(sent(api, 'saveProfile')).toHaveLength(1));
    expect(sent(api, 'saveProfile')[0]?.input).toMatchObject({
      id: 'demo-live',
      revision: 'first',
      chartUrl: null,
      instruments: [],
    });
  });
});

describe('replay sessions in the profiles dialog', () => {
  const SESSION: Profile = {
    ...PAPER_PROFILE,
    id: 'replay:EURUSD-2024-01-02-abc',
    name: 'Replay EURUSD 2024-01-02 00:00',
    replay: {
      symbol: 'EURUSD',
      first: '2024-01-02T00:00:00.000Z',
      end: '2024-01-02T03:00:00.000Z',
      candles: 180,
      file: 'EURUSD.csv',
      time: '2024-01-02T01:40:30.000Z',
      ended: false,
      createdAt: 2,
    },
  };
  const OLDER: Profile = {
    ...SESSION,
    id: 'replay:BTCUSDT-2024-03-01-xyz',
    name: 'Replay BTCUSDT 2024-03-01 00:00',
    replay: { ...SESSION.replay!, symbol: 'BTCUSDT', time: null, createdAt: 1 },
  };

  it('lists sessions apart, newest first, with their instrument, range and where they stopped', async () => {
    const api = createStubApi({ profiles: [PAPER_PROFILE, REMOTE_PROFILE, OLDER, SESSION] });
    const d = await openProfiles(api);
    const profiles = within(d.getByRole('list', { name: 'Profiles' })).getAllByRole('listitem');
    expect(profiles.map((r) => r.textContent)).not.toContainEqual(
      expect.stringContaining('Replay'),
    );
    const rows = within(d.getByRole('list', { name: 'Replay sessions' })).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const first = rows[0]!.textContent!.replace(/\s+/g, ' ');
    expect(first).toContain('Replay EURUSD 2024-01-02 00:00');
    expect(first).toContain('EURUSD · 2024-01-02 00:00 to 2024-01-02 03:00:00 UTC · 180 candles');
    expect(first).toContain('stopped at 2024-01-02 01:40:30 UTC');
    expect(rows[1]!.textContent).toContain('not played yet');
    // The picker groups them after the connection profiles.
    const group = screen.getByRole('group', { name: 'Replay sessions' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([SESSION.name, OLDER.name]);
  });

  it('reopens a session from the list (switching the connection) and closes', async () => {
    const api = createStubApi({ profiles: [PAPER_PROFILE, SESSION] });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: `Open ${SESSION.name}` }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Connection profiles' })).toBeNull(),
    );
    expect(sent(api, 'connect').map((c) => c.input)).toEqual([{ profileId: SESSION.id }]);
  });

  it('deletes a session only after a confirmation that says what goes', async () => {
    const api = createStubApi({ profiles: [PAPER_PROFILE, SESSION] });
    api.reply('deleteProfile', () => {
      api.reply('listProfiles', () => ok([PAPER_PROFILE]));
      return ok(null);
    });
    const d = await openProfiles(api);
    await fireEvent.click(d.getByRole('button', { name: `Delete ${SESSION.name}` }));
    const confirm = within(d.getByRole('group', { name: 'Confirm delete' }));
    expect(
      d.getByRole('group', { name: 'Confirm delete' }).textContent?.replace(/\s+/g, ' '),
    ).toContain('its orders, fills and review history are removed for good');
    await fireEvent.click(confirm.getByRole('button', { name: 'Keep session' }));
    expect(sent(api, 'deleteProfile')).toHaveLength(0);
    await fireEvent.click(d.getByRole('button', { name: `Delete ${SESSION.name}` }));
    await fireEvent.click(d.getByRole('button', { name: 'Delete session' }));
    await waitFor(() => expect(d.queryByRole('list', { name: 'Replay sessions' })).toBeNull());
    expect(sent(api, 'deleteProfile').map((c) => c.input)).toEqual([{ id: SESSION.id }]);
    expect((await d.findByRole('status')).textContent).toContain('Deleted replay session');
  });
});
