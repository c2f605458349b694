// Syncing the template library with Twilio, account by account: the progress of the account
// being read, Stop, and each account's report. Stale progress after Stop is dropped.
import type { AccountSummary } from './bindings/AccountSummary';
import type { SyncProgress } from './bindings/SyncProgress';
import type { SyncReport } from './bindings/SyncReport';
import { Generation } from './generation';
import { toAppError, type AppError, type Ipc } from './ipc';

export type TemplateSyncIpc = Pick<Ipc, 'syncTemplates' | 'stopSync'>;

export interface AccountSync {
  accountId: string;
  name: string;
  report: SyncReport | null;
  error: AppError | null;
}

export class TemplateSyncStore {
  running = $state(false);
  /** The account being read now, and how far. */
  current: { name: string; progress: SyncProgress | null } | null = $state(null);
  results: AccountSync[] = $state([]);
  stopped = $state(false);

  readonly #ipc: TemplateSyncIpc;
  #runs = new Generation();

  constructor(api: TemplateSyncIpc) {
    this.#ipc = api;
  }

  /** Syncs every complete account in turn; returns once all are done or Stop was pressed. */
  async syncAll(accounts: AccountSummary[]): Promise<void> {
    if (this.running) return;
    const run = this.#runs.next();
    this.running = true;
    this.stopped = false;
    this.results = [];
    try {
      for (const account of accounts.filter((a) => a.status === 'complete')) {
        if (!run() || this.stopped) break;
        this.current = { name: account.name, progress: null };
        const result: AccountSync = { accountId: account.id, name: account.name, report: null, error: null };
        try {
          result.report = await this.#ipc.syncTemplates(account.id, (progress) => {
            if (run() && !this.stopped && this.current) this.current = { name: account.name, progress };
          });
        } catch (e) {
          result.error = toAppError(e);
        }
        if (!run()) return;
        this.results = [...this.results, result];
        if (result.report?.cancelled) break;
      }
    } finally {
      if (run()) {
        this.running = false;
        this.current = null;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.#ipc.stopSync();
  }
}
