// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showIn } from '$lib/i18n.svelte';
import ErrorNotice from './ErrorNotice.svelte';
import type * as IpcModule from '$lib/ipc';

const api = vi.hoisted(() => ({ openTwilioPage: vi.fn() }));
vi.mock('$lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof IpcModule>();
  return { ...real, ipc: { ...real.ipc, ...api } };
});

afterEach(() => showIn('en'));

const AUTH_FAILED = {
  code: 'twilio_auth_failed' as const,
  field: null,
  params: {
    httpStatus: 401,
    twilioCode: 20003,
    twilioMessage: 'Authenticate',
    moreInfo: 'https://www.twilio.com/docs/errors/20003',
  },
};

describe('ErrorNotice', () => {
  it('shows the error in the current language, in a live region', () => {
    render(ErrorNotice, { props: { error: { code: 'last_number', field: null, params: {} } } });
    expect(screen.getByRole('alert').textContent).toContain(
      'A complete account needs at least one WhatsApp number. Add another number before removing this one.',
    );
  });

  it('is rendered again in a newly chosen language', () => {
    render(ErrorNotice, { props: { error: { code: 'last_number', field: null, params: {} } } });
    showIn('ja');
    flushSync();
    expect(screen.getByRole('alert').textContent).toContain('完成したアカウントには WhatsApp 番号が 1 つ以上必要です。');
  });

  it('keeps its live region while there is no error, so the error is announced when it comes', async () => {
    const view = render(ErrorNotice, { props: { error: null, id: 'page-error' } });
    expect(screen.getByRole('alert').textContent?.trim()).toBe('');
    expect(document.getElementById('page-error')).toBeNull();
    await view.rerender({ error: { code: 'offline', field: null, params: { host: 'api.twilio.com' } } });
    expect(document.getElementById('page-error')?.closest('[role="alert"]')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Could not reach api.twilio.com');
  });

  it('is not a second live region inside one', () => {
    render(ErrorNotice, { props: { error: { code: 'clipboard', field: null, params: {} }, live: false } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body.textContent).toContain('Could not put the URL on the clipboard.');
  });

  it('titles a keyring problem with what is wrong', () => {
    showIn('de');
    render(ErrorNotice, { props: { error: { code: 'keyring_locked', field: null, params: { os: 'linux' } } } });
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('Der Schlüsselbund des Betriebssystems ist gesperrt');
    expect(text).toContain('Entsperren Sie den Anmeldeschlüsselbund');
  });

  it('quotes Twilio, and opens Twilio’s page about the error in the system browser', async () => {
    api.openTwilioPage.mockResolvedValue(null);
    render(ErrorNotice, { props: { error: AUTH_FAILED } });
    expect(screen.getByRole('alert').textContent).toContain('Twilio error 20003: “Authenticate”');
    const link = screen.getByRole('link', { name: 'More about this error on twilio.com' });
    expect(link.getAttribute('href')).toBe('https://www.twilio.com/docs/errors/20003');
    const followed = await fireEvent.click(link);
    expect(followed).toBe(false);
    expect(api.openTwilioPage).toHaveBeenCalledWith('https://www.twilio.com/docs/errors/20003');
  });

  it('says so when the browser could not be opened', async () => {
    api.openTwilioPage.mockRejectedValue({
      code: 'browser',
      field: null,
      params: { url: 'https://www.twilio.com/docs/errors/20003' },
      more: [],
    });
    render(ErrorNotice, { props: { error: AUTH_FAILED } });
    await fireEvent.click(screen.getByRole('link'));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Could not open https://www.twilio.com/docs/errors/20003 in the browser. Open it by hand.',
      ),
    );
  });

  it('offers no link to anywhere but twilio.com', () => {
    render(ErrorNotice, { props: { error: { ...AUTH_FAILED, params: { ...AUTH_FAILED.params, moreInfo: 'https://evil.example/20003' } } } });
    expect(screen.queryByRole('link')).toBeNull();
  });
});
