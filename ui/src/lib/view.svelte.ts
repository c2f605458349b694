// Which screen is showing, and the moves between screens, closing the window included. No
// router: a few screens. A screen that holds typed work registers a LeaveGuard, asked before
// every move away from it.
import { AccountPageStore } from './account-page.svelte';
import { accounts } from './accounts.svelte';
import type { WizardStep } from './bindings/WizardStep';
import { Generation } from './generation';
import { ipc, toAppError, type AppError } from './ipc';
import { m } from './paraglide/messages';
import type { LeaveGuard } from './leave-guard';
import { settings } from './settings.svelte';
import { status } from './status.svelte';
import { accountWizard, type OpenAt } from './wizard/account-wizard.svelte';

export type Screen = 'accounts' | 'account' | 'wizard' | 'settings';

/** Where the left navigation goes. */
export type NavTarget = 'accounts' | 'settings';

/**
 * Where the user is going when leaving a guarded screen: a screen, out through the window's
 * close button, or back where the wizard was opened from (Cancel).
 */
export type LeaveTarget = NavTarget | 'window' | 'cancel';

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
  #guards = new Map<Screen, LeaveGuard>([['wizard', accountWizard]]);
  /** The screen the wizard was opened from, where Cancel, Save and close and Finish go back to. */
  #returnTo: Exclude<Screen, 'wizard'> = 'accounts';

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
    accountWizard.reset();
  }

  #show(to: Exclude<Screen, 'wizard'>): void {
    if (to === 'accounts') this.showAccounts();
    else if (to === 'account' && this.accountPage) this.showAccount(this.accountPage.id);
    else this.showSettings();
  }

  /**
   * The left navigation. From a guarded screen, what was typed is saved first (as Save and close
   * does); if it cannot be, the error stays under its field and `pendingLeave` asks the user
   * whether to leave without it. A click while the screen is saving is ignored: that save decides.
   */
  async navigate(to: NavTarget): Promise<void> {
    const guard = this.#guard;
    if (!guard) {
      this.#show(to);
      return;
    }
    if (guard.busy || this.pendingLeave !== null) return;
    const from = this.current;
    const current = this.#moves.current();
    const saved = await guard.saveBeforeLeave();
    // The user went somewhere else meanwhile: that move stands.
    if (!current() || this.current !== from) return;
    if (saved) this.#show(to);
    else this.pendingLeave = to;
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
      this.#show(this.#returnTo);
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
    if (this.current !== 'wizard') this.#returnTo = this.current;
    this.current = 'wizard';
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

  /** The wizard's Save and close: the open page is saved first, and an error keeps the wizard open. */
  async closeWizard(): Promise<void> {
    const name = accountWizard.account?.name ?? null;
    if (!(await accountWizard.saveBeforeLeave())) return;
    const saved = accountWizard.account?.name ?? name;
    this.#show(this.#returnTo);
    if (saved !== null) status.say(() => m.wizard_status_saved({ name: saved }));
  }

  /**
   * The wizard's Cancel (or Escape): back where the wizard was opened from without saving the
   * open page. A new account never saved leaves no draft. With something typed, it asks first.
   */
  cancelWizard(): void {
    if (this.current !== 'wizard' || accountWizard.busy || this.pendingLeave !== null) return;
    if (accountWizard.unsaved) this.pendingLeave = 'cancel';
    else this.#show(this.#returnTo);
  }

  async finishWizard(): Promise<void> {
    const wasComplete = accountWizard.account?.status === 'complete';
    if (!(await accountWizard.engine.finish())) return;
    const name = accountWizard.account?.name ?? '';
    this.#show(this.#returnTo);
    status.say(() => (wasComplete ? m.wizard_status_saved({ name }) : m.wizard_status_created({ name })));
  }
}

export const view = new ViewStore();
