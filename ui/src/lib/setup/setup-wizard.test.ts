import { describe, expect, it, vi } from 'vitest';
import type { Behaviours } from '../bindings/Behaviours';
import type { Workstream } from '../bindings/Workstream';
import type { AppError } from '../ipc';
import { appError } from '../wizard/fake-ipc.test-support';
import type { Problem } from '../wizard/problems.svelte';
import { MESSAGE_TRIGGERS, fillPlaceholders } from './behaviours.svelte';
import { APPROVED, fakeSetupIpc, SERVICE, setup, setupOn, withSetup, workstream } from './fake-ipc.test-support';
import { SetupWizard } from './setup-wizard.svelte';

/** What a problem says, as the tests compare it: the error's code. */
function said(p: Problem): string {
  return p.kind === 'error' ? p.error.code : p.kind;
}

function fieldErrors(w: SetupWizard): Record<string, string> {
  return Object.fromEntries(Object.entries(w.engine.page.problems.fields).map(([f, p]) => [f, said(p)]));
}

function pageErrors(w: SetupWizard): string[] {
  return w.engine.page.problems.page.map(said);
}

function error(code: AppError['code'], field: string | null, more: AppError[] = []): AppError {
  return appError(code, field, more);
}

/** What the `call`th saveSetupBehaviours was sent. */
function sent(api: ReturnType<typeof fakeSetupIpc>, call = 0): Behaviours {
  return vi.mocked(api.saveSetupBehaviours).mock.calls[call][1];
}

/** The open automated-message form. */
function messageForm(w: SetupWizard) {
  const form = w.behaviours.form;
  if (!form) throw new Error('the message form is not open');
  return form;
}

/** saveSetupBehaviours answering with the behaviours it was sent. */
function echoBehaviours() {
  return vi.fn(async (_id: string, behaviours: Behaviours) => withSetup({ behaviours }));
}

describe('opening', () => {
  it('opens a workstream without a setup on the WhatsApp number page, with the numbers read', async () => {
    const api = fakeSetupIpc({ getWorkstream: vi.fn(async () => workstream()) });
    const w = new SetupWizard(api);
    await w.open('ws-1');
    expect(api.getWorkstream).toHaveBeenCalledWith('ws-1');
    expect(w.engine.step).toBe('number');
    expect(api.availableNumbers).toHaveBeenCalledWith('ws-1');
    expect(w.number.numbers.map((a) => a.number.id)).toEqual(['num-2', 'num-1']);
    expect(w.number.chosen).toBeNull();
    expect(w.openError).toBeNull();
  });

  it('resumes a draft at the page Rust names, with what was saved on every page', async () => {
    const draft = withSetup({ nextStep: 'user_features', language: 'de', attachments: { enabled: true, customers: true, agents: false } });
    const w = new SetupWizard(fakeSetupIpc({ getWorkstream: vi.fn(async () => draft) }));
    await w.open('ws-1');
    expect(w.engine.step).toBe('user_features');
    expect(w.number.chosen).toBe('num-1');
    expect(w.language.language).toBe('de');
    expect(w.userFeatures.enabled).toBe(true);
    expect(w.userFeatures.customers).toBe(true);
    expect(w.unsaved).toBe(false);
  });

  it('says why a workstream cannot be read', async () => {
    const w = new SetupWizard(fakeSetupIpc({ getWorkstream: vi.fn(async () => Promise.reject(error('not_found', null))) }));
    await w.open('gone');
    expect(w.openError?.code).toBe('not_found');
    expect(w.opened).toBe(false);
  });

  it('drops a workstream that arrives after the wizard was emptied', async () => {
    let answer: (w: Workstream) => void = () => {};
    const api = fakeSetupIpc({ getWorkstream: vi.fn(() => new Promise<Workstream>((resolve) => (answer = resolve))) });
    const w = new SetupWizard(api);
    const opening = w.open('ws-1');
    w.reset();
    answer(withSetup());
    await opening;
    expect(w.workstream).toBeNull();
    expect(w.busy).toBe(false);
  });

  it('opens only the number page until the setup exists', () => {
    const w = setupOn(workstream(), 'number');
    expect(w.engine.steps.map((s) => s.id)).toEqual(['number', 'language', 'behaviours', 'user_features', 'summary']);
    expect(w.engine.canVisit('language')).toBe(false);
    expect(setupOn(withSetup(), 'number').engine.canVisit('summary')).toBe(true);
  });
});

