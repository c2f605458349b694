// The queues page: the list, the one dialog that names a new queue or renames one, and the
// question before a queue is deleted. Rust refuses to delete the default queue and any queue that
// is a workstream's fallback queue; the list is read again then, so the question names them.
import type { Queue } from './bindings/Queue';
import { compareText } from './format';
import { Generation } from './generation';
import { toAppError, type AppError, type Ipc } from './ipc';
import { Problems } from './wizard/problems.svelte';

/** The default queue first, then the others by name in the UI's language. */
export function sortQueues(queues: readonly Queue[]): Queue[] {
  return [...queues].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || compareText(a.name, b.name));
}

/** The commands the queues page calls: the real `ipc` in the app, a fake in tests. */
export type QueuesIpc = Pick<Ipc, 'listQueues' | 'createQueue' | 'renameQueue' | 'deleteQueue'>;

export const QUEUE_FORM_FIELDS = ['queueName'] as const;

export interface QueueForm {
  /** The queue being renamed, or null for a new one. */
  id: string | null;
  name: string;
}

export class QueuesStore {
  items: Queue[] = $state([]);
  loaded = $state(false);
  /** Why the list could not be read. */
  error: AppError | null = $state(null);
  /** The name dialog, while open. */
  form: QueueForm | null = $state(null);
  saving = $state(false);
  readonly problems = new Problems(QUEUE_FORM_FIELDS);
  /** The queue the delete question is about. */
  pendingDelete: Queue | null = $state(null);
  deleting = $state(false);
  /** Why the delete failed, shown in the question, which stays open. */
  deleteError: AppError | null = $state(null);

  readonly #ipc: QueuesIpc;
  #loads = new Generation();

  constructor(api: QueuesIpc) {
    this.#ipc = api;
  }

  get sorted(): Queue[] {
    return sortQueues(this.items);
  }

  async load(): Promise<void> {
    const current = this.#loads.next();
    try {
      const items = await this.#ipc.listQueues();
      if (!current()) return;
      this.items = items;
      this.error = null;
    } catch (e) {
      if (current()) this.error = toAppError(e);
    } finally {
      if (current()) this.loaded = true;
    }
  }

  startNew(): void {
    this.problems.clear();
    this.form = { id: null, name: '' };
  }

  startRename(id: string): void {
    const queue = this.items.find((q) => q.id === id);
    if (!queue) return;
    this.problems.clear();
    this.form = { id, name: queue.name };
  }

  cancelForm(): void {
    if (this.saving) return;
    this.form = null;
    this.problems.clear();
  }

  /** Create or rename; the queue as Rust saved it, or null with the problems shown in the dialog. */
  async saveForm(): Promise<Queue | null> {
    const form = this.form;
    if (!form || this.saving) return null;
    this.saving = true;
    try {
      const saved =
        form.id === null
          ? await this.#ipc.createQueue({ name: form.name, kind: 'messaging' })
          : await this.#ipc.renameQueue(form.id, form.name);
      this.form = null;
      this.problems.clear();
      this.items = [...this.items.filter((q) => q.id !== saved.id), saved];
      await this.load();
      return saved;
    } catch (e) {
      this.problems.showRefusal(e, QUEUE_FORM_FIELDS);
      if (toAppError(e).code === 'not_found') void this.load();
      return null;
    } finally {
      this.saving = false;
    }
  }

  askDelete(id: string): void {
    this.deleteError = null;
    this.pendingDelete = this.items.find((q) => q.id === id) ?? null;
  }

  cancelDelete(): void {
    if (this.deleting) return;
    this.pendingDelete = null;
    this.deleteError = null;
  }

  /** True once deleted. A refusal stays in the question, which then names what holds the queue. */
  async confirmDelete(): Promise<boolean> {
    const target = this.pendingDelete;
    if (!target || this.deleting) return false;
    this.deleting = true;
    try {
      await this.#ipc.deleteQueue(target.id);
      this.pendingDelete = null;
      this.deleteError = null;
      this.items = this.items.filter((q) => q.id !== target.id);
      await this.load();
      return true;
    } catch (e) {
      this.deleteError = toAppError(e);
      // The list may be older than the workstreams that now use the queue: read who does.
      await this.load();
      if (this.pendingDelete?.id === target.id) {
        this.pendingDelete = this.items.find((q) => q.id === target.id) ?? target;
      }
      return false;
    } finally {
      this.deleting = false;
    }
  }
}
