import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { AccountSummary } from '$lib/bindings/AccountSummary';
import type { DriftCheck } from '$lib/bindings/DriftCheck';
import type { NumberDrift } from '$lib/bindings/NumberDrift';
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

const checked = { checkedAt: '2026-11-21T10:00:00Z', errorCode: null, message: null };

function number(name: string, n: string, state: NumberDrift['state'], message: string | null = null): NumberDrift {
  return { numberId: `id-${n}`, name, number: n, state, errorCode: state === 'failed' ? 'twilio_not_found' : null, message };
}

/** The drift cell of the first row. */
function driftCell(body: string): string {
  const m = body.match(/<td class="drift[^"]*"[\s\S]*?<\/td>/);
  if (!m) throw new Error('no drift cell');
  return m[0];
}

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

  it('says what drift means, listing drifted numbers by name, and offers Apply next to it', () => {
    const drift: DriftCheck = {
      ...checked,
      outcome: 'drifted',
      numbers: [number('Sales', '+14155550101', 'drifted'), number('Support', '+14155550100', 'not_applied')],
    };
    const cell = driftCell(show([row({ drift })]));
    expect(cell).toContain('data-outcome="drifted"');
    expect(cell).toContain('Drifted: Sales (+14155550101)');
    expect(cell).toContain('Not set up in Twilio yet: Support (+14155550100)');
    expect(cell).toMatch(/<button[^>]*class="[^"]*fix-drift/);
    expect(cell).toContain('aria-label="Apply the inbound URL of Contoso in Twilio, on Callback information"');
    expect(cell).toMatch(/<button[^>]*class="[^"]*check-drift/);
  });

  it('offers Apply for numbers never set up in Twilio, and not when all is in sync', () => {
    const notApplied: DriftCheck = { ...checked, outcome: 'not_applied', numbers: [number('Sales', '+14155550101', 'not_applied')] };
    let cell = driftCell(show([row({ drift: notApplied })]));
    expect(cell).toContain('data-outcome="not_applied"');
    expect(cell).toContain('Not set up in Twilio yet: Sales (+14155550101)');
    expect(cell).toContain('fix-drift');

    const inSync: DriftCheck = { ...checked, outcome: 'in_sync', numbers: [number('Sales', '+14155550101', 'in_sync')] };
    cell = driftCell(show([row({ drift: inSync })]));
    expect(cell).toContain('In sync');
    expect(cell).not.toContain('fix-drift');
  });

  it('shows why a number or a whole check failed as visible text, not only a tooltip', () => {
    const perNumber: DriftCheck = {
      ...checked,
      outcome: 'failed',
      numbers: [number('Sales', '+14155550101', 'failed', 'This number is not on the Twilio account.')],
    };
    let cell = driftCell(show([row({ drift: perNumber })]));
    expect(cell).toContain('Could not check Sales (+14155550101)');
    expect(cell).toMatch(/class="drift-reason[^"]*"[^>]*>This number is not on the Twilio account\.</);
    expect(cell).not.toContain('visually-hidden');
    expect(cell).not.toContain('fix-drift');

    const whole: DriftCheck = {
      ...checked,
      outcome: 'failed',
      numbers: [],
      errorCode: 'twilio_auth_failed',
      message: 'Twilio refused the credentials (error 20003).',
    };
    cell = driftCell(show([row({ drift: whole })]));
    expect(cell).toContain('Check failed');
    expect(cell).toMatch(/class="drift-reason[^"]*"[^>]*>Twilio refused the credentials \(error 20003\)\.</);
  });
});
