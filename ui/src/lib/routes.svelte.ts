// "Apply in Twilio" on the Callback information page: where Twilio sends each number's inbound
// messages now, and writing the account's inbound URL there after the user confirmed the change.
import type { InboundRoute } from './bindings/InboundRoute';
import type { RouteKind } from './bindings/RouteKind';
import type { UrlOwner } from './bindings/UrlOwner';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';

export type RoutesIpc = Pick<Ipc, 'inboundRoutes' | 'applyInboundUrl'>;

/** The kinds whose URL Rust can write; the Sandbox and unknown numbers are set in the Console. */
const APPLICABLE: readonly RouteKind[] = ['sender_webhook', 'messaging_service', 'phone_number'];

export const OWNER_LABELS: Record<UrlOwner, string> = {
  ours: 'Posts to this desk',
  unset: 'Not set',
  studio_flow: 'A Studio flow',
  elsewhere: 'Another URL',
};

/** Where Twilio reads the number's inbound URL. */
export function routeWhere(r: InboundRoute): string {
  const sid = r.twilioSid ? ` (${r.twilioSid})` : '';
  switch (r.kind) {
    case 'sender_webhook':
      return `WhatsApp sender's webhook${sid}`;
    case 'messaging_service':
      return `Messaging Service${r.serviceName ? ` ${r.serviceName}` : ''}${sid} — overrides the sender`;
    case 'phone_number':
      return `Phone number's SmsUrl${sid}`;
    case 'sandbox':
      return 'WhatsApp Sandbox';
    case 'unknown':
      return 'Not found on this Twilio account';
  }
}

/**
 * Whether Apply is offered: the URL is not ours yet, and Rust can write it. A route without a
 * Twilio SID (a phone number handled by a TwiML app) can only be changed in the Console.
 */
export function canApply(r: InboundRoute): boolean {
  return r.owner !== 'ours' && APPLICABLE.includes(r.kind) && r.twilioSid !== null;
}

/** What replacing the current URL breaks, if anything. */
export function replaceWarning(r: InboundRoute): string | null {
  switch (r.owner) {
    case 'studio_flow':
      return 'This replaces a Studio flow: the flow stops receiving these messages.';
    case 'elsewhere':
      return 'This replaces a URL that points somewhere else.';
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
  /** The route the confirmation is asking about, as the user sees it there. */
  pendingApply: InboundRoute | null = $state(null);
  applying = $state(false);
  /** A failed apply, shown in the dialog. */
  applyError: AppError | null = $state(null);
  /** The number the last apply succeeded for, for the status message. */
  applied: string | null = $state(null);

  readonly accountId: string;
  #ipc: RoutesIpc;
  /** A new one for every read, so only the newest read lands. */
  #reads = new Generation();

  constructor(accountId: string, api: RoutesIpc = defaultIpc) {
    this.accountId = accountId;
    this.#ipc = api;
  }

  /**
   * Read every number's route from Twilio. `keepError` keeps a message set just before. A read
   * started while another runs replaces it: the older answer is dropped.
   */
  async check(keepError = false): Promise<void> {
    const current = this.#reads.next();
    this.loading = true;
    if (!keepError) this.applied = null;
    try {
      const routes = await this.#ipc.inboundRoutes(this.accountId);
      if (!current()) return;
      this.routes = routes;
      if (!keepError) this.error = null;
    } catch (e) {
      if (!current()) return;
      this.error = toAppError(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  askApply(route: InboundRoute): void {
    this.applyError = null;
    this.applied = null;
    this.pendingApply = route;
  }

  cancelApply(): void {
    this.pendingApply = null;
    this.applyError = null;
  }

  /**
   * Write our URL for the pending route, telling Rust which current URL the user confirmed.
   * If Twilio's value moved since, the dialog closes, the reason is shown and the routes reload.
   */
  async confirmApply(): Promise<boolean> {
    const target = this.pendingApply;
    if (!target || this.applying) return false;
    this.applying = true;
    try {
      const after = await this.#ipc.applyInboundUrl(this.accountId, target.numberId, target.currentUrl);
      this.routes = (this.routes ?? [after]).map((r) => (r.numberId === after.numberId ? after : r));
      this.pendingApply = null;
      this.applyError = null;
      this.error = null;
      this.applied = after.number;
      // A read still running may predate the write and would put the old URL back: read again.
      if (this.loading) void this.check(true);
      return true;
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'inbound_changed') {
        this.pendingApply = null;
        this.applyError = null;
        this.error = err;
        this.applying = false;
        await this.check(true);
      } else {
        this.applyError = err;
      }
      return false;
    } finally {
      this.applying = false;
    }
  }
}
