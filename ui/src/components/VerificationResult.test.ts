import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Verification } from '$lib/bindings/Verification';
import VerificationResult from './VerificationResult.svelte';

const verified: Verification = {
  outcome: 'verified',
  checkedAt: '2026-11-21T10:05:00Z',
  friendlyName: 'Contoso prod',
  status: 'active',
  accountType: 'Full',
  problem: null,
  checked: ['account'],
  keyAccess: 'full',
};

const STANDARD =
  'This API key works. It is a Standard key, which Twilio does not let read the account itself, so its name, status and type are not shown.';

describe('what Validate checked', () => {
  it('says a Standard API key works and why the account is not shown', () => {
    const verification: Verification = {
      ...verified,
      friendlyName: null,
      status: null,
      accountType: null,
      checked: ['incoming_phone_numbers', 'account'],
      keyAccess: 'no_account_access',
    };
    const { body } = render(VerificationResult, { props: { verification, authMethod: 'api_key' } });
    expect(body).toContain('Verified with Twilio');
    expect(body).toContain('Checked: phone numbers, then the account');
    expect(body).toContain(STANDARD);
    expect(body).toContain('data-key-access="no_account_access"');
    expect(body).not.toContain('verification-name');
  });

  it('says a Main key has full access', () => {
    const verification: Verification = { ...verified, checked: ['incoming_phone_numbers', 'account'] };
    const { body } = render(VerificationResult, { props: { verification, authMethod: 'api_key' } });
    expect(body).toContain('Main key: full access, like the Auth token.');
    expect(body).toContain('Contoso prod');
    expect(body).not.toContain(STANDARD);
  });

  it('names only the account for the Auth token, and no key', () => {
    const { body } = render(VerificationResult, { props: { verification: verified, authMethod: 'auth_token' } });
    expect(body).toContain('Checked: the account');
    expect(body).not.toContain('Main key');
  });

  it('says where a failed check stopped', () => {
    const verification: Verification = {
      ...verified,
      outcome: 'failed',
      friendlyName: null,
      status: null,
      accountType: null,
      problem: { code: 'twilio_auth_failed', field: null, params: { twilioCode: 20003, twilioMessage: 'Authenticate' } },
      checked: ['incoming_phone_numbers'],
      keyAccess: null,
    };
    const { body } = render(VerificationResult, { props: { verification, authMethod: 'api_key' } });
    expect(body).toContain('Checked: phone numbers');
    expect(body).not.toContain('then the account');
    expect(body).toContain('20003');
    expect(body).toContain('data-code="twilio_auth_failed"');
  });
});
