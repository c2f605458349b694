import { describe, expect, it, vi } from 'vitest';
import type { Settings } from './bindings/Settings';
import { CallbackBaseUrlEditor, SettingsStore, type SettingsIpc } from './settings.svelte';

function fakeIpc(setCallbackBaseUrl: SettingsIpc['setCallbackBaseUrl']): SettingsIpc {
  return { getSettings: vi.fn(async () => ({ callbackBaseUrl: null })), setCallbackBaseUrl };
}

describe('CallbackBaseUrlEditor', () => {
  it('puts a callbackBaseUrl error under the field and keeps the typed value', async () => {
    const editor = new CallbackBaseUrlEditor(
      '',
      fakeIpc(async () => {
        throw { code: 'invalid_url', message: 'Use an https:// address', field: 'callbackBaseUrl' };
      }),
    );
    editor.value = 'ftp://x';
    expect(await editor.save()).toBeNull();
    expect(editor.fieldError).toBe('Use an https:// address');
    expect(editor.formError).toBeNull();
    expect(editor.value).toBe('ftp://x');
    expect(editor.saved).toBe(false);
  });

  it('shows other errors for the whole form', async () => {
    const editor = new CallbackBaseUrlEditor('', fakeIpc(async () => Promise.reject('disk full')));
    await editor.save();
    expect(editor.fieldError).toBeNull();
    expect(editor.formError).toBe('disk full');
  });

  it('sends the typed URL and reports it saved', async () => {
    const set = vi.fn(async (url: string) => ({ callbackBaseUrl: url }));
    const editor = new CallbackBaseUrlEditor('https://old.example.com', fakeIpc(set));
    editor.value = 'https://cc.example.com';
    expect(await editor.save()).toEqual({ callbackBaseUrl: 'https://cc.example.com' });
    expect(set).toHaveBeenCalledWith('https://cc.example.com');
    expect(editor.saved).toBe(true);
  });
});

describe('SettingsStore', () => {
  it('keeps only the newest of two reads', async () => {
    let finishOld: (s: Settings) => void = () => {};
    const api: SettingsIpc = {
      getSettings: vi
        .fn()
        .mockReturnValueOnce(new Promise<Settings>((r) => (finishOld = r)))
        .mockResolvedValueOnce({ callbackBaseUrl: 'https://new.example.com' }),
      setCallbackBaseUrl: vi.fn(),
    };
    const store = new SettingsStore(api);
    const older = store.load();
    await store.load();
    finishOld({ callbackBaseUrl: 'https://old.example.com' });
    await older;
    expect(store.settings).toEqual({ callbackBaseUrl: 'https://new.example.com' });
  });
});
