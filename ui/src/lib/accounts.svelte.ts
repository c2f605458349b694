// The messaging-accounts list, checking an account against Twilio from it, and deleting one.
import type { Account } from './bindings/Account';
import { SvelteSet } from 'svelte/reactivity';
import type { AccountSummary } from './bindings/AccountSummary';
import { ipc as defaultIpc, toAppError, type Ipc } from './ipc';

export type AccountsIpc = Pick<Ipc, 'listAccounts' | 'getAccount' | 'deleteAccount' | 'checkDrift'>;

export class AccountsStore {
  items: AccountSummary[] = $state([]);
  loaded = $state(false);
  loading = $state(false);
  error: string | null = $state(null);
  /** The account the delete dialog is asking about, read in full so the dialog can list its numbers. */
  pendingDelete: Account | null = $state(null);
  deleting = $state(false);
  deleteError: string | null = $state(null);
  /** The ids of the accounts whose drift check is running. */
  readonly checking = new SvelteSet<string>();

  #ipc: AccountsIpc;

  constructor(api: AccountsIpc = defaultIpc) {
    this.#ipc = api;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = await this.#ipc.listAccounts();
      this.error = null;
    } catch (e) {
      this.error = toAppError(e).message;
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }

  /**
   * Ask Twilio whether every number of the account still posts to its inbound URL, and put the
   * answer on its row. Offline and failed checks are answers too; a rejection goes to the banner.
   */
  async checkDrift(id: string): Promise<boolean> {
    if (this.checking.has(id)) return false;
    this.checking.add(id);
    try {
      const drift = await this.#ipc.checkDrift(id);
      this.items = this.items.map((a) => (a.id === id ? { ...a, drift } : a));
      this.error = null;
      return true;
    } catch (e) {
      const err = toAppError(e);
      // The list was stale: refresh it, then say why nothing was checked.
      if (err.code === 'not_found') await this.load();
      this.error = err.message;
      return false;
    } finally {
      this.checking.delete(id);
    }
  }

  /** Read the account so the confirmation can name everything that goes with it. */
  async askDelete(id: string): Promise<void> {
    this.deleteError = null;
    try {
      this.pendingDelete = await this.#ipc.getAccount(id);
      this.error = null;
    } catch (e) {
      const err = toAppError(e);
      // The list was stale: refresh it, then say why nothing opened.
      if (err.code === 'not_found') await this.load();
      this.error = err.message;
    }
  }

  cancelDelete(): void {
    this.pendingDelete = null;
    this.deleteError = null;
  }

  async confirmDelete(): Promise<boolean> {
    const target = this.pendingDelete;
    if (!target || this.deleting) return false;
    this.deleting = true;
    try {
      await this.#ipc.deleteAccount(target.id);
      this.pendingDelete = null;
      this.deleteError = null;
      this.items = this.items.filter((a) => a.id !== target.id);
      await this.load();
      return true;
    } catch (e) {
      this.deleteError = toAppError(e).message;
      return false;
    } finally {
      this.deleting = false;
    }
  }
}

export const accounts = new AccountsStore();
