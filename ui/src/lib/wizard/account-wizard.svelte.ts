// The messaging-account wizard: the engine over the five pages of an account draft.
import type { Account } from '../bindings/Account';
import type { WizardStep } from '../bindings/WizardStep';
import { ipc as defaultIpc, toAppError, type AppError } from '../ipc';
import type { LeaveGuard } from '../leave-guard';
import type { RoutesIpc } from '../routes.svelte';
import { AccountDetailsPage } from './account-details.svelte';
import { STEPS, type AccountEngine, type WizardIpc } from './account-steps';
import { CallbackPage } from './callback.svelte';
import { ChannelDetailsPage } from './channel-details.svelte';
import { DonePage } from './done.svelte';
import { WizardEngine } from './engine.svelte';
import { NumbersPage } from './numbers.svelte';

/**
 * Where an existing account opens: `resume` on the first page that still needs the user,
 * `apply` on Callback information with Twilio's routes read (the list's Apply), or on the page named.
 */
export type OpenAt = 'resume' | 'apply' | WizardStep;

export class AccountWizard implements LeaveGuard {
  readonly engine: AccountEngine = new WizardEngine<WizardStep, Account>(STEPS);
  readonly channelDetails: ChannelDetailsPage;
  readonly accountDetails: AccountDetailsPage;
  readonly numbers: NumbersPage;
  readonly callback: CallbackPage;
  readonly done: DonePage;
  /** Why the last `open` failed, for the screen the user stays on. */
  openError: AppError | null = null;

  readonly #api: WizardIpc;

  constructor(api: WizardIpc = defaultIpc, routesApi: RoutesIpc = defaultIpc) {
    this.#api = api;
    const engine = this.engine;
    this.callback = new CallbackPage(engine, api, routesApi);
    const forgetRoutes = () => this.callback.forgetRoutes();
    this.channelDetails = new ChannelDetailsPage(engine, api);
    this.accountDetails = new AccountDetailsPage(engine, api, forgetRoutes);
    this.numbers = new NumbersPage(engine, api, forgetRoutes);
    this.done = new DonePage(engine, this.callback, api);
    engine.attach({
      channel_details: this.channelDetails,
      account_details: this.accountDetails,
      numbers: this.numbers,
      callback: this.callback,
      done: this.done,
    });
  }

  /** The draft as Rust last returned it; null until page 1 is saved. */
  get account(): Account | null {
    return this.engine.draft;
  }

  get busy(): boolean {
    return this.engine.busy;
  }

  get unsaved(): boolean {
    return this.engine.unsaved;
  }

  whenIdle(): Promise<void> {
    return this.engine.whenIdle();
  }

  saveBeforeLeave(): Promise<boolean> {
    return this.engine.saveBeforeLeave();
  }

  /** Forget everything, including any typed secret. */
  reset(): void {
    this.openError = null;
    this.engine.reset();
  }

  startNew(): void {
    this.reset();
  }

  /**
   * Open an existing account at `at`. False (with `openError` set) when it cannot be read, and
   * false (touching nothing) when a reset came while it was opening.
   */
  async open(id: string, at: OpenAt): Promise<boolean> {
    this.openError = null;
    const step = (a: Account): WizardStep => (at === 'resume' ? a.nextStep : at === 'apply' ? 'callback' : at);
    const opened = await this.engine.open(
      () => this.#api.getAccount(id),
      step,
      (e) => (this.openError = toAppError(e)),
    );
    if (opened && at === 'apply') this.callback.readRoutes(true);
    return opened;
  }
}

export const accountWizard = new AccountWizard();
