// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '$lib/bindings/Account';
import type { InboundRoute } from '$lib/bindings/InboundRoute';
import type { Verification } from '$lib/bindings/Verification';
import { AccountPageStore, type AccountPageIpc } from '$lib/account-page.svelte';
import { account } from '$lib/fixtures.test-support';
import { locales, showIn } from '$lib/i18n.svelte';
import type { AppError } from '$lib/ipc';
import { view } from '$lib/view.svelte';
import AccountPage from './AccountPage.svelte';

const URL = 'https://cc.example.com/twilio/inbound/acc-1';

const verified: Verification = {
  outcome: 'verified',
  checkedAt: '2026-11-21T10:00:00Z',
  friendlyName: 'Contoso Production',
  status: 'active',
  accountType: 'Trial',
  problem: null,
  checked: ['account'],
  keyAccess: 'full',
};

const complete = (overrides: Partial<Account> = {}): Account =>
  account({
    status: 'complete',
    nextStep: 'done',
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    secretStored: true,
    verification: verified,
    numbers: [
      { id: 'n1', accountId: 'acc-1', name: 'Sales', number: '+14155550100', createdAt: '', updatedAt: '' },
      { id: 'n2', accountId: 'acc-1', name: 'Support', number: '+14155550101', createdAt: '', updatedAt: '' },
    ],
    drift: {
      outcome: 'drifted',
      checkedAt: '2026-11-21T10:00:00Z',
      problem: null,
      numbers: [
        { numberId: 'n1', name: 'Sales', number: '+14155550100', state: 'in_sync', problem: null },
        { numberId: 'n2', name: 'Support', number: '+14155550101', state: 'drifted', problem: null },
      ],
    },
    ...overrides,
  });

const route = (numberId: string, owner: InboundRoute['owner']): InboundRoute => ({
  numberId,
  number: '+1',
  kind: 'messaging_service',
  twilioSid: 'MG0123',
  serviceName: 'Front desk',
  currentUrl: null,
  inboundUrl: URL,
  owner,
  note: null,
  pending: false,
  applied: null,
});

function fakeIpc(a: Account, overrides: Partial<AccountPageIpc> = {}) {
  return {
    getAccount: vi.fn(async () => a),
    inboundUrl: vi.fn(async () => URL),
    copyInboundUrl: vi.fn(async () => URL),
    inboundRoutes: vi.fn(async () => [route('n1', 'ours'), route('n2', 'studio_flow')]),
    ...overrides,
  } satisfies AccountPageIpc;
}

async function show(a: Account, overrides: Partial<AccountPageIpc> = {}) {
  const api = fakeIpc(a, overrides);
  const store = new AccountPageStore('acc-1', api);
  render(AccountPage, { props: { store } });
  await vi.waitFor(() => expect(store.account).not.toBeNull());
  return { api, store };
}

function section(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no section #${id}`);
  return found;
}

afterEach(() => {
  showIn('en');
  document.body.innerHTML = '';
});

