import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { account } from '$lib/fixtures.test-support';
import { wizard } from '$lib/wizard.svelte';
import StepNumbers from './StepNumbers.svelte';

describe('WhatsApp numbers', () => {
  it('says the keyring lost the secret, and offers the way back to Account details', () => {
    wizard.reset();
    wizard.account = account({ accountSid: 'AC0123456789abcdef0123456789abcdef', secretLost: true, nextStep: 'numbers' });
    wizard.step = 'numbers';
    const { body } = render(StepNumbers);
    expect(body).toContain('The OS keyring no longer has the Auth token of this account');
    expect(body).toContain('id="enter-secret-again"');
  });

  it('shows a keyring problem from the senders list as one', () => {
    wizard.reset();
    wizard.account = account({ accountSid: 'AC0123456789abcdef0123456789abcdef', secretStored: true });
    wizard.step = 'numbers';
    wizard.senders.error = { code: 'keyring_locked', message: 'Unlock the login keyring.', field: null };
    const { body } = render(StepNumbers);
    expect(body).toContain('The OS keyring is locked');
    expect(body).toContain('Unlock the login keyring.');
  });
});
