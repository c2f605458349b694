// Page 3, WhatsApp numbers: the senders Twilio lists for the account, and the numbers saved in
// Channel Desk, added and edited in a small form of their own. Removing a number asks first; when
// workstreams use it, Rust refuses and the user chooses to unbind them or to keep the number.
import type { Account } from '../bindings/Account';
import type { WhatsAppNumber } from '../bindings/WhatsAppNumber';
import type { WhatsAppSender } from '../bindings/WhatsAppSender';
import { ipc as defaultIpc, type Ipc } from '../ipc';
import { SendersStore } from '../senders.svelte';
import { workstreamsInUse, type WorkstreamsInUse } from '../unbind';
import { withSecretLost, type AccountEngine } from './account-steps';
import type { WizardPage } from './engine.svelte';
import { Problems } from './problems.svelte';

export type NumbersIpc = Pick<Ipc, 'addNumber' | 'updateNumber' | 'removeNumber' | 'listWhatsAppSenders'>;

/** The number form's fields, top to bottom. */
export const NUMBER_FORM_FIELDS = ['numberName', 'number'] as const;

export interface NumberForm {
  /** The number being edited, or null when adding one. */
  numberId: string | null;
  name: string;
  number: string;
}

export class NumbersPage implements WizardPage<Account> {
  /** The add or edit form, while open. */
  form: NumberForm | null = $state(null);
  /** A number just saved that is not among the loaded senders; it was saved all the same. */
  notASender: string | null = $state(null);
  /** The number whose removal the user is asked to confirm. */
  removing: WhatsAppNumber | null = $state(null);
  /** The number whose removal Rust refused because workstreams use it, while the user decides. */
  unbinding: { number: WhatsAppNumber; workstreams: WorkstreamsInUse } | null = $state(null);
  readonly senders: SendersStore;
  readonly problems = new Problems(NUMBER_FORM_FIELDS);

  readonly #engine: AccountEngine;
  readonly #ipc: NumbersIpc;
  readonly #numbersChanged: () => void;
  /** What the form held when it opened, to tell whether anything was typed since. */
  #opened: NumberForm | null = null;

  constructor(engine: AccountEngine, api: NumbersIpc = defaultIpc, numbersChanged: () => void = () => {}) {
    this.#engine = engine;
    this.#ipc = api;
    this.#numbersChanged = numbersChanged;
    this.senders = new SendersStore(api);
  }

  get numbers(): WhatsAppNumber[] {
    return this.#engine.draft?.numbers ?? [];
  }

  /** A save or a removal is running. */
  get busy(): boolean {
    return this.#engine.busy;
  }

  get unsaved(): boolean {
    const form = this.form;
    const opened = this.#opened;
    return form !== null && (form.name !== opened?.name || form.number !== opened?.number);
  }

  reset(): void {
    this.form = null;
    this.#opened = null;
    this.notASender = null;
    this.removing = null;
    this.unbinding = null;
    this.senders.clear();
    this.problems.clear();
  }

  /** The page is shown: list Twilio's senders, without holding the page up while Twilio answers. */
  async enter(): Promise<void> {
    this.notASender = null;
    void this.loadSenders();
  }

  /** Next: only with at least one number. */
  async complete(): Promise<boolean> {
    if (this.numbers.length > 0) return true;
    this.problems.showOwn({ kind: 'no_numbers' });
    return false;
  }

  async saveBeforeLeave(): Promise<boolean> {
    return this.form === null || this.saveNumber();
  }

  /** Ask Twilio for the account's WhatsApp senders; only once credentials are saved. */
  async loadSenders(): Promise<void> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft?.secretStored) {
      this.senders.clear();
      return;
    }
    await this.senders.load(draft.id);
    if (engine.draft === draft && this.senders.error?.code === 'secret_lost') engine.draft = withSecretLost(draft);
  }

  #open(form: NumberForm): void {
    this.problems.clear();
    this.notASender = null;
    this.form = form;
    this.#opened = { ...form };
  }

  openAdd(): void {
    this.#open({ numberId: null, name: '', number: '' });
  }

  /** The add form with a sender's number; the name is left for the user. */
  useSender(sender: WhatsAppSender): void {
    this.#open({ numberId: null, name: '', number: sender.number });
    this.#opened = { numberId: null, name: '', number: '' };
  }

  openEdit(n: WhatsAppNumber): void {
    this.#open({ numberId: n.id, name: n.name, number: n.number });
  }

  /** Close the form without saving. */
  cancelForm(): void {
    this.form = null;
    this.#opened = null;
    this.problems.clear();
  }

  /** Add or update the number in the form; on failure the form keeps what was typed. */
  async saveNumber(): Promise<boolean> {
    const engine = this.#engine;
    const form = this.form;
    const draft = engine.draft;
    if (!form || !draft || engine.busy) return false;
    this.notASender = null;
    const input = { name: form.name, number: form.number };
    const saved = await engine.call(
      () => (form.numberId ? this.#ipc.updateNumber(form.numberId, input) : this.#ipc.addNumber(draft.id, input)),
      (e) => this.problems.showRefusal(e, NUMBER_FORM_FIELDS),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    this.#numbersChanged();
    this.form = null;
    this.#opened = null;
    // Compare the number as Rust saved it (normalised), not as it was typed.
    const number = form.numberId
      ? saved.numbers.find((n) => n.id === form.numberId)
      : saved.numbers.find((n) => !draft.numbers.some((old) => old.id === n.id));
    if (number && this.senders.loaded && !this.senders.includes(number.number)) this.notASender = number.number;
    return true;
  }

  /** Ask before removing `n`. */
  askRemove(n: WhatsAppNumber): void {
    this.removing = n;
  }

  cancelRemove(): void {
    this.removing = null;
  }

  /**
   * Remove the number the user confirmed. A refusal is shown above the page, except that
   * workstreams use the number: then the unbind question replaces this one.
   */
  async confirmRemove(): Promise<boolean> {
    const n = this.removing;
    if (!n) return false;
    const ok = await this.removeNumber(n.id);
    this.removing = null;
    return ok;
  }

  /** Unbind the workstreams that use the number, and remove it. */
  async confirmUnbind(): Promise<boolean> {
    const n = this.unbinding?.number;
    if (!n) return false;
    const ok = await this.removeNumber(n.id, true);
    this.unbinding = null;
    return ok;
  }

  /** Keep the number, and the workstreams as they are. */
  cancelUnbind(): void {
    this.unbinding = null;
  }

  async removeNumber(numberId: string, unbind = false): Promise<boolean> {
    const engine = this.#engine;
    if (engine.busy) return false;
    this.problems.clear();
    const saved = await engine.call(
      () => this.#ipc.removeNumber(numberId, unbind),
      (e) => {
        const workstreams = unbind ? null : workstreamsInUse(e);
        const number = this.numbers.find((n) => n.id === numberId);
        if (workstreams && number) {
          // One dialog at a time: the remove question closes as the unbind question opens.
          this.removing = null;
          this.unbinding = { number, workstreams };
        } else {
          this.problems.showRefusal(e, []);
        }
      },
    );
    if (!saved) return false;
    engine.draft = saved;
    this.#numbersChanged();
    this.notASender = null;
    if (this.form?.numberId === numberId) this.cancelForm();
    return true;
  }
}
