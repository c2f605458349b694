// @vitest-environment jsdom
// The whole window on a fake IPC: the host banner above the navigation on every screen, the
// question before leaving the wizard, and the status line that says what an action did.
import { render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as IpcModule from '$lib/ipc';
import './dialog.test-support';

const api = vi.hoisted(() => ({
  listAccounts: vi.fn(async () => []),
  hostOverrides: vi.fn(async () => [] as { variable: string; url: string }[]),
  getSettings: vi.fn(async () => ({ callbackBaseUrl: null, language: null })),
  onCloseRequested: vi.fn(async () => () => {}),
  destroyWindow: vi.fn(async () => {}),
}));

vi.mock('$lib/ipc', async (importOriginal) => ({ ...(await importOriginal<typeof IpcModule>()), ipc: api }));

const { hosts } = await import('$lib/hosts.svelte');
const { status } = await import('$lib/status.svelte');
const { view } = await import('$lib/view.svelte');
const { default: App } = await import('./App.svelte');

afterEach(() => {
  view.pendingLeave = null;
  view.current = 'accounts';
});

describe('the host override banner', () => {
  it('is on every screen, above the navigation, when a Twilio host is overridden', async () => {
    api.hostOverrides.mockResolvedValue([{ variable: 'CHANNEL_DESK_TWILIO_API_URL', url: 'http://127.0.0.1:4010/' }]);
    for (const screen of ['accounts', 'wizard', 'settings'] as const) {
      view.current = screen;
      const { unmount } = render(App);
      await waitFor(() => expect(hosts.items).toHaveLength(1));
      const banner = document.getElementById('host-overrides');
      const nav = document.querySelector('nav');
      expect(banner).not.toBeNull();
      expect(banner && nav && banner.compareDocumentPosition(nav) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      unmount();
    }
    api.hostOverrides.mockResolvedValue([]);
  });
});

describe('the question before leaving the wizard', () => {
  it('asks about closing the window when the close button was used', async () => {
    view.current = 'wizard';
    view.pendingLeave = 'window';
    render(App);
    const dialog = document.querySelector('dialog');
    await waitFor(() => expect(dialog?.textContent).toContain('Close'));
    const closing = dialog?.textContent;
    view.pendingLeave = 'settings';
    await waitFor(() => expect(dialog?.textContent).not.toBe(closing));
  });
});

describe('focus after a move', () => {
  it('goes to the heading of the screen shown, so the user hears where they are', async () => {
    render(App);
    view.current = 'settings';
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H1'));
    expect(document.activeElement?.closest('main')).not.toBeNull();
  });
});

describe('the status line', () => {
  it('is a live region from the start, and says what an action did', async () => {
    render(App);
    const region = document.getElementById('app-status');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.textContent).toBe('');
    status.say('Account created');
    await waitFor(() => expect(region?.textContent).toBe('Account created'));
    status.clear();
  });
});
