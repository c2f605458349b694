// The messaging-accounts list, checking an account against Twilio from it, and deleting one,
// with the choice to unbind the workstreams that use its numbers. Errors keep their `code`, so
// the list can show a keyring problem as one.
import type { Account } from './bindings/Account';
import { SvelteSet } from 'svelte/reactivity';
import type { AccountSummary } from './bindings/AccountSummary';
import type { DriftCheck } from './bindings/DriftCheck';
import type { CodedError } from './errors';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';
import { isKeyringProblem } from './keyring';
import { workstreamsInUse, type WorkstreamsInUse } from './unbind';

export type AccountsIpc = Pick<Ipc, 'listAccounts' | 'getAccount' | 'deleteAccount' | 'checkDrift' | 'getSettings'>;

export class AccountsStore {
  items: AccountSummary[] = $state([]);
  loaded = $state(false);
  loading = $state(false);
  /** Why the list, a check or a delete question failed; a keyring problem a check ran into. */
  error: CodedError | null = $state(null);
  /**
   * No callback base URL is set, so no account has an inbound URL and Twilio cannot deliver to
   * this desk. False when the settings could not be read: the list then says nothing about it.
   */
  callbackBaseUrlMissing = $state(false);
  /** The account the delete dialog is asking about, read in full so the dialog can list its numbers. */
  pendingDelete: Account | null = $state(null);
  /**
   * The account whose delete Rust refused because workstreams use its numbers: the unbind
   * dialog asks whether to unbind them and delete. Open instead of the delete dialog.
   */
  pendingUnbind: { account: Account; workstreams: WorkstreamsInUse } | null = $state(null);
  deleting = $state(false);
  /** Why the delete (or the unbind and delete) failed, shown in the dialog that asked. */
  deleteError: AppError | null = $state(null);
  /** The ids of the accounts whose drift check is running. */
  readonly checking = new SvelteSet<string>();

  #ipc: AccountsIpc;
  /** A new one for every list read, so only the newest read lands. */
  #loads = new Generation();
  /** A new one for every delete question and cancel, so a late answer does not open the dialog on another account. */
  #deleteQuestions = new Generation();
  /** The last drift answer per account, numbered, so a list read that started before it does not hide it. */
  #driftAnswers: Record<string, { drift: DriftCheck; seq: number } | undefined> = {};
  #driftSeq = 0;

  constructor(api: AccountsIpc = defaultIpc) {
    this.#ipc = api;
  }

  /**
   * Read the list, and whether a callback base URL is set; a read started while another runs
   * replaces it (the older answer is dropped).
   */
  async load(): Promise<void> {
    const current = this.#loads.next();
    const answersBefore = this.#driftSeq;
    this.loading = true;
    const baseUrlMissing = this.#ipc.getSettings().then(
      (s) => s.callbackBaseUrl === null,
      () => false,
    );
    try {
      const items = await this.#ipc.listAccounts();
      const missing = await baseUrlMissing;
      if (!current()) return;
      this.callbackBaseUrlMissing = missing;
      // A drift answer that came in while the list was read may be newer than the row Rust read.
      this.items = items.map((a) => {
        const late = this.#driftAnswers[a.id];
        return late && late.seq > answersBefore ? { ...a, drift: late.drift } : a;
      });
      this.error = null;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e);
    } finally {
      if (current()) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /**
   * Ask Twilio whether every number of the account still posts to its inbound URL, and put the
   * answer on its row. Offline and failed checks are answers too; a rejection goes to the banner.
   * A check that found the secret gone from the keyring marks the row (Rust marked the account);
   * one that the keyring stopped also goes to the banner, where it is shown as a keyring problem.
   */
  async checkDrift(id: string): Promise<boolean> {
    if (this.checking.has(id)) return false;
    this.checking.add(id);
    try {
      const drift = await this.#ipc.checkDrift(id);
      this.#driftAnswers[id] = { drift, seq: ++this.#driftSeq };
      // Put on the row of the list shown now, which may have been read again since the check began.
      const lost = drift.problem?.code === 'secret_lost';
      this.items = this.items.map((a) => (a.id === id ? { ...a, drift, secretLost: a.secretLost || lost } : a));
      this.error = isKeyringProblem(drift.problem) ? drift.problem : null;
      return true;
    } catch (e) {
      const err = toAppError(e);
      // The list was stale: refresh it, then say why nothing was checked.
      if (err.code === 'not_found') await this.load();
      this.error = err;
      return false;
    } finally {
      this.checking.delete(id);
    }
  }

  /** Read the account so the confirmation can name everything that goes with it. */
  async askDelete(id: string): Promise<void> {
    const current = this.#deleteQuestions.next();
    this.deleteError = null;
    try {
      const target = await this.#ipc.getAccount(id);
      if (!current()) return;
      this.pendingDelete = target;
      this.error = null;
    } catch (e) {
      if (!current()) return;
      const err = toAppError(e);
      // The list was stale: refresh it, then say why nothing opened.
      if (err.code === 'not_found') await this.load();
      this.error = err;
    }
  }

  cancelDelete(): void {
    this.#deleteQuestions.next();
    this.pendingDelete = null;
    this.deleteError = null;
  }

  /**
   * Delete the account the user confirmed. When workstreams use its numbers, Rust refuses and
   * the delete dialog gives way to the unbind dialog (false: nothing was deleted).
   */
  async confirmDelete(): Promise<boolean> {
    const target = this.pendingDelete;
    if (!target || this.deleting) return false;
    return this.#delete(target, false);
  }

  /** Unbind the workstreams the refusal named, and delete the account, in one go. */
  async confirmUnbind(): Promise<boolean> {
    const target = this.pendingUnbind?.account;
    if (!target || this.deleting) return false;
    return this.#delete(target, true);
  }

  /** Nothing is deleted or unbound. */
  cancelUnbind(): void {
    this.pendingUnbind = null;
    this.deleteError = null;
  }

  async #delete(target: Account, unbind: boolean): Promise<boolean> {
    this.deleting = true;
    try {
      await this.#ipc.deleteAccount(target.id, unbind);
      this.pendingDelete = null;
      this.pendingUnbind = null;
      this.deleteError = null;
      this.items = this.items.filter((a) => a.id !== target.id);
      await this.load();
      return true;
    } catch (e) {
      const workstreams = unbind ? null : workstreamsInUse(e);
      if (workstreams) {
        // One dialog at a time: the delete question closes as the unbind question opens.
        this.pendingDelete = null;
        this.deleteError = null;
        this.pendingUnbind = { account: target, workstreams };
      } else {
        this.deleteError = toAppError(e);
      }
      return false;
    } finally {
      this.deleting = false;
    }
  }
}

export const accounts = new AccountsStore();
