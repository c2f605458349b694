import { afterEach, describe, expect, it } from 'vitest';
import type { DriftCheck } from './bindings/DriftCheck';
import type { NumberDrift } from './bindings/NumberDrift';
import type { NumberState } from './bindings/NumberState';
import {
  authMethodLabel,
  driftLines,
  driftNeedsApply,
  numberStateLabel,
  secretLabel,
  senderStatusLabel,
  twilioAccountStatusLabel,
  twilioAccountTypeLabel,
  verificationLabel,
} from './checks';
import { showIn } from './i18n.svelte';

const offline = { code: 'offline' as const, field: null, params: { host: 'api.twilio.com' } };
const authFailed = { code: 'twilio_auth_failed' as const, field: null, params: { twilioCode: 20003 } };
const notFound = { code: 'twilio_not_found' as const, field: null, params: { twilioCode: 20404 } };

const at = { checkedAt: '2026-11-21T10:00:00Z', numbers: [], problem: null };

function number(name: string, n: string, state: NumberState): NumberDrift {
  return {
    numberId: n,
    name,
    number: n,
    state,
    problem: state === 'failed' ? notFound : null,
  };
}

afterEach(() => showIn('en'));

describe('labels', () => {
  it('names each verification outcome', () => {
    expect(verificationLabel('verified')).toBe('Verified');
    expect(verificationLabel('failed')).toBe('Failed');
    expect(verificationLabel('offline')).toBe('Not checked (offline)');
    expect(verificationLabel(null)).toBe('Not verified');
  });

  it('follows a switch of language', () => {
    expect(authMethodLabel('api_key')).toBe('API key');
    expect(secretLabel('api_key')).toBe('API key secret');
    showIn('de');
    expect(verificationLabel('verified')).toBe('Überprüft');
    expect(secretLabel('api_key')).toBe('API key-Geheimnis');
    expect(numberStateLabel('drifted')).toBe('Abgewichen');
    showIn('ja');
    expect(secretLabel('auth_token')).toBe('Auth Token');
  });

  it('says Twilio’s raw values in words, and shows a value it does not know as Twilio sent it', () => {
    expect(senderStatusLabel('ONLINE')).toBe('Online');
    expect(senderStatusLabel('PENDING_VERIFICATION')).toBe('Waiting for verification');
    expect(senderStatusLabel('ONLINE:UPDATING')).toBe('Online, update in progress');
    expect(senderStatusLabel(null)).toBe('Status unknown');
    expect(senderStatusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(twilioAccountStatusLabel('suspended')).toBe('Suspended');
    expect(twilioAccountTypeLabel('Trial')).toBe('Trial');
    expect(twilioAccountTypeLabel('Full')).toBe('Full (upgraded)');
    showIn('tr');
    expect(senderStatusLabel('OFFLINE')).toBe('Çevrimdışı');
    expect(twilioAccountStatusLabel('active')).toBe('Etkin');
    expect(twilioAccountTypeLabel('Trial')).toBe('Deneme');
  });
});

describe('drift, as the list says it', () => {
  it('names the numbers in the language’s own list style', () => {
    showIn('ja');
    const drift: DriftCheck = {
      ...at,
      outcome: 'drifted',
      numbers: [number('Sales', '+14155550100', 'drifted'), number('Billing', '+14155550102', 'drifted')],
    };
    expect(driftLines(drift)[0].text).toBe('ずれあり: Sales (+14155550100)、Billing (+14155550102)');
  });

  it('says in sync, not checked, and offline with its reason as text', () => {
    expect(driftLines(null)).toEqual([{ kind: 'none', text: 'Not checked', reason: null }]);
    expect(driftLines({ ...at, outcome: 'in_sync', numbers: [number('Sales', '+14155550100', 'in_sync')] })).toEqual([
      { kind: 'in_sync', text: 'In sync', reason: null },
    ]);
    expect(
      driftLines({ ...at, outcome: 'offline', problem: offline }),
    ).toEqual([{ kind: 'offline', text: 'Not checked (offline)', reason: offline }]);
  });

  it('lists drifted numbers by name, with the number', () => {
    const drift: DriftCheck = {
      ...at,
      outcome: 'drifted',
      numbers: [
        number('Sales', '+14155550100', 'drifted'),
        number('Support', '+14155550101', 'in_sync'),
        number('Billing', '+14155550102', 'drifted'),
      ],
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'drifted', text: 'Drifted: Sales (+14155550100) and Billing (+14155550102)', reason: null },
    ]);
  });

  it('says which numbers were never set up in Twilio, apart from the drifted ones', () => {
    const drift: DriftCheck = {
      ...at,
      outcome: 'drifted',
      numbers: [number('Sales', '+14155550100', 'not_applied'), number('Billing', '+14155550102', 'drifted')],
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'drifted', text: 'Drifted: Billing (+14155550102)', reason: null },
      { kind: 'not_applied', text: 'Not set up in Twilio yet: Sales (+14155550100)', reason: null },
    ]);
  });

  it('names each number that could not be checked, with its reason as text', () => {
    const drift: DriftCheck = {
      ...at,
      outcome: 'failed',
      numbers: [
        number('Sales', '+14155550100', 'failed'),
        number('Support', '+14155550101', 'not_applied'),
      ],
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'failed', text: 'Could not check Sales (+14155550100)', reason: notFound },
      { kind: 'not_applied', text: 'Not set up in Twilio yet: Support (+14155550101)', reason: null },
    ]);
  });

  it('gives the reason of a check that failed as a whole', () => {
    const drift: DriftCheck = {
      ...at,
      outcome: 'failed',
      problem: authFailed,
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'failed', text: 'Check failed', reason: authFailed },
    ]);
  });

  it('offers Apply only when a number is drifted or not set up', () => {
    expect(driftNeedsApply(null)).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'in_sync', numbers: [number('S', '+1', 'in_sync')] })).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'offline', problem: offline })).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'drifted', numbers: [number('S', '+1', 'drifted')] })).toBe(true);
    expect(driftNeedsApply({ ...at, outcome: 'not_applied', numbers: [number('S', '+1', 'not_applied')] })).toBe(true);
    // The worst state is a failure, but another number still needs Apply.
    expect(
      driftNeedsApply({
        ...at,
        outcome: 'failed',
        numbers: [number('S', '+1', 'failed'), number('T', '+2', 'not_applied')],
      }),
    ).toBe(true);
  });
});
