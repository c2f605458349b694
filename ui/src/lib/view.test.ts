import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from './bindings/Account';
import type { AccountSummary } from './bindings/AccountSummary';
import type { InboundRoute } from './bindings/InboundRoute';
import { account } from './fixtures.test-support';
import type * as IpcModule from './ipc';

const api = vi.hoisted(() => ({
  getAccount: vi.fn(),
  createAccount: vi.fn(),
  updateChannelDetails: vi.fn(),
  saveAccountDetails: vi.fn(),
  checkCredentials: vi.fn(),
  listAccounts: vi.fn(async (): Promise<AccountSummary[]> => []),
  getSettings: vi.fn(async () => ({ callbackBaseUrl: null })),
  destroyWindow: vi.fn(async () => {}),
  inboundUrl: vi.fn(async () => 'https://cc.example.com/twilio/inbound/acc-old'),
  inboundRoutes: vi.fn(async (): Promise<InboundRoute[]> => []),
  completeAccount: vi.fn(),
  getWorkstream: vi.fn(),
  listQueues: vi.fn(async () => []),
  saveWorkstreamDetails: vi.fn(),
  channelLanguages: vi.fn(async () => []),
  availableNumbers: vi.fn(async () => []),
  saveSetupNumber: vi.fn(),
  finishSetup: vi.fn(),
}));

vi.mock('./ipc', async (importOriginal) => ({ ...(await importOriginal<typeof IpcModule>()), ipc: api }));

const { view } = await import('./view.svelte');
const { accountWizard: wizard } = await import('./wizard/account-wizard.svelte');
const { accounts } = await import('./accounts.svelte');
const { status } = await import('./status.svelte');
const { setupWizard } = await import('./view.svelte');
const { workstream } = await import('./workstream-fixtures.test-support');
const { setup } = await import('./setup/fake-ipc.test-support');

/** What the status line says once the message is in (it is emptied first, so a repeat is read again). */
async function said(): Promise<string> {
  await Promise.resolve();
  return status.text;
}

const OLD = account({ id: 'acc-old', name: 'Old', nextStep: 'channel_details' });

/** Holds get_account in flight until the test answers. */
function holdGetAccount() {
  let answer: (a: Account) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  api.getAccount.mockReturnValueOnce(
    new Promise<Account>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    }),
  );
  return { answer: (a: Account) => answer(a), fail: (e: unknown) => fail(e) };
}

describe('moving while an account is still opening', () => {
  it('stays where the user went, with the wizard empty', async () => {
    const held = holdGetAccount();
    const opening = view.openAccount('acc-old', 'edit');
    view.showSettings();
    held.answer(OLD);
    await opening;
    expect(view.current).toBe('settings');
    expect(wizard.account).toBeNull();
  });

  it('keeps the new account the user started, and no failure reaches the list', async () => {
    view.showAccounts();
    const held = holdGetAccount();
    const opening = view.openAccount('acc-old', 'edit');
    view.newAccount();
    wizard.channelDetails.name = 'New';
    held.fail({ code: 'not_found', field: null, params: {}, more: [] });
    await opening;
    expect(view.current).toBe('wizard');
    expect(wizard.channelDetails.name).toBe('New');
    expect(wizard.engine.page.problems.page).toEqual([]);
    expect(accounts.error).toBeNull();
  });

  it('opens the account when nothing else happened', async () => {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    expect(view.current).toBe('wizard');
    expect(wizard.account?.id).toBe('acc-old');
  });
});

describe('editing a section of an account', () => {
  it('opens the wizard on the page named', async () => {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.editAccount('acc-old', 'account_details');
    expect(view.current).toBe('wizard');
    expect(wizard.engine.step).toBe('account_details');
    expect(wizard.account?.id).toBe('acc-old');
  });
});

