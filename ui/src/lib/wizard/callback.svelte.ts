// Page 4, Callback information: the account's inbound URL (built by Rust from the callback base
// URL), Copy, and where Twilio sends each number's messages now, with Apply. The routes are kept
// here for Done too.
import type { Account } from '../bindings/Account';
import { ipc as defaultIpc, toAppError, type Ipc } from '../ipc';
import { InboundRoutesStore, type RoutesIpc } from '../routes.svelte';
import type { AccountEngine } from './account-steps';
import type { WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

export type CallbackIpc = Pick<Ipc, 'inboundUrl' | 'copyInboundUrl'>;

const COPIED_FOR_MS = 2500;

export class CallbackPage implements WizardPage<Account> {
  inboundUrl: string | null = $state(null);
  /** No callback base URL is set: the page offers to set it. */
  callbackBaseUrlMissing = $state(false);
  copied = $state(false);
  /**
   * Where Twilio sends each number's inbound messages, for the open account: read here (where
   * Apply lives) and shown on Done. A new, unread one whenever what it was read for changes (the
   * credentials, the numbers, the inbound URL); null without an account.
   */
  routes: InboundRoutesStore | null = $state(null);
  readonly problems = new Problems([]);
  readonly unsaved = false;

  readonly #engine: AccountEngine;
  readonly #ipc: CallbackIpc;
  readonly #routesIpc: RoutesIpc;
  #copiedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(engine: AccountEngine, api: CallbackIpc = defaultIpc, routesApi: RoutesIpc = defaultIpc) {
    this.#engine = engine;
    this.#ipc = api;
    this.#routesIpc = routesApi;
  }

  reset(): void {
    this.inboundUrl = null;
    this.callbackBaseUrlMissing = false;
    this.copied = false;
    this.routes = null;
    clearTimeout(this.#copiedTimer);
    this.problems.clear();
  }

  async enter(): Promise<void> {
    this.routesOfAccount();
    await this.loadInboundUrl();
  }

  async complete(): Promise<boolean> {
    return true;
  }

  async saveBeforeLeave(): Promise<boolean> {
    return true;
  }

  /** The routes store of the open account, made when there is none for it yet. */
  routesOfAccount(): InboundRoutesStore | null {
    const a = this.#engine.draft;
    if (!a) return null;
    if (this.routes?.accountId !== a.id) this.routes = new InboundRoutesStore(a.id, this.#routesIpc);
    return this.routes;
  }

  /** What the routes were read for changed: they are read again next time they are wanted. */
  forgetRoutes(): void {
    const a = this.#engine.draft;
    this.routes = a ? new InboundRoutesStore(a.id, this.#routesIpc) : null;
  }

  /**
   * Start reading Twilio's routes, without waiting for them, when they can be read: the secret is
   * stored, there is a number, and the inbound URL is built. `again` reads even when a read was made
   * or failed already; otherwise only routes never asked for are read.
   */
  readRoutes(again: boolean): void {
    const a = this.#engine.draft;
    const routes = this.routesOfAccount();
    if (!a || !routes || !a.secretStored || a.numbers.length === 0 || this.inboundUrl === null) return;
    if (!again && (routes.routes !== null || routes.loading || routes.error !== null)) return;
    void routes.check();
  }

  /** Ask Rust for the inbound URL; a missing base URL is a state of the page, not an error. */
  async loadInboundUrl(): Promise<void> {
    const engine = this.#engine;
    const account = engine.draft;
    if (!account) return;
    const current = engine.current();
    try {
      const url = await this.#ipc.inboundUrl(account.id);
      if (!current()) return;
      // Routes read for another inbound URL (the callback base URL changed) say nothing about this one.
      if (this.routes?.routes?.some((r) => r.inboundUrl !== url)) this.forgetRoutes();
      this.inboundUrl = url;
      this.callbackBaseUrlMissing = false;
    } catch (e) {
      if (!current()) return;
      const err = toAppError(e);
      this.inboundUrl = null;
      if (err.code === 'callback_base_url_missing') this.callbackBaseUrlMissing = true;
      else this.problems.showRefusal(err, []);
    }
  }

  async copyInboundUrl(): Promise<void> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft || engine.busy) return;
    this.copied = false;
    const url = await engine.call(
      () => this.#ipc.copyInboundUrl(draft.id),
      (e) => this.problems.showRefusal(e, []),
    );
    if (url === null) return;
    this.problems.clear();
    this.inboundUrl = url;
    this.copied = true;
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => (this.copied = false), COPIED_FOR_MS);
  }
}
