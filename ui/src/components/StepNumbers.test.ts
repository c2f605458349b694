// @vitest-environment jsdom
// The WhatsApp numbers page alone, on its own page store and a fake IPC.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { account } from '$lib/fixtures.test-support';
import { appError, fakeIpc, wizardOn } from '$lib/wizard/fake-ipc.test-support';
import type { AccountWizard } from '$lib/wizard/account-wizard.svelte';
import { status } from '$lib/status.svelte';
import StepNumbers from './StepNumbers.svelte';
import './dialog.test-support';

const SID = 'AC0123456789abcdef0123456789abcdef';
const SALES = {
  id: 'num-1',
  accountId: 'acc-1',
  name: 'Sales',
  number: '+14155238886',
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
};

function show(w: AccountWizard, onaccountdetails = vi.fn()) {
  const a = w.account;
  if (!a) throw new Error('no draft');
  render(StepNumbers, {
    props: { page: w.numbers, secretStored: a.secretStored, secretLost: a.secretLost, authMethod: a.authMethod, onaccountdetails },
  });
  return onaccountdetails;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is not on the page`);
  return element;
}

describe('WhatsApp numbers', () => {
  it('says the keyring lost the secret, and offers the way back to Account details', async () => {
    const w = wizardOn(account({ accountSid: SID, secretLost: true }), 'numbers');
    const back = show(w);
    expect(document.body.textContent).toContain('Auth token');
    await userEvent.setup().click(byId('enter-secret-again'));
    expect(back).toHaveBeenCalled();
  });

  it('shows a keyring problem from the senders list as one', () => {
    const w = wizardOn(account({ accountSid: SID, secretStored: true }), 'numbers');
    w.numbers.senders.error = appError('keyring_locked');
    show(w);
    expect(document.querySelector('[data-code="keyring_locked"]')).not.toBeNull();
  });

  it('shows both errors of a refused number under their fields, tied to them', async () => {
    const api = fakeIpc({
      addNumber: vi.fn(async () => {
        throw appError('required', 'numberName', [
          appError('invalid_phone_number', 'number'),
        ]);
      }),
    });
    const w = wizardOn(account({ accountSid: SID }), 'numbers', api);
    show(w);
    const user = userEvent.setup();
    await user.click(byId('add-number'));
    await user.type(byId('number'), '14155238886');
    await user.click(byId('save-number'));
    for (const field of ['numberName', 'number']) {
      expect(byId(field).getAttribute('aria-invalid')).toBe('true');
      expect(byId(field).getAttribute('aria-describedby')).toContain(`${field}-error`);
    }
    expect(w.numbers.form?.number).toBe('14155238886');
  });

  it('Cancel closes the form without saving', async () => {
    const api = fakeIpc();
    const w = wizardOn(account({ accountSid: SID }), 'numbers', api);
    show(w);
    const user = userEvent.setup();
    await user.click(byId('add-number'));
    await user.type(byId('numberName'), 'Sales');
    await user.click(byId('cancel-number'));
    expect(w.numbers.form).toBeNull();
    expect(api.addNumber).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(byId('add-number')));
  });

  it('asks before removing a number, and removes it only when confirmed', async () => {
    const api = fakeIpc({ removeNumber: vi.fn(async () => account({ accountSid: SID, numbers: [] })) });
    const w = wizardOn(account({ accountSid: SID, numbers: [SALES] }), 'numbers', api);
    show(w);
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Remove Sales' }));
    expect(w.numbers.removing?.id).toBe('num-1');
    await user.click(byId('cancel-remove-number'));
    expect(api.removeNumber).not.toHaveBeenCalled();
    expect(w.numbers.removing).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove Sales' }));
    await user.click(byId('confirm-remove-number'));
    expect(api.removeNumber).toHaveBeenCalledWith('num-1', false);
    await waitFor(() => expect(document.querySelector('.number-item')).toBeNull());
  });
});

describe('removing a number that a workstream uses', () => {
  const inUse = {
    ...appError('used_by_workstreams'),
    params: { what: 'number', names: '["Support EN"]', count: 1 },
  };

  async function askToUnbind(api: ReturnType<typeof fakeIpc>) {
    const w = wizardOn(account({ accountSid: SID, status: 'complete', numbers: [SALES] }), 'numbers', api);
    show(w);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove Sales' }));
    await user.click(byId('confirm-remove-number'));
    const dialog = byId('unbind-dialog') as HTMLDialogElement;
    await waitFor(() => expect(dialog.open).toBe(true));
    return { w, user, dialog };
  }

  it('names the workstream; Cancel keeps the number and focus goes back to Remove', async () => {
    const api = fakeIpc({ removeNumber: vi.fn().mockRejectedValue(inUse) });
    const { user, dialog } = await askToUnbind(api);
    expect(api.removeNumber).toHaveBeenCalledWith('num-1', false);
    expect(document.querySelector('dialog[open]')).toBe(dialog);
    expect(dialog.textContent).toContain('This workstream uses the WhatsApp number Sales +14155238886');
    expect([...dialog.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Support EN']);
    expect(dialog.textContent).toContain('goes back to a draft without a number');
    expect(document.querySelector('#page-error, [role="alert"]')?.textContent ?? '').toBe('');

    await user.click(byId('cancel-unbind'));
    expect(dialog.open).toBe(false);
    expect(api.removeNumber).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.number-item')).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Sales' })));
  });

  it('unbinds and removes when confirmed, and says so', async () => {
    const api = fakeIpc({
      removeNumber: vi
        .fn()
        .mockRejectedValueOnce(inUse)
        .mockResolvedValueOnce(account({ accountSid: SID, status: 'complete', numbers: [] })),
    });
    const { user } = await askToUnbind(api);
    await user.click(screen.getByRole('button', { name: 'Unbind and remove' }));
    expect(api.removeNumber).toHaveBeenLastCalledWith('num-1', true);
    await waitFor(() => expect(document.querySelector('.number-item')).toBeNull());
    await waitFor(() => expect(status.text).toBe('Number removed: Sales. This workstream is now without a WhatsApp number.'));
    await waitFor(() => expect(document.activeElement?.id).toBe('add-number'));
  });
});
