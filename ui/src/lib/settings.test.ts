import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from './bindings/Language';
import type { Settings } from './bindings/Settings';
import { locale, showIn } from './i18n.svelte';
import { CallbackBaseUrlEditor, SettingsStore, type SettingsIpc } from './settings.svelte';

const SETTINGS: Settings = { callbackBaseUrl: null, language: 'en', languageChosen: null };

function withUrl(callbackBaseUrl: string | null): Settings {
  return { ...SETTINGS, callbackBaseUrl };
}

function settingsIpc(overrides: Partial<SettingsIpc> = {}): SettingsIpc {
  return {
    getSettings: vi.fn(async () => SETTINGS),
    setLanguage: vi.fn(async (language) => ({ ...SETTINGS, language: language ?? 'en', languageChosen: language })),
    ...overrides,
  };
}

afterEach(() => showIn('en'));

describe('CallbackBaseUrlEditor', () => {
  it('puts a callbackBaseUrl error under the field and keeps the typed value', async () => {
    const refusal = {
      code: 'invalid_url',
      field: 'callbackBaseUrl',
      params: { reason: 'not_https' },
      more: [],
    };
    const editor = new CallbackBaseUrlEditor('', {
      setCallbackBaseUrl: async () => {
        throw refusal;
      },
    });
    editor.value = 'ftp://x';
    expect(await editor.save()).toBeNull();
    expect(editor.fieldError).toEqual(refusal);
    expect(editor.formError).toBeNull();
    expect(editor.value).toBe('ftp://x');
    expect(editor.saved).toBe(false);
  });

  it('shows other errors for the whole form, as data', async () => {
    const editor = new CallbackBaseUrlEditor('', { setCallbackBaseUrl: async () => Promise.reject('disk full') });
    await editor.save();
    expect(editor.fieldError).toBeNull();
    expect(editor.formError?.code).toBe('storage');
  });

  it('sends the typed URL and reports it saved', async () => {
    const set = vi.fn(async (url: string) => withUrl(url));
    const editor = new CallbackBaseUrlEditor('https://old.example.com', { setCallbackBaseUrl: set });
    editor.value = 'https://cc.example.com';
    expect(await editor.save()).toEqual(withUrl('https://cc.example.com'));
    expect(set).toHaveBeenCalledWith('https://cc.example.com');
    expect(editor.saved).toBe(true);
  });
});

describe('SettingsStore', () => {
  it('keeps only the newest of two reads', async () => {
    let finishOld: (s: Settings) => void = () => {};
    const api = settingsIpc({
      getSettings: vi
        .fn()
        .mockReturnValueOnce(new Promise<Settings>((r) => (finishOld = r)))
        .mockResolvedValueOnce(withUrl('https://new.example.com')),
    });
    const store = new SettingsStore(api);
    const older = store.load();
    await store.load();
    finishOld(withUrl('https://old.example.com'));
    await older;
    expect(store.settings).toEqual(withUrl('https://new.example.com'));
  });

  it('keeps a failed read as an error to render, not as text', async () => {
    const store = new SettingsStore(settingsIpc({ getSettings: vi.fn(async () => Promise.reject('no such command')) }));
    await store.load();
    expect(store.error).toMatchObject({ code: 'storage' });
  });
});

describe('the language', () => {
  it('at start is the one Rust chose for this desk', async () => {
    const store = new SettingsStore(settingsIpc({ getSettings: vi.fn(async (): Promise<Settings> => ({ ...SETTINGS, language: 'ja' })) }));
    await store.load();
    expect(locale()).toBe('ja');
    expect(store.languageChosen).toBeNull();
  });

  it('is English when Rust names one the UI does not have', async () => {
    showIn('de');
    const store = new SettingsStore(settingsIpc({ getSettings: vi.fn(async () => ({ ...SETTINGS, language: 'fr' as Language })) }));
    await store.load();
    expect(locale()).toBe('en');
  });

  it('switches at once when picked, before Rust has stored it, and is remembered', async () => {
    const shown: { locale?: string; choice?: string | null } = {};
    const setLanguage = vi.fn(async (language: Language | null): Promise<Settings> => {
      Object.assign(shown, { locale: locale(), choice: store.languageChosen });
      return { ...SETTINGS, language: language ?? 'en', languageChosen: language };
    });
    const store = new SettingsStore(settingsIpc({ setLanguage }));
    await store.chooseLanguage('tr');
    expect(shown).toEqual({ locale: 'tr', choice: 'tr' });
    expect(setLanguage).toHaveBeenCalledWith('tr');
    expect(locale()).toBe('tr');
    expect(store.languageChosen).toBe('tr');
    expect(store.languageSwitched).toBe(true);
  });

  it('follows the system once Rust has named the system’s language', async () => {
    showIn('de');
    const setLanguage = vi.fn(async (): Promise<Settings> => ({ ...SETTINGS, language: 'it', languageChosen: null }));
    const store = new SettingsStore(settingsIpc({ setLanguage }));
    await store.chooseLanguage(null);
    expect(setLanguage).toHaveBeenCalledWith(null);
    expect(locale()).toBe('it');
    expect(store.languageChosen).toBeNull();
  });

  it('stays switched when it cannot be remembered, and says why', async () => {
    const store = new SettingsStore(
      settingsIpc({ setLanguage: vi.fn(async () => Promise.reject({ code: 'storage', field: null, params: {}, more: [] })) }),
    );
    await store.chooseLanguage('de');
    expect(locale()).toBe('de');
    expect(store.languageError?.code).toBe('storage');
  });

  it('lands only the last of two quick choices', async () => {
    let finishFirst: (s: Settings) => void = () => {};
    const setLanguage = vi
      .fn()
      .mockReturnValueOnce(new Promise<Settings>((r) => (finishFirst = r)))
      .mockResolvedValueOnce({ ...SETTINGS, language: 'ja', languageChosen: 'ja' });
    const store = new SettingsStore(settingsIpc({ setLanguage }));
    const first = store.chooseLanguage('de');
    await store.chooseLanguage('ja');
    finishFirst({ ...SETTINGS, language: 'de', languageChosen: 'de' });
    await first;
    expect(locale()).toBe('ja');
    expect(store.languageChosen).toBe('ja');
  });

  it('is not undone by a read that started before the user picked one', async () => {
    let finishRead: (s: Settings) => void = () => {};
    const store = new SettingsStore(
      settingsIpc({ getSettings: vi.fn().mockReturnValueOnce(new Promise<Settings>((r) => (finishRead = r))) }),
    );
    const read = store.load();
    await store.chooseLanguage('zh-TW');
    finishRead({ ...SETTINGS, language: 'en' });
    await read;
    expect(locale()).toBe('zh-TW');
    expect(store.languageChosen).toBe('zh-TW');
  });
});
