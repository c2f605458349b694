import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../bindings/Account';
import type { InboundRoute } from '../bindings/InboundRoute';
import type { AppError } from '../ipc';
import type { RoutesIpc } from '../routes.svelte';
import { account } from '../fixtures.test-support';
import { AccountWizard } from './account-wizard.svelte';
import { appError, fakeIpc } from './fake-ipc.test-support';
import type { Problem } from './problems.svelte';

const SID = 'AC0123456789abcdef0123456789abcdef';
const NUMBER = {
  id: 'num-1',
  accountId: 'acc-1',
  name: 'Sales',
  number: '+14155238886',
  createdAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
};

/** What save_account_details receives when signing in with the Auth token. */
function tokenInput(accountSid: string, authToken: string | null) {
  return { accountSid, authMethod: 'auth_token', authToken, apiKeySid: null, apiKeySecret: null };
}

/** What a problem says, as the tests compare it: the error's code, or what the wizard found. */
function said(p: Problem): string {
  if (p.kind === 'error') return p.error.code;
  return p.kind === 'no_numbers' ? 'no numbers' : `${p.method} required`;
}

/** The open page's field problems, as text. */
function fieldErrors(w: AccountWizard): Record<string, string> {
  return Object.fromEntries(Object.entries(w.engine.page.problems.fields).map(([f, p]) => [f, said(p)]));
}

/** The open page's first problem above its fields, as text. */
function pageError(w: AccountWizard): string | null {
  const first = w.engine.page.problems.page[0];
  return first ? said(first) : null;
}

function keyringError(w: AccountWizard): AppError | null {
  return w.engine.page.problems.keyring;
}

function fillNumber(w: AccountWizard, name: string, number: string): void {
  const form = w.numbers.form;
  if (!form) throw new Error('the number form is not open');
  form.name = name;
  form.number = number;
}

describe('channel details', () => {
  it('creates the draft the first time and updates it afterwards', async () => {
    const api = fakeIpc({
      createAccount: vi.fn(async () => account()),
      updateChannelDetails: vi.fn(async (_id, input) => account({ name: input.name })),
    });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'Contoso';

    expect(w.engine.canVisit('account_details')).toBe(false);
    expect(await w.engine.next()).toBe(true);
    expect(api.createAccount).toHaveBeenCalledWith({ name: 'Contoso', channel: 'whatsapp' });
    expect(w.engine.step).toBe('account_details');
    expect(w.engine.canVisit('done')).toBe(true);

    await w.engine.back();
    w.channelDetails.name = 'Contoso EU';
    await w.engine.next();
    expect(api.createAccount).toHaveBeenCalledTimes(1);
    expect(api.updateChannelDetails).toHaveBeenCalledWith('acc-1', { name: 'Contoso EU', channel: 'whatsapp' });
  });

  it('puts a field error under its field and keeps what was typed', async () => {
    const api = fakeIpc({
      createAccount: vi.fn(async () => {
        throw appError('too_long', 'name');
      }),
    });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'x'.repeat(101);

    expect(await w.engine.next()).toBe(false);
    expect(w.engine.step).toBe('channel_details');
    expect(fieldErrors(w)).toEqual({ name: 'too_long' });
    expect(pageError(w)).toBeNull();
    expect(w.channelDetails.name).toBe('x'.repeat(101));
    expect(w.busy).toBe(false);
  });

  it('shows a field-less error, or one for a field not on the page, as the page error', async () => {
    const api = fakeIpc({
      createAccount: vi
        .fn()
        .mockRejectedValueOnce(appError('storage'))
        .mockRejectedValueOnce(appError('invalid_account_sid', 'accountSid'))
        .mockRejectedValueOnce('a plain string from Tauri'),
    });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'Contoso';

    await w.engine.next();
    expect(pageError(w)).toBe('storage');
    expect(fieldErrors(w)).toEqual({});

    await w.engine.next();
    expect(pageError(w)).toBe('invalid_account_sid');
    expect(fieldErrors(w)).toEqual({});

    await w.engine.next();
    expect(pageError(w)).toBe('storage');
  });
});

describe('account details', () => {
  async function atAccountDetails(api: ReturnType<typeof fakeIpc>, stored: boolean) {
    vi.mocked(api.getAccount).mockResolvedValue(account({ secretStored: stored, accountSid: stored ? SID : null }));
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    return w;
  }

  it('sends the typed token, then forgets it once saved', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, secretStored: true })),
    });
    const w = await atAccountDetails(api, false);
    expect(w.accountDetails.secretInputShown).toBe(true);
    w.accountDetails.accountSid = SID;
    w.accountDetails.authToken = 'secret-token';

    expect(await w.engine.next()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, 'secret-token'));
    expect(w.accountDetails.authToken).toBe('');
    expect(w.engine.step).toBe('numbers');
    expect(JSON.stringify(w.account)).not.toContain('secret-token');

    // Coming back shows the stored-token message, not an empty token box.
    await w.engine.back();
    expect(w.accountDetails.secretInputShown).toBe(false);
  });

  it('keeps the typed token and SID when the save fails', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('invalid_account_sid', 'accountSid');
      }),
    });
    const w = await atAccountDetails(api, false);
    w.accountDetails.accountSid = 'AC123';
    w.accountDetails.authToken = 'secret-token';

    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w).accountSid).toBe('invalid_account_sid');
    expect(w.accountDetails.accountSid).toBe('AC123');
    expect(w.accountDetails.authToken).toBe('secret-token');
    expect(w.engine.step).toBe('account_details');
  });

  it('sends authToken null when a token is stored and replacing was not asked for', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, secretStored: true })),
    });
    const w = await atAccountDetails(api, true);
    expect(w.accountDetails.secretInputShown).toBe(false);
    expect(w.accountDetails.accountSid).toBe(SID);

    await w.engine.next();
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, null));
  });

  it('sends the new token when replacing was asked for, and null again after keeping the stored one', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, secretStored: true })),
    });
    const w = await atAccountDetails(api, true);
    w.accountDetails.startReplacingSecret();
    expect(w.accountDetails.secretInputShown).toBe(true);
    w.accountDetails.authToken = 'new-token';
    await w.engine.next();
    expect(api.saveAccountDetails).toHaveBeenLastCalledWith('acc-1', tokenInput(SID, 'new-token'));
    expect(w.accountDetails.authToken).toBe('');
    expect(w.accountDetails.replacingSecret).toBe(false);

    await w.engine.back();
    w.accountDetails.startReplacingSecret();
    w.accountDetails.authToken = 'typed by mistake';
    w.accountDetails.keepStoredSecret();
    await w.engine.next();
    expect(api.saveAccountDetails).toHaveBeenLastCalledWith('acc-1', tokenInput(SID, null));
  });
});

