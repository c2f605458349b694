import { describe, expect, it } from 'vitest';
import { appError } from './fake-ipc.test-support';
import { Problems } from './problems.svelte';

describe('the problems of a page', () => {
  it('puts every error of a refusal under its field, and the rest above the page', () => {
    const p = new Problems(['name', 'number']);
    p.showRefusal(
      appError('invalid_phone_number', 'bad number', 'number', [
        appError('required', 'name needed', 'name'),
        appError('storage', 'disk full'),
        appError('invalid_account_sid', 'not here', 'accountSid'),
      ]),
      ['name', 'number'],
    );
    expect(Object.keys(p.fields).sort()).toEqual(['name', 'number']);
    expect(p.page.map((x) => (x.kind === 'error' ? x.error.message : x.kind))).toEqual(['disk full', 'not here']);
    expect(p.firstInvalid).toBe('name');
    expect(p.refusals).toBe(1);
  });

  it('keeps a keyring problem apart', () => {
    const p = new Problems(['name']);
    p.showRefusal(appError('keyring_locked', 'locked', null, [appError('required', 'x', 'name')]), ['name']);
    expect(p.keyring?.code).toBe('keyring_locked');
    expect(Object.keys(p.fields)).toEqual(['name']);
  });

  it('counts each refusal, even the same one again, and forgets a field on its own', () => {
    const p = new Problems(['name']);
    p.showOwn({ kind: 'no_numbers' });
    p.showOwn({ kind: 'no_numbers' });
    expect(p.refusals).toBe(2);
    p.showRefusal(appError('required', 'x', 'name'), ['name']);
    p.clearField('name');
    expect(p.any).toBe(false);
  });
});
