// A wizard on a fake IPC for the tests: every command rejects unless the test gives it.
import { vi } from 'vitest';
import type { Account } from '../bindings/Account';
import type { WizardStep } from '../bindings/WizardStep';
import type { AppError } from '../ipc';
import type { RoutesIpc } from '../routes.svelte';
import type { WizardIpc } from './account-steps';
import { AccountWizard } from './account-wizard.svelte';

export function fakeIpc(overrides: Partial<WizardIpc> = {}) {
  const notCalled = (name: string) => () => Promise.reject(new Error(`${name} was not expected`));
  return {
    getAccount: vi.fn(notCalled('getAccount')),
    createAccount: vi.fn(notCalled('createAccount')),
    updateChannelDetails: vi.fn(notCalled('updateChannelDetails')),
    saveAccountDetails: vi.fn(notCalled('saveAccountDetails')),
    addNumber: vi.fn(notCalled('addNumber')),
    updateNumber: vi.fn(notCalled('updateNumber')),
    removeNumber: vi.fn(notCalled('removeNumber')),
    completeAccount: vi.fn(notCalled('completeAccount')),
    inboundUrl: vi.fn(notCalled('inboundUrl')),
    copyInboundUrl: vi.fn(notCalled('copyInboundUrl')),
    checkCredentials: vi.fn(notCalled('checkCredentials')),
    listWhatsAppSenders: vi.fn(notCalled('listWhatsAppSenders')),
    ...overrides,
  } satisfies WizardIpc;
}

export function fakeRoutesIpc(overrides: Partial<RoutesIpc> = {}) {
  return {
    inboundRoutes: vi.fn(async () => []),
    applyInboundUrl: vi.fn(() => Promise.reject(new Error('applyInboundUrl was not expected'))),
    restorePreviousInboundUrl: vi.fn(() => Promise.reject(new Error('restorePreviousInboundUrl was not expected'))),
    ...overrides,
  } satisfies RoutesIpc;
}

export function appError(code: AppError['code'], field: string | null = null, more: AppError[] = []): AppError {
  return { code, field, params: {}, more };
}

/**
 * A wizard showing `step` of `draft`, as if it had been opened there, without asking the IPC
 * for anything: the page's `enter` is not run.
 */
export function wizardOn(draft: Account | null, step: WizardStep, api = fakeIpc(), routesApi = fakeRoutesIpc()): AccountWizard {
  const w = new AccountWizard(api, routesApi);
  w.engine.draft = draft;
  if (draft) for (const s of w.engine.steps) w.engine.pageOf(s.id).fill?.(draft);
  w.engine.step = step;
  return w;
}