describe('Back and Next', () => {
  it('keep what was typed on every page, saved or not', async () => {
    const api = fakeIpc({
      createAccount: vi.fn(async () => account()),
      updateChannelDetails: vi.fn(async () => account()),
    });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'Contoso';
    await w.engine.next();
    w.accountDetails.accountSid = 'AC-half-typed';
    w.accountDetails.authToken = 'typed-not-saved';

    await w.engine.back();
    expect(w.engine.step).toBe('channel_details');
    expect(w.channelDetails.name).toBe('Contoso');

    await w.engine.next();
    expect(w.engine.step).toBe('account_details');
    expect(w.accountDetails.accountSid).toBe('AC-half-typed');
    expect(w.accountDetails.authToken).toBe('typed-not-saved');

    // The stepper does not save either, and loses nothing.
    await w.engine.goTo('channel_details');
    await w.engine.goTo('account_details');
    expect(w.accountDetails.accountSid).toBe('AC-half-typed');
  });

  it('reset forgets everything, the token included', async () => {
    const api = fakeIpc({ createAccount: vi.fn(async () => account()) });
    const w = new AccountWizard(api);
    w.channelDetails.name = 'Contoso';
    await w.engine.next();
    w.accountDetails.authToken = 'typed';
    w.reset();
    expect(w.accountDetails.authToken).toBe('');
    expect(w.channelDetails.name).toBe('');
    expect(w.account).toBeNull();
    expect(w.engine.step).toBe('channel_details');
  });
});

describe('numbers', () => {
  async function atNumbers(api: ReturnType<typeof fakeIpc>, numbers = [] as Account['numbers']) {
    vi.mocked(api.getAccount).mockResolvedValue(
      account({ accountSid: SID, secretStored: true, nextStep: 'numbers', numbers }),
    );
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    return w;
  }

  it('blocks Next without a number and calls no IPC', async () => {
    const api = fakeIpc();
    const w = await atNumbers(api);
    expect(w.engine.step).toBe('numbers');

    expect(await w.engine.next()).toBe(false);
    expect(w.engine.step).toBe('numbers');
    expect(pageError(w)).toBe('no numbers');
    expect(api.inboundUrl).not.toHaveBeenCalled();
  });

  it('adds a number and moves on, loading the inbound URL', async () => {
    const api = fakeIpc({
      addNumber: vi.fn(async () => account({ numbers: [NUMBER] })),
      inboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/acc-1'),
    });
    const w = await atNumbers(api);
    w.numbers.openAdd();
    fillNumber(w, 'Sales', '+14155238886');

    expect(await w.numbers.saveNumber()).toBe(true);
    expect(api.addNumber).toHaveBeenCalledWith('acc-1', { name: 'Sales', number: '+14155238886' });
    expect(w.numbers.form).toBeNull();
    expect(w.account?.numbers).toHaveLength(1);

    expect(await w.engine.next()).toBe(true);
    expect(w.engine.step).toBe('callback');
    expect(w.callback.inboundUrl).toBe('https://cc.example.com/twilio/inbound/acc-1');
  });

  it('keeps the form as typed when saving fails, with the error under the field', async () => {
    const api = fakeIpc({
      addNumber: vi.fn(async () => {
        throw appError('invalid_phone_number', 'number');
      }),
    });
    const w = await atNumbers(api);
    w.numbers.openAdd();
    fillNumber(w, 'Sales', '4155238886');

    expect(await w.numbers.saveNumber()).toBe(false);
    expect(w.numbers.form).toEqual({ numberId: null, name: 'Sales', number: '4155238886' });
    expect(fieldErrors(w)).toEqual({ number: 'invalid_phone_number' });
  });

  it('edits an existing number with update_number', async () => {
    const api = fakeIpc({
      updateNumber: vi.fn(async () => account({ numbers: [{ ...NUMBER, name: 'Support' }] })),
    });
    const w = await atNumbers(api, [NUMBER]);
    w.numbers.openEdit(NUMBER);
    expect(w.numbers.form).toEqual({ numberId: 'num-1', name: 'Sales', number: '+14155238886' });
    fillNumber(w, 'Support', '+14155238886');

    await w.numbers.saveNumber();
    expect(api.updateNumber).toHaveBeenCalledWith('num-1', { name: 'Support', number: '+14155238886' });
    expect(api.addNumber).not.toHaveBeenCalled();
    expect(w.account?.numbers[0].name).toBe('Support');
  });

  it('shows a refused removal as the page error', async () => {
    const api = fakeIpc({
      removeNumber: vi.fn(async () => {
        throw appError('last_number');
      }),
    });
    const w = await atNumbers(api, [NUMBER]);
    expect(await w.numbers.removeNumber('num-1')).toBe(false);
    expect(pageError(w)).toBe('last_number');
    expect(w.account?.numbers).toHaveLength(1);
  });
});

describe('opening an account', () => {
  it('resume opens at nextStep, edit at Channel details, with the saved values filled in', async () => {
    const saved = account({ name: 'Fabrikam', accountSid: SID, secretStored: true, nextStep: 'numbers' });
    const api = fakeIpc({ getAccount: vi.fn(async () => saved) });

    const resumed = new AccountWizard(api);
    expect(await resumed.open('acc-1', 'resume')).toBe(true);
    expect(resumed.engine.step).toBe('numbers');
    expect(resumed.channelDetails.name).toBe('Fabrikam');
    expect(resumed.accountDetails.accountSid).toBe(SID);
    expect(resumed.accountDetails.authToken).toBe('');

    const edited = new AccountWizard(api);
    await edited.open('acc-1', 'channel_details');
    expect(edited.engine.step).toBe('channel_details');
    expect(edited.engine.canVisit('done')).toBe(true);
  });

  it('reports an account that cannot be read', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () => {
        throw appError('not_found');
      }),
    });
    const w = new AccountWizard(api);
    expect(await w.open('gone', 'resume')).toBe(false);
    expect(w.openError?.code).toBe('not_found');
    expect(w.account).toBeNull();
  });
});

