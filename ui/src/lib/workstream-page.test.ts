import { describe, expect, it } from 'vitest';
import { showIn } from './i18n.svelte';
import { fakeWorkstreamPageIpc, queue, refusal, workstream } from './workstream-fixtures.test-support';
import { wholeNumber } from './workstream-forms.svelte';
import { durationLabel } from './workstream-labels';
import { WorkstreamPageStore } from './workstream-page.svelte';

async function opened(api = fakeWorkstreamPageIpc()): Promise<WorkstreamPageStore> {
  const page = new WorkstreamPageStore('ws-1', api);
  await page.load();
  return page;
}

describe('opening the page', () => {
  it('reads the workstream and the queues, and every form takes the saved values', async () => {
    const api = fakeWorkstreamPageIpc({
      listQueues: async () => [queue({ id: 'q-b', name: 'b', isDefault: false }), queue()],
      getWorkstream: async () =>
        workstream({
          distribution: {
            autoCloseAfterMinutes: 60,
            capacity: { kind: 'profile', profile: 'Chat' },
            wrapUp: { kind: 'custom', minutes: 15 },
            allowedPresences: ['busy', 'available', 'away'],
            skillMatching: 'closest',
            keepSameAgent: true,
          },
          advanced: {
            botName: 'Ava',
            sessionTemplate: null,
            agentNotificationTemplate: 'Notify',
            contextVariables: [{ name: 'orderId', kind: 'number' }],
            quickReplies: [{ title: 'Hi', text: 'Hello!' }],
          },
        }),
    });
    const page = await opened(api);
    expect(api.getWorkstream).toHaveBeenCalledWith('ws-1');
    expect(page.queues.map((q) => q.id)).toEqual(['q-default', 'q-b']);
    expect(page.details.name).toBe('Sales WhatsApp');
    expect(page.details.fallbackQueueId).toBe('q-default');
    const d = page.distribution;
    expect([d.autoCloseAfterMinutes, d.capacity, d.capacityProfile, d.wrapUp, d.wrapUpMinutes]).toEqual([
      60,
      'profile',
      'Chat',
      'custom',
      '15',
    ]);
    expect(d.presences).toEqual(['available', 'busy', 'away']);
    expect(page.advanced.botName).toBe('Ava');
    expect(page.advanced.sessionTemplate).toBe('');
    expect(page.advanced.variables.map((v) => [v.name, v.kind])).toEqual([['orderId', 'number']]);
    expect(page.unsaved).toBe(false);
  });

  it('says why the workstream could not be read', async () => {
    const page = await opened(fakeWorkstreamPageIpc({ getWorkstream: () => Promise.reject(refusal('not_found', null, { what: 'workstream' })) }));
    expect(page.error?.code).toBe('not_found');
    expect(page.workstream).toBeNull();
  });
});

describe('the details', () => {
  it('save the name and fallback queue with the mode the workstream was created with', async () => {
    const api = fakeWorkstreamPageIpc({
      saveWorkstreamDetails: async (_id, input) =>
        workstream({ name: input.name, fallbackQueue: { id: input.fallbackQueueId, name: 'Support' } }),
    });
    const page = await opened(api);
    page.details.name = 'Sales';
    page.details.fallbackQueueId = 'q-support';
    expect(page.unsaved).toBe(true);
    expect(await page.saveDetails()).toBe(true);
    expect(api.saveWorkstreamDetails).toHaveBeenCalledWith('ws-1', { name: 'Sales', mode: 'push', fallbackQueueId: 'q-support' });
    expect(page.workstream?.name).toBe('Sales');
    expect(page.unsaved).toBe(false);
  });

  it('keep what was typed and show the problem under its field when Rust refuses', async () => {
    const api = fakeWorkstreamPageIpc({
      saveWorkstreamDetails: () => Promise.reject(refusal('duplicate_name', 'workstreamName', { what: 'workstream', name: 'Support' })),
    });
    const page = await opened(api);
    page.details.name = 'support';
    expect(await page.saveDetails()).toBe(false);
    expect(page.details.name).toBe('support');
    expect(page.details.problems.fields.workstreamName).toMatchObject({ error: { code: 'duplicate_name' } });
  });
});