describe('leaving the wizard through the navigation', () => {
  const SID = 'AC0123456789abcdef0123456789abcdef';
  const saves = [api.createAccount, api.updateChannelDetails, api.saveAccountDetails];

  /** The wizard open on Account details of OLD, as the user left it. */
  async function atAccountDetails(): Promise<void> {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    await wizard.engine.goTo('account_details');
  }

  beforeEach(() => {
    for (const save of saves) save.mockReset();
  });

  it('goes straight there, without IPC, when nothing is unsaved', async () => {
    view.showAccounts();
    view.newAccount();
    await view.navigate('settings');
    expect(view.current).toBe('settings');
    expect(view.pendingLeave).toBeNull();
    for (const save of saves) expect(save).not.toHaveBeenCalled();
  });

  it('saves a valid value typed on the open page, then goes', async () => {
    await atAccountDetails();
    wizard.accountDetails.accountSid = SID;
    api.saveAccountDetails.mockResolvedValueOnce({ ...OLD, accountSid: SID });
    await view.navigate('accounts');
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-old', {
      accountSid: SID,
      authMethod: 'auth_token',
      authToken: null,
      apiKeySid: null,
      apiKeySecret: null,
    });
    expect(view.current).toBe('accounts');
    expect(view.pendingLeave).toBeNull();
    expect(wizard.account).toBeNull();
  });

  /** The wizard after trying to leave for Settings with a SID that Rust refuses. */
  async function refused(): Promise<void> {
    await atAccountDetails();
    wizard.accountDetails.accountSid = 'AC-nope';
    api.saveAccountDetails.mockRejectedValueOnce({
      code: 'invalid_account_sid',
      field: 'accountSid',
      params: {},
      more: [],
    });
    await view.navigate('settings');
  }

  it('stays and asks when the open page cannot be saved', async () => {
    await refused();
    expect(view.current).toBe('wizard');
    expect(view.pendingLeave).toBe('settings');
    expect(wizard.accountDetails.accountSid).toBe('AC-nope');
    expect(wizard.accountDetails.problems.fields.accountSid).toMatchObject({ error: { code: 'invalid_account_sid' } });
  });

  it('Leave without saving goes there and empties the wizard', async () => {
    await refused();
    view.leaveWithoutSaving();
    expect(view.current).toBe('settings');
    expect(view.pendingLeave).toBeNull();
    expect(wizard.account).toBeNull();
    expect(wizard.accountDetails.accountSid).toBe('');
    expect(api.saveAccountDetails).toHaveBeenCalledTimes(1);
  });

  it('Stay keeps what was typed, with the error under its field', async () => {
    await refused();
    view.stayInWizard();
    expect(view.current).toBe('wizard');
    expect(view.pendingLeave).toBeNull();
    expect(wizard.engine.step).toBe('account_details');
    expect(wizard.account?.id).toBe('acc-old');
    expect(wizard.accountDetails.accountSid).toBe('AC-nope');
    expect(wizard.accountDetails.problems.fields.accountSid).toMatchObject({ error: { code: 'invalid_account_sid' } });
  });

  it('ignores a second click while the first one is saving, and asks nothing', async () => {
    await atAccountDetails();
    wizard.accountDetails.accountSid = SID;
    let answer: (a: Account) => void = () => {};
    api.saveAccountDetails.mockReturnValueOnce(new Promise<Account>((resolve) => (answer = resolve)));
    const first = view.navigate('accounts');
    await view.navigate('settings');
    expect(view.pendingLeave).toBeNull();
    answer({ ...OLD, accountSid: SID });
    await first;
    expect(view.current).toBe('accounts');
    expect(api.saveAccountDetails).toHaveBeenCalledTimes(1);
  });
});

