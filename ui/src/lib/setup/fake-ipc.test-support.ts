// The "Set up WhatsApp" wizard on a fake IPC for the tests: every command rejects unless the test
// gives it, and a workstream as Rust returns it, which each test overrides where it matters.
import { vi } from 'vitest';
import type { AvailableNumber } from '../bindings/AvailableNumber';
import type { WhatsAppSetup } from '../bindings/WhatsAppSetup';
import type { Workstream } from '../bindings/Workstream';
import { noBehaviours, type SetupStep } from './setup-steps';
import { SetupWizard, type SetupIpc } from './setup-wizard.svelte';

export function workstream(overrides: Partial<Workstream> = {}): Workstream {
  return {
    id: 'ws-1',
    name: 'Support',
    kind: 'messaging',
    channel: 'whatsapp',
    mode: 'push',
    fallbackQueue: { id: 'q-1', name: 'Default messaging queue' },
    distribution: {
      autoCloseAfterMinutes: 43200,
      capacity: { kind: 'unit', units: 1 },
      wrapUp: { kind: 'always' },
      allowedPresences: ['available', 'busy'],
      skillMatching: 'exact',
      keepSameAgent: false,
    },
    advanced: { botName: null, sessionTemplate: null, agentNotificationTemplate: null, contextVariables: [], quickReplies: [] },
    whatsapp: null,
    createdAt: '2026-11-21T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}

export const SALES: AvailableNumber = {
  number: { id: 'num-1', name: 'Sales', number: '+14155238886', accountId: 'acc-1', accountName: 'Contoso' },
  verification: 'verified',
  drift: 'in_sync',
};

export const SERVICE: AvailableNumber = {
  number: { id: 'num-2', name: 'Service', number: '+14155238887', accountId: 'acc-2', accountName: 'Adatum' },
  verification: null,
  drift: 'drifted',
};

/** A setup as Rust returns it once started. */
export function setup(overrides: Partial<WhatsAppSetup> = {}): WhatsAppSetup {
  return {
    status: 'draft',
    nextStep: 'language',
    number: SALES.number,
    language: null,
    behaviours: noBehaviours(),
    attachments: { enabled: false, customers: false, agents: false },
    updatedAt: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}

/** A workstream whose setup was started. */
export function withSetup(overrides: Partial<WhatsAppSetup> = {}): Workstream {
  return workstream({ whatsapp: setup(overrides) });
}

/** The approved templates of account acc-1, as the last sync read them. */
export const APPROVED = [
  { contentSid: 'HX0123456789abcdef0123456789abcdef', name: 'order_update', language: 'de', text: 'Hallo {{1}}' },
  { contentSid: 'HXfedcba9876543210fedcba9876543210', name: 'order_update', language: 'en_US', text: 'Hello {{1}}' },
];

export function fakeSetupIpc(overrides: Partial<SetupIpc> = {}) {
  const notCalled = (name: string) => () => Promise.reject(new Error(`${name} was not expected`));
  return {
    getWorkstream: vi.fn(notCalled('getWorkstream')),
    availableNumbers: vi.fn(async () => [SALES, SERVICE]),
    channelLanguages: vi.fn(async () => [
      { code: 'en_US', tag: 'en-US' },
      { code: 'de', tag: 'de' },
      { code: 'pt_BR', tag: 'pt-BR' },
    ]),
    saveSetupNumber: vi.fn(notCalled('saveSetupNumber')),
    saveSetupLanguage: vi.fn(notCalled('saveSetupLanguage')),
    saveSetupBehaviours: vi.fn(notCalled('saveSetupBehaviours')),
    saveSetupUserFeatures: vi.fn(notCalled('saveSetupUserFeatures')),
    finishSetup: vi.fn(notCalled('finishSetup')),
    approvedTemplates: vi.fn(async () => APPROVED),
    ...overrides,
  } satisfies SetupIpc;
}

/**
 * A wizard showing `step` of `draft`, as if it had been opened there, without asking the IPC for
 * anything: the page's `enter` is not run.
 */
export function setupOn(draft: Workstream, step: SetupStep, api = fakeSetupIpc()): SetupWizard {
  const w = new SetupWizard(api);
  w.engine.draft = draft;
  for (const s of w.engine.steps) w.engine.pageOf(s.id).fill?.(draft);
  w.engine.step = step;
  return w;
}