describe('work distribution', () => {
  it('sends only the options chosen, presences in the admin center order', async () => {
    const api = fakeWorkstreamPageIpc({ saveWorkDistribution: async () => workstream() });
    const page = await opened(api);
    const d = page.distribution;
    d.autoCloseAfterMinutes = 1440;
    d.capacity = 'profile';
    d.capacityProfile = 'Chat';
    d.capacityUnits = 'ignored';
    d.wrapUp = 'custom';
    d.wrapUpMinutes = ' 30 ';
    d.presences = ['offline', 'available'];
    d.skillMatching = 'none';
    expect(await page.saveDistribution()).toBe(true);
    expect(api.saveWorkDistribution).toHaveBeenCalledWith('ws-1', {
      autoCloseAfterMinutes: 1440,
      capacity: { kind: 'profile', profile: 'Chat' },
      wrapUp: { kind: 'custom', minutes: 30 },
      allowedPresences: ['available', 'offline'],
      skillMatching: 'none',
      keepSameAgent: false,
    });
  });

  it('catches typed numbers that are not whole numbers itself, without asking Rust', async () => {
    const api = fakeWorkstreamPageIpc();
    const page = await opened(api);
    page.distribution.capacityUnits = '1.5';
    page.distribution.wrapUp = 'custom';
    page.distribution.wrapUpMinutes = 'ten';
    expect(await page.saveDistribution()).toBe(false);
    expect(api.saveWorkDistribution).not.toHaveBeenCalled();
    expect(page.distribution.problems.fields).toMatchObject({
      capacityUnits: { error: { code: 'not_a_whole_number', field: 'capacityUnits' } },
      wrapUpMinutes: { error: { code: 'not_a_whole_number', field: 'wrapUpMinutes' } },
    });
    expect(page.distribution.problems.refusals).toBe(1);
  });

  it('shows what Rust refused under each field', async () => {
    const api = fakeWorkstreamPageIpc({
      saveWorkDistribution: () =>
        Promise.reject(
          refusal('out_of_range', 'capacityUnits', { min: 0, max: 10_000, actual: 20_000 }, [refusal('none_chosen', 'allowedPresences')]),
        ),
    });
    const page = await opened(api);
    page.distribution.capacityUnits = '20000';
    page.distribution.presences = [];
    expect(await page.saveDistribution()).toBe(false);
    expect(Object.keys(page.distribution.problems.fields)).toEqual(['capacityUnits', 'allowedPresences']);
  });

  it('does not count typing in an option that is not chosen as unsaved', async () => {
    const page = await opened();
    page.distribution.wrapUpMinutes = '12';
    expect(page.distribution.unsaved).toBe(false);
    page.distribution.wrapUp = 'custom';
    expect(page.distribution.unsaved).toBe(true);
  });
});

describe('advanced settings', () => {
  it('send blank text as no value, and the lists as typed', async () => {
    const api = fakeWorkstreamPageIpc({ saveAdvancedSettings: async () => workstream() });
    const page = await opened(api);
    const a = page.advanced;
    a.botName = '  ';
    a.sessionTemplate = 'Default session';
    const variable = a.addVariable();
    a.variables[0].name = 'orderId';
    a.addQuickReply();
    a.quickReplies[0].title = 'Hi';
    a.quickReplies[0].text = 'Hello!';
    expect(typeof variable).toBe('number');
    expect(await page.saveAdvanced()).toBe(true);
    expect(api.saveAdvancedSettings).toHaveBeenCalledWith('ws-1', {
      botName: null,
      sessionTemplate: 'Default session',
      agentNotificationTemplate: null,
      contextVariables: [{ name: 'orderId', kind: 'text' }],
      quickReplies: [{ title: 'Hi', text: 'Hello!' }],
    });
  });

  it('put a list item problem under its item, and drop it when a row above goes', async () => {
    const api = fakeWorkstreamPageIpc({
      saveAdvancedSettings: () =>
        Promise.reject(refusal('duplicate_name', 'contextVariables.1.name', { what: 'context_variable', name: 'a' })),
    });
    const page = await opened(api);
    const a = page.advanced;
    const first = a.addVariable();
    a.addVariable();
    a.variables[0].name = 'a';
    a.variables[1].name = 'A';
    await page.saveAdvanced();
    expect(Object.keys(a.problems.fields)).toEqual(['contextVariables.1.name']);
    a.removeVariable(first);
    expect(a.problems.fields).toEqual({});
  });
});

