// Which screen is showing, and the moves between screens, closing the window included. No
// router: a few screens. A screen that holds typed work registers a LeaveGuard, asked before
// every move away from it: the account wizard, "Set up WhatsApp" and a workstream's page.
import { AccountPageStore } from './account-page.svelte';
import { accounts } from './accounts.svelte';
import type { Workstream } from './bindings/Workstream';
import type { WizardStep } from './bindings/WizardStep';
import { Generation } from './generation';
import { ipc, toAppError, type AppError } from './ipc';
import { m } from './paraglide/messages';
import type { LeaveGuard } from './leave-guard';
import { LibraryStore } from './library.svelte';
import { OutboxStore } from './outbox.svelte';
import { QueuesStore } from './queues.svelte';
import { settings } from './settings.svelte';
import { LanguagesStore } from './setup/languages.svelte';
import { SetupWizard } from './setup/setup-wizard.svelte';
import { status } from './status.svelte';
import { TemplatePageStore } from './template/template-page.svelte';
import { TemplateSyncStore } from './template-sync.svelte';
import { accountWizard, type OpenAt } from './wizard/account-wizard.svelte';
import { WorkstreamPageStore } from './workstream-page.svelte';
import { WorkstreamsStore } from './workstreams.svelte';

export type Screen =
  | 'accounts'
  | 'account'
  | 'wizard'
  | 'workstreams'
  | 'workstream'
  | 'setup'
  | 'templates'
  | 'template'
  | 'queues'
  | 'settings';

/** Where the left navigation goes. */
export type NavTarget = 'accounts' | 'workstreams' | 'templates' | 'queues' | 'settings';

/**
 * Where the user is going when leaving a guarded screen: a screen, out through the window's
 * close button, back where the wizard was opened from (Cancel), or into "Set up WhatsApp" from a
 * workstream's page.
 */
export type LeaveTarget = NavTarget | 'window' | 'cancel' | 'setup';

/** The screens a wizard goes back to. */
type Page = Exclude<Screen, 'wizard' | 'setup'>;

export const queues = new QueuesStore(ipc);
export const workstreams = new WorkstreamsStore(ipc);
export const setupWizard = new SetupWizard(ipc);
export const library = new LibraryStore(ipc);
export const templateSync = new TemplateSyncStore(ipc);
export const outbox = new OutboxStore(ipc);
/** WhatsApp's template languages, for the template screens. */
export const templateLanguages = new LanguagesStore(ipc);

/** How the list opens an account: `edit` on Channel details, or as `OpenAt` says. */
export type OpenMode = OpenAt | 'edit';

class ViewStore {
  current: Screen = $state('accounts');
  /** The open screen could not be saved on the way out (or Cancel would drop typed work): where the user wanted to go while we ask. */
  pendingLeave: LeaveTarget | null = $state(null);
  /** The window refused to close after the user chose to close without saving. */
  leaveError: AppError | null = $state(null);

