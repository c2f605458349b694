// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showIn } from '$lib/i18n.svelte';
import CallbackBaseUrlForm from './CallbackBaseUrlForm.svelte';
import type * as IpcModule from '$lib/ipc';

const api = vi.hoisted(() => ({ setCallbackBaseUrl: vi.fn() }));
vi.mock('$lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof IpcModule>();
  return { ...real, ipc: { ...real.ipc, ...api } };
});

afterEach(() => showIn('en'));

const SAVED = { callbackBaseUrl: 'https://cc.example.com', language: 'en', languageChosen: null };

function refusal(code: string, field: string | null, params: Record<string, string | number> = {}) {
  return { code, field, params, more: [] };
}

describe('CallbackBaseUrlForm', () => {
  it('is a labelled field with its hint, starting from the saved URL', () => {
    render(CallbackBaseUrlForm, { props: { initial: 'https://old.example.com' } });
    const field = screen.getByLabelText(/Callback base URL/) as HTMLInputElement;
    expect(field.value).toBe('https://old.example.com');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'The public HTTPS address where Twilio can reach this contact center.',
    );
  });

  it('saves, says so in a live region, and hands the settings back', async () => {
    api.setCallbackBaseUrl.mockResolvedValue(SAVED);
    const onsaved = vi.fn();
    render(CallbackBaseUrlForm, { props: { onsaved } });
    const status = screen.getByRole('status');
    expect(status.textContent?.trim()).toBe('');
    await userEvent.type(screen.getByLabelText(/Callback base URL/), 'https://cc.example.com{Enter}');
    expect(api.setCallbackBaseUrl).toHaveBeenCalledWith('https://cc.example.com');
    expect(onsaved).toHaveBeenCalledWith(SAVED);
    expect(status.textContent?.trim()).toBe('Saved');
  });

  it('ties a refusal to the field, in the current language, and puts focus there', async () => {
    showIn('it');
    api.setCallbackBaseUrl.mockRejectedValue(refusal('invalid_url', 'callbackBaseUrl', { reason: 'not_https' }));
    render(CallbackBaseUrlForm);
    const field = screen.getByLabelText(/URL di base per il callback/);
    await userEvent.type(field, 'http://cc.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Salva' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described.join(' ')).toContain(
      "L'URL di base per il callback deve essere un indirizzo https://, ad esempio https://desk.example.com. Twilio invia a questo strumento solo tramite https.",
    );
    expect(document.activeElement).toBe(field);
  });

  it('shows any other failure for the whole form, announced', async () => {
    api.setCallbackBaseUrl.mockRejectedValue(refusal('storage', null, { reason: 'database' }));
    render(CallbackBaseUrlForm);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toContain('Could not read or write the local database.');
    expect(screen.getByLabelText(/Callback base URL/).getAttribute('aria-invalid')).toBeNull();
  });
});