describe('callback information', () => {
  it('shows the base-URL form when Rust says none is set', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () => account({ nextStep: 'callback', numbers: [NUMBER] })),
      inboundUrl: vi
        .fn()
        .mockRejectedValueOnce(appError('callback_base_url_missing'))
        .mockResolvedValueOnce('https://cc.example.com/twilio/inbound/acc-1'),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(w.engine.step).toBe('callback');
    expect(w.callback.callbackBaseUrlMissing).toBe(true);
    expect(w.callback.inboundUrl).toBeNull();
    expect(pageError(w)).toBeNull();

    // After the form saves a base URL the page asks again.
    await w.callback.loadInboundUrl();
    expect(w.callback.callbackBaseUrlMissing).toBe(false);
    expect(w.callback.inboundUrl).toBe('https://cc.example.com/twilio/inbound/acc-1');
  });

  it('copies through Rust and says so', async () => {
    vi.useFakeTimers();
    try {
      const url = 'https://cc.example.com/twilio/inbound/acc-1';
      const api = fakeIpc({
        getAccount: vi.fn(async () => account({ nextStep: 'callback', numbers: [NUMBER] })),
        inboundUrl: vi.fn(async () => url),
        copyInboundUrl: vi.fn(async () => url),
      });
      const w = new AccountWizard(api);
      await w.open('acc-1', 'resume');
      await w.callback.copyInboundUrl();
      expect(api.copyInboundUrl).toHaveBeenCalledWith('acc-1');
      expect(w.callback.copied).toBe(true);
      vi.runAllTimers();
      expect(w.callback.copied).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('finish', () => {
  it('completes the account, or shows why not', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () => account({ nextStep: 'done', numbers: [NUMBER] })),
      inboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/acc-1'),
      completeAccount: vi
        .fn()
        .mockRejectedValueOnce(appError('incomplete'))
        .mockResolvedValueOnce(account({ status: 'complete', numbers: [NUMBER] })),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(w.engine.step).toBe('done');

    expect(await w.engine.finish()).toBe(false);
    expect(pageError(w)).toBe('incomplete');

    expect(await w.engine.finish()).toBe(true);
    expect(w.account?.status).toBe('complete');
    expect(pageError(w)).toBeNull();
  });
});

describe('save and close', () => {
  it('saves the open page without moving, and reports what cannot be saved', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () => account()),
      saveAccountDetails: vi
        .fn()
        .mockRejectedValueOnce(appError('invalid_account_sid', 'accountSid'))
        .mockResolvedValueOnce(account({ accountSid: SID, secretStored: true })),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    w.accountDetails.accountSid = 'AC-nope';
    w.accountDetails.authToken = 'secret-token';

    expect(await w.saveBeforeLeave()).toBe(false);
    expect(fieldErrors(w).accountSid).toBe('invalid_account_sid');
    expect(w.accountDetails.authToken).toBe('secret-token');
    w.accountDetails.accountSid = SID;
    expect(await w.saveBeforeLeave()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenLastCalledWith('acc-1', tokenInput(SID, 'secret-token'));
    expect(w.engine.step).toBe('account_details');
    expect(w.accountDetails.authToken).toBe('');
  });

  it('calls no IPC when nothing was typed', async () => {
    const api = fakeIpc();
    const fresh = new AccountWizard(api);
    expect(await fresh.saveBeforeLeave()).toBe(true);
    vi.mocked(api.getAccount).mockResolvedValue(account({ accountSid: SID, secretStored: true }));
    const opened = new AccountWizard(api);
    await opened.open('acc-1', 'resume');
    await opened.engine.goTo('account_details');
    expect(await opened.saveBeforeLeave()).toBe(true);
    expect(api.createAccount).not.toHaveBeenCalled();
    expect(api.saveAccountDetails).not.toHaveBeenCalled();
  });
});

describe('sign-in method', () => {
  const KEY_SID = 'SK0123456789abcdef0123456789abcdef';

  async function atAccountDetails(api: ReturnType<typeof fakeIpc>, saved: Partial<Account>) {
    vi.mocked(api.getAccount).mockResolvedValue(account(saved));
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    return w;
  }

  it('opens with the saved method and API key SID', async () => {
    const api = fakeIpc();
    const w = await atAccountDetails(api, {
      accountSid: SID,
      authMethod: 'api_key',
      apiKeySid: KEY_SID,
      secretStored: true,
    });
    expect(w.accountDetails.authMethod).toBe('api_key');
    expect(w.accountDetails.apiKeySid).toBe(KEY_SID);
    expect(w.accountDetails.secretStored).toBe(true);
    expect(w.accountDetails.secretInputShown).toBe(false);
  });

  it('sends the API key SID and secret, nulls the token, and forgets both secrets once saved', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () =>
        account({ accountSid: SID, authMethod: 'api_key', apiKeySid: KEY_SID, secretStored: true }),
      ),
    });
    const w = await atAccountDetails(api, {});
    w.accountDetails.accountSid = SID;
    w.accountDetails.authToken = 'typed before switching';
    w.accountDetails.authMethod = 'api_key';
    w.accountDetails.apiKeySid = KEY_SID;
    w.accountDetails.apiKeySecret = 'key-secret';

    expect(await w.engine.next()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', {
      accountSid: SID,
      authMethod: 'api_key',
      authToken: null,
      apiKeySid: KEY_SID,
      apiKeySecret: 'key-secret',
    });
    expect(w.accountDetails.apiKeySecret).toBe('');
    expect(w.accountDetails.authToken).toBe('');
    expect(JSON.stringify(w.account)).not.toContain('key-secret');

    // Back on the page, the stored secret is kept unless replaced.
    await w.engine.back();
    expect(w.accountDetails.secretInputShown).toBe(false);
    await w.engine.next();
    expect(api.saveAccountDetails).toHaveBeenLastCalledWith('acc-1', {
      accountSid: SID,
      authMethod: 'api_key',
      authToken: null,
      apiKeySid: KEY_SID,
      apiKeySecret: null,
    });
  });

  it('asks for the secret of the other method when switching: the stored one belongs to the old method', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, authMethod: 'auth_token', secretStored: true })),
    });
    const w = await atAccountDetails(api, {
      accountSid: SID,
      authMethod: 'api_key',
      apiKeySid: KEY_SID,
      secretStored: true,
    });
    w.accountDetails.authMethod = 'auth_token';
    expect(w.accountDetails.secretStored).toBe(false);
    expect(w.accountDetails.secretInputShown).toBe(true);
    w.accountDetails.authToken = 'new-token';

    await w.engine.next();
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, 'new-token'));
    expect(w.accountDetails.authToken).toBe('');
    expect(w.accountDetails.apiKeySid).toBe('');
    expect(w.accountDetails.authMethod).toBe('auth_token');
  });

  it('puts Rust errors for the API key fields under them', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('invalid_api_key_sid', 'apiKeySid');
      }),
    });
    const w = await atAccountDetails(api, {});
    w.accountDetails.authMethod = 'api_key';
    w.accountDetails.apiKeySid = 'SK1';
    w.accountDetails.apiKeySecret = 'key-secret';
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ apiKeySid: 'invalid_api_key_sid' });
    expect(w.accountDetails.apiKeySecret).toBe('key-secret');
  });

  it('Save and close saves a changed method even with no secret typed', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('required', 'apiKeySid');
      }),
    });
    const w = await atAccountDetails(api, { accountSid: SID, secretStored: true });
    expect(await w.saveBeforeLeave()).toBe(true);
    expect(api.saveAccountDetails).not.toHaveBeenCalled();

    w.accountDetails.authMethod = 'api_key';
    expect(await w.saveBeforeLeave()).toBe(false);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', {
      accountSid: SID,
      authMethod: 'api_key',
      authToken: null,
      apiKeySid: '',
      apiKeySecret: null,
    });
    expect(fieldErrors(w)).toEqual({ apiKeySid: 'required' });
  });
});

