// @vitest-environment jsdom
// The "Set up WhatsApp" wizard in a DOM, on a fake IPC: each page's selectors, every error of a
// refused page under its field with focus on the first, the live preview, the template dialog,
// the summary's Edit links, Finish, Save and close, Cancel and Escape.
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Behaviours } from '$lib/bindings/Behaviours';
import { compareText } from '$lib/format';
import { showIn } from '$lib/i18n.svelte';
import { m } from '$lib/paraglide/messages';
import { APPROVED, fakeSetupIpc, setup, setupOn, withSetup, workstream } from '$lib/setup/fake-ipc.test-support';
import { SetupWizard as Wizard } from '$lib/setup/setup-wizard.svelte';
import { status } from '$lib/status.svelte';
import { appError } from '$lib/wizard/fake-ipc.test-support';
import '../dialog.test-support';
import SetupWizard from './SetupWizard.svelte';

afterEach(() => {
  showIn('en');
  status.clear();
});

/** The wizard in the chrome; what Finish, Save and close and Cancel do is the view's (view.test.ts). */
function show(wizard: Wizard, overrides: { onfinish?: () => void } = {}) {
  const handlers = { onfinish: vi.fn(), onclose: vi.fn(), oncancel: vi.fn(), onaccounts: vi.fn(), ...overrides };
  render(SetupWizard, { props: { wizard, ...handlers } });
  return handlers;
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is not on the page`);
  return element;
}

function describedBy(input: HTMLElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
}

function radios(name: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
}

/** A wizard opened on `draft` through the IPC, as the app opens it. */
async function opened(api = fakeSetupIpc(), draft = workstream()): Promise<Wizard> {
  vi.mocked(api.getWorkstream).mockResolvedValue(draft);
  const wizard = new Wizard(api);
  await wizard.open(draft.id);
  return wizard;
}

describe('the WhatsApp number page', () => {
  it('draws the stepper from the engine and focuses the first number', async () => {
    const wizard = await opened();
    show(wizard);
    const steps = [...document.querySelectorAll('[data-step-id]')].map((b) => b.getAttribute('data-step-id'));
    expect(steps).toEqual(['number', 'language', 'behaviours', 'user_features', 'summary']);
    expect(document.querySelector('[data-step="number"]')).toBeTruthy();
    expect(byId('wizard-title').textContent).toBe('WhatsApp number');
    await waitFor(() => expect(document.activeElement).toBe(radios('setup-number')[0]));
  });

  it('labels each number with its account, name, number and Twilio status', async () => {
    show(await opened());
    const sales = document.querySelector<HTMLInputElement>('input[name="setup-number"][value="num-1"]');
    const label = sales?.closest('label')?.textContent ?? '';
    for (const words of ['Contoso', 'Sales', '+14155238886', 'Verified', 'In sync']) expect(label).toContain(words);
    const service = document.querySelector('input[name="setup-number"][value="num-2"]')?.closest('label')?.textContent ?? '';
    for (const words of ['Adatum', 'Not verified', 'Drifted']) expect(service).toContain(words);
  });

  it('says to finish a messaging account first when no number is free, with a link there', async () => {
    const api = fakeSetupIpc({ availableNumbers: vi.fn(async () => []) });
    const handlers = show(await opened(api));
    expect(byId('no-available-numbers').textContent).toContain(m.setup_number_empty());
    await userEvent.setup().click(byId('go-to-accounts'));
    expect(handlers.onaccounts).toHaveBeenCalledTimes(1);
  });

  it('asks for a number under the list on Next without one, and focuses the list', async () => {
    show(await opened());
    await userEvent.setup().click(byId('wizard-next'));
    const error = byId('setup-number-error');
    expect(error.textContent).toBe(m.setup_number_required());
    expect(describedBy(byId('setup-number'))).toContain('setup-number-error');
    await waitFor(() => expect(document.activeElement).toBe(radios('setup-number')[0]));
  });

  it('saves the number chosen and opens Language with its select focused', async () => {
    const api = fakeSetupIpc({ saveSetupNumber: vi.fn(async () => withSetup()) });
    const wizard = await opened(api);
    show(wizard);
    const user = userEvent.setup();
    await user.click(radios('setup-number').find((r) => r.value === 'num-1') as HTMLInputElement);
    await user.click(byId('wizard-next'));
    expect(api.saveSetupNumber).toHaveBeenCalledWith('ws-1', 'num-1');
    await waitFor(() => expect(document.activeElement).toBe(byId('setup-language')));
    expect(document.querySelector('[data-step="language"]')).toBeTruthy();
  });
});

describe('the Language page', () => {
  it('names the languages in the UI’s language', async () => {
    const wizard = setupOn(withSetup(), 'number');
    await wizard.engine.goTo('language');
    showIn('de');
    show(wizard);
    const options = [...(byId('setup-language') as HTMLSelectElement).options].map((o) => o.textContent ?? '');
    expect(options[0]).toBe(m.setup_language_choose());
    expect(options).toContain('Deutsch (de)');
    const names = options.slice(1);
    expect(names).toEqual([...names].sort(compareText));
    expect(names).toHaveLength(3);
  });
});

describe('the Behaviours page', () => {
  const greeting: Behaviours = { ...setup().behaviours, automatedMessages: [{ trigger: 'greeting', text: 'Hi' }] };

  it('opens with focus on Add message, the first thing on the page', async () => {
    const api = fakeSetupIpc({ saveSetupLanguage: vi.fn(async () => withSetup({ language: 'de' })) });
    const wizard = setupOn(withSetup({ language: 'de' }), 'language', api);
    show(wizard);
    await userEvent.setup().click(byId('wizard-next'));
    await waitFor(() => expect(document.activeElement).toBe(byId('add-automated-message')));
  });

  it('does not offer a used trigger again, and previews the placeholders as typed', async () => {
    const wizard = setupOn(withSetup({ behaviours: greeting }), 'behaviours');
    show(wizard);
    expect(document.querySelectorAll('.automated-item')).toHaveLength(1);
    const user = userEvent.setup();
    await user.click(byId('add-automated-message'));
    const triggers = [...(byId('automated-trigger') as HTMLSelectElement).options].map((o) => o.value);
    expect(triggers).not.toContain('greeting');
    expect(triggers).toContain('agent_assigned');
    await user.type(byId('automated-text'), 'I am {{AgentName} from {{QueueName}.');
    expect(byId('automated-preview').textContent).toBe(`I am ${m.setup_sample_agent_name()} from Default messaging queue.`);
    expect(byId('automated-text-hint').textContent).toContain('{AgentName}');
    expect(byId('automated-text-hint').textContent).toContain('{QueueName}');
  });

  it('saves a message from the form and lists it with Edit and Remove', async () => {
    const api = fakeSetupIpc({ saveSetupBehaviours: vi.fn(async (_id, behaviours) => withSetup({ behaviours })) });
    show(setupOn(withSetup(), 'behaviours', api));
    const user = userEvent.setup();
    await user.click(byId('add-automated-message'));
    await user.type(byId('automated-text'), 'Hello');
    await user.click(byId('save-automated-message'));
    const item = document.querySelector('.automated-item');
    expect(item?.textContent).toContain(m.setup_trigger_greeting());
    expect(item?.querySelector('.edit-automated')).toBeTruthy();
    expect(item?.querySelector('.remove-automated')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(byId('add-automated-message')));
  });

  it('shows the survey’s fields, the one delivery with its reason and the 24-hour warning', async () => {
    show(setupOn(withSetup(), 'behaviours'));
    expect(document.getElementById('survey-reference')).toBeNull();
    const user = userEvent.setup();
    await user.click(byId('survey-enabled'));
    expect(byId('survey-enabled').getAttribute('role')).toBe('switch');
    const delivery = radios('survey-delivery');
    expect(delivery.map((r) => [r.value, r.checked])).toEqual([['send_link', true]]);
    expect(byId('survey-delivery').textContent).toContain(m.setup_survey_delivery_send_link());
    expect(byId('survey-delivery-why').textContent).toBe(m.setup_survey_delivery_why());
    expect(byId('survey-24-hours').textContent).toBe(m.setup_survey_24_hours());
    await user.click(byId('use-default-survey-message'));
    expect((byId('survey-message') as HTMLTextAreaElement).value).toBe(m.setup_survey_default_message());
  });

  it('shows every error of a refused Next at once, each under its field, and focuses the first', async () => {
    const api = fakeSetupIpc({
      saveSetupBehaviours: vi.fn(async () =>
        Promise.reject(appError('required', 'surveyReference', [appError('required', 'surveyMessage')])),
      ),
    });
    show(setupOn(withSetup(), 'behaviours', api));
    const user = userEvent.setup();
    await user.click(byId('survey-enabled'));
    await user.click(byId('wizard-next'));
    for (const id of ['survey-reference', 'survey-message']) {
      expect(byId(id).getAttribute('aria-invalid')).toBe('true');
      expect(describedBy(byId(id))).toContain(`${id}-error`);
    }
    await waitFor(() => expect(document.activeElement).toBe(byId('survey-reference')));
    expect(byId('page-error').textContent).toContain('2');
  });

  it('adds an approved template picked in its dialog, keeping it open with the problem under the choice when refused', async () => {
    const sid = APPROVED[0].contentSid;
    const api = fakeSetupIpc({
      saveSetupBehaviours: vi
        .fn()
        .mockRejectedValueOnce(appError('duplicate_content_sid', 'templates.0.contentSid'))
        .mockImplementation(async (_id: string, behaviours: Behaviours) => withSetup({ behaviours })),
    });
    const wizard = setupOn(withSetup({ language: 'de' }), 'behaviours', api);
    await wizard.languages.load();
    const handlers = show(wizard);
    const user = userEvent.setup();
    await user.click(byId('add-template'));
    expect((byId('template-dialog') as HTMLDialogElement).open).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(byId('template-content-sid')));
    expect((byId('save-template') as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(byId('template-content-sid'), sid);
    expect(byId('template-chosen-text').textContent).toBe('Hallo {{1}}');
    expect(byId('template-chosen-language').textContent).toContain('German');
    await user.click(byId('save-template'));
    expect(byId('template-content-sid-error')).toBeTruthy();
    expect((byId('template-dialog') as HTMLDialogElement).open).toBe(true);
    await user.click(byId('save-template'));
    expect((byId('template-dialog') as HTMLDialogElement).open).toBe(false);
    const item = document.querySelector('.template-item');
    expect(item?.textContent).toContain(sid);
    expect(item?.textContent).toContain('German');
    expect(handlers.onclose).not.toHaveBeenCalled();
    expect(handlers.oncancel).not.toHaveBeenCalled();
  });

  it('says how to get an approved template when the account has none', async () => {
    const wizard = setupOn(withSetup(), 'behaviours', fakeSetupIpc({ approvedTemplates: vi.fn(async () => []) }));
    show(wizard);
    const user = userEvent.setup();
    await user.click(byId('add-template'));
    await waitFor(() => expect(byId('template-none-approved')).toBeTruthy());
  });

  it('closes the template dialog on Escape without cancelling the wizard', async () => {
    const wizard = setupOn(withSetup(), 'behaviours');
    const handlers = show(wizard);
    const user = userEvent.setup();
    await user.click(byId('add-template'));
    await fireEvent.keyDown(byId('template-content-sid'), { key: 'Escape' });
    expect(wizard.behaviours.template).toBeNull();
    expect(handlers.oncancel).not.toHaveBeenCalled();
  });
});

describe('the User features page', () => {
  it('shows the boxes once switched on, WhatsApp’s file types and Twilio’s media setting', async () => {
    show(setupOn(withSetup(), 'user_features'));
    expect(document.getElementById('attachments-customers')).toBeNull();
    await userEvent.setup().click(byId('attachments-enabled'));
    expect(byId('attachments-customers')).toBeTruthy();
    expect(byId('attachments-agents')).toBeTruthy();
    const types = [...byId('outbound-types').querySelectorAll('li')].map((li) => li.textContent);
    expect(types).toEqual(['.jpg', '.jpeg', '.png', '.mp3', '.oga', '.ogg', '.amr', '.mp4', '.pdf']);
    expect(byId('twilio-media-note').textContent).toContain('HTTP Authentication for media');
  });

  it('shows a refusal under the boxes and focuses the first', async () => {
    const api = fakeSetupIpc({ saveSetupUserFeatures: vi.fn(async () => Promise.reject(appError('required', 'attachments'))) });
    show(setupOn(withSetup(), 'user_features', api));
    const user = userEvent.setup();
    await user.click(byId('attachments-enabled'));
    await user.click(byId('wizard-next'));
    expect(byId('attachments-error')).toBeTruthy();
    expect(byId('attachments-customers').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(byId('attachments-customers')));
  });
});

describe('the Summary page', () => {
  const done = () =>
    withSetup({
      language: 'de',
      nextStep: 'summary',
      behaviours: {
        automatedMessages: [{ trigger: 'greeting', text: 'Hi {AgentName}' }],
        survey: { enabled: true, reference: 'https://voice.example.com/s', message: 'Thanks', delivery: 'send_link' },
        templates: [{ contentSid: 'HX0123456789abcdef0123456789abcdef', language: 'de', text: 'Hallo' }],
      },
      attachments: { enabled: true, customers: true, agents: false },
    });

  it('lists every choice with an Edit link back to its page', async () => {
    const wizard = setupOn(done(), 'summary');
    await wizard.languages.load();
    show(wizard);
    const items = [...document.querySelectorAll('#setup-summary .summary-item')];
    expect(items.map((i) => i.getAttribute('data-item'))).toEqual([
      'number',
      'language',
      'automated_messages',
      'survey',
      'templates',
      'attachments',
    ]);
    for (const item of items) expect(item.querySelector('a.edit-step')).toBeTruthy();
    const text = (item: string) => document.querySelector(`.summary-item[data-item="${item}"]`)?.textContent ?? '';
    expect(text('number')).toContain('+14155238886');
    expect(text('language')).toContain('German (de)');
    expect(text('automated_messages')).toContain('Hi {AgentName}');
    expect(text('survey')).toContain('https://voice.example.com/s');
    expect(text('attachments')).toContain(m.setup_attachments_customers());
    expect(text('attachments')).not.toContain(m.setup_attachments_agents());
    const edit = document.querySelector<HTMLElement>('.summary-item[data-item="language"] a.edit-step');
    await userEvent.setup().click(edit as HTMLElement);
    expect(wizard.engine.step).toBe('language');
    await waitFor(() => expect(document.activeElement).toBe(byId('setup-language')));
  });

  it('Finish asks the view to finish', async () => {
    const handlers = show(setupOn(done(), 'summary'));
    await userEvent.setup().click(byId('wizard-finish'));
    expect(handlers.onfinish).toHaveBeenCalledTimes(1);
  });

  it('stays open and says why when Finish is refused', async () => {
    const api = fakeSetupIpc({ finishSetup: vi.fn(async () => Promise.reject(appError('storage'))) });
    const wizard = setupOn(done(), 'summary', api);
    show(wizard, { onfinish: () => void wizard.finish() });
    await userEvent.setup().click(byId('wizard-finish'));
    expect(api.finishSetup).toHaveBeenCalledWith('ws-1');
    await waitFor(() => expect(byId('page-error').textContent?.trim()).not.toBe(''));
  });
});

describe('closing', () => {
  it('Save and close asks the view to save and close', async () => {
    const handlers = show(setupOn(withSetup(), 'language'));
    await userEvent.setup().click(byId('wizard-close'));
    expect(handlers.onclose).toHaveBeenCalledTimes(1);
    expect(handlers.oncancel).not.toHaveBeenCalled();
  });

  it('Cancel asks the view to cancel', async () => {
    const handlers = show(setupOn(withSetup(), 'behaviours'));
    await userEvent.setup().click(byId('wizard-cancel'));
    expect(handlers.oncancel).toHaveBeenCalledTimes(1);
    expect(handlers.onclose).not.toHaveBeenCalled();
  });

  it('Escape is Cancel', async () => {
    const handlers = show(setupOn(withSetup(), 'user_features'));
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(handlers.oncancel).toHaveBeenCalledTimes(1);
  });
});
