// Page 2, Language: one of WhatsApp's template languages, required.
import type { Workstream } from '../bindings/Workstream';
import type { Ipc } from '../ipc';
import type { WizardPage } from '../wizard/engine.svelte';
import { Problems } from '../wizard/problems.svelte';
import type { LanguagesStore } from './languages.svelte';
import type { SetupEngine } from './setup-steps';

export type LanguageIpc = Pick<Ipc, 'saveSetupLanguage'>;

/** The select's id: Rust's `setupLanguage` is shown under it. */
export const LANGUAGE_SELECT = 'setup-language';

export class LanguagePage implements WizardPage<Workstream> {
  /** The code chosen, as WhatsApp writes it; '' for none. */
  language = $state('');
  readonly problems = new Problems([LANGUAGE_SELECT]);
  readonly languages: LanguagesStore;

  readonly #engine: SetupEngine;
  readonly #ipc: LanguageIpc;

  constructor(engine: SetupEngine, api: LanguageIpc, languages: LanguagesStore) {
    this.#engine = engine;
    this.#ipc = api;
    this.languages = languages;
  }

  get unsaved(): boolean {
    return this.language !== (this.#engine.draft?.whatsapp?.language ?? '');
  }

  fill(draft: Workstream): void {
    this.language = draft.whatsapp?.language ?? '';
  }

  reset(): void {
    this.language = '';
    this.problems.clear();
  }

  /** The list is read once; a failure shows above the page, and the next visit tries again. */
  async enter(): Promise<void> {
    const current = this.#engine.current();
    await this.#engine.hold(() => this.languages.load());
    const error = this.languages.error;
    if (error && current()) this.problems.showRefusal(error, []);
  }

  complete(): Promise<boolean> {
    return this.save();
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.save();
  }

  /** Rust says what is wrong with none chosen, or with a code it does not know. */
  async save(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const language = this.language;
    const saved = await engine.call(
      () => this.#ipc.saveSetupLanguage(draft.id, language),
      (e) =>
        this.problems.showRefusal(e, [LANGUAGE_SELECT], (err) => (err.field === 'setupLanguage' ? LANGUAGE_SELECT : err.field)),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    this.fill(saved);
    return true;
  }
}
