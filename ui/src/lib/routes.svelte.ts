// "Apply in Twilio" on the Callback information page: where Twilio sends each number's inbound
// messages now, writing the account's inbound URL there after the user confirmed the change, and
// "Restore previous", which writes back the value an Apply replaced.
import type { InboundRoute } from './bindings/InboundRoute';
import type { RouteKind } from './bindings/RouteKind';
import type { RouteNote } from './bindings/RouteNote';
import { routeKindLabel } from './checks';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';
import { m } from './paraglide/messages';

export type RoutesIpc = Pick<Ipc, 'inboundRoutes' | 'applyInboundUrl' | 'restorePreviousInboundUrl'>;

/** The two changes the page can make in Twilio. */
export type RouteChange = 'apply' | 'restore';

/** Said of a route while Twilio has accepted a change (202) but does not show it yet. */
export function pendingMessage(): string {
  return m.wizard_route_pending();
}

/** The kinds whose URL Rust can write; the Sandbox and unknown numbers are set in the Console. */
const APPLICABLE: readonly RouteKind[] = ['sender_webhook', 'messaging_service', 'phone_number'];

/** Where Twilio reads the number's inbound URL, with the SID of what holds it. */
export function routeWhere(r: InboundRoute): string {
  const where = routeKindLabel(r);
  return r.twilioSid ? m.wizard_route_where_sid({ where, sid: r.twilioSid }) : where;
}

/** What to know about a route before applying, or why it cannot be applied from here. */
export function routeNoteText(note: RouteNote): string {
  switch (note) {
    case 'service_overrides':
      return m.wizard_route_note_service_overrides();
    case 'service_defers':
      return m.wizard_route_note_service_defers();
    case 'twiml_app':
      return m.wizard_route_note_twiml_app();
    case 'sandbox':
      return m.wizard_route_note_sandbox();
    case 'not_in_twilio':
      return m.wizard_route_note_not_in_twilio();
  }
}

/**
 * Whether Apply is offered: the URL is not ours yet, and Rust can write it. A route without a
 * Twilio SID (a phone number handled by a TwiML app) can only be changed in the Console.
 */
export function canApply(r: InboundRoute): boolean {
  return r.owner !== 'ours' && !r.pending && APPLICABLE.includes(r.kind) && r.twilioSid !== null;
}

/**
 * Whether "Restore previous" is offered: the number posts to this desk because of this desk's last
 * Apply, which replaced another value, and no change is waiting on Twilio.
 */
export function canRestore(r: InboundRoute): boolean {
  return r.owner === 'ours' && !r.pending && r.applied !== null && r.applied.replacedUrl !== null;
}

/** A Studio flow's webhook, by the rule Rust uses for `UrlOwner::StudioFlow` (core/src/inbound.rs). */
export function isStudioFlowUrl(url: string): boolean {
  return url.includes('webhooks.twilio.com') && url.includes('/Flows/');
}

/** What replacing the current URL breaks, if anything. */
export function replaceWarning(r: InboundRoute): string | null {
  switch (r.owner) {
    case 'studio_flow':
      return m.wizard_replaces_studio_flow();
    case 'elsewhere':
      return m.wizard_replaces_elsewhere();
    default:
      return null;
  }
}

export class InboundRoutesStore {
  /** null until checked. */
  routes: InboundRoute[] | null = $state(null);
  loading = $state(false);
  /** Kept with its code, so a keyring problem shows as one. */
  error: AppError | null = $state(null);
  /** The route the Apply confirmation is asking about, as the user sees it there. */
  pendingApply: InboundRoute | null = $state(null);
  applying = $state(false);
  /** A failed apply, shown in the dialog. */
  applyError: AppError | null = $state(null);
  /** The route the Restore previous confirmation is asking about, as the user sees it there. */
  pendingRestore: InboundRoute | null = $state(null);
  restoring = $state(false);
  /** A failed restore, shown in the dialog. */
  restoreError: AppError | null = $state(null);
  /** The last change that Twilio accepted, for the status message; `pending` while Twilio does not show it yet. */
  changed: { kind: RouteChange; number: string; pending: boolean } | null = $state(null);

