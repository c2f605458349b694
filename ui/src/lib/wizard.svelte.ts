// The messaging-account wizard: which page is open, what the user typed on every page (kept
// across Back/Next), and the errors Rust returned. Components only render this state and call
// its methods; validation lives in Rust.
import type { Account } from './bindings/Account';
import type { Channel } from './bindings/Channel';
import type { WhatsAppNumber } from './bindings/WhatsAppNumber';
import type { WizardStep } from './bindings/WizardStep';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';

export type WizardIpc = Pick<
  Ipc,
  | 'getAccount'
  | 'createAccount'
  | 'updateChannelDetails'
  | 'saveAccountDetails'
  | 'addNumber'
  | 'updateNumber'
  | 'removeNumber'
  | 'completeAccount'
  | 'inboundUrl'
  | 'copyInboundUrl'
>;

export const STEPS: readonly WizardStep[] = ['channel_details', 'account_details', 'numbers', 'callback', 'done'];

export const STEP_TITLES: Record<WizardStep, string> = {
  channel_details: 'Channel details',
  account_details: 'Account details',
  numbers: 'WhatsApp numbers',
  callback: 'Callback information',
  done: 'Done',
};

export const NO_NUMBERS_MESSAGE = 'Add at least one WhatsApp number to continue.';

/** The fields that each form shows; an error for a field that is not on screen becomes the page error. */
const FIELDS_ON = {
  channel_details: ['name', 'channel'],
  account_details: ['accountSid', 'authToken'],
  number_form: ['numberName', 'number'],
} as const;

type FieldContext = keyof typeof FIELDS_ON;

export interface NumberForm {
  /** The number being edited, or null when adding one. */
  numberId: string | null;
  name: string;
  number: string;
}

const COPIED_FOR_MS = 2500;

export class WizardStore {
  step: WizardStep = $state('channel_details');
  /** The account as Rust last returned it; null until the draft is created. */
  account: Account | null = $state(null);

  // What the user typed, page by page.
  name = $state('');
  channel: Channel = $state('whatsapp');
  accountSid = $state('');
  /** Held only until the save that sends it succeeds. */
  authToken = $state('');
  /** The user asked to replace a token already in the keyring. */
  replacingToken = $state(false);
  numberForm: NumberForm | null = $state(null);

  // Callback page.
  inboundUrl: string | null = $state(null);
  callbackBaseUrlMissing = $state(false);
  copied = $state(false);

  /** Error messages keyed by `Error.field`. */
  fieldErrors: Record<string, string> = $state({});
  /** An error that belongs to no field on screen. */
  pageError: string | null = $state(null);
  busy = $state(false);

