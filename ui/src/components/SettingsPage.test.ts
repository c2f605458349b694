// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale, showIn } from '$lib/i18n.svelte';
import { settings } from '$lib/settings.svelte';
import SettingsPage from './SettingsPage.svelte';
import type * as IpcModule from '$lib/ipc';

const api = vi.hoisted(() => ({ getSettings: vi.fn(), setLanguage: vi.fn(), setCallbackBaseUrl: vi.fn() }));
vi.mock('$lib/ipc', async (importOriginal) => {
  const real = await importOriginal<typeof IpcModule>();
  return { ...real, ipc: { ...real.ipc, ...api } };
});

const SETTINGS = { callbackBaseUrl: 'https://cc.example.com', language: 'en', languageChosen: null };

afterEach(() => {
  showIn('en');
  settings.settings = null;
  settings.error = null;
  settings.languageChosen = null;
  settings.languageError = null;
  settings.languageSwitched = false;
});

async function openPage(stored: object = SETTINGS) {
  api.getSettings.mockResolvedValue(stored);
  await settings.load();
  render(SettingsPage);
  return document.getElementById('language') as HTMLSelectElement;
}

describe('the language picker', () => {
  it('offers the system language and each of the six, named in its own language', async () => {
    const picker = await openPage();
    expect([...picker.options].map((o) => [o.value, o.textContent, o.lang])).toEqual([
      ['', 'Use the system language', ''],
      ['en', 'English', 'en'],
      ['zh-TW', '中文（台灣）', 'zh-TW'],
      ['ja', '日本語', 'ja'],
      ['it', 'Italiano', 'it'],
      ['de', 'Deutsch', 'de'],
      ['tr', 'Türkçe', 'tr'],
    ]);
    expect(picker.value).toBe('');
    expect(screen.getByLabelText('Display language')).toBe(picker);
    expect(document.getElementById(picker.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Takes effect at once.');
  });

  it('shows the stored choice', async () => {
    const picker = await openPage({ ...SETTINGS, language: 'ja', languageChosen: 'ja' });
    expect(picker.value).toBe('ja');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('設定');
  });

  it('switches the whole page at once, with <html lang>, says so, and remembers the choice', async () => {
    api.setLanguage.mockResolvedValue({ ...SETTINGS, language: 'de', languageChosen: 'de' });
    const picker = await openPage();
    await userEvent.selectOptions(picker, 'de');
    expect(api.setLanguage).toHaveBeenCalledWith('de');
    expect(locale()).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Einstellungen');
    expect(screen.getByLabelText('Anzeigesprache')).toBe(picker);
    expect(screen.getByLabelText(/Basis-URL für Rückrufe/)).toBeTruthy();
    expect(screen.getAllByRole('status').map((s) => s.textContent?.trim())).toContain('Anzeigesprache: Deutsch');
  });

  it('goes back to the system language, as Rust names it', async () => {
    api.setLanguage.mockResolvedValue({ ...SETTINGS, language: 'tr', languageChosen: null });
    const picker = await openPage({ ...SETTINGS, language: 'de', languageChosen: 'de' });
    await userEvent.selectOptions(picker, '');
    expect(api.setLanguage).toHaveBeenCalledWith(null);
    expect(locale()).toBe('tr');
    expect(picker.value).toBe('');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ayarlar');
  });

  it('says why a choice could not be remembered', async () => {
    api.setLanguage.mockRejectedValue({ code: 'storage', field: null, params: { reason: 'database' }, more: [] });
    const picker = await openPage();
    await userEvent.selectOptions(picker, 'it');
    expect(locale()).toBe('it');
    await vi.waitFor(() =>
      expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain(
        'Impossibile leggere o scrivere il database locale.',
      ),
    );
  });
});

describe('the Settings page', () => {
  it('says why the settings could not be read', async () => {
    api.getSettings.mockRejectedValue({ code: 'storage', field: null, params: { reason: 'migration' }, more: [] });
    await settings.load();
    render(SettingsPage);
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain(
      'Could not bring the local database up to date.',
    );
  });

  it('has the callback base URL under Callback information', async () => {
    await openPage();
    const group = screen.getByRole('region', { name: 'Callback information' });
    expect((group.querySelector('input') as HTMLInputElement).value).toBe('https://cc.example.com');
  });
});