describe('validate', () => {
  const verified = {
    outcome: 'verified' as const,
    checkedAt: '2026-11-21T10:05:00Z',
    friendlyName: 'Contoso prod',
    status: 'active',
    accountType: 'Trial',
    problem: null,
    checked: ['account' as const],
    keyAccess: 'full' as const,
  };

  async function atAccountDetails(api: ReturnType<typeof fakeIpc>) {
    vi.mocked(api.getAccount).mockResolvedValue(account());
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    return w;
  }

  it('saves the page first, then validates, without moving', async () => {
    const calls: string[] = [];
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        calls.push('save');
        return account({ accountSid: SID, secretStored: true });
      }),
      checkCredentials: vi.fn(async () => {
        calls.push('validate');
        return account({ accountSid: SID, secretStored: true, verification: verified });
      }),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    w.accountDetails.authToken = 'secret-token';

    expect(await w.accountDetails.validate()).toBe(true);
    expect(calls).toEqual(['save', 'validate']);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, 'secret-token'));
    expect(api.checkCredentials).toHaveBeenCalledWith('acc-1');
    expect(w.engine.step).toBe('account_details');
    expect(w.accountDetails.authToken).toBe('');
    expect(w.account?.verification).toEqual(verified);
    expect(w.accountDetails.validating).toBe(false);
  });

  it('does not validate when the save fails', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('required', 'authToken');
      }),
    });
    const w = await atAccountDetails(api);
    expect(await w.accountDetails.validate()).toBe(false);
    expect(api.checkCredentials).not.toHaveBeenCalled();
    expect(fieldErrors(w).authToken).toBe('required');
  });

  it('keeps a failed or offline answer on the account and still lets Next through', async () => {
    const offline = { ...verified, outcome: 'offline' as const, problem: { code: 'offline' as const, field: null, params: {} } };
    const saved = account({ accountSid: SID, secretStored: true });
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => saved),
      checkCredentials: vi.fn(async () => ({ ...saved, verification: offline })),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    w.accountDetails.authToken = 'secret-token';
    expect(await w.accountDetails.validate()).toBe(true);
    expect(w.account?.verification?.outcome).toBe('offline');
    expect(pageError(w)).toBeNull();

    expect(await w.engine.next()).toBe(true);
    expect(w.engine.step).toBe('numbers');
  });
});

describe('WhatsApp senders', () => {
  const SENDER = { sid: 'XE1', number: '+14155238886', status: 'ONLINE', callbackUrl: null };

  async function atNumbers(api: ReturnType<typeof fakeIpc>, saved: Partial<Account> = {}) {
    vi.mocked(api.getAccount).mockResolvedValue(
      account({ accountSid: SID, secretStored: true, nextStep: 'numbers', ...saved }),
    );
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    return w;
  }

  it('loads the senders when the page opens, only once credentials are saved', async () => {
    const api = fakeIpc({ listWhatsAppSenders: vi.fn(async () => [SENDER]) });
    const w = await atNumbers(api);
    expect(api.listWhatsAppSenders).toHaveBeenCalledWith('acc-1');
    await vi.waitFor(() => expect(w.numbers.senders.items).toEqual([SENDER]));

    const without = fakeIpc();
    const w2 = await atNumbers(without, { secretStored: false });
    expect(without.listWhatsAppSenders).not.toHaveBeenCalled();
    expect(w2.numbers.senders.loaded).toBe(false);
  });

  it('keeps a rejection for the panel, and Reload tries again', async () => {
    const api = fakeIpc({
      listWhatsAppSenders: vi
        .fn()
        .mockRejectedValueOnce(appError('offline'))
        .mockResolvedValueOnce([SENDER]),
    });
    const w = await atNumbers(api);
    expect(w.numbers.senders.error?.code).toBe('offline');
    expect(w.numbers.senders.loaded).toBe(false);
    expect(pageError(w)).toBeNull();

    await w.numbers.loadSenders();
    expect(w.numbers.senders.error).toBeNull();
    expect(w.numbers.senders.items).toEqual([SENDER]);
  });

  it('Use opens the add form with the number and leaves the name empty', async () => {
    const api = fakeIpc({ listWhatsAppSenders: vi.fn(async () => [SENDER]) });
    const w = await atNumbers(api);
    w.numbers.useSender(SENDER);
    expect(w.numbers.form).toEqual({ numberId: null, name: '', number: '+14155238886' });
  });

  it('warns after saving a number, as Rust normalised it, that is not a sender; the number stays saved', async () => {
    const other = { ...NUMBER, id: 'num-2', number: '+14155550100' };
    const api = fakeIpc({
      listWhatsAppSenders: vi.fn(async () => [SENDER]),
      addNumber: vi.fn(async () => account({ numbers: [other] })),
    });
    const w = await atNumbers(api);
    w.numbers.openAdd();
    fillNumber(w, 'Support', '+1 415 555 0100');

    expect(await w.numbers.saveNumber()).toBe(true);
    expect(w.numbers.notASender).toBe('+14155550100');
    expect(pageError(w)).toBeNull();
    expect(w.account?.numbers).toHaveLength(1);

    // Any next action on the page clears it.
    w.numbers.openAdd();
    expect(w.numbers.notASender).toBeNull();
  });

  it('does not warn for a sender, typed differently from how Rust saved it', async () => {
    const api = fakeIpc({
      listWhatsAppSenders: vi.fn(async () => [SENDER]),
      addNumber: vi.fn(async () => account({ numbers: [NUMBER] })),
    });
    const w = await atNumbers(api);
    w.numbers.openAdd();
    fillNumber(w, 'Sales', '+1 (415) 523-8886');
    await w.numbers.saveNumber();
    expect(w.numbers.notASender).toBeNull();
  });

  it('checks the edited number, not the first one', async () => {
    const other = { ...NUMBER, id: 'num-2', number: '+14155550100' };
    const api = fakeIpc({
      listWhatsAppSenders: vi.fn(async () => [SENDER]),
      updateNumber: vi.fn(async () => account({ numbers: [NUMBER, { ...other, name: 'Renamed' }] })),
    });
    const w = await atNumbers(api, { numbers: [NUMBER, other] });
    w.numbers.openEdit(other);
    fillNumber(w, 'Renamed', other.number);
    await w.numbers.saveNumber();
    expect(w.numbers.notASender).toBe('+14155550100');
  });

  it('does not warn when the senders could not be loaded', async () => {
    const api = fakeIpc({
      listWhatsAppSenders: vi.fn(async () => {
        throw appError('twilio_unavailable');
      }),
      addNumber: vi.fn(async () => account({ numbers: [{ ...NUMBER, number: '+14155550100' }] })),
    });
    const w = await atNumbers(api);
    w.numbers.openAdd();
    fillNumber(w, 'Support', '+14155550100');
    await w.numbers.saveNumber();
    expect(w.numbers.notASender).toBeNull();
  });

  it('drops an answer that arrives after the wizard was reset', async () => {
    let resolve: (s: (typeof SENDER)[]) => void = () => {};
    const api = fakeIpc({
      listWhatsAppSenders: vi.fn(() => new Promise<(typeof SENDER)[]>((r) => (resolve = r))),
    });
    vi.mocked(api.getAccount).mockResolvedValue(account({ accountSid: SID, secretStored: true, nextStep: 'numbers' }));
    const w = new AccountWizard(api);
    const opening = w.open('acc-1', 'resume');
    await vi.waitFor(() => expect(api.listWhatsAppSenders).toHaveBeenCalled());
    w.reset();
    resolve([SENDER]);
    await opening;
    expect(w.numbers.senders.items).toBeNull();
    expect(w.numbers.senders.loading).toBe(false);
  });
});

