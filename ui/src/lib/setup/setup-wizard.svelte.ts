// The "Set up WhatsApp" wizard on a workstream: the engine over the five pages of its setup.
// Opening it reads the workstream and shows the first page that still needs the user.
import type { Workstream } from '../bindings/Workstream';
import { toAppError, type AppError, type Ipc } from '../ipc';
import type { LeaveGuard } from '../leave-guard';
import { BehavioursPage, type BehavioursIpc } from './behaviours.svelte';
import { LanguagePage, type LanguageIpc } from './language.svelte';
import { LanguagesStore, type LanguagesIpc } from './languages.svelte';
import { NumberPage, type NumberIpc } from './number.svelte';
import { SetupEngine, type SetupStep } from './setup-steps';
import { SummaryPage, type SummaryIpc } from './summary.svelte';
import { UserFeaturesPage, type UserFeaturesIpc } from './user-features.svelte';

/** The commands the wizard calls (the real `ipc` in the app, a fake in tests): each page's, and reading the workstream. */
export type SetupIpc = Pick<Ipc, 'getWorkstream'> & NumberIpc & LanguageIpc & LanguagesIpc & BehavioursIpc & UserFeaturesIpc & SummaryIpc;

export class SetupWizard implements LeaveGuard {
  readonly engine = new SetupEngine();
  readonly languages: LanguagesStore;
  readonly number: NumberPage;
  readonly language: LanguagePage;
  readonly behaviours: BehavioursPage;
  readonly userFeatures: UserFeaturesPage;
  readonly summary: SummaryPage;
  /** Why the last `open` failed, for the screen the user stays on. */
  openError: AppError | null = $state(null);

  readonly #api: SetupIpc;

  constructor(api: SetupIpc) {
    this.#api = api;
    const engine = this.engine;
    this.languages = new LanguagesStore(api);
    this.number = new NumberPage(engine, api);
    this.language = new LanguagePage(engine, api, this.languages);
    this.behaviours = new BehavioursPage(engine, api);
    this.userFeatures = new UserFeaturesPage(engine, api);
    this.summary = new SummaryPage(engine, api);
    engine.attach({
      number: this.number,
      language: this.language,
      behaviours: this.behaviours,
      user_features: this.userFeatures,
      summary: this.summary,
    });
  }

  /** The workstream as Rust last returned it; null until opened. */
  get workstream(): Workstream | null {
    return this.engine.draft;
  }

  get busy(): boolean {
    return this.engine.busy;
  }

  get unsaved(): boolean {
    return this.engine.draft !== null && this.engine.unsaved;
  }

  whenIdle(): Promise<void> {
    return this.engine.whenIdle();
  }

  saveBeforeLeave(): Promise<boolean> {
    return this.engine.saveBeforeLeave();
  }

  /** Forget everything; an answer still on its way is dropped. */
  reset(): void {
    this.openError = null;
    this.engine.reset();
  }

  /**
   * Open the setup of the workstream `workstreamId` on the first page that still needs the user
   * (or on `at`). When it cannot be read, `openError` says why and `opened` stays false.
   */
  async open(workstreamId: string, at?: SetupStep): Promise<void> {
    this.openError = null;
    void this.languages.load();
    await this.engine.open(
      () => this.#api.getWorkstream(workstreamId),
      (w) => at ?? w.whatsapp?.nextStep ?? 'number',
      (e) => (this.openError = toAppError(e)),
    );
  }

  /** Whether a workstream is open in the wizard. */
  get opened(): boolean {
    return this.engine.draft !== null;
  }

  /** The Summary's Finish: the setup becomes active. */
  finish(): Promise<boolean> {
    return this.engine.finish();
  }
}
