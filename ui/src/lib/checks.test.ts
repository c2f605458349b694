import { describe, expect, it } from 'vitest';
import type { DriftCheck } from './bindings/DriftCheck';
import type { NumberDrift } from './bindings/NumberDrift';
import type { NumberState } from './bindings/NumberState';
import { driftLines, driftNeedsApply, verificationLabel } from './checks';

const at = { checkedAt: '2026-11-21T10:00:00Z', numbers: [], errorCode: null, message: null };

function number(name: string, n: string, state: NumberState, message: string | null = null): NumberDrift {
  return {
    numberId: n,
    name,
    number: n,
    state,
    errorCode: state === 'failed' ? 'twilio_not_found' : null,
    message,
  };
}

describe('labels', () => {
  it('names each verification outcome', () => {
    expect(verificationLabel('verified')).toBe('Verified');
    expect(verificationLabel('failed')).toBe('Failed');
    expect(verificationLabel('offline')).toBe('Not checked (offline)');
    expect(verificationLabel(null)).toBe('Not verified');
  });
});

describe('drift, as the list says it', () => {
  it('says in sync, not checked, and offline with its reason as text', () => {
    expect(driftLines(null)).toEqual([{ kind: 'none', text: 'Not checked', reason: null }]);
    expect(driftLines({ ...at, outcome: 'in_sync', numbers: [number('Sales', '+14155550100', 'in_sync')] })).toEqual([
      { kind: 'in_sync', text: 'In sync', reason: null },
    ]);
    expect(
      driftLines({ ...at, outcome: 'offline', errorCode: 'offline', message: 'Twilio cannot be reached.' }),
    ).toEqual([{ kind: 'offline', text: 'Not checked (offline)', reason: 'Twilio cannot be reached.' }]);
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
      { kind: 'drifted', text: 'Drifted: Sales (+14155550100), Billing (+14155550102)', reason: null },
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
        number('Sales', '+14155550100', 'failed', 'This number is not on the Twilio account.'),
        number('Support', '+14155550101', 'not_applied'),
      ],
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'failed', text: 'Could not check Sales (+14155550100)', reason: 'This number is not on the Twilio account.' },
      { kind: 'not_applied', text: 'Not set up in Twilio yet: Support (+14155550101)', reason: null },
    ]);
  });

  it('gives the reason of a check that failed as a whole', () => {
    const drift: DriftCheck = {
      ...at,
      outcome: 'failed',
      errorCode: 'twilio_auth_failed',
      message: 'Twilio refused the credentials (error 20003).',
    };
    expect(driftLines(drift)).toEqual([
      { kind: 'failed', text: 'Check failed', reason: 'Twilio refused the credentials (error 20003).' },
    ]);
  });

  it('offers Apply only when a number is drifted or not set up', () => {
    expect(driftNeedsApply(null)).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'in_sync', numbers: [number('S', '+1', 'in_sync')] })).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'offline', errorCode: 'offline', message: 'x' })).toBe(false);
    expect(driftNeedsApply({ ...at, outcome: 'drifted', numbers: [number('S', '+1', 'drifted')] })).toBe(true);
    expect(driftNeedsApply({ ...at, outcome: 'not_applied', numbers: [number('S', '+1', 'not_applied')] })).toBe(true);
    // The worst state is a failure, but another number still needs Apply.
    expect(
      driftNeedsApply({
        ...at,
        outcome: 'failed',
        numbers: [number('S', '+1', 'failed', 'x'), number('T', '+2', 'not_applied')],
      }),
    ).toBe(true);
  });
});
