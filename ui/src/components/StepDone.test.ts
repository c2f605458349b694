import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { account } from '$lib/fixtures.test-support';
import { wizard } from '$lib/wizard.svelte';
import StepDone from './StepDone.svelte';

describe('Done', () => {
  it('says plainly that the inbound URL cannot be built without a callback base URL, and links to Settings', () => {
    wizard.account = account({ accountSid: 'AC0123456789abcdef0123456789abcdef', secretStored: true, nextStep: 'done' });
    wizard.inboundUrl = null;
    wizard.callbackBaseUrlMissing = true;
    const { body } = render(StepDone);
    expect(body).toContain('id="done-no-inbound-url"');
    expect(body).toContain('The inbound URL cannot be built: no callback base URL is set.');
    expect(body).toContain('href="#settings"');
  });

  it('says nothing of it once the inbound URL is built', () => {
    wizard.account = account({ secretStored: true, nextStep: 'done' });
    wizard.inboundUrl = 'https://cc.example.com/twilio/inbound/acc-1';
    wizard.callbackBaseUrlMissing = false;
    const { body } = render(StepDone);
    expect(body).not.toContain('id="done-no-inbound-url"');
    expect(body).toContain('https://cc.example.com/twilio/inbound/acc-1');
  });

  it('says when the keyring no longer has the secret', () => {
    wizard.account = account({ secretStored: false, secretLost: true, nextStep: 'account_details' });
    const { body } = render(StepDone);
    expect(body).toContain('Missing from the OS keyring: enter it again on Account details');
  });
});