describe('the WhatsApp number page', () => {
  it('asks for a number before saving without one', async () => {
    const api = fakeSetupIpc();
    const w = setupOn(workstream(), 'number', api);
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'setup-number': 'required' });
    expect(api.saveSetupNumber).not.toHaveBeenCalled();
  });

  it('saves the number chosen and moves on', async () => {
    const api = fakeSetupIpc({ saveSetupNumber: vi.fn(async () => withSetup({ number: SERVICE.number })) });
    const w = setupOn(workstream(), 'number', api);
    w.number.chosen = 'num-2';
    expect(w.unsaved).toBe(true);
    expect(await w.engine.next()).toBe(true);
    expect(api.saveSetupNumber).toHaveBeenCalledWith('ws-1', 'num-2');
    expect(w.engine.step).toBe('language');
    expect(w.number.saved).toBe('num-2');
  });

  it('shows Rust’s refusal under the list and keeps the choice', async () => {
    const api = fakeSetupIpc({ saveSetupNumber: vi.fn(async () => Promise.reject(error('required', 'setupNumber'))) });
    const w = setupOn(workstream(), 'number', api);
    w.number.chosen = 'num-2';
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'setup-number': 'required' });
    expect(w.number.chosen).toBe('num-2');
  });

  it('keeps the setup’s own number on offer even when Rust lists only the free ones', async () => {
    const api = fakeSetupIpc({ availableNumbers: vi.fn(async () => [SERVICE]) });
    const w = setupOn(withSetup(), 'language', api);
    await w.engine.goTo('number');
    expect(w.number.numbers.map((a) => a.number.id)).toEqual(['num-2', 'num-1']);
  });

  it('says above the page why the numbers cannot be read', async () => {
    const api = fakeSetupIpc({ availableNumbers: vi.fn(async () => Promise.reject(error('storage', null))) });
    const w = setupOn(withSetup(), 'language', api);
    await w.engine.goTo('number');
    expect(pageErrors(w)).toEqual(['storage']);
    expect(w.number.loaded).toBe(false);
  });
});

describe('the Language page', () => {
  it('names the languages in the UI’s language, sorted, with the code WhatsApp writes', async () => {
    const w = setupOn(withSetup(), 'number');
    await w.engine.goTo('language');
    expect(w.languages.named).toEqual([
      { code: 'en_US', name: 'American English' },
      { code: 'pt_BR', name: 'Brazilian Portuguese' },
      { code: 'de', name: 'German' },
    ]);
    expect(w.languages.nameOf('de')).toBe('German');
    expect(w.languages.nameOf('xx_YY')).toBe('xx_YY');
  });

  it('lets Rust refuse an empty choice, under the select', async () => {
    const api = fakeSetupIpc({ saveSetupLanguage: vi.fn(async () => Promise.reject(error('required', 'setupLanguage'))) });
    const w = setupOn(withSetup(), 'language', api);
    expect(await w.engine.next()).toBe(false);
    expect(api.saveSetupLanguage).toHaveBeenCalledWith('ws-1', '');
    expect(fieldErrors(w)).toEqual({ 'setup-language': 'required' });
  });

  it('saves the language and moves on', async () => {
    const api = fakeSetupIpc({ saveSetupLanguage: vi.fn(async (_id, language) => withSetup({ language })) });
    const w = setupOn(withSetup(), 'language', api);
    w.language.language = 'pt_BR';
    expect(await w.engine.next()).toBe(true);
    expect(w.engine.step).toBe('behaviours');
    expect(w.workstream?.whatsapp?.language).toBe('pt_BR');
  });
});