  #ipc: WizardIpc;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: WizardIpc = defaultIpc) {
    this.#ipc = api;
  }

  get stepIndex(): number {
    return STEPS.indexOf(this.step);
  }

  /** Whether the token box must be shown: no token stored yet, or the user asked to replace it. */
  get tokenInputShown(): boolean {
    return !this.account?.authTokenStored || this.replacingToken;
  }

  /** Pages after the first exist only once the draft does. */
  canVisit(step: WizardStep): boolean {
    return step === 'channel_details' || this.account !== null;
  }

  /** Forget everything, including any typed token. */
  reset(): void {
    this.step = 'channel_details';
    this.account = null;
    this.name = '';
    this.channel = 'whatsapp';
    this.accountSid = '';
    this.authToken = '';
    this.replacingToken = false;
    this.numberForm = null;
    this.inboundUrl = null;
    this.callbackBaseUrlMissing = false;
    this.copied = false;
    clearTimeout(this.#copiedTimer);
    this.clearErrors();
    this.busy = false;
  }

  startNew(): void {
    this.reset();
  }

  /**
   * Open an existing account: `resume` goes to the first page that still needs the user,
   * `edit` to Channel details. Returns false (with the page error set) when it cannot be read.
   */
  async open(id: string, mode: 'resume' | 'edit'): Promise<boolean> {
    this.reset();
    const account = await this.#run(() => this.#ipc.getAccount(id), null);
    if (!account) return false;
    this.account = account;
    this.name = account.name;
    this.channel = account.channel;
    this.accountSid = account.accountSid ?? '';
    await this.goTo(mode === 'resume' ? account.nextStep : 'channel_details');
    return true;
  }

  /** Show a page without saving the current one; what was typed stays in the store. */
  async goTo(step: WizardStep): Promise<void> {
    if (!this.canVisit(step)) return;
    this.clearErrors();
    this.step = step;
    if (step === 'callback' || step === 'done') await this.loadInboundUrl();
  }

  async back(): Promise<void> {
    const i = this.stepIndex;
    if (i > 0) await this.goTo(STEPS[i - 1]);
  }

  /** Save the current page and move on. Returns whether it moved. */
  async next(): Promise<boolean> {
    if (this.busy) return false;
    switch (this.step) {
      case 'channel_details':
        return (await this.#saveChannelDetails()) && (await this.goTo('account_details'), true);
      case 'account_details':
        return (await this.#saveAccountDetails()) && (await this.goTo('numbers'), true);
      case 'numbers':
        if (!this.account || this.account.numbers.length === 0) {
          this.clearErrors();
          this.pageError = NO_NUMBERS_MESSAGE;
          return false;
        }
        await this.goTo('callback');
        return true;
      case 'callback':
        await this.goTo('done');
        return true;
      case 'done':
        return false;
    }
  }

  /**
   * Save what was typed on the open page without moving, so that closing the wizard loses
   * nothing. Returns false, with the error shown, when the page cannot be saved.
   */
  async saveCurrent(): Promise<boolean> {
    if (this.busy) return false;
    switch (this.step) {
      case 'channel_details':
        return (this.account === null && this.name.trim() === '') || this.#saveChannelDetails();
      case 'account_details':
        return this.#accountDetailsUnchanged() || this.#saveAccountDetails();
      case 'numbers':
        return this.numberForm === null || this.saveNumber();
      default:
        return true;
    }
  }

  #accountDetailsUnchanged(): boolean {
    return this.accountSid === (this.account?.accountSid ?? '') && this.authToken === '';
  }

  async #saveChannelDetails(): Promise<boolean> {
    const input = { name: this.name, channel: this.channel };
    const current = this.account;
    const saved = await this.#run(
      () => (current ? this.#ipc.updateChannelDetails(current.id, input) : this.#ipc.createAccount(input)),
      'channel_details',
    );
    if (!saved) return false;
    this.account = saved;
    this.name = saved.name;
    this.channel = saved.channel;
    return true;
  }

  async #saveAccountDetails(): Promise<boolean> {
    const current = this.account;
    if (!current) return false;
    const input = {
      accountSid: this.accountSid,
      // null keeps the token already in the keyring.
      authToken: this.tokenInputShown ? this.authToken : null,
    };
    const saved = await this.#run(() => this.#ipc.saveAccountDetails(current.id, input), 'account_details');
    if (!saved) return false;
    // The token is in the keyring now; do not keep a copy.
    this.authToken = '';
    this.replacingToken = false;
    this.account = saved;
    this.accountSid = saved.accountSid ?? this.accountSid;
    return true;
  }

  startReplacingToken(): void {
    this.replacingToken = true;
  }

  keepStoredToken(): void {
    this.replacingToken = false;
    this.authToken = '';
    delete this.fieldErrors.authToken;
  }

  openAddNumber(): void {
    this.clearErrors();
    this.numberForm = { numberId: null, name: '', number: '' };
  }

  openEditNumber(n: WhatsAppNumber): void {
    this.clearErrors();
    this.numberForm = { numberId: n.id, name: n.name, number: n.number };
  }

  cancelNumber(): void {
    this.numberForm = null;
    this.clearErrors();
  }

  /** Add or update the number in the form; on failure the form keeps what was typed. */
  async saveNumber(): Promise<boolean> {
    const form = this.numberForm;
    const current = this.account;
    if (!form || !current || this.busy) return false;
    const input = { name: form.name, number: form.number };
    const saved = await this.#run(
      () => (form.numberId ? this.#ipc.updateNumber(form.numberId, input) : this.#ipc.addNumber(current.id, input)),
      'number_form',
    );
    if (!saved) return false;
    this.account = saved;
    this.numberForm = null;
    return true;
  }

  async removeNumber(numberId: string): Promise<boolean> {
    if (this.busy) return false;
    this.clearErrors();
    const saved = await this.#run(() => this.#ipc.removeNumber(numberId), null);
    if (!saved) return false;
    this.account = saved;
    if (this.numberForm?.numberId === numberId) this.numberForm = null;
    return true;
  }

  /** Ask Rust for the inbound URL; a missing base URL is a state of the page, not an error. */
  async loadInboundUrl(): Promise<void> {
    const current = this.account;
    if (!current) return;
    try {
      this.inboundUrl = await this.#ipc.inboundUrl(current.id);
      this.callbackBaseUrlMissing = false;
    } catch (e) {
      const err = toAppError(e);
      this.inboundUrl = null;
      if (err.code === 'callback_base_url_missing') {
        this.callbackBaseUrlMissing = true;
      } else {
        this.pageError = err.message;
      }
    }
  }

  async copyInboundUrl(): Promise<void> {
    const current = this.account;
    if (!current || this.busy) return;
    this.copied = false;
    const url = await this.#run(() => this.#ipc.copyInboundUrl(current.id), null);
    if (url === null) return;
    this.inboundUrl = url;
    this.copied = true;
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = false), COPIED_FOR_MS);
  }

  /** Mark the account complete. Returns whether it worked; the caller then leaves the wizard. */
  async finish(): Promise<boolean> {
    const current = this.account;
    if (!current || this.busy) return false;
    const saved = await this.#run(() => this.#ipc.completeAccount(current.id), null);
    if (!saved) return false;
    this.account = saved;
    return true;
  }

  clearErrors(): void {
    this.fieldErrors = {};
    this.pageError = null;
  }

  showError(e: unknown, context: FieldContext | null): void {
    const err: AppError = toAppError(e);
    const fields: readonly string[] = context ? FIELDS_ON[context] : [];
    if (err.field !== null && fields.includes(err.field)) {
      this.fieldErrors = { [err.field]: err.message };
      this.pageError = null;
    } else {
      this.fieldErrors = {};
      this.pageError = err.message;
    }
  }

  /** Run one IPC call with the busy flag and error mapping; null means it failed. */
  async #run<T>(fn: () => Promise<T>, context: FieldContext | null): Promise<T | null> {
    this.busy = true;
    try {
      const result = await fn();
      this.clearErrors();
      return result;
    } catch (e) {
      this.showError(e, context);
      return null;
    } finally {
      this.busy = false;
    }
  }
}

export const wizard = new WizardStore();
