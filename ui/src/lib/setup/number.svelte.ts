// Page 1, WhatsApp number: the numbers of complete messaging accounts that no other workstream
// uses, each with its account's Twilio status; one is chosen.
import type { AvailableNumber } from '../bindings/AvailableNumber';
import type { Workstream } from '../bindings/Workstream';
import { compareText } from '../format';
import type { Ipc } from '../ipc';
import type { WizardPage } from '../wizard/engine.svelte';
import { Problems } from '../wizard/problems.svelte';
import { ownProblem, type SetupEngine } from './setup-steps';

export type NumberIpc = Pick<Ipc, 'availableNumbers' | 'saveSetupNumber'>;

/** The radio group's id: Rust's `setupNumber` is shown under it. */
export const NUMBER_GROUP = 'setup-number';

export class NumberPage implements WizardPage<Workstream> {
  /** The id of the number chosen, or null. */
  chosen: string | null = $state(null);
  /** What the page offers, once read. */
  available: AvailableNumber[] = $state([]);
  loaded = $state(false);
  readonly problems = new Problems([NUMBER_GROUP]);

  readonly #engine: SetupEngine;
  readonly #ipc: NumberIpc;

  constructor(engine: SetupEngine, api: NumberIpc) {
    this.#engine = engine;
    this.#ipc = api;
  }

  /** The number the setup has now, if any. */
  get saved(): string | null {
    return this.#engine.draft?.whatsapp?.number?.id ?? null;
  }

  get unsaved(): boolean {
    return this.chosen !== this.saved;
  }

  /** What the page offers, the setup's own number included, by account and then by name. */
  get numbers(): AvailableNumber[] {
    const own = this.#engine.draft?.whatsapp?.number ?? null;
    const list = [...this.available];
    if (own && !list.some((a) => a.number.id === own.id)) list.push({ number: own, verification: null, drift: null });
    return list.sort(
      (a, b) =>
        compareText(a.number.accountName, b.number.accountName) ||
        compareText(a.number.name, b.number.name) ||
        compareText(a.number.number, b.number.number),
    );
  }

  fill(draft: Workstream): void {
    this.chosen = draft.whatsapp?.number?.id ?? null;
  }

  reset(): void {
    this.chosen = null;
    this.available = [];
    this.loaded = false;
    this.problems.clear();
  }

  /** The page is shown: read what it offers (the wizard shows it once read). */
  async enter(): Promise<void> {
    const draft = this.#engine.draft;
    if (!draft) return;
    const list = await this.#engine.call(
      () => this.#ipc.availableNumbers(draft.id),
      (e) => this.problems.showRefusal(e, []),
    );
    if (list === null) return;
    this.available = list;
    this.loaded = true;
  }

  /** Next: save the number chosen; without one, say so under the list. */
  complete(): Promise<boolean> {
    return this.save();
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.save();
  }

  async save(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    const chosen = this.chosen;
    if (!draft) return false;
    if (chosen === null) {
      this.problems.showOwn(ownProblem('required', 'setupNumber'), NUMBER_GROUP);
      return false;
    }
    const saved = await engine.call(
      () => this.#ipc.saveSetupNumber(draft.id, chosen),
      (e) => this.problems.showRefusal(e, [NUMBER_GROUP], (err) => (err.field === 'setupNumber' ? NUMBER_GROUP : err.field)),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    this.fill(saved);
    return true;
  }
}
