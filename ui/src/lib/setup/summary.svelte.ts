// Page 5, Summary: everything chosen, read from the setup as saved; Finish makes it active.
import type { Workstream } from '../bindings/Workstream';
import type { Ipc } from '../ipc';
import type { WizardPage } from '../wizard/engine.svelte';
import { Problems } from '../wizard/problems.svelte';
import type { SetupEngine } from './setup-steps';

export type SummaryIpc = Pick<Ipc, 'finishSetup'>;

export class SummaryPage implements WizardPage<Workstream> {
  readonly problems = new Problems([]);
  readonly unsaved = false;

  readonly #engine: SetupEngine;
  readonly #ipc: SummaryIpc;

  constructor(engine: SetupEngine, api: SummaryIpc) {
    this.#engine = engine;
    this.#ipc = api;
  }

  reset(): void {
    this.problems.clear();
  }

  /** Finish: Rust refuses with `setup_incomplete` while the number or the language is missing. */
  async complete(): Promise<boolean> {
    const engine = this.#engine;
    const draft = engine.draft;
    if (!draft) return false;
    const saved = await engine.call(
      () => this.#ipc.finishSetup(draft.id),
      (e) => this.problems.showRefusal(e, []),
    );
    if (!saved) return false;
    this.problems.clear();
    engine.draft = saved;
    return true;
  }

  async saveBeforeLeave(): Promise<boolean> {
    return true;
  }
}
