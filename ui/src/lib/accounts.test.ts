import { describe, expect, it, vi } from 'vitest';
import type { Account } from './bindings/Account';
import type { AccountSummary } from './bindings/AccountSummary';
import { account } from './fixtures.test-support';
import { AccountsStore, type AccountsIpc } from './accounts.svelte';
import type { AppError } from './ipc';

const appError = (code: AppError['code']): AppError => ({ code, field: null, params: {}, more: [] });

const summary = (id: string): AccountSummary => ({
  id,
  name: `Account ${id}`,
  accountSid: null,
  secretLost: false,
  numberCount: 0,
  numbers: [],
  status: 'draft',
  nextStep: 'account_details',
  verification: null,
  drift: null,
  updatedAt: '2026-11-21T10:00:00Z',
});

const full = account({ id: 'a', name: 'Account a', secretStored: true, nextStep: 'numbers' });

function fakeIpc(overrides: Partial<AccountsIpc> = {}) {
  return {
    listAccounts: vi.fn(async () => [summary('a'), summary('b')]),
    getAccount: vi.fn(async () => full),
    deleteAccount: vi.fn(async () => null),
    checkDrift: vi.fn(async () => {
      throw new Error('checkDrift was not expected');
    }),
    getSettings: vi.fn(async () => ({ callbackBaseUrl: 'https://cc.example.com', language: 'en' as const, languageChosen: null })),
    ...overrides,
  } satisfies AccountsIpc;
}

