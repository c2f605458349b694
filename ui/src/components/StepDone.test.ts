import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { InboundRoute } from '$lib/bindings/InboundRoute';
import { account } from '$lib/fixtures.test-support';
import { InboundRoutesStore, pendingMessage } from '$lib/routes.svelte';
import type { Account } from '$lib/bindings/Account';
import type { AccountWizard } from '$lib/wizard/account-wizard.svelte';
import { wizardOn } from '$lib/wizard/fake-ipc.test-support';
import StepDone from './StepDone.svelte';

let wizard: AccountWizard = wizardOn(null, 'done');

function on(a: Account): void {
  wizard = wizardOn(a, 'done');
}

function done(): string {
  return render(StepDone, {
    props: { page: wizard.done, account: wizard.account, oncallback: async () => {}, onsettings: () => {} },
  }).body;
}

describe('Done', () => {
  it('says plainly that the inbound URL cannot be built without a callback base URL, and links to Settings', () => {
    on(account({ accountSid: 'AC0123456789abcdef0123456789abcdef', secretStored: true, nextStep: 'done' }));
    wizard.callback.inboundUrl = null;
    wizard.callback.callbackBaseUrlMissing = true;
    const body = done();
    expect(body).toContain('id="done-no-inbound-url"');
    expect(body).toContain('The inbound URL cannot be built: no callback base URL is set.');
    expect(body).toContain('href="#settings"');
  });

  it('says nothing of it once the inbound URL is built', () => {
    on(account({ secretStored: true, nextStep: 'done' }));
    wizard.callback.inboundUrl = 'https://cc.example.com/twilio/inbound/acc-1';
    wizard.callback.callbackBaseUrlMissing = false;
    const body = done();
    expect(body).not.toContain('id="done-no-inbound-url"');
    expect(body).toContain('https://cc.example.com/twilio/inbound/acc-1');
  });

  it('says when the keyring no longer has the secret', () => {
    on(account({ secretStored: false, secretLost: true, nextStep: 'account_details' }));
    const body = done();
    expect(body).toContain('Missing from the OS keyring: enter it again on Account details');
  });

  describe('when Twilio does not post a number to this desk', () => {
    const URL = 'https://cc.example.com/twilio/inbound/acc-1';
    const number = (id: string, name: string, n: string) => ({
      id,
      accountId: 'acc-1',
      name,
      number: n,
      createdAt: '2026-11-21T10:00:00Z',
      updatedAt: '2026-11-21T10:00:00Z',
    });
    const route = (overrides: Partial<InboundRoute>): InboundRoute => ({
      numberId: 'num-1',
      number: '+14155550101',
      kind: 'sender_webhook',
      twilioSid: 'XE1',
      serviceName: null,
      currentUrl: URL,
      inboundUrl: URL,
      owner: 'ours',
      note: null,
      pending: false,
      applied: null,
      ...overrides,
    });

    function withRoutes(routes: InboundRoute[] | null): string {
      on(account({
        secretStored: true,
        nextStep: 'done',
        numbers: [number('num-1', 'Sales', '+14155550101'), number('num-2', 'Support', '+14155550100')],
      }));
      wizard.callback.inboundUrl = URL;
      wizard.callback.callbackBaseUrlMissing = false;
      const store = new InboundRoutesStore('acc-1', {
        inboundRoutes: async () => [],
        applyInboundUrl: async () => route({}),
        restorePreviousInboundUrl: async () => route({}),
      });
      store.routes = routes;
      wizard.callback.routes = store;
      return done();
    }

    it('names the number, says Twilio does not post its messages here yet, and offers Apply', () => {
      const body = withRoutes([
        route({ numberId: 'num-1' }),
        route({
          numberId: 'num-2',
          number: '+14155550100',
          owner: 'studio_flow',
          currentUrl: 'https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1',
        }),
      ]);
      expect(body).toContain('id="done-not-ours"');
      expect(body).toMatch(/data-number="\+14155550100"/);
      expect(body).toMatch(/class="done-route[^"]*"[^>]*data-number="\+14155550100"/);
      expect(body).not.toMatch(/class="done-route[^"]*"[^>]*data-number="\+14155550101"/);
      expect(body).toContain('Support');
      expect(body).toContain('Twilio does not post its messages to this desk yet');
      expect(body).toMatch(/<button[^>]*class="[^"]*done-apply/);
      expect(body).toContain('aria-label="Apply the inbound URL to Support (+14155550100) on Callback information"');
      // Finish is the wizard's, and stays.
      wizard.callback.routes = null;
    });

    it('says a change Twilio accepted but has not applied yet, instead of offering Apply', () => {
      const body = withRoutes([route({ owner: 'elsewhere', currentUrl: 'https://old.example.com', pending: true })]);
      expect(body).toContain('id="done-not-ours"');
      expect(body).toContain(
        pendingMessage(),
      );
      expect(body).not.toContain('done-apply');
      wizard.callback.routes = null;
    });

    it('says nothing when every number posts here, or while the routes are unknown', () => {
      expect(withRoutes([route({})])).not.toContain('id="done-not-ours"');
      expect(withRoutes(null)).not.toContain('id="done-not-ours"');
      wizard.callback.routes = null;
    });
  });
});
