// The workstreams list: reading it, the Create workstream dialog, Copy, and the question before a
// workstream is deleted, which names everything that goes with it.
import type { DistributionMode } from './bindings/DistributionMode';
import type { NewWorkstreamInput } from './bindings/NewWorkstreamInput';
import type { Queue } from './bindings/Queue';
import type { Workstream } from './bindings/Workstream';
import type { WorkstreamDeletion } from './bindings/WorkstreamDeletion';
import type { WorkstreamSummary } from './bindings/WorkstreamSummary';
import { compareText } from './format';
import { Generation } from './generation';
import { toAppError, type AppError, type Ipc } from './ipc';
import { sortQueues } from './queues.svelte';
import { Problems } from './wizard/problems.svelte';

/** The commands the workstreams list and its Create dialog call: the real `ipc` in the app, a fake in tests. */
export type WorkstreamsIpc = Pick<
  Ipc,
  'listQueues' | 'listWorkstreams' | 'createWorkstream' | 'copyWorkstream' | 'workstreamDeletion' | 'deleteWorkstream'
>;

/** The Create dialog's fields, top to bottom, as Rust names them in errors. */
export const NEW_WORKSTREAM_FIELDS = ['workstreamName', 'mode', 'fallbackQueue', 'fallbackQueueName'] as const;

export type FallbackChoice = 'existing' | 'new';

export class NewWorkstreamForm {
  name = $state('');
  mode: DistributionMode = $state('push');
  fallback: FallbackChoice = $state('existing');
  /** The existing queue chosen; the default queue until the user picks another. */
  fallbackQueueId = $state('');
  /** The new queue's name, when the fallback queue is created with the workstream. */
  fallbackQueueName = $state('');
  /** The queues to choose from. */
  queues: Queue[] = $state([]);
  /** Why the queues could not be read: only a new queue can be named then. */
  queuesError: AppError | null = $state(null);
  readonly problems = new Problems(NEW_WORKSTREAM_FIELDS);

  get input(): NewWorkstreamInput {
    return {
      name: this.name,
      kind: 'messaging',
      channel: 'whatsapp',
      mode: this.mode,
      fallbackQueue:
        this.fallback === 'existing'
          ? { kind: 'existing', id: this.fallbackQueueId }
          : { kind: 'new', name: this.fallbackQueueName },
    };
  }

  /** The queues, default first and the rest by name, and the default queue chosen. */
  takeQueues(queues: Queue[]): void {
    this.queues = sortQueues(queues);
    if (!this.queues.some((q) => q.id === this.fallbackQueueId)) this.fallbackQueueId = this.queues[0]?.id ?? '';
    if (this.queues.length === 0) this.fallback = 'new';
  }
}

/** The delete question: the workstream, and what goes with it as Rust counted it. */
export type PendingWorkstreamDelete = { id: string; deletion: WorkstreamDeletion };

export class WorkstreamsStore {
  items: WorkstreamSummary[] = $state([]);
  loaded = $state(false);
  /** Why the list, a copy or a delete question failed. */
  error: AppError | null = $state(null);
  /** The Create dialog, while open. */
  form: NewWorkstreamForm | null = $state(null);
  creating = $state(false);
  /** The workstream being copied. */
  copying: string | null = $state(null);
  pendingDelete: PendingWorkstreamDelete | null = $state(null);
  deleting = $state(false);
  /** Why the delete failed, shown in the question, which stays open. */
  deleteError: AppError | null = $state(null);

  readonly #ipc: WorkstreamsIpc;
  #loads = new Generation();
  #deleteQuestions = new Generation();

  constructor(api: WorkstreamsIpc) {
    this.#ipc = api;
  }

  /** By name, in the UI's language. */
  get sorted(): WorkstreamSummary[] {
    return [...this.items].sort((a, b) => compareText(a.name, b.name));
  }

  async load(): Promise<void> {
    const current = this.#loads.next();
    try {
      const items = await this.#ipc.listWorkstreams();
      if (!current()) return;
      this.items = items;
      this.error = null;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    } finally {
      if (current()) this.loaded = true;
    }
  }

  /** Open the Create dialog, with the queues read for the fallback choice. */
  async startNew(): Promise<void> {
    const form = new NewWorkstreamForm();
    this.form = form;
    try {
      form.takeQueues(await this.#ipc.listQueues());
    } catch (e) {
      form.queuesError = toAppError(e);
      form.fallback = 'new';
    }
  }

  cancelNew(): void {
    if (!this.creating) this.form = null;
  }

  /** The workstream created, or null with every problem shown in the dialog. */
  async create(): Promise<Workstream | null> {
    const form = this.form;
    if (!form || this.creating) return null;
    this.creating = true;
    try {
      const created = await this.#ipc.createWorkstream(form.input);
      this.form = null;
      return created;
    } catch (e) {
      // A fallback queue deleted since the dialog opened: offer the queues as they are now.
      if (toAppError(e).field === 'fallbackQueue') {
        void this.#ipc.listQueues().then(
          (queues) => form.takeQueues(queues),
          () => {},
        );
      }
      form.problems.showRefusal(e, NEW_WORKSTREAM_FIELDS);
      return null;
    } finally {
      this.creating = false;
    }
  }

  /** "Copy of …" with every setting but the number; the copy, or null with why in `error`. */
  async copy(id: string): Promise<Workstream | null> {
    if (this.copying !== null) return null;
    this.copying = id;
    try {
      const copy = await this.#ipc.copyWorkstream(id);
      this.error = null;
      await this.load();
      return copy;
    } catch (e) {
      this.error = toAppError(e);
      if (this.error.code === 'not_found') void this.load();
      return null;
    } finally {
      this.copying = null;
    }
  }

  /** Ask Rust what deleting the workstream removes, and open the question with it. */
  async askDelete(id: string): Promise<void> {
    const current = this.#deleteQuestions.next();
    this.deleteError = null;
    try {
      const deletion = await this.#ipc.workstreamDeletion(id);
      if (!current()) return;
      this.pendingDelete = { id, deletion };
      this.error = null;
    } catch (e) {
      if (!current()) return;
      const err = toAppError(e);
      if (err.code === 'not_found') await this.load();
      this.error = err;
    }
  }

  cancelDelete(): void {
    if (this.deleting) return;
    this.#deleteQuestions.next();
    this.pendingDelete = null;
    this.deleteError = null;
  }

  async confirmDelete(): Promise<boolean> {
    const target = this.pendingDelete;
    if (!target || this.deleting) return false;
    this.deleting = true;
    try {
      await this.#ipc.deleteWorkstream(target.id);
      this.pendingDelete = null;
      this.deleteError = null;
      this.items = this.items.filter((w) => w.id !== target.id);
      await this.load();
      return true;
    } catch (e) {
      this.deleteError = toAppError(e);
      return false;
    } finally {
      this.deleting = false;
    }
  }
}