/** A promise the test settles by hand, to hold an IPC call in flight. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending continuation run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

describe('a reset while an IPC call is in flight', () => {
  const OLD = account({ id: 'acc-old', name: 'Old', accountSid: SID, secretStored: true, nextStep: 'account_details' });
  const NEW = account({ id: 'acc-new', name: 'New' });

  /** The fresh wizard after the reset, as the user leaves it: a name typed, nothing else. */
  function expectFresh(w: AccountWizard) {
    expect(w.account).toBeNull();
    expect(w.engine.step).toBe('channel_details');
    expect(w.channelDetails.name).toBe('New');
    expect(w.accountDetails.accountSid).toBe('');
    expect(w.busy).toBe(false);
    expect(w.accountDetails.validating).toBe(false);
    expect(pageError(w)).toBeNull();
    expect(fieldErrors(w)).toEqual({});
  }

  it('drops a late validate answer, and the next Next creates a new account', async () => {
    const validating = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi.fn(async () => OLD),
      saveAccountDetails: vi.fn(async () => OLD),
      checkCredentials: vi.fn(() => validating.promise),
      createAccount: vi.fn(async () => NEW),
    });
    const w = new AccountWizard(api);
    await w.open('acc-old', 'resume');
    const running = w.accountDetails.validate();
    await settle();
    expect(api.checkCredentials).toHaveBeenCalledWith('acc-old');
    expect(w.busy).toBe(true);

    w.reset();
    w.channelDetails.name = 'New';
    validating.resolve({ ...OLD, verification: { outcome: 'verified' } as Account['verification'] });
    expect(await running).toBe(false);
    expectFresh(w);

    expect(await w.engine.next()).toBe(true);
    expect(api.createAccount).toHaveBeenCalledWith({ name: 'New', channel: 'whatsapp' });
    expect(api.updateChannelDetails).not.toHaveBeenCalled();
    expect(w.account?.id).toBe('acc-new');
  });

  it('drops a late validate failure without showing its error', async () => {
    const validating = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi.fn(async () => OLD),
      saveAccountDetails: vi.fn(async () => OLD),
      checkCredentials: vi.fn(() => validating.promise),
    });
    const w = new AccountWizard(api);
    await w.open('acc-old', 'resume');
    const running = w.accountDetails.validate();
    await settle();

    w.reset();
    w.channelDetails.name = 'New';
    validating.reject(appError('storage'));
    expect(await running).toBe(false);
    expectFresh(w);
  });

  it('drops a late save before validate, which then never asks Twilio', async () => {
    const saving = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi.fn(async () => OLD),
      saveAccountDetails: vi.fn(() => saving.promise),
    });
    const w = new AccountWizard(api);
    await w.open('acc-old', 'resume');
    const running = w.accountDetails.validate();

    w.reset();
    w.channelDetails.name = 'New';
    saving.resolve(OLD);
    expect(await running).toBe(false);
    expect(api.checkCredentials).not.toHaveBeenCalled();
    expectFresh(w);
  });

  it('drops a late open, whether it succeeds or fails', async () => {
    const reading = deferred<Account>();
    const failing = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi.fn().mockReturnValueOnce(reading.promise).mockReturnValueOnce(failing.promise),
      createAccount: vi.fn(async () => NEW),
    });
    const w = new AccountWizard(api);

    const opening = w.open('acc-old', 'resume');
    w.reset();
    w.channelDetails.name = 'New';
    reading.resolve(OLD);
    expect(await opening).toBe(false);
    expectFresh(w);

    const failed = w.open('acc-gone', 'resume');
    w.reset();
    w.channelDetails.name = 'New';
    failed.catch(() => {});
    failing.reject(appError('not_found'));
    expect(await failed).toBe(false);
    expectFresh(w);

    await w.engine.next();
    expect(api.createAccount).toHaveBeenCalledTimes(1);
    expect(api.updateChannelDetails).not.toHaveBeenCalled();
  });

  it('keeps the newer of two opens', async () => {
    const first = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi
        .fn()
        .mockReturnValueOnce(first.promise)
        .mockResolvedValueOnce(account({ id: 'acc-b', name: 'B', nextStep: 'channel_details' })),
    });
    const w = new AccountWizard(api);
    const a = w.open('acc-a', 'channel_details');
    expect(await w.open('acc-b', 'channel_details')).toBe(true);
    first.resolve(account({ id: 'acc-a', name: 'A' }));
    expect(await a).toBe(false);
    expect(w.account?.id).toBe('acc-b');
    expect(w.channelDetails.name).toBe('B');
  });

  it('drops a late Next, and the Next after the reset creates a new account', async () => {
    const updating = deferred<Account>();
    const api = fakeIpc({
      getAccount: vi.fn(async () => account({ ...OLD, nextStep: 'channel_details' })),
      updateChannelDetails: vi.fn(() => updating.promise),
      createAccount: vi.fn(async () => NEW),
    });
    const w = new AccountWizard(api);
    await w.open('acc-old', 'channel_details');
    const moving = w.engine.next();
    expect(w.busy).toBe(true);

    w.reset();
    w.channelDetails.name = 'New';
    // Busy belongs to the old call: the new wizard can save at once.
    expect(await w.engine.next()).toBe(true);
    expect(api.createAccount).toHaveBeenCalledWith({ name: 'New', channel: 'whatsapp' });

    updating.resolve(OLD);
    expect(await moving).toBe(false);
    expect(w.account?.id).toBe('acc-new');
    expect(w.engine.step).toBe('account_details');
    expect(api.updateChannelDetails).toHaveBeenCalledTimes(1);
  });

  it('drops late number, inbound URL, copy and finish answers', async () => {
    const adding = deferred<Account>();
    const removing = deferred<Account>();
    const url = deferred<string>();
    const copying = deferred<string>();
    const completing = deferred<Account>();
    const OPEN = account({ ...OLD, nextStep: 'numbers', numbers: [NUMBER] });
    const api = fakeIpc({
      getAccount: vi.fn(async () => OPEN),
      listWhatsAppSenders: vi.fn(async () => []),
      addNumber: vi.fn(() => adding.promise),
      removeNumber: vi.fn(() => removing.promise),
      inboundUrl: vi.fn(() => url.promise),
      copyInboundUrl: vi.fn(() => copying.promise),
      completeAccount: vi.fn(() => completing.promise),
    });
    const w = new AccountWizard(api);
    const late: Promise<unknown>[] = [];

    await w.open('acc-old', 'resume');
    w.numbers.openAdd();
    fillNumber(w, 'Support', '+14155550100');
    late.push(w.numbers.saveNumber());
    w.reset();
    await w.open('acc-old', 'resume');
    late.push(w.numbers.removeNumber('num-1'));
    w.reset();
    await w.open('acc-old', 'resume');
    late.push(w.callback.loadInboundUrl());
    w.reset();
    await w.open('acc-old', 'resume');
    late.push(w.callback.copyInboundUrl());
    w.reset();
    await w.open('acc-old', 'resume');
    late.push(w.done.complete());
    w.reset();
    w.channelDetails.name = 'New';

    adding.resolve(account({ ...OLD, numbers: [NUMBER, { ...NUMBER, id: 'num-2' }] }));
    removing.resolve(account({ ...OLD, numbers: [] }));
    url.resolve('https://cc.example.com/twilio/inbound/acc-old');
    copying.resolve('https://cc.example.com/twilio/inbound/acc-old');
    completing.reject(appError('incomplete'));
    expect(await Promise.all(late)).toEqual([false, false, undefined, undefined, false]);

    expectFresh(w);
    expect(w.numbers.form).toBeNull();
    expect(w.numbers.notASender).toBeNull();
    expect(w.callback.inboundUrl).toBeNull();
    expect(w.callback.copied).toBe(false);
  });
});