describe('closing the window', () => {
  const SID = 'AC0123456789abcdef0123456789abcdef';

  async function atAccountDetails(): Promise<void> {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    await wizard.engine.goTo('account_details');
  }

  /** The wizard after the close button, with a SID that Rust refuses typed on Account details. */
  async function refused(): Promise<boolean> {
    await atAccountDetails();
    wizard.accountDetails.accountSid = 'AC-nope';
    api.saveAccountDetails.mockRejectedValueOnce({
      code: 'invalid_account_sid',
      field: 'accountSid',
      params: {},
      more: [],
    });
    return view.closeRequested();
  }

  beforeEach(() => {
    api.saveAccountDetails.mockReset();
    api.checkCredentials.mockReset();
    api.destroyWindow.mockReset();
  });

  it('lets the window close at once outside the wizard', async () => {
    view.showSettings();
    expect(await view.closeRequested()).toBe(true);
    expect(api.saveAccountDetails).not.toHaveBeenCalled();
  });

  it('saves what was typed on the open page first, then lets the window close', async () => {
    await atAccountDetails();
    wizard.accountDetails.accountSid = SID;
    api.saveAccountDetails.mockResolvedValueOnce({ ...OLD, accountSid: SID });
    expect(await view.closeRequested()).toBe(true);
    expect(api.saveAccountDetails).toHaveBeenCalledWith('acc-old', {
      accountSid: SID,
      authMethod: 'auth_token',
      authToken: null,
      apiKeySid: null,
      apiKeySecret: null,
    });
    expect(view.pendingLeave).toBeNull();
  });

  it('keeps the window open and asks when the open page cannot be saved', async () => {
    expect(await refused()).toBe(false);
    expect(view.current).toBe('wizard');
    expect(view.pendingLeave).toBe('window');
    expect(wizard.accountDetails.accountSid).toBe('AC-nope');
    expect(wizard.accountDetails.problems.fields.accountSid).toMatchObject({ error: { code: 'invalid_account_sid' } });
    expect(api.destroyWindow).not.toHaveBeenCalled();
  });

  it('Close without saving closes the window; Stay keeps what was typed', async () => {
    await refused();
    view.stayInWizard();
    expect(view.pendingLeave).toBeNull();
    expect(wizard.accountDetails.accountSid).toBe('AC-nope');
    expect(api.destroyWindow).not.toHaveBeenCalled();

    api.saveAccountDetails.mockRejectedValueOnce({
      code: 'invalid_account_sid',
      field: 'accountSid',
      params: {},
      more: [],
    });
    expect(await view.closeRequested()).toBe(false);
    await view.leaveWithoutSaving();
    expect(api.destroyWindow).toHaveBeenCalledTimes(1);
    expect(view.pendingLeave).toBeNull();
  });

  it('says why when the window refuses to close', async () => {
    await refused();
    api.destroyWindow.mockRejectedValueOnce({ code: 'storage', field: null, params: {}, more: [] });
    await view.leaveWithoutSaving();
    expect(view.current).toBe('wizard');
    expect(view.leaveError?.code).toBe('storage');
    expect(wizard.accountDetails.accountSid).toBe('AC-nope');
  });

  it('a second close while the question is open asks nothing more', async () => {
    await refused();
    expect(await view.closeRequested()).toBe(false);
    expect(api.saveAccountDetails).toHaveBeenCalledTimes(1);
    expect(view.pendingLeave).toBe('window');
  });

  it('a close while leaving through the navigation is asked about turns the question into closing', async () => {
    await atAccountDetails();
    wizard.accountDetails.accountSid = 'AC-nope';
    api.saveAccountDetails.mockRejectedValueOnce({ code: 'invalid_account_sid', field: 'accountSid', params: {}, more: [] });
    await view.navigate('settings');
    expect(view.pendingLeave).toBe('settings');
    expect(await view.closeRequested()).toBe(false);
    expect(view.pendingLeave).toBe('window');
  });

  it('waits for a save or check that is running, then saves what is left', async () => {
    await atAccountDetails();
    wizard.accountDetails.accountSid = SID;
    wizard.accountDetails.authToken = 'secret-token';
    const saved = { ...OLD, accountSid: SID, secretStored: true };
    api.saveAccountDetails.mockResolvedValueOnce(saved);
    let answer: (a: Account) => void = () => {};
    api.checkCredentials.mockReturnValueOnce(new Promise<Account>((resolve) => (answer = resolve)));
    const validating = wizard.accountDetails.validate();
    await vi.waitFor(() => expect(api.checkCredentials).toHaveBeenCalled());

    let closed: boolean | null = null;
    const closing = view.closeRequested().then((c) => (closed = c));
    await new Promise((r) => setTimeout(r, 0));
    expect(closed).toBeNull();

    answer(saved);
    await validating;
    await closing;
    expect(closed).toBe(true);
    // Validate saved the page; nothing was left to save.
    expect(api.saveAccountDetails).toHaveBeenCalledTimes(1);
  });
});

