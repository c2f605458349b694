import { describe, expect, it } from 'vitest';
import type { NumberState } from './bindings/NumberState';
import { driftLabel, verificationLabel } from './checks';

describe('labels', () => {
  it('names each verification outcome', () => {
    expect(verificationLabel('verified')).toBe('Verified');
    expect(verificationLabel('failed')).toBe('Failed');
    expect(verificationLabel('offline')).toBe('Not checked (offline)');
    expect(verificationLabel(null)).toBe('Not verified');
  });

  it('names each drift outcome, listing drifted numbers by name', () => {
    const at = { checkedAt: '2026-11-21T10:00:00Z', numbers: [], errorCode: null, message: null };
    const number = (name: string, n: string, state: NumberState) => ({
      numberId: n,
      name,
      number: n,
      state,
      errorCode: null,
      message: null,
    });
    expect(driftLabel(null)).toBe('Not checked');
    expect(driftLabel({ ...at, outcome: 'in_sync' })).toBe('In sync');
    expect(
      driftLabel({
        ...at,
        outcome: 'drifted',
        numbers: [
          number('Sales', '+14155550100', 'drifted'),
          number('Support', '+14155550101', 'in_sync'),
          number('Billing', '+14155550102', 'drifted'),
        ],
      }),
    ).toBe('Drifted: Sales (+14155550100), Billing (+14155550102)');
    expect(driftLabel({ ...at, outcome: 'not_applied' })).toBe('Not set up in Twilio yet');
    expect(driftLabel({ ...at, outcome: 'offline' })).toBe('Not checked (offline)');
    expect(driftLabel({ ...at, outcome: 'failed' })).toBe('Check failed');
  });
});
