// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showIn } from '$lib/i18n.svelte';
import ConfirmDialog from './ConfirmDialog.svelte';
import './dialog.test-support';

afterEach(() => {
  showIn('en');
  document.body.innerHTML = '';
});

const body = createRawSnippet(() => ({
  render: () => '<div><p>This permanently deletes Support EU.</p><a href="#help">What goes with it</a></div>',
}));

function props(overrides: Record<string, unknown> = {}) {
  return {
    open: false,
    title: 'Delete messaging account?',
    confirmLabel: 'Delete',
    confirmId: 'confirm-delete',
    cancelId: 'cancel-delete',
    onconfirm: vi.fn(),
    oncancel: vi.fn(),
    children: body,
    ...overrides,
  };
}

/** Opens the dialog from a button, as a page does, and returns that button. */
async function openFromButton(overrides: Record<string, unknown> = {}) {
  const opener = document.createElement('button');
  opener.textContent = 'Delete…';
  document.body.append(opener);
  opener.focus();
  const view = render(ConfirmDialog, { props: props(overrides) });
  await view.rerender({ open: true });
  await tick();
  await tick();
  return { opener, view };
}

describe('ConfirmDialog', () => {
  it('is named by its title and described by its body', async () => {
    await openFromButton();
    const dialog = screen.getByRole('dialog', { name: 'Delete messaging account?' });
    expect(dialog).toHaveProperty('open', true);
    const description = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toContain('This permanently deletes Support EU.');
  });

  it('puts focus on the safe choice when it opens', async () => {
    await openFromButton();
    expect(document.activeElement?.id).toBe('cancel-delete');
  });

  it('keeps Tab and Shift+Tab inside while open', async () => {
    await openFromButton();
    const dialog = screen.getByRole('dialog');
    const link = screen.getByRole('link', { name: 'What goes with it' });
    const cancel = screen.getByRole('button', { name: 'Cancel' });

    // From the last control, Tab wraps to the first.
    expect(document.activeElement).toBe(cancel);
    const forward = await fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(forward).toBe(false);
    expect(document.activeElement).toBe(link);

    // From the first, Shift+Tab wraps to the last.
    const back = await fireEvent.keyDown(link, { key: 'Tab', shiftKey: true });
    expect(back).toBe(false);
    expect(document.activeElement).toBe(cancel);

    // In between, the browser moves focus as usual.
    const confirm = screen.getByRole('button', { name: 'Delete' });
    confirm.focus();
    expect(await fireEvent.keyDown(confirm, { key: 'Tab' })).toBe(true);
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('cancels on Escape, and not while the action runs', async () => {
    const oncancel = vi.fn();
    const { view } = await openFromButton({ oncancel });
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledTimes(1);

    await view.rerender({ busy: true });
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('cancels when the window asks the dialog to close', async () => {
    const oncancel = vi.fn();
    await openFromButton({ oncancel });
    const event = new Event('cancel', { cancelable: true });
    screen.getByRole('dialog').dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('returns focus to what opened it when it closes', async () => {
    const { opener, view } = await openFromButton();
    expect(document.activeElement).not.toBe(opener);
    await view.rerender({ open: false });
    expect(document.activeElement).toBe(opener);
  });

  it('runs the action on confirm', async () => {
    const onconfirm = vi.fn();
    await openFromButton({ onconfirm });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onconfirm).toHaveBeenCalledTimes(1);
  });

  it('shows why the action failed, in a live region', async () => {
    await openFromButton({ error: { code: 'last_number', field: null, params: {} } });
    expect(screen.getByRole('alert').textContent).toContain('A complete account needs at least one WhatsApp number.');
  });

  it('says Cancel in the current language unless told otherwise', async () => {
    showIn('de');
    await openFromButton();
    expect(screen.getByRole('button', { name: 'Abbrechen' })).toBeTruthy();
    document.body.innerHTML = '';
    await openFromButton({ cancelLabel: 'Bleiben' });
    expect(screen.getByRole('button', { name: 'Bleiben' })).toBeTruthy();
  });
});