describe('returning to the list', () => {
  const SID = 'AC0123456789abcdef0123456789abcdef';
  const row: AccountSummary = {
    id: 'acc-old',
    name: 'Old',
    accountSid: SID,
    secretLost: false,
    numberCount: 0,
    numbers: [],
    status: 'draft',
    nextStep: 'numbers',
    verification: null,
    drift: null,
    updatedAt: '2026-11-21T10:00:00Z',
  };

  it('shows the answer of a check made in the wizard, as Rust stored it', async () => {
    api.listAccounts.mockResolvedValue([row]);
    view.showAccounts();
    await vi.waitFor(() => expect(accounts.items).toEqual([row]));

    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    await wizard.engine.goTo('account_details');
    wizard.accountDetails.accountSid = SID;
    wizard.accountDetails.authToken = 'secret-token';
    const saved = { ...OLD, accountSid: SID, secretStored: true };
    api.saveAccountDetails.mockResolvedValueOnce(saved);
    api.checkCredentials.mockResolvedValueOnce({ ...saved, verification: { outcome: 'verified' } });
    expect(await wizard.accountDetails.validate()).toBe(true);

    // Rust keeps the Validate answer, and the drift answer of the routes read on Callback information.
    const drift = {
      outcome: 'not_applied' as const,
      checkedAt: '2026-11-21T10:06:00Z',
      numbers: [],
      problem: null,
    };
    api.listAccounts.mockResolvedValue([{ ...row, verification: 'verified', drift }]);
    await view.closeWizard();
    expect(view.current).toBe('accounts');
    await vi.waitFor(() => expect(accounts.items[0]?.verification).toBe('verified'));
    expect(accounts.items[0]?.drift).toEqual(drift);
    api.listAccounts.mockReset();
    api.listAccounts.mockResolvedValue([]);
  });
});

describe('the Apply offered next to drift in the list', () => {
  it('opens the account on Callback information and reads where Twilio sends each number', async () => {
    view.showAccounts();
    const ready = account({
      id: 'acc-old',
      name: 'Old',
      status: 'complete',
      nextStep: 'done',
      secretStored: true,
      numbers: [
        {
          id: 'num-1',
          accountId: 'acc-old',
          name: 'Sales',
          number: '+14155550101',
          createdAt: '2026-11-21T10:00:00Z',
          updatedAt: '2026-11-21T10:00:00Z',
        },
      ],
    });
    api.getAccount.mockResolvedValueOnce(ready);
    api.inboundRoutes.mockClear();
    await view.openAccount('acc-old', 'apply');
    expect(view.current).toBe('wizard');
    expect(wizard.engine.step).toBe('callback');
    expect(wizard.callback.inboundUrl).toBe('https://cc.example.com/twilio/inbound/acc-old');
    expect(api.inboundRoutes).toHaveBeenCalledWith('acc-old');
    await vi.waitFor(() => expect(wizard.callback.routes?.routes).toEqual([]));
    view.showAccounts();
  });
});

describe('Cancel', () => {
  beforeEach(() => {
    api.createAccount.mockReset();
    api.updateChannelDetails.mockReset();
  });

  it('leaves a new account that was never saved without creating a draft', async () => {
    view.showAccounts();
    view.newAccount();
    view.cancelWizard();
    expect(view.current).toBe('accounts');
    expect(view.pendingLeave).toBeNull();
    expect(api.createAccount).not.toHaveBeenCalled();
  });

  it('asks before dropping what was typed, and Discard creates no draft either', async () => {
    view.showAccounts();
    view.newAccount();
    wizard.channelDetails.name = 'Fabrikam';
    view.cancelWizard();
    expect(view.current).toBe('wizard');
    expect(view.pendingLeave).toBe('cancel');

    view.stayInWizard();
    expect(wizard.channelDetails.name).toBe('Fabrikam');

    view.cancelWizard();
    await view.leaveWithoutSaving();
    expect(view.current).toBe('accounts');
    expect(api.createAccount).not.toHaveBeenCalled();
    expect(wizard.account).toBeNull();
  });

  it('goes straight back from an account with nothing typed, saving nothing', async () => {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    view.cancelWizard();
    expect(view.current).toBe('accounts');
    expect(api.updateChannelDetails).not.toHaveBeenCalled();
  });
});

describe('saying what happened', () => {
  it('says the account is created after Finish, and saved after Save and close', async () => {
    view.showAccounts();
    api.getAccount.mockResolvedValueOnce({ ...OLD, nextStep: 'done' });
    await view.openAccount('acc-old', 'resume');
    api.completeAccount.mockResolvedValueOnce({ ...OLD, status: 'complete' });
    await view.finishWizard();
    expect(view.current).toBe('accounts');
    expect(await said()).toContain('Old');

    api.getAccount.mockResolvedValueOnce(OLD);
    await view.openAccount('acc-old', 'edit');
    await view.closeWizard();
    expect(view.current).toBe('accounts');
    expect(await said()).toContain('Old');
    status.clear();
  });
});

