// Page 5, Done: a summary of the draft, which numbers Twilio does not post here yet, and Finish.
import type { Account } from '../bindings/Account';
import { ipc as defaultIpc, type AppError, type Ipc } from '../ipc';
import { withSecretLost, type AccountEngine } from './account-steps';
import type { CallbackPage } from './callback.svelte';
import type { WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

export type DoneIpc = Pick<Ipc, 'completeAccount'>;

export class DonePage implements WizardPage<Account> {
  readonly problems = new Problems([]);
  readonly unsaved = false;

  readonly #engine: AccountEngine;
  readonly #ipc: DoneIpc;
  /** The inbound URL and the routes, as Callback information read them. */
  readonly callback: CallbackPage;

  constructor(engine: AccountEngine, callback: CallbackPage, api: DoneIpc = defaultIpc) {
    this.#engine = engine;
    this.callback = callback;
    this.#ipc = api;
  }

  reset(): void {
    this.problems.clear();
  }

  /** Done says which numbers Twilio does not post here yet, so it reads the routes if nobody did. */
  async enter(): Promise<void> {
    const current = this.#engine.current();
    await this.callback.enter();
    if (current() && this.#engine.step === 'done') this.callback.readRoutes(false);
  }

  /** Finish: mark the account complete. */
  async complete(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const saved = await engine.call(
      () => this.#ipc.completeAccount(draft.id),
      (e) => this.#refused(e),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    return true;
  }

  async saveBeforeLeave(): Promise<boolean> {
    return true;
  }

  #refused(e: unknown): void {
    const draft = this.#engine.draft;
    const lost = (err: AppError) => err.code === 'secret_lost';
    this.problems.showRefusal(e, [], (err) => {
      if (lost(err) && draft) this.#engine.draft = withSecretLost(draft);
      return err.field;
    });
  }
}
