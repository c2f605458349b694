// Settings: the UI's language, and the callback base URL with its form (used by the Settings
// page and the wizard's Callback information page).
import type { Settings } from './bindings/Settings';
import { Generation } from './generation';
import { showIn, toLocale, type Locale } from './i18n.svelte';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';

export type SettingsIpc = Pick<Ipc, 'getSettings' | 'setLanguage'>;
export type CallbackBaseUrlIpc = Pick<Ipc, 'setCallbackBaseUrl'>;

export class SettingsStore {
  settings: Settings | null = $state(null);
  error: AppError | null = $state(null);
  /** The user's choice of language; null follows the system's. Changes as soon as the user picks. */
  languageChosen: Locale | null = $state(null);
  /** Why the choice could not be remembered; the UI shows the chosen language all the same. */
  languageError: AppError | null = $state(null);
  /** The user switched language on this visit of the page: the page says which language it shows now. */
  languageSwitched = $state(false);

  #ipc: SettingsIpc;
  /** A new one for every read, so only the newest read lands. */
  #loads = new Generation();
  /** A new one for every choice of language, so only the last choice lands. */
  #choices = new Generation();

  constructor(api: SettingsIpc = defaultIpc) {
    this.#ipc = api;
  }

  /**
   * Read afresh each time the page opens, so its form starts from what Rust holds now; at start,
   * this shows the UI in the language Rust chose (the user's, else the system's when it is one of
   * the six, else English).
   */
  async load(): Promise<void> {
    const current = this.#loads.next();
    const noNewChoice = this.#choices.current();
    this.settings = null;
    this.languageSwitched = false;
    try {
      const settings = await this.#ipc.getSettings();
      if (!current()) return;
      if (noNewChoice()) this.#took(settings);
      else this.settings = settings;
      this.error = null;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e);
    }
  }

  /** Shows the UI in `choice` at once (the system's language once Rust has named it) and remembers it. */
  async chooseLanguage(choice: Locale | null): Promise<void> {
    const current = this.#choices.next();
    this.languageChosen = choice;
    this.languageError = null;
    if (choice) showIn(choice);
    this.languageSwitched = true;
    try {
      const settings = await this.#ipc.setLanguage(choice);
      if (!current()) return;
      this.#took(settings);
    } catch (e) {
      if (!current()) return;
      this.languageError = toAppError(e);
    }
  }

  #took(settings: Settings): void {
    this.settings = settings;
    this.languageChosen = settings.languageChosen ? toLocale(settings.languageChosen) : null;
    showIn(toLocale(settings.language));
  }
}

/** One instance per form on screen. */
export class CallbackBaseUrlEditor {
  value = $state('');
  /** Shown under the field (`Error.field` is `callbackBaseUrl`). */
  fieldError: AppError | null = $state(null);
  /** Any other error. */
  formError: AppError | null = $state(null);
  busy = $state(false);
  saved = $state(false);

  #ipc: CallbackBaseUrlIpc;

  constructor(initial: string, api: CallbackBaseUrlIpc = defaultIpc) {
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
        this.fieldError = err;
        this.formError = null;
      } else {
        this.fieldError = null;
        this.formError = err;
      }
      return null;
    } finally {
      this.busy = false;
    }
  }
}

export const settings = new SettingsStore();

/** At start: the UI in the language of the settings, before anything else is read. */
export function loadLanguage(): Promise<void> {
  return settings.load();
}
