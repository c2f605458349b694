import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { AccountSummary } from '$lib/bindings/AccountSummary';
import { accounts } from '$lib/accounts.svelte';
import AccountsList from './AccountsList.svelte';

const row = (overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'acc-1',
  name: 'Contoso',
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  secretLost: false,
  numberCount: 1,
  status: 'complete',
  nextStep: 'done',
  verification: 'verified',
  drift: null,
  updatedAt: '2026-11-21T10:00:00Z',
  ...overrides,
});

function show(items: AccountSummary[]): string {
  accounts.items = items;
  accounts.loaded = true;
  return render(AccountsList).body;
}

describe('the accounts list', () => {
  it('shows on its row that the keyring lost an account’s secret, with a way to enter it again', () => {
    accounts.callbackBaseUrlMissing = false;
    accounts.error = null;
    const body = show([row({ secretLost: true, nextStep: 'account_details' })]);
    expect(body).toContain('Secret missing from the OS keyring — enter it again');
    expect(body).toContain('aria-label="Enter the secret of Contoso again"');
    expect(body).toContain('data-outcome="lost"');
    expect(body).not.toContain('data-outcome="verified"');
  });

  it('says once, above the list, that no inbound URL can be built, with a link to Settings', () => {
    accounts.callbackBaseUrlMissing = true;
    const body = show([row(), row({ id: 'acc-2', name: 'Fabrikam' })]);
    expect(body.match(/id="no-callback-base-url"/g)).toHaveLength(1);
    expect(body).toContain('No callback base URL is set, so no inbound URL can be built');
    expect(body).toContain('href="#settings"');
    expect(body.indexOf('id="no-callback-base-url"')).toBeLessThan(body.indexOf('<table'));
    accounts.callbackBaseUrlMissing = false;
    expect(show([row()])).not.toContain('id="no-callback-base-url"');
  });

  it('shows a keyring problem prominently, with Rust’s message', () => {
    accounts.error = { code: 'keyring_locked', message: 'Unlock the login keyring, then try again.', field: null };
    const body = show([row()]);
    expect(body).toContain('The OS keyring is locked');
    expect(body).toContain('Unlock the login keyring, then try again.');
    expect(body).toContain('role="alert"');
    accounts.error = null;
  });
});