describe('leaving the page', () => {
  it('saves every section with something typed, and only those', async () => {
    const api = fakeWorkstreamPageIpc({
      saveWorkstreamDetails: async () => workstream({ name: 'Sales' }),
      saveAdvancedSettings: async () => workstream(),
    });
    const page = await opened(api);
    page.details.name = 'Sales';
    page.advanced.addQuickReply();
    expect(await page.saveBeforeLeave()).toBe(true);
    expect(api.saveWorkstreamDetails).toHaveBeenCalledTimes(1);
    expect(api.saveAdvancedSettings).toHaveBeenCalledTimes(1);
    expect(api.saveWorkDistribution).not.toHaveBeenCalled();
  });

  it('says no when a section is refused, after trying the others', async () => {
    const api = fakeWorkstreamPageIpc({
      saveWorkstreamDetails: () => Promise.reject(refusal('required', 'workstreamName')),
      saveAdvancedSettings: async () => workstream(),
    });
    const page = await opened(api);
    page.details.name = '';
    page.advanced.botName = 'Ava';
    expect(await page.saveBeforeLeave()).toBe(false);
    expect(api.saveAdvancedSettings).toHaveBeenCalledTimes(1);
    expect(page.unsaved).toBe(true);
  });

  it('waits for a save that is running', async () => {
    let answer: (w: ReturnType<typeof workstream>) => void = () => {};
    const api = fakeWorkstreamPageIpc({
      saveWorkstreamDetails: () => new Promise((resolve) => (answer = resolve)),
    });
    const page = await opened(api);
    page.details.name = 'Sales';
    const saving = page.saveDetails();
    expect(page.busy).toBe(true);
    let idle = false;
    const waiting = page.whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    answer(workstream({ name: 'Sales' }));
    await saving;
    await waiting;
    expect(idle).toBe(true);
    expect(page.busy).toBe(false);
  });
});

describe('removing the WhatsApp setup', () => {
  it('asks first, then removes it', async () => {
    const api = fakeWorkstreamPageIpc({ removeSetup: async () => workstream({ whatsapp: null }) });
    const page = await opened(api);
    page.askRemoveSetup();
    expect(page.askingRemoveSetup).toBe(true);
    expect(await page.removeSetup()).toBe(true);
    expect(api.removeSetup).toHaveBeenCalledWith('ws-1');
    expect(page.askingRemoveSetup).toBe(false);
  });

  it('keeps the question open with why when it fails', async () => {
    const page = await opened(fakeWorkstreamPageIpc({ removeSetup: () => Promise.reject(refusal('storage')) }));
    page.askRemoveSetup();
    expect(await page.removeSetup()).toBe(false);
    expect(page.askingRemoveSetup).toBe(true);
    expect(page.removeSetupError?.code).toBe('storage');
  });
});

describe('typed numbers and durations', () => {
  it('takes whole numbers only, cut to what Rust can hold', () => {
    expect(['12', ' 7 ', '+3', '-1', '1.5', '1e3', '', 'ten', '99999999999'].map(wholeNumber)).toEqual([
      12,
      7,
      3,
      -1,
      null,
      null,
      null,
      null,
      2_147_483_647,
    ]);
  });

  it('names the auto-close presets in the UI language, in the largest whole unit', () => {
    expect([5, 60, 720, 1440, 43_200].map(durationLabel)).toEqual(['5 minutes', '1 hour', '12 hours', '1 day', '30 days']);
    showIn('de');
    expect(durationLabel(10_080)).toBe('7 Tage');
    showIn('en');
  });
});

describe('the exact-text check', () => {
  it('keeps what Twilio said of each template, and a failure as data', async () => {
    const check = {
      workstreamId: 'ws-1',
      workstreamName: 'Support',
      contentSid: 'HX0123456789abcdef0123456789abcdef',
      language: 'en',
      outcome: { kind: 'compared' as const, equal: false, approvalStatus: 'approved', diff: [{ kind: 'added' as const, text: ' ' }] },
    };
    const api = fakeWorkstreamPageIpc({ checkTemplateTexts: async () => [check] });
    const page = await opened(api);
    await page.checkTexts();
    expect(api.checkTemplateTexts).toHaveBeenCalledWith(page.id);
    expect(page.textChecks).toEqual([check]);

    api.checkTemplateTexts.mockRejectedValueOnce(refusal('offline', null));
    await page.checkTexts();
    expect(page.textCheckError?.code).toBe('offline');
    expect(page.checkingTexts).toBe(false);
  });
});
