// The "Set up WhatsApp" wizard's pages, its engine, and what its page stores share.
import type { Behaviours } from '../bindings/Behaviours';
import type { SetupStep } from '../bindings/SetupStep';
import type { Workstream } from '../bindings/Workstream';
import type { AppError } from '../ipc';
import { m } from '../paraglide/messages';
import { WizardEngine, type StepDef } from '../wizard/engine.svelte';
import type { Problem } from '../wizard/problems.svelte';

export type { SetupStep };

export const SETUP_STEP_TITLES: Record<SetupStep, () => string> = {
  number: () => m.setup_step_number(),
  language: () => m.setup_step_language(),
  behaviours: () => m.setup_step_behaviours(),
  user_features: () => m.setup_step_user_features(),
  summary: () => m.setup_step_summary(),
};

export const SETUP_STEPS: readonly StepDef<SetupStep>[] = (
  ['number', 'language', 'behaviours', 'user_features', 'summary'] as const
).map((id) => ({ id, title: SETUP_STEP_TITLES[id] }));

/** The engine over a workstream: the pages after the number open once the setup exists. */
export class SetupEngine extends WizardEngine<SetupStep, Workstream> {
  constructor() {
    super(SETUP_STEPS);
  }

  override canVisit(step: SetupStep): boolean {
    return step === 'number' || this.draft?.whatsapp != null;
  }
}

/** What a setup holds before anything was saved on the Behaviours page. */
export function noBehaviours(): Behaviours {
  return {
    automatedMessages: [],
    survey: { enabled: false, reference: null, message: null, delivery: 'send_link' },
    templates: [],
  };
}

/** A problem the wizard finds itself, worded as Rust words `code` on `field`. */
export function ownProblem(code: AppError['code'], field: string): Problem {
  return { kind: 'error', error: { code, field, params: {}, more: [] } };
}