describe('the account page', () => {
  it('shows the details, never the secret, with an Edit for each section that opens its wizard page', async () => {
    const edit = vi.spyOn(view, 'editAccount').mockResolvedValue();
    await show(complete());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Contoso');
    const details = section('account-details');
    expect(details.querySelector('.account-sid')?.textContent).toBe('AC0123456789abcdef0123456789abcdef');
    expect(details.querySelector('.account-auth-method')?.textContent).toBe('Auth token');
    expect(details.querySelector('.account-secret')?.textContent?.trim()).toBe('Stored in the OS keyring');

    const steps: Record<string, string> = {
      'account-channel': 'channel_details',
      'account-details': 'account_details',
      'account-numbers': 'numbers',
      'account-callback': 'callback',
      'account-twilio': 'account_details',
    };
    for (const [id, step] of Object.entries(steps)) {
      const link = within(section(id)).getByRole('link', { name: /^Edit / });
      expect(link.textContent).toBe('Edit');
      await fireEvent.click(link);
      expect(edit).toHaveBeenLastCalledWith('acc-1', step);
    }
    expect(within(section('account-numbers')).getByRole('link', { name: 'Edit WhatsApp numbers' })).toBeTruthy();
  });

  it('lists the numbers with their drift, and where Twilio sends them once read', async () => {
    const { api } = await show(complete());
    const rows = section('account-numbers').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('.number-state')?.textContent?.trim()).toBe('In sync');
    expect(rows[1].querySelector('.number-state')?.textContent?.trim()).toBe('Drifted');
    expect(rows[1].querySelector('.route')?.textContent?.trim()).toBe('—');

    await fireEvent.click(within(section('account-numbers')).getByRole('button', { name: 'Check now with Twilio: Contoso' }));
    await vi.waitFor(() => expect(api.inboundRoutes).toHaveBeenCalledWith('acc-1'));
    await vi.waitFor(() => expect(rows[1].querySelector('.route-owner')?.textContent).toBe('Posts to a Studio flow'));
    expect(rows[1].querySelector('.route-where')?.textContent).toBe(
      'Messaging Service Front desk, which overrides the sender',
    );
    expect(section('account-numbers').querySelector('.fix-drift')).not.toBeNull();
  });

  it('shows the inbound URL with Copy, and says when it is copied', async () => {
    const { api } = await show(complete());
    expect(document.getElementById('account-inbound-url')?.textContent).toBe(URL);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(api.copyInboundUrl).toHaveBeenCalledWith('acc-1');
    await vi.waitFor(() => expect(section('account-callback').querySelector('[role="status"]')?.textContent).toBe('Copied'));
  });

  it('says when no callback base URL is set', async () => {
    const missing: AppError = { code: 'callback_base_url_missing', field: null, params: {}, more: [] };
    await show(complete(), { inboundUrl: vi.fn().mockRejectedValue(missing) });
    expect(document.getElementById('account-no-inbound-url')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
  });

  it('shows Twilio’s status in words, and warns about a trial account', async () => {
    await show(complete());
    const twilio = section('account-twilio');
    expect(twilio.querySelector('.verification-outcome')?.textContent?.trim()).toBe('Verified');
    expect(twilio.querySelector('.verification-name')?.textContent).toBe('Contoso Production');
    expect(twilio.querySelector('.verification-status')?.textContent?.trim()).toBe('Active');
    expect(twilio.querySelector('.verification-type')?.textContent?.trim()).toBe('Trial');
    expect(twilio.querySelector('.verification-trial')).not.toBeNull();
  });

  it('says why a check failed, with Twilio’s page as a link', async () => {
    const failed: Verification = {
      ...verified,
      outcome: 'failed',
      friendlyName: null,
      status: null,
      accountType: null,
      keyAccess: null,
      problem: {
        code: 'twilio_auth_failed',
        field: null,
        params: { twilioCode: 20003, twilioMessage: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003' },
      },
    };
    await show(complete({ verification: failed }));
    const reason = section('account-twilio').querySelector<HTMLElement>('.verification-reason');
    expect(reason?.querySelector('[data-code="twilio_auth_failed"]')).not.toBeNull();
    expect(within(section('account-twilio')).getByRole('link', { name: /twilio\.com/ }).getAttribute('href')).toBe(
      'https://www.twilio.com/docs/errors/20003',
    );
  });

  it('names each Edit link with its visible word and its section, in every language', async () => {
    for (const locale of locales) {
      showIn(locale);
      await show(complete());
      const links = [...document.querySelectorAll<HTMLElement>('.edit-section')];
      expect(links).toHaveLength(5);
      for (const link of links) {
        const name = link.getAttribute('aria-label') ?? '';
        expect(name.toLocaleLowerCase(locale), locale).toContain(link.textContent?.trim().toLocaleLowerCase(locale));
        const section = link.closest('section')?.querySelector('h2')?.textContent ?? '';
        expect(name, locale).toContain(section);
      }
      document.body.innerHTML = '';
    }
  });

  it('is in the user’s language', async () => {
    showIn('de');
    await show(complete());
    expect(within(section('account-details')).getByRole('heading').textContent).toBe('Kontodetails');
    expect(section('account-details').querySelector('.account-secret')?.textContent?.trim()).toBe(
      'Im Schlüsselbund des Betriebssystems gespeichert',
    );
    expect(section('account-twilio').querySelector('.verification-type')?.textContent?.trim()).toBe('Testkonto');
    expect(within(section('account-channel')).getByRole('link').getAttribute('aria-label')).toBe('Kanaldetails bearbeiten');
  });
});
