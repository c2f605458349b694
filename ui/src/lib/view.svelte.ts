// Which screen is showing, and the moves between screens. No router: three screens.
import { accounts } from './accounts.svelte';
import { Generation } from './generation';
import { settings } from './settings.svelte';
import { wizard } from './wizard.svelte';

export type Screen = 'accounts' | 'wizard' | 'settings';

class ViewStore {
  current: Screen = $state('accounts');

  /** A new one on every move, so an account still opening does not pull the user back into the wizard. */
  #moves = new Generation();

  /**
   * Leaving through the navigation drops what the open page has not saved (the draft stays in
   * Rust's store), and cancels an account that is still opening.
   */
  #leaveWizard(): void {
    this.#moves.next();
    wizard.reset();
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

  /** Open the wizard on an existing account; stays on the list (showing why) if it cannot be read. */
  async openAccount(id: string, mode: 'resume' | 'edit'): Promise<void> {
    const current = this.#moves.next();
    const opened = await wizard.open(id, mode);
    // The user went somewhere else (or opened another account) meanwhile: that move stands.
    if (!current()) return;
    if (opened) {
      this.current = 'wizard';
    } else {
      const message = wizard.pageError;
      wizard.reset();
      await accounts.load();
      if (current()) accounts.error = message;
    }
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
