// The WhatsApp senders Twilio knows for an account, listed on the WhatsApp numbers page so the
// user can pick a number, and so a saved number that is not one of them can be pointed out.
import type { WhatsAppSender } from './bindings/WhatsAppSender';
import { Generation } from './generation';
import { ipc as defaultIpc, toAppError, type AppError, type Ipc } from './ipc';

export type SendersIpc = Pick<Ipc, 'listWhatsAppSenders'>;

export class SendersStore {
  /** null until a load succeeds. */
  items: WhatsAppSender[] | null = $state(null);
  /** Why the last load failed; the panel switches on its `code`. */
  error: AppError | null = $state(null);
  loading = $state(false);

  #ipc: SendersIpc;
  /** A new one for every load and clear, so an answer for an older request is dropped. */
  #requests = new Generation();

  constructor(api: SendersIpc = defaultIpc) {
    this.#ipc = api;
  }

  get loaded(): boolean {
    return this.items !== null;
  }

  async load(accountId: string): Promise<void> {
    const current = this.#requests.next();
    this.loading = true;
    try {
      const items = await this.#ipc.listWhatsAppSenders(accountId);
      if (!current()) return;
      this.items = items;
      this.error = null;
    } catch (e) {
      if (!current()) return;
      this.items = null;
      this.error = toAppError(e);
    } finally {
      if (current()) this.loading = false;
    }
  }

  clear(): void {
    this.#requests.next();
    this.items = null;
    this.error = null;
    this.loading = false;
  }

  /** Whether `number`, as Rust saved it (E.164), is one of the loaded senders. */
  includes(number: string): boolean {
    return this.items?.some((s) => s.number === number) ?? false;
  }
}