describe('a draft without its secret yet', () => {
  const KEY_SID = 'SK0123456789abcdef0123456789abcdef';

  async function atAccountDetails(api: ReturnType<typeof fakeIpc>, saved: Partial<Account> = {}) {
    vi.mocked(api.getAccount).mockResolvedValue(account(saved));
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(w.engine.step).toBe('account_details');
    return w;
  }

  it('Save and close saves a typed Account SID without a token', async () => {
    const api = fakeIpc({ saveAccountDetails: vi.fn(async () => account({ accountSid: SID })) });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;

    expect(await w.saveBeforeLeave()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, null));
    expect(fieldErrors(w)).toEqual({});
    expect(w.account?.accountSid).toBe(SID);
  });

  it('saves an API key SID without its secret', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, authMethod: 'api_key', apiKeySid: KEY_SID })),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    w.accountDetails.authMethod = 'api_key';
    w.accountDetails.apiKeySid = KEY_SID;

    expect(await w.saveBeforeLeave()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', {
      accountSid: SID,
      authMethod: 'api_key',
      authToken: null,
      apiKeySid: KEY_SID,
      apiKeySecret: null,
    });
  });

  it('Next keeps the Account SID, then asks for the token under its field and stays', async () => {
    const api = fakeIpc({ saveAccountDetails: vi.fn(async () => account({ accountSid: SID })) });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;

    expect(await w.engine.next()).toBe(false);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, null));
    expect(w.engine.step).toBe('account_details');
    expect(fieldErrors(w)).toEqual({ authToken: 'auth_token required' });
    expect(pageError(w)).toBeNull();
    expect(w.accountDetails.accountSid).toBe(SID);
    expect(w.accountDetails.secretInputShown).toBe(true);
  });

  it('Next with an API key asks for the API key secret', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => account({ accountSid: SID, authMethod: 'api_key', apiKeySid: KEY_SID })),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    w.accountDetails.authMethod = 'api_key';
    w.accountDetails.apiKeySid = KEY_SID;
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ apiKeySecret: 'api_key required' });
  });

  it('Next shows what Rust refuses about the SID and the missing token at once', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi.fn(async () => {
        throw appError('invalid_account_sid', 'accountSid');
      }),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = 'AC-nope';
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ accountSid: 'invalid_account_sid', authToken: 'auth_token required' });
    expect(w.accountDetails.problems.firstInvalid).toBe('accountSid');
  });

  it('Validate saves the SID and asks for the token instead of asking Twilio', async () => {
    const api = fakeIpc({ saveAccountDetails: vi.fn(async () => account({ accountSid: SID })) });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    expect(await w.accountDetails.validate()).toBe(false);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-1', tokenInput(SID, null));
    expect(api.checkCredentials).not.toHaveBeenCalled();
    expect(fieldErrors(w)).toEqual({ authToken: 'auth_token required' });
    expect(w.accountDetails.validating).toBe(false);
  });

  it('Next goes on once the token is typed', async () => {
    const api = fakeIpc({
      saveAccountDetails: vi
        .fn()
        .mockResolvedValueOnce(account({ accountSid: SID }))
        .mockResolvedValueOnce(account({ accountSid: SID, secretStored: true, nextStep: 'numbers' })),
      listWhatsAppSenders: vi.fn(async () => []),
    });
    const w = await atAccountDetails(api);
    w.accountDetails.accountSid = SID;
    expect(await w.engine.next()).toBe(false);
    w.accountDetails.authToken = 'secret-token';
    expect(await w.engine.next()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenLastCalledWith('acc-1', tokenInput(SID, 'secret-token'));
    expect(w.engine.step).toBe('numbers');
    expect(fieldErrors(w)).toEqual({});
  });
});

