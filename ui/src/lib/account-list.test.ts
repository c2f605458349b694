import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from './bindings/AccountSummary';
import type { DriftCheck } from './bindings/DriftCheck';
import { AccountListView, arrange, matches, type ListQuery } from './account-list.svelte';
import { showIn } from './i18n.svelte';

const summary = (id: string, overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id,
  name: `Account ${id}`,
  accountSid: null,
  secretLost: false,
  numberCount: 0,
  numbers: [],
  status: 'complete',
  nextStep: 'done',
  verification: null,
  drift: null,
  updatedAt: '2026-11-21T10:00:00Z',
  ...overrides,
});

const driftWith = (outcome: DriftCheck['outcome'], ...numbers: string[]): DriftCheck => ({
  outcome,
  checkedAt: '2026-11-21T10:00:00Z',
  numbers: numbers.map((number, i) => ({
    numberId: `n${i}`,
    name: `Line ${i}`,
    number,
    state: outcome === 'drifted' ? 'drifted' : 'in_sync',
    problem: null,
  })),
  problem: null,
});

const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({
  search: '',
  sortKey: 'name',
  direction: 'ascending',
  status: 'all',
  verification: 'all',
  drift: 'all',
  ...overrides,
});

const names = (items: AccountSummary[]) => items.map((a) => a.name);

afterEach(() => showIn('en'));

describe('searching the accounts', () => {
  const contoso = summary('a', {
    name: 'Zoë’s Contoso',
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    numbers: ['+14155550100'],
  });

  it('finds by name, case and accents folded', () => {
    expect(matches(contoso, 'zoe')).toBe(true);
    expect(matches(contoso, 'CONTOSO')).toBe(true);
    expect(matches(contoso, 'fabrikam')).toBe(false);
    expect(matches(contoso, '  ')).toBe(true);
  });

  it('finds by Account SID', () => {
    expect(matches(contoso, 'ac0123456789ABCDEF')).toBe(true);
    expect(matches(contoso, 'AC999')).toBe(false);
  });

  it('finds by number, however it is typed', () => {
    expect(matches(contoso, '+14155550100')).toBe(true);
    expect(matches(contoso, '+1 (415) 555-0100')).toBe(true);
    expect(matches(contoso, '5550100')).toBe(true);
    expect(matches(contoso, '5550199')).toBe(false);
    // Letters make it a name or SID search, never a number search.
    expect(matches(summary('b', { numbers: ['+14155550100'] }), 'x415')).toBe(false);
  });
});

describe('sorting the accounts', () => {
  const items = [
    summary('1', { name: 'Zeta' }),
    summary('2', { name: 'Ärzte ohne Grenzen' }),
    summary('3', { name: 'beta' }),
    summary('4', { name: 'Alpha' }),
    summary('5', { name: 'Øresund' }),
  ];

  it('sorts names as the language does: accented letters among the others, not after Z', () => {
    expect(names(arrange(items, query()))).toEqual(['Alpha', 'Ärzte ohne Grenzen', 'beta', 'Øresund', 'Zeta']);
    expect(names(arrange(items, query({ direction: 'descending' })))).toEqual([
      'Zeta',
      'Øresund',
      'beta',
      'Ärzte ohne Grenzen',
      'Alpha',
    ]);
  });

  it('sorts numbers as numbers and puts problems first, ties by name', () => {
    const rows = [
      summary('a', { name: 'A', numberCount: 10, verification: 'verified', drift: driftWith('in_sync') }),
      summary('b', { name: 'B', numberCount: 9, verification: 'failed', drift: driftWith('drifted') }),
      summary('c', { name: 'C', numberCount: 10, verification: null, status: 'draft' }),
    ];
    expect(names(arrange(rows, query({ sortKey: 'numbers' })))).toEqual(['B', 'A', 'C']);
    expect(names(arrange(rows, query({ sortKey: 'verification' })))).toEqual(['B', 'C', 'A']);
    expect(names(arrange(rows, query({ sortKey: 'drift' })))).toEqual(['B', 'C', 'A']);
    expect(names(arrange(rows, query({ sortKey: 'status' })))).toEqual(['C', 'A', 'B']);
    expect(names(arrange(rows, query({ sortKey: 'status', direction: 'descending' })))).toEqual(['A', 'B', 'C']);
  });
});

describe('filtering the accounts', () => {
  const rows = [
    summary('a', { name: 'A', status: 'draft' }),
    summary('b', { name: 'B', verification: 'verified', drift: driftWith('in_sync') }),
    summary('c', { name: 'C', verification: 'failed', drift: driftWith('drifted') }),
    summary('d', { name: 'D', verification: 'offline', drift: driftWith('offline') }),
  ];

  it('by status, verification and drift, together with the search', () => {
    expect(names(arrange(rows, query({ status: 'draft' })))).toEqual(['A']);
    expect(names(arrange(rows, query({ status: 'complete' })))).toEqual(['B', 'C', 'D']);
    expect(names(arrange(rows, query({ verification: 'none' })))).toEqual(['A']);
    expect(names(arrange(rows, query({ verification: 'failed' })))).toEqual(['C']);
    expect(names(arrange(rows, query({ drift: 'none' })))).toEqual(['A']);
    expect(names(arrange(rows, query({ drift: 'drifted' })))).toEqual(['C']);
    expect(names(arrange(rows, query({ status: 'complete', search: 'd' })))).toEqual(['D']);
  });
});

describe('the list view', () => {
  it('sorts by a header, the other way round on a second click, and clears its filters', () => {
    const items = [summary('a', { name: 'B' }), summary('b', { name: 'A', status: 'draft' })];
    const list = new AccountListView(() => items);
    expect(names(list.rows)).toEqual(['A', 'B']);
    list.sortBy('name');
    expect(list.direction).toBe('descending');
    expect(names(list.rows)).toEqual(['B', 'A']);
    list.sortBy('status');
    expect([list.sortKey, list.direction]).toEqual(['status', 'ascending']);

    list.status = 'complete';
    list.search = 'b';
    expect(list.narrowed).toBe(true);
    expect(names(list.rows)).toEqual(['B']);
    list.clear();
    expect(list.narrowed).toBe(false);
    expect(list.sortKey).toBe('status');
    expect(names(list.rows)).toEqual(['A', 'B']);
  });
});
