import { describe, expect, it } from 'vitest';
import { appError } from './fake-ipc.test-support';
import { Problems } from './problems.svelte';

describe('the problems of a page', () => {
  it('puts every error of a refusal under its field, and the rest above the page', () => {
    const p = new Problems(['name', 'number']);
    p.showRefusal(
      appError('invalid_phone_number', 'number', [
        appError('required', 'name'),
        appError('storage'),
        appError('invalid_account_sid', 'accountSid'),
      ]),
      ['name', 'number'],
    );
    expect(Object.keys(p.fields).sort()).toEqual(['name', 'number']);
    expect(p.page.map((x) => (x.kind === 'error' ? x.error.code : x.kind))).toEqual(['storage', 'invalid_account_sid']);
    expect(p.firstInvalid).toBe('name');
    expect(p.refusals).toBe(1);
  });

  it('keeps a keyring problem apart', () => {
    const p = new Problems(['name']);
    p.showRefusal(appError('keyring_locked', null, [appError('required', 'name')]), ['name']);
    expect(p.keyring?.code).toBe('keyring_locked');
    expect(Object.keys(p.fields)).toEqual(['name']);
  });

  it('counts each refusal, even the same one again, and forgets a field on its own', () => {
    const p = new Problems(['name']);
    p.showOwn({ kind: 'no_numbers' });
    p.showOwn({ kind: 'no_numbers' });
    expect(p.refusals).toBe(2);
    p.showRefusal(appError('required', 'name'), ['name']);
    p.clearField('name');
    expect(p.any).toBe(false);
  });
});
