import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi } from '../testing/stub-api';

afterEach(cleanup);

describe('help dialog', () => {
  it("names the chart library's maker with its notice and a link to its page", async () => {
    render(App, { props: { api: createStubApi() } });
    await screen.findByRole('form', { name: 'Order ticket' });
    await fireEvent.click(screen.getByRole('button', { name: 'Shortcuts ?' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const about = within(dialog).getByRole('region', { name: 'About Paper Desk' });
    expect(about.textContent).toContain(
      'TradingView Lightweight Charts™, Copyright (c) 2023 TradingView, Inc.',
    );
    const link = within(about).getByRole('link', { name: 'https://www.tradingview.com/' });
    expect(link.getAttribute('href')).toBe('https://www.tradingview.com/');
    // A new window, which the desktop app hands to the system browser (never opened inside).
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });
});
