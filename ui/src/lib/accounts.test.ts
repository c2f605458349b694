import { describe, expect, it, vi } from 'vitest';
import type { Account } from './bindings/Account';
import type { AccountSummary } from './bindings/AccountSummary';
import { AccountsStore, type AccountsIpc } from './accounts.svelte';

const summary = (id: string): AccountSummary => ({
  id,
  name: `Account ${id}`,
  accountSid: null,
  numberCount: 0,
  status: 'draft',
  nextStep: 'account_details',
  updatedAt: '2026-11-21T10:00:00Z',
});

const full: Account = {
  id: 'a',
  name: 'Account a',
  channel: 'whatsapp',
  accountSid: null,
  authTokenStored: true,
  status: 'draft',
  nextStep: 'numbers',
  numbers: [],
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
};

function fakeIpc(overrides: Partial<AccountsIpc> = {}) {
  return {
    listAccounts: vi.fn(async () => [summary('a'), summary('b')]),
    getAccount: vi.fn(async () => full),
    deleteAccount: vi.fn(async () => null),
    ...overrides,
  } satisfies AccountsIpc;
}

describe('AccountsStore', () => {
  it('loads the list, and shows a failure in the banner', async () => {
    const api = fakeIpc({
      listAccounts: vi
        .fn()
        .mockRejectedValueOnce({ code: 'storage', message: 'Database is locked', field: null })
        .mockResolvedValueOnce([summary('a')]),
    });
    const store = new AccountsStore(api);
    await store.load();
    expect(store.error).toBe('Database is locked');
    expect(store.items).toEqual([]);
    await store.load();
    expect(store.error).toBeNull();
    expect(store.items.map((a) => a.id)).toEqual(['a']);
  });

  it('reads the account before asking, deletes only on confirm, then reloads', async () => {
    const api = fakeIpc();
    const store = new AccountsStore(api);
    await store.load();
    await store.askDelete('a');
    expect(api.getAccount).toHaveBeenCalledWith('a');
    expect(store.pendingDelete?.authTokenStored).toBe(true);
    expect(api.deleteAccount).not.toHaveBeenCalled();

    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('b')]);
    expect(await store.confirmDelete()).toBe(true);
    expect(api.deleteAccount).toHaveBeenCalledWith('a');
    expect(store.pendingDelete).toBeNull();
    expect(store.items.map((a) => a.id)).toEqual(['b']);
  });

  it('cancelling deletes nothing; a failed delete keeps the dialog open with the reason', async () => {
    const api = fakeIpc({
      deleteAccount: vi.fn(async () => {
        throw { code: 'keyring_unavailable', message: 'The OS keyring is locked', field: null };
      }),
    });
    const store = new AccountsStore(api);
    await store.askDelete('a');
    store.cancelDelete();
    expect(store.pendingDelete).toBeNull();

    await store.askDelete('a');
    expect(await store.confirmDelete()).toBe(false);
    expect(store.pendingDelete?.id).toBe('a');
    expect(store.deleteError).toBe('The OS keyring is locked');
  });
});