  readonly accountId: string;
  #ipc: RoutesIpc;
  /** A new one for every read, so only the newest read lands. */
  #reads = new Generation();

  constructor(accountId: string, api: RoutesIpc = defaultIpc) {
    this.accountId = accountId;
    this.#ipc = api;
  }

  /**
   * Read every number's route from Twilio (Rust keeps what it finds as the account's drift check).
   * `keepError` keeps a message set just before. A read started while another runs replaces it:
   * the older answer is dropped. `after` is a change just made: if Twilio still shows the value it
   * showed right after it, a change it accepted but had not applied is still pending.
   */
  async check(keepError = false, after: InboundRoute | null = null): Promise<void> {
    const current = this.#reads.next();
    this.loading = true;
    if (!keepError) this.changed = null;
    try {
      const routes = await this.#ipc.inboundRoutes(this.accountId);
      if (!current()) return;
      this.routes = after?.pending ? routes.map((r) => (stillPending(r, after) ? { ...r, pending: true } : r)) : routes;
      if (!keepError) this.error = null;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  askApply(route: InboundRoute): void {
    this.cancelRestore();
    this.applyError = null;
    this.changed = null;
    this.pendingApply = route;
  }

  cancelApply(): void {
    this.pendingApply = null;
    this.applyError = null;
  }

  askRestore(route: InboundRoute): void {
    this.cancelApply();
    this.restoreError = null;
    this.changed = null;
    this.pendingRestore = route;
  }

  cancelRestore(): void {
    this.pendingRestore = null;
    this.restoreError = null;
  }

  /**
   * Write our URL for the pending route, telling Rust which current URL the user confirmed.
   * If Twilio's value moved since, the dialog closes, the reason is shown and the routes reload.
   */
  confirmApply(): Promise<boolean> {
    return this.#confirm('apply');
  }

  /**
   * Write back the value the last Apply replaced, telling Rust which current URL the user
   * confirmed. If Twilio's value moved since, or there is nothing to restore after all, the dialog
   * closes, the reason is shown and the routes reload.
   */
  confirmRestore(): Promise<boolean> {
    return this.#confirm('restore');
  }

  async #confirm(kind: RouteChange): Promise<boolean> {
    const target = kind === 'apply' ? this.pendingApply : this.pendingRestore;
    if (!target || this.applying || this.restoring) return false;
    this.#busy(kind, true);
    try {
      const after =
        kind === 'apply'
          ? await this.#ipc.applyInboundUrl(this.accountId, target.numberId, target.currentUrl)
          : await this.#ipc.restorePreviousInboundUrl(this.accountId, target.numberId, target.currentUrl);
      this.routes = (this.routes ?? [after]).map((r) => (r.numberId === after.numberId ? after : r));
      this.#close(kind);
      this.error = null;
      this.changed = { kind, number: after.number, pending: after.pending };
      // Read again: what Twilio shows now becomes the account's drift check, which the list shows,
      // and a read still running, which may predate the write, does not put the old URL back.
      void this.check(true, after);
      return true;
    } catch (e) {
      const err = toAppError(e);
      // The route the user confirmed is not Twilio's any more (or this desk's last Apply is undone):
      // say why and show what is there now.
      if (err.code === 'inbound_changed' || err.code === 'nothing_to_restore') {
        this.#close(kind);
        this.error = err;
        this.#busy(kind, false);
        await this.check(true);
      } else if (kind === 'apply') {
        this.applyError = err;
      } else {
        this.restoreError = err;
      }
      return false;
    } finally {
      this.#busy(kind, false);
    }
  }

  #busy(kind: RouteChange, busy: boolean): void {
    if (kind === 'apply') this.applying = busy;
    else this.restoring = busy;
  }

  #close(kind: RouteChange): void {
    if (kind === 'apply') this.cancelApply();
    else this.cancelRestore();
  }
}

/** Twilio still shows, for the route changed, what it showed right after a change it accepted. */
function stillPending(r: InboundRoute, after: InboundRoute): boolean {
  return r.numberId === after.numberId && r.currentUrl === after.currentUrl;
}