describe('AccountsStore', () => {
  it('loads the list, and shows a failure in the banner', async () => {
    const api = fakeIpc({
      listAccounts: vi
        .fn()
        .mockRejectedValueOnce(appError('storage'))
        .mockResolvedValueOnce([summary('a')]),
    });
    const store = new AccountsStore(api);
    await store.load();
    expect(store.error).toEqual(appError('storage'));
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
    expect(store.pendingDelete?.secretStored).toBe(true);
    expect(api.deleteAccount).not.toHaveBeenCalled();

    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('b')]);
    expect(await store.confirmDelete()).toBe(true);
    expect(api.deleteAccount).toHaveBeenCalledWith('a', false);
    expect(store.pendingDelete).toBeNull();
    expect(store.items.map((a) => a.id)).toEqual(['b']);
  });

  it('cancelling deletes nothing; a failed delete keeps the dialog open with the reason', async () => {
    const api = fakeIpc({
      deleteAccount: vi.fn(async () => {
        throw appError('keyring_locked');
      }),
    });
    const store = new AccountsStore(api);
    await store.askDelete('a');
    store.cancelDelete();
    expect(store.pendingDelete).toBeNull();

    await store.askDelete('a');
    expect(await store.confirmDelete()).toBe(false);
    expect(store.pendingDelete?.id).toBe('a');
    expect(store.deleteError).toEqual(appError('keyring_locked'));
  });

  it('gives way to the unbind question when workstreams use the numbers, and deletes only when told to unbind', async () => {
    const inUse: AppError = {
      code: 'used_by_workstreams',
      field: null,
      params: { what: 'account', names: '["Support, EN","Sales"]', count: 2 },
      more: [],
    };
    const api = fakeIpc({ deleteAccount: vi.fn().mockRejectedValueOnce(inUse).mockResolvedValueOnce(null) });
    const store = new AccountsStore(api);
    await store.load();
    await store.askDelete('a');

    expect(await store.confirmDelete()).toBe(false);
    expect(api.deleteAccount).toHaveBeenCalledWith('a', false);
    expect(store.pendingDelete).toBeNull();
    expect(store.deleteError).toBeNull();
    expect(store.pendingUnbind?.account.id).toBe('a');
    expect(store.pendingUnbind?.workstreams).toEqual({ names: ['Support, EN', 'Sales'], count: 2 });

    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('b')]);
    expect(await store.confirmUnbind()).toBe(true);
    expect(api.deleteAccount).toHaveBeenLastCalledWith('a', true);
    expect(store.pendingUnbind).toBeNull();
    expect(store.items.map((a) => a.id)).toEqual(['b']);
  });

  it('cancelling the unbind question deletes and unbinds nothing', async () => {
    const inUse: AppError = { code: 'used_by_workstreams', field: null, params: { names: '["Sales"]', count: 1 }, more: [] };
    const api = fakeIpc({ deleteAccount: vi.fn().mockRejectedValue(inUse) });
    const store = new AccountsStore(api);
    await store.load();
    await store.askDelete('a');
    await store.confirmDelete();
    store.cancelUnbind();
    expect(store.pendingUnbind).toBeNull();
    expect(store.pendingDelete).toBeNull();
    expect(api.deleteAccount).toHaveBeenCalledTimes(1);
    expect(store.items.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('keeps the unbind question open with the reason when unbinding fails', async () => {
    const inUse: AppError = { code: 'used_by_workstreams', field: null, params: { names: '["Sales"]', count: 1 }, more: [] };
    const api = fakeIpc({
      deleteAccount: vi.fn().mockRejectedValueOnce(inUse).mockRejectedValueOnce(appError('keyring_locked')),
    });
    const store = new AccountsStore(api);
    await store.askDelete('a');
    await store.confirmDelete();
    expect(await store.confirmUnbind()).toBe(false);
    expect(store.pendingUnbind?.account.id).toBe('a');
    expect(store.deleteError).toEqual(appError('keyring_locked'));
  });

  it('checks drift for one row and puts the answer on it, busy while it runs', async () => {
    const drift = {
      outcome: 'drifted' as const,
      checkedAt: '2026-11-21T11:00:00Z',
      numbers: [
        {
          numberId: 'num-1',
          name: 'Sales',
          number: '+14155550100',
          state: 'drifted' as const,
          problem: null,
        },
      ],
      problem: null,
    };
    let finish: (d: typeof drift) => void = () => {};
    const api = fakeIpc({ checkDrift: vi.fn(() => new Promise<typeof drift>((r) => (finish = r))) });
    const store = new AccountsStore(api);
    await store.load();

    const running = store.checkDrift('b');
    expect(store.checking.has('b')).toBe(true);
    expect(await store.checkDrift('b')).toBe(false);
    expect(api.checkDrift).toHaveBeenCalledTimes(1);
    finish(drift);
    expect(await running).toBe(true);

    expect(api.checkDrift).toHaveBeenCalledWith('b');
    expect(store.checking.has('b')).toBe(false);
    expect(store.items.find((a) => a.id === 'b')?.drift).toEqual(drift);
    expect(store.items.find((a) => a.id === 'a')?.drift).toBeNull();
  });

  it('shows a rejected drift check in the banner, refreshing a stale list', async () => {
    const api = fakeIpc({
      checkDrift: vi.fn(async () => {
        throw appError('not_found');
      }),
    });
    const store = new AccountsStore(api);
    await store.load();
    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('b')]);
    expect(await store.checkDrift('a')).toBe(false);
    expect(store.error?.code).toBe('not_found');
    expect(store.items.map((a) => a.id)).toEqual(['b']);
    expect(store.checking.size).toBe(0);
  });

  it('keeps only the newest of two list reads', async () => {
    let finishOld: (items: AccountSummary[]) => void = () => {};
    const api = fakeIpc({
      listAccounts: vi
        .fn()
        .mockReturnValueOnce(new Promise<AccountSummary[]>((r) => (finishOld = r)))
        .mockResolvedValueOnce([summary('b')]),
    });
    const store = new AccountsStore(api);
    const older = store.load();
    await store.load();
    expect(store.loading).toBe(false);
    finishOld([summary('a'), summary('b')]);
    await older;
    expect(store.items.map((a) => a.id)).toEqual(['b']);
    expect(store.loading).toBe(false);
  });

  it('keeps a drift answer that came in while an older list read was running', async () => {
    const drift = {
      outcome: 'in_sync' as const,
      checkedAt: '2026-11-21T11:00:00Z',
      numbers: [],
      problem: null,
    };
    let finishRead: (items: AccountSummary[]) => void = () => {};
    const api = fakeIpc({ checkDrift: vi.fn(async () => drift) });
    const store = new AccountsStore(api);
    await store.load();

    vi.mocked(api.listAccounts).mockReturnValueOnce(new Promise<AccountSummary[]>((r) => (finishRead = r)));
    const reading = store.load();
    expect(await store.checkDrift('a')).toBe(true);
    // Rust read the row before the check stored its answer.
    finishRead([summary('a'), summary('b')]);
    await reading;
    expect(store.items.find((a) => a.id === 'a')?.drift).toEqual(drift);

    // A read that starts after the answer shows what Rust holds.
    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('a'), summary('b')]);
    await store.load();
    expect(store.items.find((a) => a.id === 'a')?.drift).toBeNull();
  });

  it('puts a drift answer on the row of the list read since the check began', async () => {
    const drift = {
      outcome: 'in_sync' as const,
      checkedAt: '2026-11-21T11:00:00Z',
      numbers: [],
      problem: null,
    };
    let finish: (d: typeof drift) => void = () => {};
    const api = fakeIpc({ checkDrift: vi.fn(() => new Promise<typeof drift>((r) => (finish = r))) });
    const store = new AccountsStore(api);
    await store.load();
    const running = store.checkDrift('b');
    vi.mocked(api.listAccounts).mockResolvedValueOnce([summary('b'), summary('c')]);
    await store.load();
    finish(drift);
    await running;
    expect(store.items.map((a) => [a.id, a.drift])).toEqual([
      ['b', drift],
      ['c', null],
    ]);
  });

  it('opens the delete dialog on the last account asked about, and not after a cancel', async () => {
    const pending: ((a: Account) => void)[] = [];
    const api = fakeIpc({ getAccount: vi.fn(() => new Promise<Account>((r) => pending.push(r))) });
    const store = new AccountsStore(api);

    const askA = store.askDelete('a');
    const askB = store.askDelete('b');
    pending[1]({ ...full, id: 'b' });
    pending[0]({ ...full, id: 'a' });
    await Promise.all([askA, askB]);
    expect(store.pendingDelete?.id).toBe('b');

    store.cancelDelete();
    const askAgain = store.askDelete('a');
    store.cancelDelete();
    pending[2]({ ...full, id: 'a' });
    await askAgain;
    expect(store.pendingDelete).toBeNull();
  });
  it('says when no callback base URL is set, so no inbound URL can be built', async () => {
    const api = fakeIpc({
      getSettings: vi
        .fn()
        .mockResolvedValueOnce({ callbackBaseUrl: null, language: 'en' as const, languageChosen: null })
        .mockResolvedValueOnce({ callbackBaseUrl: 'https://cc.example.com', language: 'en' as const, languageChosen: null })
        .mockRejectedValueOnce(appError('storage')),
    });
    const store = new AccountsStore(api);
    await store.load();
    expect(store.callbackBaseUrlMissing).toBe(true);
    expect(store.items.map((a) => a.id)).toEqual(['a', 'b']);

    await store.load();
    expect(store.callbackBaseUrlMissing).toBe(false);

    // Settings that cannot be read say nothing either way, and do not hide the list.
    await store.load();
    expect(store.callbackBaseUrlMissing).toBe(false);
    expect(store.error).toBeNull();
    expect(store.items.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('marks the row when a drift check finds its secret gone from the keyring', async () => {
    const drift = {
      outcome: 'failed' as const,
      checkedAt: '2026-11-21T11:00:00Z',
      numbers: [],
      problem: { code: 'secret_lost' as const, field: 'authToken', params: {} },
    };
    const api = fakeIpc({ checkDrift: vi.fn(async () => drift) });
    const store = new AccountsStore(api);
    await store.load();
    expect(await store.checkDrift('a')).toBe(true);
    const row = store.items.find((a) => a.id === 'a');
    expect(row?.secretLost).toBe(true);
    expect(row?.drift).toEqual(drift);
    expect(store.items.find((a) => a.id === 'b')?.secretLost).toBe(false);
  });

  it('shows a drift check stopped by the keyring as a keyring problem', async () => {
    const drift = {
      outcome: 'failed' as const,
      checkedAt: '2026-11-21T11:00:00Z',
      numbers: [],
      problem: { code: 'keyring_unavailable' as const, field: null, params: { os: 'linux' } },
    };
    const api = fakeIpc({ checkDrift: vi.fn(async () => drift) });
    const store = new AccountsStore(api);
    await store.load();
    await store.checkDrift('a');
    expect(store.error).toEqual({ code: 'keyring_unavailable', field: null, params: { os: 'linux' } });
  });
});
