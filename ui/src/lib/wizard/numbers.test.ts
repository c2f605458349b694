// Removing a number that workstreams use: the unbind question, on the numbers page's store alone.
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../ipc';
import { account } from '../fixtures.test-support';
import { appError, fakeIpc, wizardOn } from './fake-ipc.test-support';

const SID = 'AC0123456789abcdef0123456789abcdef';
const SALES = {
  id: 'num-1',
  accountId: 'acc-1',
  name: 'Sales',
  number: '+14155238886',
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
};
const SUPPORT = { ...SALES, id: 'num-2', name: 'Support', number: '+14155550100' };
const IN_USE: AppError = {
  code: 'used_by_workstreams',
  field: null,
  params: { what: 'number', names: '["Support EN"]', count: 1 },
  more: [],
};

function onNumbers(api: ReturnType<typeof fakeIpc>) {
  return wizardOn(account({ accountSid: SID, status: 'complete', numbers: [SALES, SUPPORT] }), 'numbers', api);
}

describe('removing a number that workstreams use', () => {
  it('asks to unbind instead of showing an error, and removes only when told to unbind', async () => {
    const api = fakeIpc({
      removeNumber: vi
        .fn()
        .mockRejectedValueOnce(IN_USE)
        .mockResolvedValueOnce(account({ accountSid: SID, status: 'complete', numbers: [SUPPORT] })),
    });
    const w = onNumbers(api);
    w.numbers.askRemove(SALES);

    expect(await w.numbers.confirmRemove()).toBe(false);
    expect(api.removeNumber).toHaveBeenCalledWith('num-1', false);
    expect(w.numbers.removing).toBeNull();
    expect(w.numbers.unbinding).toEqual({ number: SALES, workstreams: { names: ['Support EN'], count: 1 } });
    expect(w.numbers.problems.any).toBe(false);
    expect(w.account?.numbers).toHaveLength(2);

    expect(await w.numbers.confirmUnbind()).toBe(true);
    expect(api.removeNumber).toHaveBeenLastCalledWith('num-1', true);
    expect(w.numbers.unbinding).toBeNull();
    expect(w.account?.numbers.map((n) => n.id)).toEqual(['num-2']);
  });

  it('cancelling keeps the number and unbinds nothing', async () => {
    const api = fakeIpc({ removeNumber: vi.fn().mockRejectedValue(IN_USE) });
    const w = onNumbers(api);
    w.numbers.askRemove(SALES);
    await w.numbers.confirmRemove();
    w.numbers.cancelUnbind();
    expect(w.numbers.unbinding).toBeNull();
    expect(api.removeNumber).toHaveBeenCalledTimes(1);
    expect(w.account?.numbers).toHaveLength(2);
  });

  it('shows a failed unbind above the page, with the number kept', async () => {
    const api = fakeIpc({
      removeNumber: vi.fn().mockRejectedValueOnce(IN_USE).mockRejectedValueOnce(appError('storage')),
    });
    const w = onNumbers(api);
    w.numbers.askRemove(SALES);
    await w.numbers.confirmRemove();
    expect(await w.numbers.confirmUnbind()).toBe(false);
    expect(w.numbers.unbinding).toBeNull();
    expect(w.numbers.problems.page).toEqual([{ kind: 'error', error: appError('storage') }]);
    expect(w.account?.numbers).toHaveLength(2);
  });

  it('other refusals stay page errors', async () => {
    const api = fakeIpc({ removeNumber: vi.fn().mockRejectedValue(appError('last_number')) });
    const w = onNumbers(api);
    w.numbers.askRemove(SALES);
    expect(await w.numbers.confirmRemove()).toBe(false);
    expect(w.numbers.unbinding).toBeNull();
    expect(w.numbers.problems.page).toEqual([{ kind: 'error', error: appError('last_number') }]);
  });
});
