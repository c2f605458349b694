// Queues and workstreams as Rust returns them, and fake IPC for their stores' tests: every command
// rejects unless the test gives it.
import { vi } from 'vitest';
import type { Queue } from './bindings/Queue';
import type { Workstream } from './bindings/Workstream';
import type { WorkstreamSummary } from './bindings/WorkstreamSummary';
import type { AppError } from './ipc';
import type { QueuesIpc } from './queues.svelte';
import type { WorkstreamPageIpc } from './workstream-page.svelte';
import type { WorkstreamsIpc } from './workstreams.svelte';

const AT = '2026-11-21T10:00:00Z';

export function queue(overrides: Partial<Queue> = {}): Queue {
  return {
    id: 'q-default',
    name: 'Default messaging queue',
    kind: 'messaging',
    isDefault: true,
    usedBy: [],
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function workstream(overrides: Partial<Workstream> = {}): Workstream {
  return {
    id: 'ws-1',
    name: 'Sales WhatsApp',
    kind: 'messaging',
    channel: 'whatsapp',
    mode: 'push',
    fallbackQueue: { id: 'q-default', name: 'Default messaging queue' },
    distribution: {
      autoCloseAfterMinutes: 43_200,
      capacity: { kind: 'unit', units: 1 },
      wrapUp: { kind: 'always' },
      allowedPresences: ['available', 'busy'],
      skillMatching: 'exact',
      keepSameAgent: false,
    },
    advanced: {
      botName: null,
      sessionTemplate: null,
      agentNotificationTemplate: null,
      contextVariables: [],
      quickReplies: [],
    },
    whatsapp: null,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function summary(overrides: Partial<WorkstreamSummary> = {}): WorkstreamSummary {
  return {
    id: 'ws-1',
    name: 'Sales WhatsApp',
    mode: 'push',
    fallbackQueue: { id: 'q-default', name: 'Default messaging queue' },
    setupStatus: null,
    number: null,
    updatedAt: AT,
    ...overrides,
  };
}

export function refusal(code: AppError['code'], field: string | null = null, params: AppError['params'] = {}, more: AppError[] = []): AppError {
  return { code, field, params, more };
}

const notCalled = (name: string) => () => Promise.reject(new Error(`${name} was not expected`));

export function fakeQueuesIpc(overrides: Partial<QueuesIpc> = {}) {
  return {
    listQueues: vi.fn(overrides.listQueues ?? (async () => [queue()])),
    createQueue: vi.fn(overrides.createQueue ?? notCalled('createQueue')),
    renameQueue: vi.fn(overrides.renameQueue ?? notCalled('renameQueue')),
    deleteQueue: vi.fn(overrides.deleteQueue ?? notCalled('deleteQueue')),
  } satisfies QueuesIpc;
}

export function fakeWorkstreamsIpc(overrides: Partial<WorkstreamsIpc> = {}) {
  return {
    listQueues: vi.fn(overrides.listQueues ?? (async () => [queue()])),
    listWorkstreams: vi.fn(overrides.listWorkstreams ?? (async () => [] as WorkstreamSummary[])),
    createWorkstream: vi.fn(overrides.createWorkstream ?? notCalled('createWorkstream')),
    copyWorkstream: vi.fn(overrides.copyWorkstream ?? notCalled('copyWorkstream')),
    workstreamDeletion: vi.fn(overrides.workstreamDeletion ?? notCalled('workstreamDeletion')),
    deleteWorkstream: vi.fn(overrides.deleteWorkstream ?? notCalled('deleteWorkstream')),
  } satisfies WorkstreamsIpc;
}

export function fakeWorkstreamPageIpc(overrides: Partial<WorkstreamPageIpc> = {}) {
  return {
    listQueues: vi.fn(overrides.listQueues ?? (async () => [queue()])),
    getWorkstream: vi.fn(overrides.getWorkstream ?? (async () => workstream())),
    saveWorkstreamDetails: vi.fn(overrides.saveWorkstreamDetails ?? notCalled('saveWorkstreamDetails')),
    saveWorkDistribution: vi.fn(overrides.saveWorkDistribution ?? notCalled('saveWorkDistribution')),
    saveAdvancedSettings: vi.fn(overrides.saveAdvancedSettings ?? notCalled('saveAdvancedSettings')),
    removeSetup: vi.fn(overrides.removeSetup ?? notCalled('removeSetup')),
    checkTemplateTexts: vi.fn(overrides.checkTemplateTexts ?? notCalled('checkTemplateTexts')),
  } satisfies WorkstreamPageIpc;
}