describe('a workstream page', () => {
  const WS = workstream();

  /** The page of WS, read, with `name` typed as its name. */
  async function typed(name: string): Promise<NonNullable<typeof view.workstreamPage>> {
    api.getWorkstream.mockResolvedValue(WS);
    view.showWorkstream(WS.id);
    const page = view.workstreamPage;
    if (!page) throw new Error('no workstream page');
    await page.load();
    page.details.name = name;
    return page;
  }

  beforeEach(() => {
    api.saveWorkstreamDetails.mockReset();
    api.getWorkstream.mockReset();
  });

  it('opens at once on a workstream just created, and says it was created', async () => {
    api.getWorkstream.mockResolvedValue(WS);
    view.workstreamCreated(WS);
    expect(view.current).toBe('workstream');
    expect(view.workstreamPage?.workstream?.name).toBe('Sales WhatsApp');
    expect(await said()).toContain('Sales WhatsApp');
    status.clear();
  });

  it('saves what was typed before the navigation leaves it', async () => {
    await typed('Sales');
    api.saveWorkstreamDetails.mockResolvedValueOnce({ ...WS, name: 'Sales' });
    await view.navigate('queues');
    expect(api.saveWorkstreamDetails).toHaveBeenCalledWith('ws-1', { name: 'Sales', mode: 'push', fallbackQueueId: 'q-default' });
    expect(view.current).toBe('queues');
  });

  it('asks before leaving what Rust refused, and keeps it on Stay', async () => {
    const page = await typed('');
    api.saveWorkstreamDetails.mockRejectedValueOnce({ code: 'required', field: 'workstreamName', params: {}, more: [] });
    await view.navigate('workstreams');
    expect(view.current).toBe('workstream');
    expect(view.pendingLeave).toBe('workstreams');
    expect(page.details.problems.fields.workstreamName).toBeDefined();
    view.stayInWizard();
    expect(page.details.name).toBe('');
    api.saveWorkstreamDetails.mockRejectedValueOnce({ code: 'required', field: 'workstreamName', params: {}, more: [] });
    await view.navigate('workstreams');
    await view.leaveWithoutSaving();
    expect(view.current).toBe('workstreams');
  });

  it('keeps the window open while what was typed cannot be saved', async () => {
    await typed('');
    api.saveWorkstreamDetails.mockRejectedValueOnce({ code: 'required', field: 'workstreamName', params: {}, more: [] });
    expect(await view.closeRequested()).toBe(false);
    expect(view.pendingLeave).toBe('window');
    view.stayInWizard();
  });

  it('opens "Set up WhatsApp" after saving the page, and comes back to the page when it closes', async () => {
    await typed('Sales');
    api.saveWorkstreamDetails.mockResolvedValueOnce({ ...WS, name: 'Sales' });
    api.getWorkstream.mockResolvedValue({ ...WS, name: 'Sales' });
    await view.setUpWhatsApp('ws-1');
    expect(api.saveWorkstreamDetails).toHaveBeenCalledTimes(1);
    expect(view.current).toBe('setup');
    expect(setupWizard.workstream?.id).toBe('ws-1');
    expect(setupWizard.engine.step).toBe('number');

    view.closeSetup('ws-1');
    expect(view.current).toBe('workstream');
    expect(view.workstreamPage?.id).toBe('ws-1');
    expect(setupWizard.workstream).toBeNull();
  });

  it('goes into "Set up WhatsApp" without what the page could not save, once the user says so', async () => {
    const page = await typed('');
    api.saveWorkstreamDetails.mockRejectedValueOnce({ code: 'required', field: 'workstreamName', params: {}, more: [] });
    await view.setUpWhatsApp('ws-1');
    expect(view.current).toBe('workstream');
    expect(view.pendingLeave).toBe('setup');
    expect(page.details.problems.fields.workstreamName).toBeDefined();
    await view.leaveWithoutSaving();
    expect(view.current).toBe('setup');
    expect(view.pendingLeave).toBeNull();
    view.showWorkstreams();
  });

  it('stays on the page, saying why, when the setup cannot be read', async () => {
    const page = await typed('Sales WhatsApp');
    api.getWorkstream.mockRejectedValueOnce({ code: 'not_found', field: null, params: { what: 'workstream' }, more: [] });
    await view.setUpWhatsApp('ws-1');
    expect(view.current).toBe('workstream');
    expect(page.setupError?.code).toBe('not_found');
  });

  it('saves the open setup page before the navigation leaves the wizard', async () => {
    api.getWorkstream.mockResolvedValue(WS);
    view.showWorkstream('ws-1');
    await view.setUpWhatsApp('ws-1');
    expect(view.current).toBe('setup');
    const save = vi.spyOn(setupWizard, 'saveBeforeLeave');
    await view.navigate('accounts');
    expect(save).toHaveBeenCalled();
    expect(view.current).toBe('accounts');
    expect(setupWizard.workstream).toBeNull();
  });
});