describe('automated messages', () => {
  it('fills the placeholders for the preview', () => {
    expect(fillPlaceholders('Hi, I am {AgentName} from {QueueName}. {Other}', 'Alex', 'Billing')).toBe(
      'Hi, I am Alex from Billing. {Other}',
    );
  });

  it('saves a new message with the rest of the page as saved, not as typed', async () => {
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup(), 'behaviours', api);
    w.behaviours.surveyEnabled = true;
    w.behaviours.openAddMessage();
    expect(w.behaviours.form?.trigger).toBe('greeting');
    messageForm(w).text = 'Hello from {QueueName}';
    expect(await w.behaviours.saveMessage()).toBe(true);
    expect(sent(api).automatedMessages).toEqual([{ trigger: 'greeting', text: 'Hello from {QueueName}' }]);
    expect(sent(api).survey.enabled).toBe(false);
    expect(w.behaviours.form).toBeNull();
    expect(w.behaviours.messages).toHaveLength(1);
    // What was typed in the survey stays, unsaved.
    expect(w.behaviours.surveyEnabled).toBe(true);
    expect(w.unsaved).toBe(true);
  });

  it('does not offer a trigger that another message uses', () => {
    const behaviours = { ...setup().behaviours, automatedMessages: [{ trigger: 'greeting' as const, text: 'Hi' }] };
    const w = setupOn(withSetup({ behaviours }), 'behaviours');
    w.behaviours.openAddMessage();
    expect(w.behaviours.form?.trigger).toBe('agent_assigned');
    expect(w.behaviours.formTriggers).not.toContain('greeting');
    w.behaviours.cancelMessage();
    w.behaviours.openEditMessage(0);
    expect(w.behaviours.formTriggers).toContain('greeting');
  });

  it('offers no new message once every trigger has one', () => {
    const automatedMessages = MESSAGE_TRIGGERS.map((trigger) => ({ trigger, text: 'x' }));
    const w = setupOn(withSetup({ behaviours: { ...setup().behaviours, automatedMessages } }), 'behaviours');
    expect(w.behaviours.canAddMessage).toBe(false);
    w.behaviours.openAddMessage();
    expect(w.behaviours.form).toBeNull();
  });

  it('shows the problems of the message being edited under its fields, and others above the page', async () => {
    const behaviours = {
      ...setup().behaviours,
      automatedMessages: [
        { trigger: 'greeting' as const, text: 'Hi' },
        { trigger: 'session_ended' as const, text: 'Bye' },
      ],
    };
    const api = fakeSetupIpc({
      saveSetupBehaviours: vi.fn(async () =>
        Promise.reject(error('required', 'automatedMessages.1.text', [error('too_long', 'automatedMessages.0.text')])),
      ),
    });
    const w = setupOn(withSetup({ behaviours }), 'behaviours', api);
    w.behaviours.openEditMessage(1);
    messageForm(w).text = '';
    expect(await w.behaviours.saveMessage()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'automated-text': 'required' });
    expect(pageErrors(w)).toEqual(['too_long']);
    expect(w.behaviours.form?.text).toBe('');
  });

  it('removes a message, and an open form follows its message', async () => {
    const behaviours = {
      ...setup().behaviours,
      automatedMessages: [
        { trigger: 'greeting' as const, text: 'Hi' },
        { trigger: 'session_ended' as const, text: 'Bye' },
      ],
    };
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup({ behaviours }), 'behaviours', api);
    w.behaviours.openEditMessage(1);
    expect(await w.behaviours.removeMessage(0)).toBe(true);
    expect(w.behaviours.messages.map((msg) => msg.trigger)).toEqual(['session_ended']);
    expect(w.behaviours.form?.index).toBe(0);
  });
});

describe('the survey', () => {
  it('fills the default message from the catalog and sends the one delivery WhatsApp allows', async () => {
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup(), 'behaviours', api);
    w.behaviours.surveyEnabled = true;
    w.behaviours.surveyReference = 'https://voice.example.com/s/1';
    w.behaviours.useDefaultSurveyMessage();
    expect(w.behaviours.surveyMessage.length).toBeGreaterThan(0);
    expect(await w.engine.next()).toBe(true);
    expect(sent(api).survey).toEqual({
      enabled: true,
      reference: 'https://voice.example.com/s/1',
      message: w.behaviours.surveyMessage,
      delivery: 'send_link',
    });
    expect(w.engine.step).toBe('user_features');
  });

  it('shows every problem of the page at once, the survey’s and the open form’s', async () => {
    const api = fakeSetupIpc({
      saveSetupBehaviours: vi.fn(async () =>
        Promise.reject(
          error('invalid_url', 'surveyReference', [error('required', 'surveyMessage'), error('required', 'automatedMessages.0.text')]),
        ),
      ),
    });
    const w = setupOn(withSetup(), 'behaviours', api);
    w.behaviours.openAddMessage();
    messageForm(w).text = ' ';
    w.behaviours.surveyEnabled = true;
    w.behaviours.surveyReference = 'http://voice.example.com';
    expect(await w.engine.next()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'automated-text': 'required', 'survey-reference': 'invalid_url', 'survey-message': 'required' });
    expect(w.engine.page.problems.firstInvalid).toBe('automated-text');
    expect(w.behaviours.surveyReference).toBe('http://voice.example.com');
  });

  it('keeps what was typed when switched off, and sends blank text as null', async () => {
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup(), 'behaviours', api);
    w.behaviours.surveyReference = 'Satisfaction';
    w.behaviours.surveyMessage = '  ';
    expect(await w.saveBeforeLeave()).toBe(true);
    expect(sent(api).survey).toEqual({
      enabled: false,
      reference: 'Satisfaction',
      message: null,
      delivery: 'send_link',
    });
  });
});

