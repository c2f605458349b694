// The read-only page of one account: the account as Rust holds it, its inbound URL and Copy, and
// where Twilio sends each number's inbound messages (reading that is also a drift check).
import type { Account } from './bindings/Account';
import type { InboundRoute } from './bindings/InboundRoute';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';

export type AccountPageIpc = Pick<Ipc, 'getAccount' | 'inboundUrl' | 'copyInboundUrl' | 'inboundRoutes'>;

export class AccountPageStore {
  account: Account | null = $state(null);
  /** The account could not be read. */
  error: AppError | null = $state(null);
  inboundUrl: string | null = $state(null);
  /** Why there is no inbound URL: `callback_base_url_missing` when Settings has no callback base URL. */
  inboundUrlError: AppError | null = $state(null);
  copied = $state(false);
  copyError: AppError | null = $state(null);
  /** Where each number posts now, once read from Twilio; null before. */
  routes: InboundRoute[] | null = $state(null);
  checking = $state(false);
  routesError: AppError | null = $state(null);

  readonly id: string;
  #ipc: AccountPageIpc;
  /** A new one for every read, so only the newest answer lands. */
  #reads = new Generation();

  constructor(id: string, api: AccountPageIpc = defaultIpc) {
    this.id = id;
    this.#ipc = api;
  }

  /** Read the account and its inbound URL. */
  async load(): Promise<void> {
    const current = this.#reads.next();
    const url = this.#ipc.inboundUrl(this.id).then(
      (u) => ({ url: u, error: null }),
      (e) => ({ url: null, error: toAppError(e) }),
    );
    try {
      const account = await this.#ipc.getAccount(this.id);
      const { url: inboundUrl, error } = await url;
      if (!current()) return;
      this.account = account;
      this.inboundUrl = inboundUrl;
      this.inboundUrlError = error;
      this.error = null;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    }
  }

  /** Put the inbound URL on the clipboard (Rust does it: the webview has no clipboard access). */
  async copy(): Promise<boolean> {
    this.copied = false;
    try {
      await this.#ipc.copyInboundUrl(this.id);
      this.copied = true;
      this.copyError = null;
      return true;
    } catch (e) {
      this.copyError = toAppError(e);
      return false;
    }
  }

  /**
   * Ask Twilio where each number's inbound messages go. Rust keeps the answer as the account's
   * drift check, so the account is read again to show it.
   */
  async checkRoutes(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      this.routes = await this.#ipc.inboundRoutes(this.id);
      this.routesError = null;
    } catch (e) {
      this.routesError = toAppError(e);
    }
    await this.load();
    this.checking = false;
  }

  /** The route read for a number, if any. */
  routeOf(numberId: string): InboundRoute | undefined {
    return this.routes?.find((r) => r.numberId === numberId);
  }
}