describe('"Set up WhatsApp": Finish, Save and close and Cancel, as for the account wizard', () => {
  const WS = workstream();

  /** "Set up WhatsApp" of `ws`, opened from its page. */
  async function inSetup(ws = WS): Promise<void> {
    api.getWorkstream.mockResolvedValue(ws);
    view.showWorkstream(ws.id);
    await view.setUpWhatsApp(ws.id);
    expect(view.current).toBe('setup');
  }

  beforeEach(() => {
    api.getWorkstream.mockReset();
    api.saveSetupNumber.mockReset();
    api.finishSetup.mockReset();
    status.clear();
  });

  it('Save and close saves the open page, then goes back to the workstream page and says so', async () => {
    await inSetup();
    setupWizard.number.chosen = 'num-1';
    api.saveSetupNumber.mockResolvedValueOnce(WS);
    await view.closeWizard();
    expect(api.saveSetupNumber).toHaveBeenCalledWith('ws-1', 'num-1');
    expect(view.current).toBe('workstream');
    expect(view.workstreamPage?.id).toBe('ws-1');
    expect(setupWizard.workstream).toBeNull();
    expect(await said()).toContain('Sales WhatsApp');
  });

  it('Save and close stays when the page cannot be saved', async () => {
    await inSetup();
    setupWizard.number.chosen = 'num-1';
    api.saveSetupNumber.mockRejectedValueOnce({ code: 'number_in_use', field: 'setupNumber', params: { workstream: 'Other' }, more: [] });
    await view.closeWizard();
    expect(view.current).toBe('setup');
    expect(setupWizard.number.chosen).toBe('num-1');
    view.showWorkstreams();
  });

  it('Finish makes the channel active, goes back to the workstream page and says so', async () => {
    await inSetup({ ...WS, whatsapp: setup({ nextStep: 'summary', language: 'de' }) });
    expect(setupWizard.engine.step).toBe('summary');
    api.finishSetup.mockResolvedValueOnce({ ...WS, whatsapp: setup({ status: 'active' }) });
    await view.finishWizard();
    expect(api.finishSetup).toHaveBeenCalledWith('ws-1');
    expect(view.current).toBe('workstream');
    expect(await said()).toContain('Sales WhatsApp');
  });

  it('Finish stays when Rust refuses it', async () => {
    await inSetup({ ...WS, whatsapp: setup({ nextStep: 'summary' }) });
    api.finishSetup.mockRejectedValueOnce({ code: 'setup_incomplete', field: null, params: { step: 'language' }, more: [] });
    await view.finishWizard();
    expect(view.current).toBe('setup');
    view.showWorkstreams();
  });

  it('Cancel goes straight back with nothing typed, saving nothing', async () => {
    await inSetup();
    view.cancelWizard();
    expect(view.pendingLeave).toBeNull();
    expect(view.current).toBe('workstream');
    expect(view.workstreamPage?.id).toBe('ws-1');
    expect(api.saveSetupNumber).not.toHaveBeenCalled();
  });

  it('Cancel asks before dropping what was typed: Stay keeps it, Discard saves nothing', async () => {
    await inSetup();
    setupWizard.number.chosen = 'num-1';
    view.cancelWizard();
    expect(view.current).toBe('setup');
    expect(view.pendingLeave).toBe('cancel');

    view.stayInWizard();
    expect(setupWizard.number.chosen).toBe('num-1');

    view.cancelWizard();
    await view.leaveWithoutSaving();
    expect(view.current).toBe('workstream');
    expect(view.workstreamPage?.id).toBe('ws-1');
    expect(api.saveSetupNumber).not.toHaveBeenCalled();
  });
});
