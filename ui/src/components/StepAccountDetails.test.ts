import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Account } from '$lib/bindings/Account';
import { account } from '$lib/fixtures.test-support';
import type { AccountWizard as Wizard } from '$lib/wizard/account-wizard.svelte';
import { wizardOn } from '$lib/wizard/fake-ipc.test-support';
import StepAccountDetails from './StepAccountDetails.svelte';

const SID = 'AC0123456789abcdef0123456789abcdef';
const verified: Account['verification'] = {
  outcome: 'verified',
  checkedAt: '2026-11-21T10:05:00Z',
  friendlyName: 'Contoso prod',
  status: 'active',
  accountType: 'Full',
  problem: null,
  checked: ['account'],
  keyAccess: 'full',
};

let wizard: Wizard;

/** The wizard on Account details, as opened for `saved`. */
function openOn(saved: Partial<Account>): void {
  wizard = wizardOn(account({ accountSid: SID, ...saved }), 'account_details');
}

function page(): string {
  return render(StepAccountDetails, {
    props: { page: wizard.accountDetails, savedMethod: wizard.account?.authMethod ?? null, onnext: () => {} },
  }).body;
}

describe('Account details', () => {
  it('says the keyring lost the token and asks for it on its own field, with no Verified box', () => {
    openOn({ secretStored: false, secretLost: true, verification: verified });
    const body = page();
    expect(body).toContain('id="secret-lost"');
    expect(body).toContain('The OS keyring no longer has the Auth token of this account');
    expect(body).toMatch(/<input[^>]*id="authToken"[^>]*type="password"|<input[^>]*type="password"[^>]*id="authToken"/);
    expect(body).toMatch(/aria-describedby="[^"]*secret-lost/);
    expect(body).not.toContain('is stored in the OS keyring');
    expect(body).not.toContain('Replace token');
    expect(body).not.toContain('Verified with Twilio');
  });

  it('names the API key secret when that is what was lost', () => {
    openOn({ authMethod: 'api_key', apiKeySid: 'SK0123456789abcdef0123456789abcdef', secretLost: true });
    const body = page();
    expect(body).toContain('The OS keyring no longer has the API key secret of this account');
    expect(body).toContain('id="apiKeySecret"');
  });

  it('shows no old Verified box once the Account SID or the method differs from what was checked', () => {
    openOn({ secretStored: true, verification: verified });
    expect(page()).toContain('Verified with Twilio');

    wizard.accountDetails.accountSid = 'AC0123456789abcdef0123456789abcdee';
    let body = page();
    expect(body).not.toContain('Verified with Twilio');
    expect(body).toContain('Changed since the last check');

    wizard.accountDetails.accountSid = SID;
    wizard.accountDetails.authMethod = 'api_key';
    body = page();
    expect(body).not.toContain('Verified with Twilio');
  });
});
