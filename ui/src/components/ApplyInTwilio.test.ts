import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { InboundRoute } from '$lib/bindings/InboundRoute';
import { formatDateTime } from '$lib/format';
import { InboundRoutesStore, pendingMessage } from '$lib/routes.svelte';
import ApplyInTwilio from './ApplyInTwilio.svelte';

const OURS = 'https://cc.example.com/twilio/inbound/acc-1';
const FLOW = 'https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1';
const PENDING = pendingMessage();

const APPLIED = {
  numberId: 'num-1',
  kind: 'sender_webhook' as const,
  twilioSid: 'XE1',
  inboundUrl: OURS,
  replacedUrl: FLOW,
  appliedAt: '2026-11-21T10:00:00Z',
};

function route(overrides: Partial<InboundRoute> = {}): InboundRoute {
  return {
    numberId: 'num-1',
    number: '+14155550101',
    kind: 'sender_webhook',
    twilioSid: 'XE1',
    serviceName: null,
    currentUrl: OURS,
    inboundUrl: OURS,
    owner: 'ours',
    note: null,
    pending: false,
    applied: APPLIED,
    ...overrides,
  };
}

const NUMBERS = [
  {
    id: 'num-1',
    accountId: 'acc-1',
    name: 'Sales',
    number: '+14155550101',
    createdAt: '2026-11-21T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
  },
];

function storeWith(routes: InboundRoute[]): InboundRoutesStore {
  const store = new InboundRoutesStore('acc-1', {
    inboundRoutes: async () => routes,
    applyInboundUrl: async () => route(),
    restorePreviousInboundUrl: async () => route(),
  });
  store.routes = routes;
  return store;
}

const show = (routes: InboundRoutesStore) => render(ApplyInTwilio, { props: { routes, numbers: NUMBERS } }).body;

describe('Apply in Twilio', () => {
  it('offers Restore previous on a route this desk applied over another value', () => {
    const body = show(storeWith([route()]));
    expect(body).toMatch(/<button[^>]*class="[^"]*restore-route/);
    expect(body).toContain('aria-label="Restore the previous inbound URL of Sales (+14155550101)"');
    expect(body).not.toContain('apply-route');
  });

  it('offers no Restore previous when Apply replaced nothing', () => {
    const body = show(storeWith([route({ applied: { ...APPLIED, replacedUrl: null } })]));
    expect(body).not.toContain('restore-route');
  });

  it('asks before restoring, showing before, after, when it was replaced, and that a Studio flow gets it back', () => {
    const store = storeWith([route()]);
    store.askRestore(route());
    const body = show(store);
    expect(body).toContain('id="confirm-restore"');
    expect(body).toContain('id="cancel-restore"');
    expect(body).toContain('Restore the previous inbound URL in Twilio?');
    expect(body).toMatch(new RegExp(`id="restore-before"[^>]*>${OURS}<`));
    expect(body).toMatch(new RegExp(`id="restore-after"[^>]*>${FLOW}<`));
    expect(body).toContain('id="restore-replaced-at"');
    expect(body).toContain(formatDateTime('2026-11-21T10:00:00Z'));
    expect(body).toContain('id="restore-studio-note"');
    expect(body).not.toContain('id="confirm-apply"');
  });

  it('has no Studio-flow note when the previous URL was another one', () => {
    const other = route({ applied: { ...APPLIED, replacedUrl: 'https://old.example.com/hook' } });
    const store = storeWith([other]);
    store.askRestore(other);
    const body = show(store);
    expect(body).toContain('id="confirm-restore"');
    expect(body).not.toContain('id="restore-studio-note"');
  });

  it('says a change that Twilio accepted but does not show yet is pending, not done and not failed', () => {
    const accepted = route({ owner: 'elsewhere', currentUrl: 'https://old.example.com/hook', applied: null, pending: true });
    const store = storeWith([accepted]);
    store.changed = { kind: 'apply', number: accepted.number, pending: true };
    const body = show(store);
    expect(body).toMatch(new RegExp(`class="route-pending[^"]*"[^>]*>${PENDING.replace(/[.;]/g, '\\$&')}<`));
    expect(body).not.toContain('now posts to this desk');
    expect(body).not.toContain('apply-route');
  });

  it('says when an apply took effect', () => {
    const store = storeWith([route()]);
    store.changed = { kind: 'apply', number: '+14155550101', pending: false };
    expect(show(store)).toContain('Applied: +14155550101 now posts to this desk.');
    expect(show(store)).not.toContain('route-pending');
  });
});
