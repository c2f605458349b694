import { describe, expect, it } from 'vitest';
import { driftLabel, verificationLabel } from './checks';

describe('labels', () => {
  it('names each verification outcome', () => {
    expect(verificationLabel('verified')).toBe('Verified');
    expect(verificationLabel('failed')).toBe('Failed');
    expect(verificationLabel('offline')).toBe('Not checked (offline)');
    expect(verificationLabel(null)).toBe('Not verified');
  });

  it('names each drift outcome, listing drifted numbers', () => {
    const at = { checkedAt: '2026-11-21T10:00:00Z', message: null };
    expect(driftLabel(null)).toBe('Not checked');
    expect(driftLabel({ ...at, outcome: 'in_sync', driftedNumbers: [] })).toBe('In sync');
    expect(driftLabel({ ...at, outcome: 'drifted', driftedNumbers: ['+14155550100', '+14155550101'] })).toBe(
      'Drifted: +14155550100, +14155550101',
    );
    expect(driftLabel({ ...at, outcome: 'offline', driftedNumbers: [] })).toBe('Not checked (offline)');
    expect(driftLabel({ ...at, outcome: 'failed', driftedNumbers: [] })).toBe('Check failed');
  });
});
