// Page 2, Account details: the Twilio Account SID and how to sign in (the Auth token, or an API
// key and its secret). Secrets go to the keyring through Rust and are held here only until the
// save that sends them succeeds. Validate asks Twilio whether the saved credentials work.
import type { Account } from '../bindings/Account';
import type { AccountDetailsInput } from '../bindings/AccountDetailsInput';
import type { AuthMethod } from '../bindings/AuthMethod';
import type { Verification } from '../bindings/Verification';
import { ipc as defaultIpc, type AppError, type Ipc } from '../ipc';
import { SECRET_FIELD, withSecretLost, type AccountEngine } from './account-steps';
import type { WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

export type AccountDetailsIpc = Pick<Ipc, 'saveAccountDetails' | 'checkCredentials'>;

/** Top to bottom, as the page shows them. */
export const ACCOUNT_DETAILS_FIELDS = ['accountSid', 'authMethod', 'apiKeySid', 'authToken', 'apiKeySecret'] as const;

export class AccountDetailsPage implements WizardPage<Account> {
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
  readonly problems = new Problems(ACCOUNT_DETAILS_FIELDS);

  readonly #engine: AccountEngine;
  readonly #ipc: AccountDetailsIpc;
  /** Called when a save changed the credentials: what was read from Twilio with the old ones is stale. */
  readonly #credentialsChanged: () => void;

  constructor(engine: AccountEngine, api: AccountDetailsIpc = defaultIpc, credentialsChanged: () => void = () => {}) {
    this.#engine = engine;
    this.#ipc = api;
    this.#credentialsChanged = credentialsChanged;
  }

  get #account(): Account | null {
    return this.#engine.draft;
  }

  /** Whether the keyring holds a secret for the sign-in method selected now. */
  get secretStored(): boolean {
    const a = this.#account;
    return a !== null && a.secretStored && a.authMethod === this.authMethod;
  }

  /**
   * Whether the keyring turned out not to have the secret this account had for the method
   * selected now (keyring reset, or a data folder from another computer): it must be typed again.
   */
  get secretLost(): boolean {
    const a = this.#account;
    return a !== null && a.secretLost && a.authMethod === this.authMethod;
  }

  /** Whether the secret box must be shown: none stored for this method yet, or the user asked to replace it. */
  get secretInputShown(): boolean {
    return !this.secretStored || this.replacingSecret;
  }

  /** The field that holds the secret of the method selected now. */
  get secretField(): 'authToken' | 'apiKeySecret' {
    return SECRET_FIELD[this.authMethod];
  }

  /**
   * The last answer Twilio gave about the saved credentials, while the form still holds them. As
   * soon as the form differs (another SID, method or key SID, or a new secret typed) it is not
   * about what is on screen, and no old "Verified" stays shown.
   */
  get verificationShown(): Verification | null {
    const verification = this.#account?.verification ?? null;
    return verification !== null && !this.secretLost && !this.unsaved ? verification : null;
  }

  /** There is an answer, but for credentials that the form no longer holds. */
  get verificationChanged(): boolean {
    return (this.#account?.verification ?? null) !== null && !this.secretLost && this.unsaved;
  }

  /** The secret typed for the method selected now. */
  get #typedSecret(): string {
    return this.authMethod === 'api_key' ? this.apiKeySecret : this.authToken;
  }

  get unsaved(): boolean {
    const a = this.#account;
    return !(
      this.accountSid === (a?.accountSid ?? '') &&
      this.authMethod === (a?.authMethod ?? 'auth_token') &&
      (this.authMethod !== 'api_key' || this.apiKeySid === (a?.apiKeySid ?? '')) &&
      this.#typedSecret === ''
    );
  }

  fill(draft: Account): void {
    this.accountSid = draft.accountSid ?? '';
    this.authMethod = draft.authMethod;
    this.apiKeySid = draft.apiKeySid ?? '';
  }

  reset(): void {
    this.accountSid = '';
    this.authMethod = 'auth_token';
    this.apiKeySid = '';
    this.authToken = '';
    this.apiKeySecret = '';
    this.replacingSecret = false;
    this.validating = false;
    this.problems.clear();
  }

  /** Next: save, and go on only once the keyring holds the secret of the saved method. */
  async complete(): Promise<boolean> {
    if (await this.save()) return this.#secretInKeyring();
    // Rust refused the page; a secret still missing is one of its problems too, shown with them.
    if (this.secretInputShown && this.#typedSecret === '' && !(this.secretField in this.problems.fields)) {
      this.problems.alsoShow({ kind: 'secret_required', method: this.authMethod }, this.secretField);
    }
    return false;
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.save();
  }

  /**
   * The secret of the chosen method, and null for the other method. Null also when none was
   * typed: Rust then keeps the stored one, or saves the rest of the page as a draft without one.
   */
  #input(): AccountDetailsInput {
    const typed = this.#typedSecret;
    const secret = this.secretInputShown && typed !== '' ? typed : null;
    if (this.authMethod === 'api_key') {
      return { accountSid: this.accountSid, authMethod: 'api_key', authToken: null, apiKeySid: this.apiKeySid, apiKeySecret: secret };
    }
    return { accountSid: this.accountSid, authMethod: 'auth_token', authToken: secret, apiKeySid: null, apiKeySecret: null };
  }

  async save(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const input = this.#input();
    const sameCredentials = !this.unsaved;
    const saved = await engine.call(
      () => this.#ipc.saveAccountDetails(draft.id, input),
      (e) => this.#refused(e),
    );
    if (!saved) return false;
    this.problems.clear();
    if (!sameCredentials) this.#credentialsChanged();
    // The secret is in the keyring now; do not keep a copy of either.
    this.authToken = '';
    this.apiKeySecret = '';
    this.replacingSecret = false;
    engine.draft = saved;
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
    const saved = this.#account;
    if (!saved) return false;
    if (saved.secretStored) return true;
    this.problems.showOwn({ kind: 'secret_required', method: saved.authMethod }, SECRET_FIELD[saved.authMethod]);
    return false;
  }

  /**
   * Every problem under its field. `secret_lost` belongs to the secret of the saved method,
   * whatever field it names, and the account then shows that secret as missing.
   */
  #refused(e: unknown): void {
    const fieldOf = (err: AppError): string | null => {
      const a = this.#account;
      if (err.code !== 'secret_lost' || !a) return err.field;
      this.#engine.draft = withSecretLost(a);
      this.replacingSecret = false;
      return SECRET_FIELD[a.authMethod];
    };
    this.problems.showRefusal(e, ACCOUNT_DETAILS_FIELDS, fieldOf);
  }

  /**
   * Save the page as Next would, without moving, then ask Twilio whether the credentials work.
   * The answer (verified, failed or offline) lands in the draft's `verification`; it never blocks Next.
   */
  async validate(): Promise<boolean> {
    const engine = this.#engine;
    if (engine.busy || engine.step !== 'account_details') return false;
    const current = engine.current();
    this.validating = true;
    try {
      return await engine.hold(async () => {
        if (!(await this.save()) || !current() || !this.#secretInKeyring()) return false;
        const saved = this.#account;
        if (!saved) return false;
        const checked = await engine.call(() => this.#ipc.checkCredentials(saved.id), (e) => this.#refused(e));
        if (!checked) return false;
        this.problems.clear();
        engine.draft = checked;
        return true;
      });
    } finally {
      if (current()) this.validating = false;
    }
  }

  startReplacingSecret(): void {
    this.replacingSecret = true;
  }

  /** Cancels replacing: the stored secret stays, and what was typed is forgotten. */
  keepStoredSecret(): void {
    this.replacingSecret = false;
    this.authToken = '';
    this.apiKeySecret = '';
    this.problems.clearField('authToken');
    this.problems.clearField('apiKeySecret');
  }
}