  /** A new one on every move, so an account still opening does not pull the user back into the wizard. */
  #moves = new Generation();
  #guards = new Map<Screen, LeaveGuard>([
    ['wizard', accountWizard],
    ['setup', setupWizard],
  ]);
  /** The screen the wizard was opened from, where Cancel, Save and close and Finish go back to. */
  #returnTo: Page = 'accounts';
  /** The workstream whose "Set up WhatsApp" opens once the user chose to leave its page unsaved. */
  #setupFor: string | null = null;

  /** The guard of the screen showing, if it has one. */
  get #guard(): LeaveGuard | null {
    return this.#guards.get(this.current) ?? null;
  }

  /** Let `guard` be asked before the app leaves `screen`. Returns a function that stops it. */
  registerGuard(screen: Screen, guard: LeaveGuard): () => void {
    this.#guards.set(screen, guard);
    return () => {
      if (this.#guards.get(screen) === guard) this.#guards.delete(screen);
    };
  }

  /**
   * Empties the wizard (the draft stays in Rust's store) and cancels an account that is still
   * opening. Whatever the open page had not saved is gone: callers save it first, or have asked.
   */
  #leave(): void {
    this.#moves.next();
    this.pendingLeave = null;
    this.leaveError = null;
    this.#setupFor = null;
    accountWizard.reset();
    setupWizard.reset();
  }

  #show(to: Page): void {
    if (to === 'accounts') this.showAccounts();
    else if (to === 'account' && this.accountPage) this.showAccount(this.accountPage.id);
    else if (to === 'workstreams') this.showWorkstreams();
    else if (to === 'workstream' && this.workstreamPage) this.showWorkstream(this.workstreamPage.id);
    else if (to === 'templates') this.showTemplates();
    else if (to === 'template' && this.templatePage) this.showTemplate(this.templatePage.id);
    else if (to === 'queues') this.showQueues();
    else this.showSettings();
  }

  /**
   * The left navigation. From a guarded screen, what was typed is saved first (as Save and close
   * does); if it cannot be, the error stays under its field and `pendingLeave` asks the user
   * whether to leave without it. A click while the screen is saving is ignored: that save decides.
   */
  async navigate(to: NavTarget): Promise<void> {
    if (await this.#saveToLeave(to)) this.#show(to);
  }

  /**
   * Whether the screen showing may be left for `to` now: true without a guard, or once what was
   * typed is saved. False when a save decides already, when the user went elsewhere meanwhile, or
   * when it cannot be saved (then `pendingLeave` asks the user).
   */
  async #saveToLeave(to: Exclude<LeaveTarget, 'window' | 'cancel'>): Promise<boolean> {
    const guard = this.#guard;
    if (!guard) return true;
    if (guard.busy || this.pendingLeave !== null) return false;
    const from = this.current;
    const current = this.#moves.current();
    const saved = await guard.saveBeforeLeave();
    // The user went somewhere else meanwhile: that move stands.
    if (!current() || this.current !== from) return false;
    if (!saved) this.pendingLeave = to;
    return saved;
  }

  /** The leave dialog's Stay: the screen keeps what was typed, and the error under its field. */
  stayInWizard(): void {
    this.pendingLeave = null;
  }

  /**
   * The window's close button, as the navigation does it: without a guard the window closes at
   * once; with one, a save or check that is running finishes first, then what was typed is saved.
   * If it cannot be, the window stays open, the error stays under its field, and `pendingLeave`
   * asks whether to close without it. Returns whether the window may close now.
   */
  async closeRequested(): Promise<boolean> {
    const guard = this.#guard;
    if (!guard) return true;
    const from = this.current;
    if (this.pendingLeave !== null) {
      // The question is open already (the page could not be saved): it is now about closing.
      this.pendingLeave = 'window';
      return false;
    }
    await guard.whenIdle();
    if (this.current !== from) return true;
    if (this.pendingLeave !== null) {
      this.pendingLeave = 'window';
      return false;
    }
    const current = this.#moves.current();
    const saved = await guard.saveBeforeLeave();
    // The user went somewhere else meanwhile: whatever the screen held was saved or asked about.
    if (!current() || this.current !== from) return true;
    if (!saved) this.pendingLeave = 'window';
    return saved;
  }

  /**
   * Keep the window's close button from dropping what was typed. Returns a function that stops
   * it; never rejects (without it the window closes as it always did).
   */
  async guardWindowClose(): Promise<() => void> {
    try {
      return await ipc.onCloseRequested(() => this.closeRequested());
    } catch (e) {
      console.error('cannot watch the window close button; unsaved work is lost on close', e);
      return () => {};
    }
  }

  /** The leave dialog's Leave (or Close, or Discard) without saving: the draft keeps only what was saved earlier. */
  async leaveWithoutSaving(): Promise<void> {
    const to = this.pendingLeave;
    if (to === 'window') {
      this.pendingLeave = null;
      try {
        await ipc.destroyWindow();
      } catch (e) {
        // The window stays, with everything in it; say why it did not close.
        this.leaveError = toAppError(e);
      }
    } else if (to === 'cancel') {
      this.#back();
    } else if (to === 'setup') {
      const id = this.#setupFor;
      this.pendingLeave = null;
      if (id !== null) await this.#openSetup(id);
    } else if (to !== null) {
      this.#show(to);
    }
  }

  showAccounts(): void {
    this.#leave();
    this.current = 'accounts';
    void accounts.load();
  }

  /** A complete account's read-only page, with the store it reads. */
  accountPage: AccountPageStore | null = $state(null);

  showAccount(id: string): void {
    this.#leave();
    this.accountPage = new AccountPageStore(id);
    this.current = 'account';
  }

  showSettings(): void {
    this.#leave();
    this.current = 'settings';
    void settings.load();
  }

  #enterWizard(): void {
    if (this.current !== 'wizard' && this.current !== 'setup') this.#returnTo = this.current;
    this.current = 'wizard';
  }

  showWorkstreams(): void {
    this.#leave();
    this.current = 'workstreams';
  }

  showTemplates(): void {
    this.#leave();
    this.current = 'templates';
  }

  /** A template's page, with the store it reads; asked before the app leaves it. */
  templatePage: TemplatePageStore | null = $state(null);

  showTemplate(id: string): void {
    this.#leave();
    const page = new TemplatePageStore(id, ipc);
    this.templatePage = page;
    this.#guards.set('template', page);
    this.current = 'template';
  }

  showQueues(): void {
    this.#leave();
    this.current = 'queues';
  }

  /** A workstream's page, with the store it reads; asked before the app leaves it. */
  workstreamPage: WorkstreamPageStore | null = $state(null);

  /** `known`: the workstream as just created, shown while it is read again. */
  showWorkstream(id: string, known: Workstream | null = null): void {
    this.#leave();
    const page = new WorkstreamPageStore(id, ipc, known);
    this.workstreamPage = page;
    this.#guards.set('workstream', page);
    this.current = 'workstream';
  }

  /** The Create dialog made it: its page opens, and the status line says so. */
  workstreamCreated(created: Workstream): void {
    this.showWorkstream(created.id, created);
    status.say(() => m.workstreams_created({ name: created.name }));
  }

  /**
   * A workstream page's "Set up WhatsApp": what was typed on the page is saved first, as any move
   * away from it does; then the wizard opens on the first page that still needs the user.
   */
  async setUpWhatsApp(workstreamId: string): Promise<void> {
    this.#setupFor = workstreamId;
    if (await this.#saveToLeave('setup')) await this.#openSetup(workstreamId);
  }

  /** Stays on the workstream's page, saying why, when the workstream cannot be read. */
  async #openSetup(workstreamId: string): Promise<void> {
    const page = this.workstreamPage;
    if (page) page.setupError = null;
    this.#leave();
    const current = this.#moves.current();
    await setupWizard.open(workstreamId);
    // The user went somewhere else meanwhile: that move stands.
    if (!current()) return;
    if (setupWizard.opened) {
      this.current = 'setup';
    } else {
      if (page) page.setupError = setupWizard.openError;
      setupWizard.reset();
    }
  }

  /** "Set up WhatsApp" closed, cancelled or finished: back on the workstream's page, read again. */
  closeSetup(workstreamId: string): void {
    this.showWorkstream(workstreamId);
  }

  newAccount(): void {
    this.#leave();
    accountWizard.startNew();
    this.#enterWizard();
  }

  /**
   * Open the wizard on an existing account (`apply`: on Callback information, for the Apply the list
   * offers next to drift); stays where it is, showing why in the list, if it cannot be read.
   */
  async openAccount(id: string, mode: OpenMode): Promise<void> {
    const current = this.#moves.next();
    const opened = await accountWizard.open(id, mode === 'edit' ? 'channel_details' : mode);
    // The user went somewhere else (or opened another account) meanwhile: that move stands.
    if (!current()) return;
    if (opened) {
      this.#enterWizard();
    } else {
      const problem = accountWizard.openError;
      accountWizard.reset();
      await accounts.load();
      if (current()) accounts.error = problem;
    }
  }

  /** An account page's Edit: the wizard opened on the page that edits that section. */
  editAccount(id: string, step: WizardStep): Promise<void> {
    return this.openAccount(id, step);
  }

  /** The wizard showing, whichever it is (the account wizard or "Set up WhatsApp"). */
  get #wizard(): typeof accountWizard | typeof setupWizard | null {
    if (this.current === 'wizard') return accountWizard;
    if (this.current === 'setup') return setupWizard;
    return null;
  }

  /**
   * Out of the wizard showing, to where it was opened from: the screen that opened the account
   * wizard, or the workstream page (read again) of "Set up WhatsApp".
   */
  #back(): void {
    const workstreamId = setupWizard.workstream?.id;
    if (this.current !== 'setup') this.#show(this.#returnTo);
    else if (workstreamId !== undefined) this.closeSetup(workstreamId);
    else this.showWorkstreams();
  }

  /** The wizard's Save and close: the open page is saved first, and an error keeps the wizard open. */
  async closeWizard(): Promise<void> {
    if (this.current === 'setup') {
      if (!(await setupWizard.saveBeforeLeave())) return;
      const name = setupWizard.workstream?.name ?? '';
      this.#back();
      status.say(() => m.setup_status_saved({ name }));
      return;
    }
    const name = accountWizard.account?.name ?? null;
    if (!(await accountWizard.saveBeforeLeave())) return;
    const saved = accountWizard.account?.name ?? name;
    this.#back();
    if (saved !== null) status.say(() => m.wizard_status_saved({ name: saved }));
  }

  /**
   * The wizard's Cancel (or Escape): back where the wizard was opened from without saving the
   * open page. A new account never saved leaves no draft. With something typed, it asks first.
   */
  cancelWizard(): void {
    const wizard = this.#wizard;
    if (!wizard || wizard.busy || this.pendingLeave !== null) return;
    if (wizard.unsaved) this.pendingLeave = 'cancel';
    else this.#back();
  }

  /** The wizard's Finish: the account is complete, or the WhatsApp channel active; the status line says so. */
  async finishWizard(): Promise<void> {
    if (this.current === 'setup') {
      if (!(await setupWizard.finish())) return;
      const name = setupWizard.workstream?.name ?? '';
      this.#back();
      status.say(() => m.setup_status_active({ name }));
      return;
    }
    const wasComplete = accountWizard.account?.status === 'complete';
    if (!(await accountWizard.engine.finish())) return;
    const name = accountWizard.account?.name ?? '';
    this.#back();
    status.say(() => (wasComplete ? m.wizard_status_saved({ name }) : m.wizard_status_created({ name })));
  }
}

export const view = new ViewStore();
