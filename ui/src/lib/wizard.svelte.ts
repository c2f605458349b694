// The messaging-account wizard: which page is open, what the user typed on every page (kept
// across Back/Next), and the errors Rust returned. Components only render this state and call
// its methods; validation lives in Rust.
import type { Account } from './bindings/Account';
import type { AccountDetailsInput } from './bindings/AccountDetailsInput';
import type { AuthMethod } from './bindings/AuthMethod';
import type { Channel } from './bindings/Channel';
import type { Verification } from './bindings/Verification';
import type { WhatsAppNumber } from './bindings/WhatsAppNumber';
import type { WhatsAppSender } from './bindings/WhatsAppSender';
import type { WizardStep } from './bindings/WizardStep';
import { SECRET_LABELS } from './checks';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';
import { isKeyringProblem } from './keyring';
import { InboundRoutesStore, type RoutesIpc } from './routes.svelte';
import { SendersStore } from './senders.svelte';

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
  | 'checkCredentials'
  | 'listWhatsAppSenders'
>;

export const STEPS: readonly WizardStep[] = ['channel_details', 'account_details', 'numbers', 'callback', 'done'];

export const STEP_TITLES: Record<WizardStep, string> = {
  channel_details: 'Channel details',
  account_details: 'Account details',
  numbers: 'WhatsApp numbers',
  callback: 'Callback information',
  done: 'Done',
};

/**
 * How an account is opened: `resume` on the first page that still needs the user, `edit` on
 * Channel details, `apply` on Callback information with Twilio's routes read (the list's Apply),
 * or on the page named.
 */
export type OpenMode = 'resume' | 'edit' | 'apply' | WizardStep;

export const NO_NUMBERS_MESSAGE = 'Add at least one WhatsApp number to continue.';

/** Shown after saving a number that the loaded senders do not include; the number is saved all the same. */
export function notASenderWarning(number: string): string {
  return (
    `${number} is not a WhatsApp sender on this Twilio account. It was saved; messages will not reach ` +
    'Channel Desk until it is registered as a WhatsApp sender.'
  );
}

/**
 * Under the secret field when Next or Validate finds no secret in the keyring for the method in
 * use (Rust saved the rest of the page as a draft).
 */
export function secretRequiredMessage(method: AuthMethod): string {
  return `${SECRET_LABELS[method]} is required to continue. The rest of this page is saved in the draft.`;
}

/** Above the secret field, and on the pages that need the secret, while the keyring has lost it. */
export function secretLostMessage(method: AuthMethod): string {
  const label = SECRET_LABELS[method];
  return (
    `The OS keyring no longer has the ${label} of this account: the keyring was reset, or this data folder ` +
    `comes from another computer. Enter the ${label} again.`
  );
}

/** The field that holds the secret of each sign-in method, as Rust names it in `Error.field`. */
export const SECRET_FIELD: Record<AuthMethod, 'authToken' | 'apiKeySecret'> = {
  auth_token: 'authToken',
  api_key: 'apiKeySecret',
};

