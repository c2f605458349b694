// @vitest-environment jsdom
// The wizard in a DOM, on a fake IPC: every error of a refused save under its field, focus on the
// first field of each page and on the first invalid field, Cancel and Escape.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Account } from '$lib/bindings/Account';
import { account } from '$lib/fixtures.test-support';
import { AccountWizard as Wizard } from '$lib/wizard/account-wizard.svelte';
import { appError, fakeIpc, wizardOn } from '$lib/wizard/fake-ipc.test-support';
import AccountWizard from './AccountWizard.svelte';

const SID = 'AC0123456789abcdef0123456789abcdef';

function show(wizard: Wizard) {
  const handlers = { onfinish: vi.fn(), onclose: vi.fn(), oncancel: vi.fn(), onsettings: vi.fn() };
  render(AccountWizard, { props: { wizard, ...handlers } });
  return handlers;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is not on the page`);
  return element;
}

/** The ids of the elements that describe `input`. */
function describedBy(input: HTMLElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
}

describe('the account wizard', () => {
  it('opens with focus on the first field of Channel details', async () => {
    show(new Wizard(fakeIpc()));
    await waitFor(() => expect(document.activeElement).toBe(byId('name')));
  });

  it('shows every error of a refused save at once, each under its field, and focuses the first', async () => {
    const draft = account({ accountSid: null });
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('invalid_account_sid', 'accountSid', [
          appError('required', 'authToken'),
        ]);
      }),
    });
    const wizard = wizardOn(draft, 'account_details', api);
    show(wizard);
    const user = userEvent.setup();
    await user.type(byId('accountSid'), 'AC123');
    await user.type(byId('authToken'), 'token');
    await user.click(byId('wizard-next'));

    for (const field of ['accountSid', 'authToken']) {
      const input = byId(field);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(describedBy(input)).toContain(`${field}-error`);
      expect(byId(`${field}-error`).textContent?.trim()).not.toBe('');
    }
    await waitFor(() => expect(document.activeElement).toBe(byId('accountSid')));
    expect(byId('page-error').getAttribute('role')).toBe('alert');
    expect(byId('page-error').textContent).toContain('2');
    expect(wizard.engine.step).toBe('account_details');
  });

  it('puts an error for no field on screen in the live region above the page', async () => {
    const api = fakeIpc({
      createAccount: vi.fn(async () => {
        throw appError('storage');
      }),
    });
    show(new Wizard(api));
    const user = userEvent.setup();
    await user.type(byId('name'), 'Contoso');
    await user.click(byId('wizard-next'));
    await waitFor(() => expect(byId('page-error').textContent?.trim()).not.toBe(''));
    expect(byId('name').getAttribute('aria-invalid')).toBeNull();
  });

  it('moves focus to the first field of the next page', async () => {
    const api = fakeIpc({ createAccount: vi.fn(async () => account()) });
    show(new Wizard(api));
    const user = userEvent.setup();
    await user.type(byId('name'), 'Contoso{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(byId('accountSid')));
  });

  it('draws the stepper from the engine’s steps', () => {
    const wizard = new Wizard(fakeIpc());
    show(wizard);
    const steps = [...document.querySelectorAll('[data-step-id]')].map((b) => b.getAttribute('data-step-id'));
    expect(steps).toEqual(wizard.engine.steps.map((s) => s.id));
    expect(document.querySelector('[aria-current="step"]')?.getAttribute('data-step-id')).toBe('channel_details');
  });

  it('cancels with the Cancel button and with Escape', async () => {
    const handlers = show(new Wizard(fakeIpc()));
    await userEvent.setup().click(byId('wizard-cancel'));
    expect(handlers.oncancel).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(byId('name'), { key: 'Escape' });
    expect(handlers.oncancel).toHaveBeenCalledTimes(2);
  });

  it('Escape in the number form cancels the form, not the wizard', async () => {
    const draft: Account = account({ accountSid: SID, secretStored: false });
    const wizard = wizardOn(draft, 'numbers');
    const handlers = show(wizard);
    const user = userEvent.setup();
    await user.click(byId('add-number'));
    await waitFor(() => expect(document.activeElement).toBe(byId('numberName')));
    await user.keyboard('Sales{Escape}');
    expect(wizard.numbers.form).toBeNull();
    expect(handlers.oncancel).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(byId('add-number')));
  });

  it('shows a keyring problem as a notice of its own and keeps what was typed', async () => {
    const wizard = wizardOn(account({ accountSid: SID }), 'account_details');
    wizard.accountDetails.accountSid = 'AC-typed';
    wizard.accountDetails.problems.keyring = appError('keyring_unavailable');
    show(wizard);
    expect(byId('keyring-error')).toBeTruthy();
    expect((byId('accountSid') as HTMLInputElement).value).toBe('AC-typed');
    expect(screen.getByRole('heading', { level: 1 })).toBeTruthy();
  });
});
