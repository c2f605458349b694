// Which screen is showing, and the moves between screens, closing the window included. No
// router: three screens.
import { accounts } from './accounts.svelte';
import { Generation } from './generation';
import { ipc, toAppError } from './ipc';
import { settings } from './settings.svelte';
import type { WizardStep } from './bindings/WizardStep';
import { wizard, type OpenMode } from './wizard.svelte';

export type Screen = 'accounts' | 'wizard' | 'settings';

/** Where the left navigation goes. */
export type NavTarget = 'accounts' | 'settings';

/** Where the user is going when leaving the wizard: a screen, or out through the window's close button. */
export type LeaveTarget = NavTarget | 'window';

class ViewStore {
  current: Screen = $state('accounts');
  /** The open wizard page could not be saved on the way out: where the user wanted to go while we ask. */
  pendingLeave: LeaveTarget | null = $state(null);

  /** A new one on every move, so an account still opening does not pull the user back into the wizard. */
  #moves = new Generation();

  /**
   * Empties the wizard (the draft stays in Rust's store) and cancels an account that is still
   * opening. Whatever the open page had not saved is gone: callers save it first, or have asked.
   */
  #leaveWizard(): void {
    this.#moves.next();
    this.pendingLeave = null;
    wizard.reset();
  }

  #show(to: NavTarget): void {
    if (to === 'accounts') this.showAccounts();
    else this.showSettings();
  }

  /**
   * The left navigation. From the wizard, the open page is saved first (as Save and close does);
   * if it cannot be saved, the error stays under its field and `pendingLeave` asks the user
   * whether to leave without it. A click while the wizard is saving is ignored: that save decides.
   */
  async navigate(to: NavTarget): Promise<void> {
    if (this.current !== 'wizard') {
      this.#show(to);
      return;
    }
    if (wizard.busy || this.pendingLeave !== null) return;
    const current = this.#moves.current();
    const saved = await wizard.saveCurrent();
    // The user went somewhere else meanwhile: that move stands.
    if (!current() || this.current !== 'wizard') return;
    if (saved) this.#show(to);
    else this.pendingLeave = to;
  }

  /** The leave dialog's Stay: the wizard keeps what was typed, and the error under its field. */
  stayInWizard(): void {
    this.pendingLeave = null;
  }

  /**
   * The window's close button, as the navigation does it: outside the wizard the window closes at
   * once; in it, a save or check that is running finishes first, then the open page is saved. If
   * it cannot be, the window stays open, the error stays under its field, and `pendingLeave` asks
   * whether to close without it. Returns whether the window may close now.
   */
  async closeRequested(): Promise<boolean> {
    if (this.current !== 'wizard') return true;
    if (this.pendingLeave !== null) {
      // The question is open already (the page could not be saved): it is now about closing.
      this.pendingLeave = 'window';
      return false;
    }
    await wizard.whenIdle();
    if (this.current !== 'wizard') return true;
    if (this.pendingLeave !== null) {
      this.pendingLeave = 'window';
      return false;
    }
    const current = this.#moves.current();
    const saved = await wizard.saveCurrent();
    // The user went somewhere else meanwhile: whatever the wizard held was saved or asked about.
    if (!current() || this.current !== 'wizard') return true;
    if (!saved) this.pendingLeave = 'window';
    return saved;
  }

  /**
   * Keep the window's close button from dropping what was typed in the wizard. Returns a function
   * that stops it; never rejects (without it the window closes as it always did).
   */
  async guardWindowClose(): Promise<() => void> {
    try {
      return await ipc.onCloseRequested(() => this.closeRequested());
    } catch (e) {
      console.error('cannot watch the window close button; an unsaved wizard page is lost on close', e);
      return () => {};
    }
  }

  /** The leave dialog's Leave (or Close) without saving: the draft keeps only what was saved earlier. */
  async leaveWithoutSaving(): Promise<void> {
    const to = this.pendingLeave;
    if (to === 'window') {
      this.pendingLeave = null;
      try {
        await ipc.destroyWindow();
      } catch (e) {
        // The window stays, with everything in it; say why it did not close.
        wizard.pageError = toAppError(e).message;
      }
    } else if (to !== null) {
      this.#show(to);
    }
  }

  showAccounts(): void {
    this.#leaveWizard();
    this.current = 'accounts';
    void accounts.load();
  }

  showSettings(): void {
    this.#leaveWizard();
    this.current = 'settings';
    void settings.load();
  }

  newAccount(): void {
    this.#moves.next();
    wizard.startNew();
    this.current = 'wizard';
  }

  /**
   * Open the wizard on an existing account (`apply`: on Callback information, for the Apply the list
   * offers next to drift); stays on the list, showing why, if it cannot be read.
   */
  async openAccount(id: string, mode: OpenMode): Promise<void> {
    const current = this.#moves.next();
    const opened = await wizard.open(id, mode);
    // The user went somewhere else (or opened another account) meanwhile: that move stands.
    if (!current()) return;
    if (opened) {
      this.current = 'wizard';
    } else {
      const problem = wizard.lastError;
      wizard.reset();
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
    if (await wizard.saveCurrent()) this.showAccounts();
  }

  async finishWizard(): Promise<void> {
    if (await wizard.finish()) this.showAccounts();
  }
}

export const view = new ViewStore();
