import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Account } from '$lib/bindings/Account';
import { account } from '$lib/fixtures.test-support';
import { wizard } from '$lib/wizard.svelte';
import AccountWizard from './AccountWizard.svelte';
import StepAccountDetails from './StepAccountDetails.svelte';

const SID = 'AC0123456789abcdef0123456789abcdef';
const verified: Account['verification'] = {
  outcome: 'verified',
  checkedAt: '2026-11-21T10:05:00Z',
  friendlyName: 'Contoso prod',
  status: 'active',
  accountType: 'Full',
  errorCode: null,
  message: null,
  warning: null,
  checked: ['account'],
  keyAccess: 'full',
};

/** The wizard on Account details, as opened for `saved`. */
function openOn(saved: Partial<Account>): void {
  wizard.reset();
  wizard.account = account({ accountSid: SID, ...saved });
  wizard.accountSid = SID;
  wizard.authMethod = wizard.account.authMethod;
  wizard.apiKeySid = wizard.account.apiKeySid ?? '';
  wizard.step = 'account_details';
}

describe('Account details', () => {
  it('says the keyring lost the token and asks for it on its own field, with no Verified box', () => {
    openOn({ secretStored: false, secretLost: true, verification: verified });
    const { body } = render(StepAccountDetails);
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
    const { body } = render(StepAccountDetails);
    expect(body).toContain('The OS keyring no longer has the API key secret of this account');
    expect(body).toContain('id="apiKeySecret"');
  });

  it('shows no old Verified box once the Account SID or the method differs from what was checked', () => {
    openOn({ secretStored: true, verification: verified });
    expect(render(StepAccountDetails).body).toContain('Verified with Twilio');

    wizard.accountSid = 'AC0123456789abcdef0123456789abcdee';
    let body = render(StepAccountDetails).body;
    expect(body).not.toContain('Verified with Twilio');
    expect(body).toContain('Changed since the last check');

    wizard.accountSid = SID;
    wizard.authMethod = 'api_key';
    body = render(StepAccountDetails).body;
    expect(body).not.toContain('Verified with Twilio');
  });

  it('shows a keyring problem prominently with Rust’s message, and keeps the typed values', () => {
    openOn({});
    wizard.accountSid = 'AC-typed';
    wizard.keyringError = {
      code: 'keyring_unavailable',
      message: 'Install GNOME Keyring (sudo apt install gnome-keyring), then try again. What you typed is kept.',
      field: null,
    };
    const { body } = render(AccountWizard);
    expect(body).toContain('id="keyring-error"');
    expect(body).toContain('The OS keyring cannot be reached');
    expect(body).toContain('Install GNOME Keyring (sudo apt install gnome-keyring), then try again.');
    expect(body).toContain('value="AC-typed"');
    wizard.keyringError = null;
  });
});