/** The fields that each form shows; an error for a field that is not on screen becomes the page error. */
const FIELDS_ON = {
  channel_details: ['name', 'channel'],
  account_details: ['accountSid', 'authMethod', 'authToken', 'apiKeySid', 'apiKeySecret'],
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
  authMethod: AuthMethod = $state('auth_token');
  apiKeySid = $state('');
  /** Held only until the save that sends it succeeds. */
  authToken = $state('');
  /** Held only until the save that sends it succeeds. */
  apiKeySecret = $state('');
  /** The user asked to replace the secret already in the keyring. */
  replacingSecret = $state(false);
  /** Validate is running (the save before it included). */
  validating = $state(false);

  // WhatsApp numbers page.
  numberForm: NumberForm | null = $state(null);
  /** Set after saving a number that is not among the loaded senders. */
  numberWarning: string | null = $state(null);
  readonly senders: SendersStore;

  // Callback page.
  inboundUrl: string | null = $state(null);
  callbackBaseUrlMissing = $state(false);
  copied = $state(false);
  /**
   * Where Twilio sends each number's inbound messages, for the open account: read on Callback
   * information (where Apply lives) and shown on Done. A new, unread one whenever what it was read
   * for changes (the credentials, the numbers, the inbound URL); null without an account.
   */
  routes: InboundRoutesStore | null = $state(null);

  /** Error messages keyed by `Error.field`. */
  fieldErrors: Record<string, string> = $state({});
  /** An error that belongs to no field on screen. */
  pageError: string | null = $state(null);
  /** The OS keyring could not be used; shown as a notice of its own, above the page. */
  keyringError: AppError | null = $state(null);
  /** The last error shown, as Rust sent it, for a caller that shows it somewhere else (opening an account). */
  lastError: AppError | null = null;
  busy = $state(false);

  #ipc: WizardIpc;
  #routesIpc: RoutesIpc;
  /**
   * A new one on every reset. An IPC answer that comes back after a reset belongs to the wizard
   * as it was (another account, or none yet): it is dropped and touches no state, busy included.
   */
  #generation = new Generation();
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Callers of `whenIdle` waiting for the save or check that is running. */
  #idleWaiters: (() => void)[] = [];

  constructor(api: WizardIpc = defaultIpc, routesApi: RoutesIpc = defaultIpc) {
    this.#ipc = api;
    this.#routesIpc = routesApi;
    this.senders = new SendersStore(api);
  }

  get stepIndex(): number {
    return STEPS.indexOf(this.step);
  }

  /** Whether the keyring holds a secret for the sign-in method selected now. */
  get secretStored(): boolean {
    return this.account !== null && this.account.secretStored && this.account.authMethod === this.authMethod;
  }

  /**
   * Whether the keyring turned out not to have the secret this account had for the method
   * selected now (keyring reset, or a data folder from another computer): it must be typed again.
   */
  get secretLost(): boolean {
    return this.account !== null && this.account.secretLost && this.account.authMethod === this.authMethod;
  }

  /**
   * The last answer Twilio gave about the saved credentials, while the form still holds them. As
   * soon as the form differs (another SID, method or key SID, or a new secret typed) it is not
   * about what is on screen, and no old "Verified" stays shown.
   */
  get verificationShown(): Verification | null {
    const verification = this.account?.verification ?? null;
    return verification !== null && !this.secretLost && this.#accountDetailsUnchanged() ? verification : null;
  }

  /** There is an answer, but for credentials that the form no longer holds. */
  get verificationChanged(): boolean {
    return (this.account?.verification ?? null) !== null && !this.secretLost && !this.#accountDetailsUnchanged();
  }

  /** Whether the secret box must be shown: none stored for this method yet, or the user asked to replace it. */
  get secretInputShown(): boolean {
    return !this.secretStored || this.replacingSecret;
  }

  /** Pages after the first exist only once the draft does. */
  canVisit(step: WizardStep): boolean {
    return step === 'channel_details' || this.account !== null;
  }

  /** Forget everything, including any typed token. */
  reset(): void {
    this.#generation.next();
    this.step = 'channel_details';
    this.account = null;
    this.name = '';
    this.channel = 'whatsapp';
    this.accountSid = '';
    this.authMethod = 'auth_token';
    this.apiKeySid = '';
    this.authToken = '';
    this.apiKeySecret = '';
    this.replacingSecret = false;
    this.validating = false;
    this.numberForm = null;
    this.numberWarning = null;
    this.senders.clear();
    this.inboundUrl = null;
    this.callbackBaseUrlMissing = false;
    this.copied = false;
    this.routes = null;
    clearTimeout(this.#copiedTimer);
    this.clearErrors();
    this.lastError = null;
    this.busy = false;
    this.#wakeIdleWaiters();
  }

  /** Resolves once no save or check is running: at once when none is. */
  whenIdle(): Promise<void> {
    if (!this.busy && !this.validating) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #wakeIdleWaiters(): void {
    if (this.busy || this.validating) return;
    const waiting = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiting) wake();
  }

  startNew(): void {
    this.reset();
  }

  /**
   * Open an existing account: `resume` goes to the first page that still needs the user,
   * `edit` to Channel details, `apply` to Callback information and reads Twilio's routes there.
   * Returns false (with the page error set) when it cannot be read, and false (touching nothing)
   * when a reset came while it was opening.
   */
  async open(id: string, mode: OpenMode): Promise<boolean> {
    this.reset();
    const current = this.#generation.current();
    const account = await this.#run(() => this.#ipc.getAccount(id), null);
    if (!account || !current()) return false;
    this.account = account;
    this.name = account.name;
    this.channel = account.channel;
    this.accountSid = account.accountSid ?? '';
    this.authMethod = account.authMethod;
    this.apiKeySid = account.apiKeySid ?? '';
    const step: WizardStep =
      mode === 'resume' ? account.nextStep : mode === 'apply' ? 'callback' : mode === 'edit' ? 'channel_details' : mode;
    await this.goTo(step);
    if (mode === 'apply' && current()) this.#readRoutes(true);
    return current();
  }

  /** The routes store of the open account, made when there is none for it yet. */
  #routesOfAccount(): InboundRoutesStore | null {
    const a = this.account;
    if (!a) return null;
    if (this.routes?.accountId !== a.id) this.routes = new InboundRoutesStore(a.id, this.#routesIpc);
    return this.routes;
  }

  /** What the routes were read for changed: they are read again next time they are wanted. */
  #forgetRoutes(): void {
    this.routes = this.account ? new InboundRoutesStore(this.account.id, this.#routesIpc) : null;
  }

  /**
   * Start reading Twilio's routes, without waiting for them, when they can be read: the secret is
   * stored, there is a number, and the inbound URL is built. `again` reads even when a read was made
   * or failed already; otherwise only routes never asked for are read.
   */
  #readRoutes(again: boolean): void {
    const a = this.account;
    const routes = this.#routesOfAccount();
    if (!a || !routes || !a.secretStored || a.numbers.length === 0 || this.inboundUrl === null) return;
    if (!again && (routes.routes !== null || routes.loading || routes.error !== null)) return;
    void routes.check();
  }

  /** Show a page without saving the current one; what was typed stays in the store. */
  async goTo(step: WizardStep): Promise<void> {
    if (!this.canVisit(step)) return;
    this.clearErrors();
    this.numberWarning = null;
    this.step = step;
    if (step === 'numbers') await this.loadSenders();
    if (step === 'callback' || step === 'done') {
      this.#routesOfAccount();
      await this.loadInboundUrl();
    }
    // Done says which numbers Twilio does not post here yet, so it needs the routes.
    if (step === 'done' && this.step === 'done') this.#readRoutes(false);
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
        if (!(await this.#saveAccountDetails()) || !this.#secretInKeyring()) return false;
        await this.goTo('numbers');
        return true;
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

  /** The secret typed for the method selected now. */
  get #typedSecret(): string {
    return this.authMethod === 'api_key' ? this.apiKeySecret : this.authToken;
  }

  #accountDetailsUnchanged(): boolean {
    const a = this.account;
    return (
      this.accountSid === (a?.accountSid ?? '') &&
      this.authMethod === (a?.authMethod ?? 'auth_token') &&
      (this.authMethod !== 'api_key' || this.apiKeySid === (a?.apiKeySid ?? '')) &&
      this.#typedSecret === ''
    );
  }

  /**
   * The secret of the chosen method, and null for the other method. Null also when none was
   * typed: Rust then keeps the stored one, or saves the rest of the page as a draft without one.
   */
  #accountDetailsInput(): AccountDetailsInput {
    const typed = this.#typedSecret;
    const secret = this.secretInputShown && typed !== '' ? typed : null;
    if (this.authMethod === 'api_key') {
      return {
        accountSid: this.accountSid,
        authMethod: 'api_key',
        authToken: null,
        apiKeySid: this.apiKeySid,
        apiKeySecret: secret,
      };
    }
    return {
      accountSid: this.accountSid,
      authMethod: 'auth_token',
      authToken: secret,
      apiKeySid: null,
      apiKeySecret: null,
    };
  }

  async #saveChannelDetails(): Promise<boolean> {
    const input = { name: this.name, channel: this.channel };
    const draft = this.account;
    const current = this.#generation.current();
    const saved = await this.#run(
      () => (draft ? this.#ipc.updateChannelDetails(draft.id, input) : this.#ipc.createAccount(input)),
      'channel_details',
    );
    if (!saved || !current()) return false;
    this.account = saved;
    this.name = saved.name;
    this.channel = saved.channel;
    return true;
  }

  async #saveAccountDetails(): Promise<boolean> {
    const draft = this.account;
    if (!draft) return false;
    const input = this.#accountDetailsInput();
    const sameCredentials = this.#accountDetailsUnchanged();
    const current = this.#generation.current();
    const saved = await this.#run(() => this.#ipc.saveAccountDetails(draft.id, input), 'account_details');
    if (!saved || !current()) return false;
    if (!sameCredentials) this.#forgetRoutes();
    // The secret is in the keyring now; do not keep a copy of either.
    this.authToken = '';
    this.apiKeySecret = '';
    this.replacingSecret = false;
    this.account = saved;
    this.accountSid = saved.accountSid ?? this.accountSid;
    this.authMethod = saved.authMethod;
    this.apiKeySid = saved.apiKeySid ?? '';
    return true;
  }

  /**
   * After a save: whether the keyring now holds the secret of the saved method. If not, Next and
   * Validate cannot go on, and the secret field says so (Rust kept the rest of the page).
   */
  #secretInKeyring(): boolean {
    const saved = this.account;
    if (!saved) return false;
    if (saved.secretStored) return true;
    this.pageError = null;
    this.fieldErrors = { [SECRET_FIELD[saved.authMethod]]: secretRequiredMessage(saved.authMethod) };
    return false;
  }

  /** What Rust records when the keyring turns out not to have the secret: none stored, and no answer checked with it. */
  #markSecretLost(): void {
    const a = this.account;
    if (!a) return;
    this.account = { ...a, secretStored: false, secretLost: true, verification: null, drift: null };
    this.replacingSecret = false;
  }

  /**
   * Save the page as Next would, without moving, then ask Twilio whether the credentials work.
   * The answer (verified, failed or offline) lands in `account.verification`; it never blocks Next.
   */
  async validate(): Promise<boolean> {
    if (this.busy || this.step !== 'account_details') return false;
    const current = this.#generation.current();
    this.validating = true;
    try {
      if (!(await this.#saveAccountDetails()) || !current() || !this.#secretInKeyring()) return false;
      const saved = this.account;
      if (!saved) return false;
      const validated = await this.#run(() => this.#ipc.checkCredentials(saved.id), 'account_details');
      if (!validated || !current()) return false;
      this.account = validated;
      return true;
    } finally {
      if (current()) {
        this.validating = false;
        this.#wakeIdleWaiters();
      }
    }
  }

  startReplacingSecret(): void {
    this.replacingSecret = true;
  }

  keepStoredSecret(): void {
    this.replacingSecret = false;
    this.authToken = '';
    this.apiKeySecret = '';
    delete this.fieldErrors.authToken;
    delete this.fieldErrors.apiKeySecret;
  }

  /** Ask Twilio for the account's WhatsApp senders; only once credentials are saved. */
  async loadSenders(): Promise<void> {
    const current = this.account;
    if (!current?.secretStored) {
      this.senders.clear();
      return;
    }
    await this.senders.load(current.id);
    if (this.account === current && this.senders.error?.code === 'secret_lost') this.#markSecretLost();
  }

  openAddNumber(): void {
    this.clearErrors();
    this.numberWarning = null;
    this.numberForm = { numberId: null, name: '', number: '' };
  }

  /** Open the add form with a sender's number; the name is left for the user. */
  useSender(sender: WhatsAppSender): void {
    this.openAddNumber();
    if (this.numberForm) this.numberForm.number = sender.number;
  }

  openEditNumber(n: WhatsAppNumber): void {
    this.clearErrors();
    this.numberWarning = null;
    this.numberForm = { numberId: n.id, name: n.name, number: n.number };
  }

  cancelNumber(): void {
    this.numberForm = null;
    this.clearErrors();
  }

  /** Add or update the number in the form; on failure the form keeps what was typed. */
  async saveNumber(): Promise<boolean> {
    const form = this.numberForm;
    const draft = this.account;
    if (!form || !draft || this.busy) return false;
    this.numberWarning = null;
    const input = { name: form.name, number: form.number };
    const current = this.#generation.current();
    const saved = await this.#run(
      () => (form.numberId ? this.#ipc.updateNumber(form.numberId, input) : this.#ipc.addNumber(draft.id, input)),
      'number_form',
    );
    if (!saved || !current()) return false;
    this.account = saved;
    this.#forgetRoutes();
    this.numberForm = null;
    // Compare the number as Rust saved it (normalised), not as it was typed.
    const number = form.numberId
      ? saved.numbers.find((n) => n.id === form.numberId)
      : saved.numbers.find((n) => !draft.numbers.some((old) => old.id === n.id));
    if (number && this.senders.loaded && !this.senders.includes(number.number)) {
      this.numberWarning = notASenderWarning(number.number);
    }
    return true;
  }

  async removeNumber(numberId: string): Promise<boolean> {
    if (this.busy) return false;
    this.clearErrors();
    const current = this.#generation.current();
    const saved = await this.#run(() => this.#ipc.removeNumber(numberId), null);
    if (!saved || !current()) return false;
    this.account = saved;
    this.#forgetRoutes();
    this.numberWarning = null;
    if (this.numberForm?.numberId === numberId) this.numberForm = null;
    return true;
  }

  /** Ask Rust for the inbound URL; a missing base URL is a state of the page, not an error. */
  async loadInboundUrl(): Promise<void> {
    const account = this.account;
    if (!account) return;
    const current = this.#generation.current();
    try {
      const url = await this.#ipc.inboundUrl(account.id);
      if (!current()) return;
      // Routes read for another inbound URL (the callback base URL changed) say nothing about this one.
      if (this.routes?.routes?.some((r) => r.ourUrl !== url)) this.#forgetRoutes();
      this.inboundUrl = url;
      this.callbackBaseUrlMissing = false;
    } catch (e) {
      if (!current()) return;
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
    const draft = this.account;
    if (!draft || this.busy) return;
    this.copied = false;
    const current = this.#generation.current();
    const url = await this.#run(() => this.#ipc.copyInboundUrl(draft.id), null);
    if (url === null || !current()) return;
    this.inboundUrl = url;
    this.copied = true;
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = false), COPIED_FOR_MS);
  }

  /** Mark the account complete. Returns whether it worked; the caller then leaves the wizard. */
  async finish(): Promise<boolean> {
    const draft = this.account;
    if (!draft || this.busy) return false;
    const current = this.#generation.current();
    const saved = await this.#run(() => this.#ipc.completeAccount(draft.id), null);
    if (!saved || !current()) return false;
    this.account = saved;
    return true;
  }

  clearErrors(): void {
    this.fieldErrors = {};
    this.pageError = null;
    this.keyringError = null;
  }

  /**
   * Put an error where it belongs: a keyring problem in its own notice, a field's error under the
   * field when the page shows it, anything else as the page error. `secret_lost` always belongs to
   * the secret of the saved method, and the account then shows the secret as missing.
   */
  showError(e: unknown, context: FieldContext | null): void {
    const err: AppError = toAppError(e);
    this.lastError = err;
    this.fieldErrors = {};
    this.pageError = null;
    this.keyringError = null;
    if (isKeyringProblem(err)) {
      this.keyringError = err;
      return;
    }
    let field = err.field;
    if (err.code === 'secret_lost' && this.account) {
      this.#markSecretLost();
      field = SECRET_FIELD[this.account.authMethod];
    }
    const fields: readonly string[] = context ? FIELDS_ON[context] : [];
    if (field !== null && fields.includes(field)) {
      this.fieldErrors = { [field]: err.message };
    } else {
      this.pageError = err.message;
    }
  }

  /**
   * Run one IPC call with the busy flag and error mapping; null means it failed, or that a reset
   * came while it ran (the answer is then dropped and nothing is touched, not even `busy`).
   */
  async #run<T>(fn: () => Promise<T>, context: FieldContext | null): Promise<T | null> {
    const current = this.#generation.current();
    this.busy = true;
    try {
      const result = await fn();
      if (!current()) return null;
      this.clearErrors();
      return result;
    } catch (e) {
      if (current()) this.showError(e, context);
      return null;
    } finally {
      if (current()) {
        this.busy = false;
        this.#wakeIdleWaiters();
      }
    }
  }
}

export const wizard = new WizardStore();
