import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../App.svelte';
import { createStubApi } from '../testing/stub-api';

afterEach(cleanup);

/** Opens Settings from its button (focused first, as a keyboard user would) and returns both. */
async function openSettings() {
  render(App, { props: { api: createStubApi() } });
  await screen.findByRole('form', { name: 'Order ticket' });
  const opener = screen.getByRole('button', { name: 'Settings' });
  opener.focus();
  await fireEvent.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  return { opener, dialog };
}

const controls = (dialog: HTMLElement) => [
  ...dialog.querySelectorAll<HTMLElement>('input, select, button'),
];
const isOpen = () => screen.queryByRole('dialog', { name: 'Settings' }) !== null;

describe('dialog focus trap', () => {
  it('moves focus inside on open and back to the opener on close', async () => {
    const { opener, dialog } = await openSettings();
    expect(document.activeElement).toBe(controls(dialog)[0]);
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(isOpen()).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('cycles Tab and Shift+Tab inside the dialog', async () => {
    const { dialog } = await openSettings();
    const [first, , , last] = controls(dialog);
    last?.focus();
    await fireEvent.keyDown(last as HTMLElement, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(first as HTMLElement, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });

  it('closes on Escape even after focus fell out of the dialog', async () => {
    const { opener } = await openSettings();
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(isOpen()).toBe(false);
    expect(document.activeElement).toBe(opener);
  });

  it('brings a lost focus back in with Tab and Shift+Tab', async () => {
    const { dialog } = await openSettings();
    const all = controls(dialog);
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(document.activeElement).toBe(all[0]);
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(document.body, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(all.at(-1));
  });

  it('pulls focus back when it reaches the page behind', async () => {
    const { dialog } = await openSettings();
    const select = dialog.querySelector('select') as HTMLSelectElement;
    select.focus();
    // The connection bar sits outside the inert layout, so only the trap keeps Tab out of it.
    screen.getByRole('button', { name: 'Profiles' }).focus();
    expect(document.activeElement).toBe(select);
  });

  it('keeps focus in the dialog when the backdrop is pressed', async () => {
    const { dialog } = await openSettings();
    const backdrop = dialog.parentElement as HTMLElement;
    // fireEvent returns false when the default (moving focus to the page) was prevented.
    expect(await fireEvent.mouseDown(backdrop)).toBe(false);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });
});