describe('a secret missing from the keyring', () => {
  const verified = {
    outcome: 'verified' as const,
    checkedAt: '2026-11-21T10:05:00Z',
    friendlyName: 'Contoso prod',
    status: 'active',
    accountType: 'Full',
    problem: null,
    checked: ['account' as const],
    keyAccess: 'full' as const,
  };

  it('asks for it again on its own field when the account opens, with no Verified box', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () =>
        account({ accountSid: SID, secretStored: false, secretLost: true, verification: verified }),
      ),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(w.engine.step).toBe('account_details');
    expect(w.accountDetails.secretLost).toBe(true);
    expect(w.accountDetails.secretStored).toBe(false);
    expect(w.accountDetails.secretInputShown).toBe(true);
    expect(w.accountDetails.verificationShown).toBeNull();

    // The lost secret belongs to the method it was saved for.
    w.accountDetails.authMethod = 'api_key';
    expect(w.accountDetails.secretLost).toBe(false);
  });

  it('puts secret_lost from Validate under the secret field, and shows the password box', async () => {
    const stored = account({ accountSid: SID, secretStored: true, verification: verified });
    const api = fakeIpc({
      getAccount: vi.fn(async () => stored),
      saveAccountDetails: vi.fn(async () => stored),
      checkCredentials: vi.fn(async () => {
        throw appError('secret_lost', 'authToken');
      }),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    expect(w.accountDetails.secretInputShown).toBe(false);

    expect(await w.accountDetails.validate()).toBe(false);
    expect(fieldErrors(w)).toEqual({ authToken: 'secret_lost' });
    expect(pageError(w)).toBeNull();
    expect(w.accountDetails.secretLost).toBe(true);
    expect(w.accountDetails.secretStored).toBe(false);
    expect(w.accountDetails.secretInputShown).toBe(true);
    expect(w.accountDetails.verificationShown).toBeNull();
    expect(w.accountDetails.accountSid).toBe(SID);
  });

  it('puts secret_lost under the secret field of the method in use, whatever field it names', async () => {
    const stored = account({
      accountSid: SID,
      authMethod: 'api_key',
      apiKeySid: 'SK0123456789abcdef0123456789abcdef',
      secretStored: true,
    });
    const api = fakeIpc({
      getAccount: vi.fn(async () => stored),
      saveAccountDetails: vi.fn(async () => stored),
      checkCredentials: vi.fn(async () => {
        throw appError('secret_lost', 'accountSid');
      }),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    await w.accountDetails.validate();
    expect(fieldErrors(w)).toEqual({ apiKeySecret: 'secret_lost' });
  });

  it('marks the account when Finish finds the secret gone', async () => {
    const NUMBER_ON = { ...NUMBER };
    const api = fakeIpc({
      getAccount: vi.fn(async () =>
        account({ accountSid: SID, secretStored: true, nextStep: 'done', numbers: [NUMBER_ON] }),
      ),
      inboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/acc-1'),
      completeAccount: vi.fn(async () => {
        throw appError('secret_lost', 'authToken');
      }),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(await w.engine.finish()).toBe(false);
    expect(pageError(w)).toBe('secret_lost');
    expect(w.account?.secretLost).toBe(true);
    expect(w.account?.secretStored).toBe(false);
  });

  it('marks the account when the senders cannot be listed for it', async () => {
    const api = fakeIpc({
      getAccount: vi.fn(async () => account({ accountSid: SID, secretStored: true, nextStep: 'numbers' })),
      listWhatsAppSenders: vi.fn(async () => {
        throw appError('secret_lost', 'authToken');
      }),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'resume');
    expect(w.numbers.senders.error?.code).toBe('secret_lost');
    expect(w.accountDetails.secretLost).toBe(true);
  });
});

describe('the OS keyring cannot be used', () => {
  it.each(['keyring_unavailable', 'keyring_locked'] as const)(
    'shows %s as a keyring problem with its message, keeping every typed value',
    async (code) => {
      const problem = appError(code);
      const api = fakeIpc({
        getAccount: vi.fn(async () => account()),
        saveAccountDetails: vi
          .fn()
          .mockRejectedValueOnce(problem)
          .mockResolvedValueOnce(account({ accountSid: SID, secretStored: true, nextStep: 'numbers' })),
        listWhatsAppSenders: vi.fn(async () => []),
      });
      const w = new AccountWizard(api);
      await w.open('acc-1', 'resume');
      w.accountDetails.accountSid = SID;
      w.accountDetails.authToken = 'secret-token';

      expect(await w.engine.next()).toBe(false);
      expect(keyringError(w)).toEqual(problem);
      expect(pageError(w)).toBeNull();
      expect(fieldErrors(w)).toEqual({});
      expect(w.accountDetails.accountSid).toBe(SID);
      expect(w.accountDetails.authToken).toBe('secret-token');
      expect(w.engine.step).toBe('account_details');

      expect(await w.engine.next()).toBe(true);
      expect(keyringError(w)).toBeNull();
    },
  );

  it('shows a keyring problem from Validate the same way', async () => {
    const saved = account({ accountSid: SID, secretStored: true });
    const api = fakeIpc({
      getAccount: vi.fn(async () => saved),
      saveAccountDetails: vi.fn(async () => saved),
      checkCredentials: vi.fn(async () => {
        throw appError('keyring_locked');
      }),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    expect(await w.accountDetails.validate()).toBe(false);
    expect(keyringError(w)?.code).toBe('keyring_locked');
    expect(pageError(w)).toBeNull();
  });
});

describe('the verification box', () => {
  const KEY_SID = 'SK0123456789abcdef0123456789abcdef';
  const verified = {
    outcome: 'verified' as const,
    checkedAt: '2026-11-21T10:05:00Z',
    friendlyName: 'Contoso prod',
    status: 'active',
    accountType: 'Full',
    problem: null,
    checked: ['account' as const],
    keyAccess: 'full' as const,
  };

  async function verifiedAt(saved: Partial<Account>) {
    const api = fakeIpc({
      getAccount: vi.fn(async () => account({ accountSid: SID, secretStored: true, verification: verified, ...saved })),
    });
    const w = new AccountWizard(api);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('account_details');
    return w;
  }

  it('shows the last answer while the form is what was checked', async () => {
    const w = await verifiedAt({});
    expect(w.accountDetails.verificationShown).toEqual(verified);
    expect(w.accountDetails.verificationChanged).toBe(false);
  });

  it('goes as soon as the Account SID differs, and comes back when it is put back', async () => {
    const w = await verifiedAt({});
    w.accountDetails.accountSid = 'AC0123456789abcdef0123456789abcdee';
    expect(w.accountDetails.verificationShown).toBeNull();
    expect(w.accountDetails.verificationChanged).toBe(true);
    w.accountDetails.accountSid = SID;
    expect(w.accountDetails.verificationShown).toEqual(verified);
  });

  it('goes when the sign-in method is switched', async () => {
    const w = await verifiedAt({});
    w.accountDetails.authMethod = 'api_key';
    expect(w.accountDetails.verificationShown).toBeNull();
    expect(w.accountDetails.verificationChanged).toBe(true);
  });

  it('goes when the API key SID changes', async () => {
    const w = await verifiedAt({ authMethod: 'api_key', apiKeySid: KEY_SID });
    expect(w.accountDetails.verificationShown).toEqual(verified);
    w.accountDetails.apiKeySid = 'SK0123456789abcdef0123456789abcdee';
    expect(w.accountDetails.verificationShown).toBeNull();
  });

  it('goes while a new secret is typed to replace the stored one', async () => {
    const w = await verifiedAt({});
    w.accountDetails.startReplacingSecret();
    expect(w.accountDetails.verificationShown).toEqual(verified);
    w.accountDetails.authToken = 'new-token';
    expect(w.accountDetails.verificationShown).toBeNull();
    w.accountDetails.keepStoredSecret();
    expect(w.accountDetails.verificationShown).toEqual(verified);
  });

  it('is not shown as changed when there was no answer', async () => {
    const w = await verifiedAt({ verification: null });
    w.accountDetails.accountSid = 'AC0123456789abcdef0123456789abcdee';
    expect(w.accountDetails.verificationShown).toBeNull();
    expect(w.accountDetails.verificationChanged).toBe(false);
  });
});

describe('where Twilio sends each number, on Callback information and Done', () => {
  const URL = 'https://cc.example.com/twilio/inbound/acc-1';
  const ready = () => account({ accountSid: SID, secretStored: true, nextStep: 'done', numbers: [NUMBER] });
  const elsewhere: InboundRoute = {
    numberId: 'num-1',
    number: NUMBER.number,
    kind: 'sender_webhook',
    twilioSid: 'XE1',
    serviceName: null,
    currentUrl: 'https://old.example.com/hook',
    inboundUrl: URL,
    owner: 'elsewhere',
    note: null,
    pending: false,
    applied: null,
  };

  function routesIpc(overrides: Partial<RoutesIpc> = {}) {
    return {
      inboundRoutes: vi.fn(async () => [elsewhere]),
      applyInboundUrl: vi.fn(() => Promise.reject(new Error('applyInboundUrl was not expected'))),
      restorePreviousInboundUrl: vi.fn(() => Promise.reject(new Error('restorePreviousInboundUrl was not expected'))),
      ...overrides,
    } satisfies RoutesIpc;
  }

  it('reads them on Done when the Callback page did not, without holding up the page', async () => {
    const routes = routesIpc();
    const w = new AccountWizard(fakeIpc({ getAccount: vi.fn(async () => ready()), inboundUrl: vi.fn(async () => URL) }), routes);
    await w.open('acc-1', 'resume');
    expect(w.engine.step).toBe('done');
    expect(routes.inboundRoutes).toHaveBeenCalledWith('acc-1');
    await vi.waitFor(() => expect(w.callback.routes?.routes).toEqual([elsewhere]));
    // Back and forth: what was read is kept.
    await w.engine.goTo('callback');
    await w.engine.goTo('done');
    expect(routes.inboundRoutes).toHaveBeenCalledTimes(1);
  });

  it('uses what the Callback page read, and reads again once the numbers changed', async () => {
    const routes = routesIpc();
    const api = fakeIpc({
      getAccount: vi.fn(async () => ready()),
      inboundUrl: vi.fn(async () => URL),
      removeNumber: vi.fn(async () => ready()),
    });
    const w = new AccountWizard(api, routes);
    await w.open('acc-1', 'channel_details');
    await w.engine.goTo('callback');
    expect(routes.inboundRoutes).not.toHaveBeenCalled();
    await w.callback.routes?.check();
    await w.engine.goTo('done');
    expect(routes.inboundRoutes).toHaveBeenCalledTimes(1);

    await w.engine.goTo('numbers');
    await w.numbers.removeNumber('num-2');
    await w.engine.goTo('done');
    expect(routes.inboundRoutes).toHaveBeenCalledTimes(2);
  });

  it('does not read them without a stored secret, a number or an inbound URL', async () => {
    const routes = routesIpc();
    const cases = [
      account({ accountSid: SID, secretStored: false, nextStep: 'done', numbers: [NUMBER] }),
      account({ accountSid: SID, secretStored: true, nextStep: 'done', numbers: [] }),
    ];
    for (const a of cases) {
      const w = new AccountWizard(fakeIpc({ getAccount: vi.fn(async () => a), inboundUrl: vi.fn(async () => URL) }), routes);
      await w.open('acc-1', 'resume');
    }
    const noBase = new AccountWizard(
      fakeIpc({
        getAccount: vi.fn(async () => ready()),
        inboundUrl: vi.fn(async () => {
          throw appError('callback_base_url_missing');
        }),
      }),
      routes,
    );
    await noBase.open('acc-1', 'resume');
    expect(routes.inboundRoutes).not.toHaveBeenCalled();
  });

  it('forgets them with the account', async () => {
    const w = new AccountWizard(fakeIpc({ getAccount: vi.fn(async () => ready()), inboundUrl: vi.fn(async () => URL) }), routesIpc());
    await w.open('acc-1', 'resume');
    await vi.waitFor(() => expect(w.callback.routes?.routes).not.toBeNull());
    w.reset();
    expect(w.callback.routes).toBeNull();
  });
});
