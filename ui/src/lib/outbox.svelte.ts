// The outbox: publishing that waits for Twilio, each item with where it stands, Retry and Cancel
// where they apply, Send now and Stop. It is read again after every step of a run, including
// the runs the app starts by itself.
import type { OutboxEvent } from './bindings/OutboxEvent';
import type { OutboxItem } from './bindings/OutboxItem';
import type { OutboxRun } from './bindings/OutboxRun';
import { toAppError, type AppError, type Ipc } from './ipc';

export type OutboxIpc = Pick<
  Ipc,
  'outboxItems' | 'runOutbox' | 'stopOutbox' | 'retryOutboxItem' | 'cancelOutboxItem' | 'onOutboxEvent'
>;

export class OutboxStore {
  items: OutboxItem[] = $state([]);
  error: AppError | null = $state(null);
  running = $state(false);
  /** The step of the run under way. */
  progress: OutboxEvent | null = $state(null);
  lastRun: OutboxRun | null = $state(null);

  readonly #ipc: OutboxIpc;

  constructor(api: OutboxIpc) {
    this.#ipc = api;
  }

  /** Items that wait for a run. */
  get queued(): number {
    return this.items.filter((i) => i.state === 'queued').length;
  }

  async load(): Promise<void> {
    try {
      this.items = await this.#ipc.outboxItems();
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** Reads the outbox again after each step of the runs the app starts by itself. Returns a function that stops it. */
  follow(): Promise<() => void> {
    return this.#ipc.onOutboxEvent(() => void this.load());
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.lastRun = await this.#ipc.runOutbox((event) => {
        this.progress = event;
        void this.load();
      });
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.running = false;
      this.progress = null;
      await this.load();
    }
  }

  stop(): Promise<null> {
    return this.#ipc.stopOutbox();
  }

  async retry(id: string): Promise<void> {
    await this.#change(() => this.#ipc.retryOutboxItem(id));
  }

  async cancel(id: string): Promise<void> {
    await this.#change(() => this.#ipc.cancelOutboxItem(id));
  }

  async #change(call: () => Promise<OutboxItem>): Promise<void> {
    try {
      const changed = await call();
      this.items = this.items.map((i) => (i.id === changed.id ? changed : i));
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }
}
