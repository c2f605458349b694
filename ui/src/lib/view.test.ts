import { describe, expect, it, vi } from 'vitest';
import type { Account } from './bindings/Account';
import type * as IpcModule from './ipc';

const api = vi.hoisted(() => ({
  getAccount: vi.fn(),
  listAccounts: vi.fn(async () => []),
  getSettings: vi.fn(async () => ({ callbackBaseUrl: null })),
}));

vi.mock('./ipc', async (importOriginal) => ({ ...(await importOriginal<typeof IpcModule>()), ipc: api }));

const { view } = await import('./view.svelte');
const { wizard } = await import('./wizard.svelte');
const { accounts } = await import('./accounts.svelte');

const OLD = {
  id: 'acc-old',
  name: 'Old',
  channel: 'whatsapp',
  accountSid: null,
  authMethod: 'auth_token',
  apiKeySid: null,
  secretStored: false,
  status: 'draft',
  nextStep: 'channel_details',
  numbers: [],
  verification: null,
  drift: null,
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
} satisfies Account;

/** Holds get_account in flight until the test answers. */
function holdGetAccount() {
  let answer: (a: Account) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  api.getAccount.mockReturnValueOnce(
    new Promise<Account>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    }),
  );
  return { answer: (a: Account) => answer(a), fail: (e: unknown) => fail(e) };
}

describe('moving while an account is still opening', () => {
  it('stays where the user went, with the wizard empty', async () => {
    const held = holdGetAccount();
    const opening = view.openAccount('acc-old', 'edit');
    view.showSettings();
    held.answer(OLD);
    await opening;
    expect(view.current).toBe('settings');
    expect(wizard.account).toBeNull();
  });

  it('keeps the new account the user started, and no failure reaches the list', async () => {
    view.showAccounts();
    const held = holdGetAccount();
    const opening = view.openAccount('acc-old', 'edit');
    view.newAccount();
    wizard.name = 'New';
    held.fail({ code: 'not_found', message: 'The account no longer exists.', field: null });
    await opening;
    expect(view.current).toBe('wizard');
    expect(wizard.name).toBe('New');
    expect(wizard.pageError).toBeNull();
    expect(accounts.error).toBeNull();
  });

  it('opens the account when nothing else happened', async () => {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    expect(view.current).toBe('wizard');
    expect(wizard.account?.id).toBe('acc-old');
  });
});
