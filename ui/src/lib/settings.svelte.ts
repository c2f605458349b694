// Settings, and the callback-base-URL form used by the Settings page and the wizard's
// Callback information page.
import type { Settings } from './bindings/Settings';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type Ipc } from './ipc';

export type SettingsIpc = Pick<Ipc, 'getSettings' | 'setCallbackBaseUrl'>;

export class SettingsStore {
  settings: Settings | null = $state(null);
  error: string | null = $state(null);

  #ipc: SettingsIpc;
  /** A new one for every read, so only the newest read lands. */
  #loads = new Generation();

  constructor(api: SettingsIpc = defaultIpc) {
    this.#ipc = api;
  }

  /** Read afresh each time the page opens, so its form starts from what Rust holds now. */
  async load(): Promise<void> {
    const current = this.#loads.next();
    this.settings = null;
    try {
      const settings = await this.#ipc.getSettings();
      if (!current()) return;
      this.settings = settings;
      this.error = null;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e).message;
    }
  }
}

/** One instance per form on screen. */
export class CallbackBaseUrlEditor {
  value = $state('');
  /** Shown under the field (`Error.field` is `callbackBaseUrl`). */
  fieldError: string | null = $state(null);
  /** Any other error. */
  formError: string | null = $state(null);
  busy = $state(false);
  saved = $state(false);

  #ipc: SettingsIpc;

  constructor(initial: string, api: SettingsIpc = defaultIpc) {
    this.value = initial;
    this.#ipc = api;
  }

  /** Returns the saved settings, or null (with the error shown) when Rust refused the URL. */
  async save(): Promise<Settings | null> {
    if (this.busy) return null;
    this.busy = true;
    this.saved = false;
    try {
      const settings = await this.#ipc.setCallbackBaseUrl(this.value);
      this.fieldError = null;
      this.formError = null;
      this.value = settings.callbackBaseUrl ?? this.value;
      this.saved = true;
      return settings;
    } catch (e) {
      const err = toAppError(e);
      if (err.field === 'callbackBaseUrl') {
        this.fieldError = err.message;
        this.formError = null;
      } else {
        this.fieldError = null;
        this.formError = err.message;
      }
      return null;
    } finally {
      this.busy = false;
    }
  }
}

export const settings = new SettingsStore();
