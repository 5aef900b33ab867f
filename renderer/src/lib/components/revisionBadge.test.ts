import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../App.svelte';
import { CURRENT_FEATURES, REMOTE_PROFILE, connectedTo } from '../testing/fixtures';
import { createStubApi } from '../testing/stub-api';

afterEach(cleanup);

describe('connection bar revision badge', () => {
  it('shows the revision the app speaks, with how it was decided as its tooltip', async () => {
    const connection = { ...connectedTo(REMOTE_PROFILE), features: CURRENT_FEATURES };
    render(App, { props: { api: createStubApi({ connection }) } });
    const status = await screen.findByRole('status', { name: 'Connection' });
    await waitFor(() => expect(status.textContent).toContain('current'));
    const badge = [...status.querySelectorAll('span')].find((s) => s.textContent === 'current');
    expect(badge?.getAttribute('title')).toBe('current — detected: error replies name the event');
  });

  it('shows no badge while the revision is not known', async () => {
    const api = createStubApi();
    render(App, { props: { api } });
    const status = await screen.findByRole('status', { name: 'Connection' });
    await waitFor(() => expect(status.textContent).toContain('Connected'));
    // The profile name has a tooltip (it may be cut short); no revision badge is there.
    expect(status.querySelector('.revision')).toBeNull();
    expect(status.textContent).not.toMatch(/\b(first|current|extended)\b/);
  });
});
