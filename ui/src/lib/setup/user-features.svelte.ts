// Page 4, User features: file attachments, off by default; when on, customers, agents or both.
import type { Attachments } from '../bindings/Attachments';
import type { Workstream } from '../bindings/Workstream';
import type { Ipc } from '../ipc';
import type { WizardPage } from '../wizard/engine.svelte';
import { Problems } from '../wizard/problems.svelte';
import type { SetupEngine } from './setup-steps';

export type UserFeaturesIpc = Pick<Ipc, 'saveSetupUserFeatures'>;

/** The two boxes' group: Rust's `attachments` is shown under it. */
export const ATTACHMENTS_GROUP = 'attachments';

const OFF: Attachments = { enabled: false, customers: false, agents: false };

export class UserFeaturesPage implements WizardPage<Workstream> {
  enabled = $state(false);
  customers = $state(false);
  agents = $state(false);
  readonly problems = new Problems([ATTACHMENTS_GROUP]);

  readonly #engine: SetupEngine;
  readonly #ipc: UserFeaturesIpc;

  constructor(engine: SetupEngine, api: UserFeaturesIpc) {
    this.#engine = engine;
    this.#ipc = api;
  }

  get #saved(): Attachments {
    return this.#engine.draft?.whatsapp?.attachments ?? OFF;
  }

  get unsaved(): boolean {
    const saved = this.#saved;
    if (this.enabled !== saved.enabled) return true;
    return this.enabled && (this.customers !== saved.customers || this.agents !== saved.agents);
  }

  fill(draft: Workstream): void {
    const a = draft.whatsapp?.attachments ?? OFF;
    this.enabled = a.enabled;
    this.customers = a.customers;
    this.agents = a.agents;
  }

  reset(): void {
    this.enabled = false;
    this.customers = false;
    this.agents = false;
    this.problems.clear();
  }

  complete(): Promise<boolean> {
    return this.save();
  }

  async saveBeforeLeave(): Promise<boolean> {
    return !this.unsaved || this.save();
  }

  /** Switched off, what the boxes held stays on screen for switching on again; Rust stores both off. */
  async save(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const attachments = { enabled: this.enabled, customers: this.customers, agents: this.agents };
    const saved = await engine.call(
      () => this.#ipc.saveSetupUserFeatures(draft.id, attachments),
      (e) => this.problems.showRefusal(e, [ATTACHMENTS_GROUP]),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    if (this.enabled) this.fill(saved);
    return true;
  }
}
