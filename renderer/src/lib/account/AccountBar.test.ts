/** The Account… form: a starting balance is read, never guessed; refusals stay readable. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi, type StubApi } from '../testing/stub-api';

afterEach(cleanup);

const sent = (api: StubApi, command: string) =>
  api.calls.filter((c) => c.command === command).map((c) => c.input);

async function openForm(api: StubApi) {
  render(App, { props: { api } });
  await fireEvent.click(await screen.findByRole('button', { name: 'Account…' }));
  return within(await screen.findByRole('form', { name: 'Account settings' }));
}

describe('account settings form', () => {
  it('refuses an empty, unreadable or non-positive starting balance, saying why, and saves nothing', async () => {
    const api = createStubApi();
    const form = await openForm(api);
    const balance = form.getByLabelText('Starting balance');
    for (const [typed, why] of [
      ['', 'Enter a starting balance'],
      ['abc', 'Starting balance is not a number'],
      ['0', 'Starting balance must be positive'],
      ['-5000', 'Starting balance must be positive'],
    ] as const) {
      await fireEvent.input(balance, { target: { value: typed } });
      await fireEvent.click(form.getByRole('button', { name: 'Save' }));
      expect(form.getByRole('alert').textContent).toBe(why);
    }
    await fireEvent.input(balance, { target: { value: '100,000' } });
    await fireEvent.click(form.getByRole('button', { name: 'Save' }));
    // A comma could be either separator: the two readings are spelled out, none is guessed.
    expect(form.getByRole('alert').textContent).toMatch(/100\.000.*100000/);
    expect(sent(api, 'saveAccountSettings')).toEqual([]);
    expect(screen.getByRole('form', { name: 'Account settings' })).toBeTruthy();
  });

  it("keeps main's refusal on screen through the next refresh of the figures", async () => {
    const api = createStubApi();
    api.reply('saveAccountSettings', () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'currency', message: 'Unknown currency XYZ' },
    }));
    const form = await openForm(api);
    await fireEvent.input(form.getByLabelText('Currency'), { target: { value: 'XYZ' } });
    await fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(form.getByRole('alert').textContent).toBe('Unknown currency XYZ'));
    // A quote moves the figures: the account asks main again, and the refusal stays.
    api.emit({ quotes: [[]] });
    await new Promise((r) => setTimeout(r, 1200));
    expect(form.getByRole('alert').textContent).toBe('Unknown currency XYZ');
  });
});
