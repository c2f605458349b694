// One workstream's page: its details, its WhatsApp setup, its work distribution and its advanced
// settings, each section saved on its own. Leaving the page saves what was typed first, as the
// wizard does; a section Rust refuses keeps what was typed and says why under each field.
import type { Queue } from './bindings/Queue';
import type { Workstream } from './bindings/Workstream';
import { Generation } from './generation';
import { toAppError, type AppError, type Ipc } from './ipc';
import type { LeaveGuard } from './leave-guard';
import { sortQueues } from './queues.svelte';
import type { TextCheck } from './bindings/TextCheck';
import { AdvancedForm, DetailsForm, DISTRIBUTION_FIELDS, DETAILS_FIELDS, DistributionForm } from './workstream-forms.svelte';

/** The commands a workstream's page calls: the real `ipc` in the app, a fake in tests. */
export type WorkstreamPageIpc = Pick<
  Ipc,
  | 'listQueues'
  | 'getWorkstream'
  | 'saveWorkstreamDetails'
  | 'saveWorkDistribution'
  | 'saveAdvancedSettings'
  | 'removeSetup'
  | 'checkTemplateTexts'
>;

export type Section = 'details' | 'distribution' | 'advanced';

export class WorkstreamPageStore implements LeaveGuard {
  readonly id: string;
  workstream: Workstream | null = $state(null);
  /** The workstream could not be read. */
  error: AppError | null = $state(null);
  /** The queues the fallback queue is chosen from. */
  queues: Queue[] = $state([]);
  queuesError: AppError | null = $state(null);
  readonly details = new DetailsForm();
  readonly distribution = new DistributionForm();
  readonly advanced = new AdvancedForm();
  /** The question before the WhatsApp setup is removed is open. */
  askingRemoveSetup = $state(false);
  removingSetup = $state(false);
  removeSetupError: AppError | null = $state(null);
  /** Why "Set up WhatsApp" could not open. */
  setupError: AppError | null = $state(null);
  /** The exact-text check of the templates it uses, once asked for. */
  textChecks: TextCheck[] | null = $state(null);
  checkingTexts = $state(false);
  textCheckError: AppError | null = $state(null);

  readonly #ipc: WorkstreamPageIpc;
  #reads = new Generation();
  #running = $state(0);
  #idleWaiters: (() => void)[] = [];

  /** `known`: the workstream as just created or read, shown at once while `load` reads it again. */
  constructor(id: string, api: WorkstreamPageIpc, known: Workstream | null = null) {
    this.id = id;
    this.#ipc = api;
    if (known) this.#take(known, ['details', 'distribution', 'advanced']);
  }

  /** Compares each template the workstream uses with Twilio's text now. */
  async checkTexts(): Promise<void> {
    this.checkingTexts = true;
    try {
      this.textChecks = await this.#ipc.checkTemplateTexts(this.id);
      this.textCheckError = null;
    } catch (e) {
      this.textCheckError = toAppError(e);
    } finally {
      this.checkingTexts = false;
    }
  }

  /** Read the workstream and the queues; every form takes the saved values. */
  async load(): Promise<void> {
    const current = this.#reads.next();
    const queues = this.#ipc.listQueues().then(
      (q) => ({ queues: q, error: null }),
      (e) => ({ queues: [] as Queue[], error: toAppError(e) }),
    );
    try {
      const workstream = await this.#ipc.getWorkstream(this.id);
      const read = await queues;
      if (!current()) return;
      this.queues = sortQueues(read.queues);
      this.queuesError = read.error;
      // A section the user has started typing in keeps what was typed.
      const sections: Section[] = ['details', 'distribution', 'advanced'];
      this.#take(
        workstream,
        sections.filter((s) => !this[s].unsaved),
      );
      this.error = null;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    }
  }

  #take(w: Workstream, sections: Section[]): void {
    this.workstream = w;
    if (sections.includes('details')) this.details.fill(w);
    if (sections.includes('distribution')) this.distribution.fill(w);
    if (sections.includes('advanced')) this.advanced.fill(w);
  }

  get busy(): boolean {
    return this.#running > 0;
  }

  get unsaved(): boolean {
    return this.workstream !== null && (this.details.unsaved || this.distribution.unsaved || this.advanced.unsaved);
  }

  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #hold<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      if (this.#running === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  saveDetails(): Promise<boolean> {
    return this.#save('details', DETAILS_FIELDS, (w) => this.#ipc.saveWorkstreamDetails(w.id, this.details.input(w)));
  }

  saveDistribution(): Promise<boolean> {
    return this.#save('distribution', DISTRIBUTION_FIELDS, (w) => {
      const typed = this.distribution.input();
      return 'refusal' in typed ? typed : this.#ipc.saveWorkDistribution(w.id, typed.distribution);
    });
  }

  saveAdvanced(): Promise<boolean> {
    return this.#save('advanced', this.advanced.fields, (w) => this.#ipc.saveAdvancedSettings(w.id, this.advanced.input()));
  }

  /**
   * Saves one section with `send`, which gets the workstream and returns the command's answer, or
   * a refusal the UI found itself (nothing is sent then). A refusal shows under the section's
   * `fields`; the section takes what Rust saved.
   */
  async #save(
    section: Section,
    fields: readonly string[],
    send: (w: Workstream) => Promise<Workstream> | { refusal: AppError },
  ): Promise<boolean> {
    const w = this.workstream;
    const form = this[section];
    if (!w || form.saving) return false;
    const sending = send(w);
    if ('refusal' in sending) {
      form.problems.showRefusal(sending.refusal, fields);
      return false;
    }
    form.saving = true;
    try {
      const saved = await this.#hold(() => sending);
      form.problems.clear();
      this.#take(saved, [section]);
      return true;
    } catch (e) {
      form.problems.showRefusal(e, fields);
      return false;
    } finally {
      form.saving = false;
    }
  }

  /** Leaving the page: every section with something typed is saved; false if one was refused. */
  async saveBeforeLeave(): Promise<boolean> {
    if (this.busy) return false;
    const saves: (() => Promise<boolean>)[] = [];
    if (this.details.unsaved) saves.push(() => this.saveDetails());
    if (this.distribution.unsaved) saves.push(() => this.saveDistribution());
    if (this.advanced.unsaved) saves.push(() => this.saveAdvanced());
    let all = true;
    for (const save of saves) all = (await save()) && all;
    return all;
  }

  askRemoveSetup(): void {
    this.removeSetupError = null;
    this.askingRemoveSetup = true;
  }

  cancelRemoveSetup(): void {
    if (this.removingSetup) return;
    this.askingRemoveSetup = false;
    this.removeSetupError = null;
  }

  /** Removes the WhatsApp setup; the number stays in its account and is free again. */
  async removeSetup(): Promise<boolean> {
    const w = this.workstream;
    if (!w || this.removingSetup) return false;
    this.removingSetup = true;
    try {
      const saved = await this.#hold(() => this.#ipc.removeSetup(w.id));
      this.workstream = saved;
      this.askingRemoveSetup = false;
      this.removeSetupError = null;
      return true;
    } catch (e) {
      this.removeSetupError = toAppError(e);
      return false;
    } finally {
      this.removingSetup = false;
    }
  }
}