describe('message templates', () => {
  const SID = 'HX0123456789abcdef0123456789abcdef';

  it('offers the account’s approved templates and adds the one picked, with Twilio’s text', async () => {
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup({ language: 'de' }), 'behaviours', api);
    await w.behaviours.openAddTemplate();
    expect(api.approvedTemplates).toHaveBeenCalledWith('acc-1');
    expect(w.behaviours.approved).toEqual(APPROVED);
    w.behaviours.chooseTemplate(APPROVED[1].contentSid);
    expect(w.behaviours.template).toEqual({ contentSid: APPROVED[1].contentSid, language: 'en_US', text: 'Hello {{1}}' });
    expect(w.unsaved).toBe(true);
    expect(await w.behaviours.saveTemplate()).toBe(true);
    expect(w.behaviours.template).toBeNull();
    expect(w.behaviours.templates).toEqual([{ contentSid: APPROVED[1].contentSid, language: 'en_US', text: 'Hello {{1}}' }]);
  });

  it('offers nothing before a number is chosen, and keeps a failed read as data', async () => {
    const none = setupOn(withSetup({ number: null }), 'behaviours');
    await none.behaviours.openAddTemplate();
    expect(none.behaviours.approved).toBeNull();
    const api = fakeSetupIpc({ approvedTemplates: vi.fn(async () => Promise.reject(error('storage', null))) });
    const w = setupOn(withSetup(), 'behaviours', api);
    await w.behaviours.openAddTemplate();
    expect(w.behaviours.approvedError?.code).toBe('storage');
  });

  it('keeps the dialog open with the problem under the choice', async () => {
    const templates = [{ contentSid: SID, language: 'de', text: 'Hallo' }];
    const api = fakeSetupIpc({
      saveSetupBehaviours: vi.fn(async () => Promise.reject(error('duplicate_content_sid', 'templates.1.contentSid'))),
    });
    const w = setupOn(withSetup({ behaviours: { ...setup().behaviours, templates } }), 'behaviours', api);
    await w.behaviours.openAddTemplate();
    w.behaviours.chooseTemplate(SID);
    expect(await w.behaviours.saveTemplate()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'template-content-sid': 'duplicate_content_sid' });
    expect(w.behaviours.template?.contentSid).toBe(SID);
  });

  it('removes a template', async () => {
    const templates = [{ contentSid: SID, language: 'de', text: 'Hallo' }];
    const api = fakeSetupIpc({ saveSetupBehaviours: echoBehaviours() });
    const w = setupOn(withSetup({ behaviours: { ...setup().behaviours, templates } }), 'behaviours', api);
    expect(await w.behaviours.removeTemplate(0)).toBe(true);
    expect(sent(api).templates).toEqual([]);
    expect(w.behaviours.templates).toEqual([]);
  });
});

describe('user features', () => {
  it('saves attachments and shows Rust’s refusal under the boxes', async () => {
    const api = fakeSetupIpc({
      saveSetupUserFeatures: vi.fn(async () => Promise.reject(error('required', 'attachments'))),
    });
    const w = setupOn(withSetup(), 'user_features', api);
    w.userFeatures.enabled = true;
    expect(await w.engine.next()).toBe(false);
    expect(api.saveSetupUserFeatures).toHaveBeenCalledWith('ws-1', { enabled: true, customers: false, agents: false });
    expect(fieldErrors(w)).toEqual({ attachments: 'required' });
  });

  it('keeps the boxes as typed when switched off, while Rust stores them off', async () => {
    const api = fakeSetupIpc({ saveSetupUserFeatures: vi.fn(async () => withSetup()) });
    const w = setupOn(withSetup(), 'user_features', api);
    w.userFeatures.customers = true;
    expect(w.unsaved).toBe(false);
    expect(await w.engine.next()).toBe(true);
    expect(w.userFeatures.customers).toBe(true);
    expect(w.engine.step).toBe('summary');
  });
});

describe('finishing', () => {
  it('makes the setup active', async () => {
    const api = fakeSetupIpc({ finishSetup: vi.fn(async () => withSetup({ status: 'active', language: 'de' })) });
    const w = setupOn(withSetup({ language: 'de' }), 'summary', api);
    expect(await w.finish()).toBe(true);
    expect(api.finishSetup).toHaveBeenCalledWith('ws-1');
    expect(w.workstream?.whatsapp?.status).toBe('active');
  });

  it('shows why the setup is not complete above the page', async () => {
    const api = fakeSetupIpc({ finishSetup: vi.fn(async () => Promise.reject(error('storage', null))) });
    const w = setupOn(withSetup(), 'summary', api);
    expect(await w.finish()).toBe(false);
    expect(pageErrors(w)).toEqual(['storage']);
  });
});

describe('leaving', () => {
  it('saves the open page first, and says when it cannot', async () => {
    const api = fakeSetupIpc({ saveSetupLanguage: vi.fn(async () => Promise.reject(error('required', 'setupLanguage'))) });
    const w = setupOn(withSetup(), 'language', api);
    expect(await w.saveBeforeLeave()).toBe(true);
    expect(api.saveSetupLanguage).not.toHaveBeenCalled();
    w.language.language = 'xx';
    expect(await w.saveBeforeLeave()).toBe(false);
    expect(fieldErrors(w)).toEqual({ 'setup-language': 'required' });
  });

  it('has nothing unsaved before a workstream is open', () => {
    expect(new SetupWizard(fakeSetupIpc()).unsaved).toBe(false);
  });
});
